#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile input: tests/gen_adversarial writes the corpus (deep nesting,
# alias bombs, 20 MB scalars, control and bidi characters in every field,
# truncated files, ...); this script adds a directory, a FIFO and an
# unreadable file.  Each case goes through 'tlv check' and 'tlv summary
# --full' under a 5-second timeout and a 400 MB address-space cap, and must
# give its expected outcome (exit status and a diagnostic) with no raw
# control, C1 or bidi character in the output.  Sanitizer builds get no
# memory cap (ASan reserves terabytes of address space) and more time.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-.}/tests/lib.sh"

gen=${GEN_ADVERSARIAL:-${top_builddir:-.}/tests/gen_adversarial}
case $gen in /*) ;; *) gen=$(pwd)/$gen ;; esac
if [ ! -x "$gen" ]; then
	echo "adversarial: $gen is not built (make check builds it)"
	exit 77
fi
limit=5
[ -n "${TLV_SANITIZED:-}" ] && limit=60

dir=$tmp/corpus
if ! mkdir "$dir" || ! "$gen" "$dir"; then
	echo "adversarial: generator failed"
	exit 1
fi
cd "$dir" || exit 1
mkdir empty-dir sub-dir sub-dir/dir.yaml
mkfifo fifo.yaml

# Bytes that must never reach a terminal raw: C0 but TAB and LF, DEL, C1
# (U+0080..U+009F) and the bidi controls U+200E/F, U+202A..E, U+2066..9.
c1=$(printf '\302[\200-\237]')
bidi1=$(printf '\342\200[\216\217\252-\256]')
bidi2=$(printf '\342\201[\246-\251]')

# run EXPECT-STATUS TEXT ARGS...: tlv ARGS, capped; output to $tmp/out.
# capped SECONDS ARGS...: tlv ARGS under the caps, output to $tmp/out.
capped() {
	secs=$1
	shift
	(
		# dash, bash and busybox sh all have ulimit -v.
		# shellcheck disable=SC3045
		[ -n "${TLV_SANITIZED:-}" ] || ulimit -v 400000
		exec timeout "$secs" "$TLV" "$@"
	) >"$tmp/out" 2>&1
}

run() {
	want=$1 text=$2
	shift 2
	what="tlv $*"
	capped "$limit" "$@"
	rc=$?
	# The limit is there to catch runaway work (an alias bomb expanded,
	# a quadratic scan), which no retry outlives; a machine busy with
	# other builds gets one more try at six times the limit.
	if [ "$rc" -eq 124 ]; then
		echo "adversarial: $what: no answer within $limit s; again, at $((limit * 6)) s"
		capped $((limit * 6)) "$@"
		rc=$?
	fi
	if [ "$rc" -eq 124 ]; then
		fail "$what: no answer within $((limit * 6)) s"
		return
	fi
	if [ "$rc" != "$want" ]; then
		fail "$what: exit status $rc, expected $want:"
		head -c 2000 "$tmp/out" | sed 's/^/  | /'
		return
	fi
	pass
	if [ -n "$text" ]; then
		expect_grep "$text" "$tmp/out" "$what"
	fi
	bad=$(tr -d '\011\012\040-\176\200-\377' <"$tmp/out" | wc -c)
	if [ "$bad" -ne 0 ] || LC_ALL=C grep -q -e "$c1" -e "$bidi1" \
	    -e "$bidi2" "$tmp/out"; then
		fail "$what: raw control or bidi characters in the output"
	else
		pass
	fi
}

# case FILE STATUS TEXT: both commands; summary shows only errors.
case_() {
	run "$2" "$3" check "$1"
	run "$2" "" summary --full "$1"
}

nest='nesting deeper than 64 levels'
for k in flow-seq flow-map block-seq block-map; do
	for n in 1k 100k 1m; do
		case_ "nest-$k-$n.yaml" 1 "$nest"
	done
done
case_ alias-bomb.yaml 1 "items of 'tags' must be text values"
case_ alias-self.yaml 1 "alias '\*a' refers to no complete anchor"
bomb='alias bomb?); the file is not loaded'
case_ alias-wide.yaml 1 "$bomb"
case_ alias-big.yaml 1 "$bomb"
case_ anchors-100k.yaml 0 '^0 errors, 0 warnings'
case_ big-title.yaml 0 '^0 errors, 0 warnings'
case_ big-desc.yaml 0 '^0 errors, 0 warnings'
case_ long-line.yaml 0 '^0 errors, 0 warnings'
case_ payload-nul.yaml 1 '^16 errors'
case_ payload-esc.yaml 1 "unrecognised date '2022^\[\[31mred"
case_ payload-c1.yaml 1 "unrecognised date '2022<U+009B>"
case_ payload-bidi.yaml 1 "unrecognised date '2022<U+202E>"
run 1 'title ^\[\[31mred^\[\[0m^\[\]0;title^G end' summary --full \
    payload-esc.yaml
run 1 'https://example.com/<U+202E>evil' summary --full payload-bidi.yaml
case_ trunc-quoted.yaml 1 'the file ends inside a quoted value'
case_ trunc-flow.yaml 1 "a '\[' is not closed"
case_ trunc-key.yaml 1 "could not find expected ':'"
case_ trunc-block.yaml 1 "items of 'actors' must be text values"
case_ bom.yaml 0 '^0 errors, 0 warnings'
case_ crlf.yaml 0 '^0 errors, 0 warnings'
case_ empty.yaml 1 'file is empty'
case_ blank.yaml 1 'file is empty'
case_ blank-tab.yaml 1 'tab character in indentation'
case_ dup-keys-100k.yaml 1 '^99999 errors'
case_ dup-top-keys.yaml 1 "duplicate key 'title' (first at line 1, column 1)"
case_ empty-dir 0 'warning: no .yaml, .yml or .json files'
case_ sub-dir 1 'dir.yaml: error: cannot read: Is a directory'
case_ fifo.yaml 1 'fifo.yaml: error: cannot read: not a regular file'

# Unreadable: root reads anything, so drop to nobody when root.
printf 'title: x\nevents: []\n' >secret.yaml
chmod 000 secret.yaml
if [ "$(id -u)" != 0 ]; then
	case_ secret.yaml 1 'secret.yaml: error: cannot read: Permission denied'
elif command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$tmp" "$dir"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$TLV" check secret.yaml >"$tmp/out" 2>&1
	expect_status 1 $? "unreadable file"
	expect_grep 'cannot read: Permission denied' "$tmp/out" "unreadable file"
else
	echo "adversarial: root without setpriv: unreadable case skipped"
fi
finish
