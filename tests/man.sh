#!/bin/sh
# SPDX-License-Identifier: MIT
# The man page: its KEYS list is exactly what 'tlv keys' prints from the
# action table (so a key added to src/action.h without the man page fails
# here), it documents every command, and man(1) renders it without a
# warning (skipped, with a message, where man or mandoc is missing).
. "${top_srcdir:-.}/tests/lib.sh"

page=$top_srcdir/doc/tlv.1

# The lines between the BEGIN KEYS and END KEYS comments.
sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$page" |
	sed '1d;$d' >"$tmp/man-keys"
"$TLV" keys >"$tmp/tlv-keys" 2>"$tmp/err"
expect_status 0 $? "tlv keys"
if [ ! -s "$tmp/man-keys" ]; then
	fail "doc/tlv.1 has no BEGIN KEYS / END KEYS block"
elif diff -u "$tmp/man-keys" "$tmp/tlv-keys"; then
	pass
else
	fail "KEYS in doc/tlv.1 differs from 'tlv keys' (diff above; run" \
	    "'make update-man-keys')"
fi

# Every action of the table is in the list, so the check above is not
# comparing two empty lists.
for action in move-down quit help filter goto-date; do
	expect_grep "Pq Cm $(printf '%s' "$action" | sed 's/-/\\\\-/g')\$" \
	    "$tmp/tlv-keys" "tlv keys lists $action"
done

# Every command of the contract is in the synopsis.
for cmd in summary check annotate add rm export import; do
	expect_grep "^\.Cm $cmd\$" "$page" "SYNOPSIS has $cmd"
done

# 'tlv keys' takes no arguments.
"$TLV" keys extra >"$tmp/out" 2>&1
expect_status 2 $? "tlv keys extra"

if command -v man >/dev/null 2>&1; then
	# groff's warnings and man's own both go to stderr.
	MANWIDTH=80 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err"
	expect_status 0 $? "man --warnings -l doc/tlv.1"
	if [ -s "$tmp/man.err" ]; then
		fail "man --warnings is not silent:"
		sed 's/^/  | /' "$tmp/man.err"
	else
		pass
	fi
	expect_grep 'zoom the time ruler in' "$tmp/man.txt" "rendered KEYS"
else
	echo "man.sh: man(1) is not installed: rendering not checked"
fi

if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1
	expect_status 0 $? "mandoc -T lint -W warning doc/tlv.1"
	[ -s "$tmp/lint" ] && sed 's/^/  | /' "$tmp/lint"
else
	echo "man.sh: mandoc is not installed: lint not run"
fi

finish
