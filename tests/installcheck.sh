#!/bin/sh
# SPDX-License-Identifier: MIT
# 'make installcheck' (run by distcheck): every file 'make install' put in
# place is where it belongs, and the installed tlv, run from its own
# directory, finds the bundled timelines under pkgdatadir.
#
# usage: installcheck.sh DESTDIR BIN MAN SAMPLE TIMELINES COMPLETIONDIR
# (COMPLETIONDIR empty: configured without the bash completion)
set -u
destdir=$1 bin=$destdir$2 man=$destdir$3 sample=$destdir$4
timelines=$destdir$5 completion=${6:+$destdir$6/tlv}
failed=0

fail() {
	printf 'installcheck: FAIL: %s\n' "$*" >&2
	failed=1
}

[ -x "$bin" ] || fail "no program $bin"
[ -s "$man" ] || fail "no man page $man"
head -n 20 "$man" | grep -q '^\.Dt TLV 1' || fail "$man is not tlv(1)"
[ -s "$sample" ] || fail "no sample configuration $sample"
ls "$timelines"/*.yaml >/dev/null 2>&1 || fail "no timelines in $timelines"
if [ -n "$completion" ]; then
	[ -s "$completion" ] || fail "no bash completion $completion"
	grep -q 'complete -F _tlv' "$completion" 2>/dev/null ||
		fail "$completion does not register _tlv"
fi

# Without DESTDIR the program runs where it was installed: with no FILE it
# must find the installed timelines (not the build tree's).
if [ -z "$destdir" ] && [ -x "$bin" ]; then
	out=$(cd / && env -u TLV_TIMELINES TLV_CONFIG=/dev/null \
	    "$bin" summary --brief </dev/null 2>&1)
	status=$?
	[ "$status" = 0 ] || fail "installed 'tlv summary': exit $status: $out"
	[ -n "$out" ] || fail "installed 'tlv summary' printed nothing"
	"$bin" check "$timelines" >/dev/null 2>&1 ||
		fail "installed timelines do not pass 'tlv check'"
fi
[ "$failed" = 0 ] && echo "installcheck: the installed layout is complete"
exit "$failed"
