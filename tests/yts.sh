#!/bin/sh
# SPDX-License-Identifier: MIT
# YAML Test Suite conformance (tests/yaml-test-suite, see its README): every
# case goes through 'tlv check' under a 5-second timeout.  tlv must never
# crash or hang (exit 0 or 1 only); most cases are not timelines, so schema
# errors are expected.  Where libyaml rejects the input (tests/yaml_errline
# says on which line), tlv must report an error on that same line: a syntax
# error is never hidden behind another diagnostic.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-.}/tests/lib.sh"

errline=${YAML_ERRLINE:-${top_builddir:-.}/tests/yaml_errline}
case $errline in /*) ;; *) errline=$(pwd)/$errline ;; esac
if [ ! -x "$errline" ]; then
	echo "yts: $errline is not built (make check builds it)"
	exit 77
fi

cd "$top_srcdir/tests/yaml-test-suite" || exit 1
# libyaml's verdict on every case, in one run of the helper.
# shellcheck disable=SC2046
"$errline" $(awk '!/^#/ { print $1 ".yaml" }' INDEX) >"$tmp/lines" || exit 1
cases=0 rejected=0 errcases=0
while read -r name kind note; do
	case $name in '#'* | '') continue ;; esac
	f=$name.yaml
	cases=$((cases + 1))
	[ "$kind" = error ] && errcases=$((errcases + 1))
	timeout 5 "$TLV" check "$f" >"$tmp/out" 2>&1
	rc=$?
	case $rc in
	0 | 1) ;;
	124)
		fail "$f ($kind): no answer within 5 s"
		continue
		;;
	*)
		fail "$f ($kind): exit status $rc"
		sed 's/^/  | /' "$tmp/out" | head -20
		continue
		;;
	esac
	want=$(awk -v f="$f" '$1 == f { print $2 }' "$tmp/lines")
	if [ "$want" = 0 ]; then
		pass
		continue
	fi
	rejected=$((rejected + 1))
	if grep -q "^$f:$want:[0-9]*: error: " "$tmp/out"; then
		pass
	else
		fail "$f ($kind${note:+, $note}): libyaml rejects it at line" \
		    "$want, tlv reports no error there:"
		sed 's/^/  | /' "$tmp/out"
	fi
done <INDEX
# The index must be complete: 402 cases, 94 of them errors.
if [ "$cases" -eq 402 ] && [ "$errcases" -eq 94 ]; then
	pass
else
	fail "INDEX lists $cases cases ($errcases errors), expected 402 (94)"
fi
echo "yts: $cases cases, $rejected rejected by libyaml, each reported" \
    "by tlv at libyaml's line"
finish
