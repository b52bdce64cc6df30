#!/bin/sh
# SPDX-License-Identifier: MIT
# Every bundled timeline loads with zero diagnostics, and the bare command
# shows the story when its output is not a terminal.
. "${top_srcdir:-.}/tests/lib.sh"

out=$tmp/out
"$TLV" check "$top_srcdir/timelines" >"$out" 2>&1
expect_status 0 $? "tlv check timelines/"
if [ "$(cat "$out")" = "0 errors, 0 warnings" ]; then
	pass
else
	fail "bundled timelines have diagnostics:"
	cat "$out"
fi

n=$(ls "$top_srcdir"/timelines/*.yaml | wc -l)
[ "$n" -ge 2 ] && pass || fail "expected at least two bundled files, got $n"

# No argument, stdout not a terminal: the summary of the bundled timelines.
TLV_TIMELINES=$top_srcdir/timelines "$TLV" >"$out" 2>&1 </dev/null
expect_status 0 $? "bare tlv piped"
for s in '^2014$' '^2022$' '^2024$' 'Crimea' 'Starlink' 'Taiwan' \
    'Wall Street Journal' 'Tucker Carlson' '\[alleged\]' '\[denied\]'; do
	expect_grep "$s" "$out" "bundled summary"
done
finish
