#!/bin/sh
# SPDX-License-Identifier: MIT
# The bad-input corpus: each tests/bad-input/NAME.yaml (or .json) has one
# defect; NAME.expected holds the exact output of 'tlv check NAME.yaml'
# (run inside tests/bad-input) followed by a line "exit N".
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir/tests/bad-input" || exit 1
count=0
for f in *.yaml *.yml *.json; do
	[ -e "$f" ] || continue
	name=${f%.*}
	count=$((count + 1))
	"$TLV" check "$f" >"$tmp/out" 2>&1
	echo "exit $?" >>"$tmp/out"
	if [ "${TLV_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/out" "$name.expected"
		pass
	elif diff -u "$name.expected" "$tmp/out"; then
		pass
	else
		fail "$f (diff above)"
	fi
done
[ "$count" -ge 25 ] && pass || fail "only $count files in the corpus"
finish
