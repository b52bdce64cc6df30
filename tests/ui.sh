#!/bin/sh
# SPDX-License-Identifier: MIT
# The viewer, driven by key scripts (TLV_SCRIPT) on a curses screen that
# needs no terminal; each :save-screen dump is compared with a golden file.
. "${top_srcdir:-.}/tests/lib.sh"

# Writable copies: in distcheck the source tree is read-only, and the
# header would say so.
cp -R "$top_srcdir/tests/data" "$tmp/data" &&
    cp -R "$top_srcdir/timelines" "$tmp/timelines" &&
    chmod -R u+w "$tmp/data" "$tmp/timelines" || exit 1
cd "$tmp/data" || exit 1

# run NAME COLSxROWS FILE...: keys on stdin; screens saved by the script as
# $tmp/NAME-N.txt are compared with golden/ui-NAME-N.txt.
run() {
	name=$1 size=$2
	shift 2
	cat >"$tmp/$name.keys"
	COLUMNS=${size%x*} LINES=${size#*x} TLV_SCRIPT=$tmp/$name.keys \
	    "$TLV" "$@" >"$tmp/$name.out" 2>&1
	status=$?
	if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
		fail "$name: exit status $status"
		cat "$tmp/$name.out"
	fi
	for f in "$tmp/$name"-*.txt; do
		[ -e "$f" ] || { fail "$name: no screen saved"; return; }
		expect_golden "ui-$(basename "$f")" "$f"
	done
}

run start 80x24 story.yaml story-more.yaml <<EOF
:save-screen $tmp/start-1.txt
jj
:save-screen $tmp/start-2.txt
<Enter>
:save-screen $tmp/start-3.txt
<Tab>jj
:save-screen $tmp/start-4.txt
EOF

run search 80x24 story.yaml story-more.yaml <<EOF
/starlink
:save-screen $tmp/search-1.txt
<Enter>
:save-screen $tmp/search-2.txt
nn
:save-screen $tmp/search-3.txt
N
:save-screen $tmp/search-4.txt
/no such thing<Enter>
:save-screen $tmp/search-5.txt
EOF

run filter 80x24 story.yaml story-more.yaml <<EOF
ftag:star
:save-screen $tmp/filter-1.txt
link
:save-screen $tmp/filter-2.txt
 tga:x
:save-screen $tmp/filter-3.txt
<C-w><Backspace><Enter>
:save-screen $tmp/filter-4.txt
F
:save-screen $tmp/filter-5.txt
fstatus:denied<Esc>
:save-screen $tmp/filter-6.txt
EOF

# A rejected query, typed or accepted, leaves the filter in force when the
# prompt opened (list and header), and the header shows the filter at 120
# columns, however long the file list.
run rejected 120x14 "$tmp/timelines" <<EOF
ftag:russia<Enter>
f<C-u>from:
:save-screen $tmp/rejected-1.txt
<Enter>
:save-screen $tmp/rejected-2.txt
f<C-u>staus:alleged<Enter>
:save-screen $tmp/rejected-3.txt
f<C-u>actor:"Elon Musk<Enter>
:save-screen $tmp/rejected-4.txt
EOF

run zoom 80x24 story.yaml story-more.yaml <<EOF
G
:save-screen $tmp/zoom-1.txt
z
:save-screen $tmp/zoom-2.txt
z
:save-screen $tmp/zoom-3.txt
[
:save-screen $tmp/zoom-4.txt
Z
:save-screen $tmp/zoom-5.txt
g]]
:save-screen $tmp/zoom-6.txt
G:2024-02-09<Enter>ZZZZZZzzzz
:save-screen $tmp/zoom-7.txt
z
:save-screen $tmp/zoom-8.txt
EOF

run goto 80x24 story.yaml story-more.yaml <<EOF
:late 2022<Enter>
:save-screen $tmp/goto-1.txt
:lat 2022<Enter>
:save-screen $tmp/goto-2.txt
r
:save-screen $tmp/goto-3.txt
<lt>
:save-screen $tmp/goto-4.txt
:100 BC<Enter>
:save-screen $tmp/goto-5.txt
:2090<Enter>
:save-screen $tmp/goto-6.txt
EOF

# r follows the links of the event the cursor is on: Crimea's two links in
# a chooser (its second was unreachable when r counted across events),
# and an event with one link at once.
# Contested claims: '~' marks a verdict that changed; the detail pane has
# the history, relations by kind and the independent sources; with asof:
# the list shows (and colours) each verdict as of then; r's chooser names
# each relation's kind.
run claims 100x30 claims.yaml <<EOF
:save-screen $tmp/claims-1.txt
<Enter>
:save-screen $tmp/claims-2.txt
<Enter>fasof:2024-11-15<Enter>
:save-screen $tmp/claims-3.txt
Fjr
:save-screen $tmp/claims-4.txt
EOF

run related 100x16 "$tmp/timelines" <<EOF
r
:save-screen $tmp/related-1.txt
<Enter>
:save-screen $tmp/related-2.txt
<lt>rj
:save-screen $tmp/related-3.txt
<Enter>
:save-screen $tmp/related-4.txt
/never intended<Enter>r
:save-screen $tmp/related-5.txt
EOF

# A source url in the detail pane is on a line of its own, unbroken.
run urls 120x40 "$tmp/timelines" <<EOF
/secret conversations<Enter><Enter><Tab>jjjjjjjjj
:save-screen $tmp/urls-1.txt
EOF

# Paging keys on the bundled story (20 events in a 10-row list).
run pages 80x16 "$tmp/timelines" <<EOF
<PgDn>
:save-screen $tmp/pages-1.txt
<Space>
:save-screen $tmp/pages-2.txt
<PgUp>
:save-screen $tmp/pages-3.txt
<End>
:save-screen $tmp/pages-4.txt
<Home><C-l>
:save-screen $tmp/pages-5.txt
EOF

run help 80x24 story.yaml <<EOF
?
:save-screen $tmp/help-1.txt
q
:save-screen $tmp/help-2.txt
?Gkkkkkkkk
:save-screen $tmp/help-3.txt
EOF

run wide120 120x30 wide.yaml <<EOF
<Enter>
:save-screen $tmp/wide120-1.txt
EOF

# A search ignores diacritics, also written as combining marks, and the
# match is highlighted with its marks.
run accents 80x12 wide.yaml <<EOF
/naive resume<Enter>
:save-screen $tmp/accents-1.txt
EOF

run wide80 80x24 wide.yaml <<EOF
j<Enter>
:save-screen $tmp/wide80-1.txt
EOF

run small 40x10 story.yaml story-more.yaml <<EOF
:save-screen $tmp/small-1.txt
<Enter>j
:save-screen $tmp/small-2.txt
:resize 200x60
:save-screen $tmp/small-3.txt
EOF

printf 'events:\n  - {title: Bad, date: lat 2022}\n' >"$tmp/bad.yaml"
cp story.yaml "$tmp/good.yaml"
cd "$tmp" || exit 1
run failed 80x24 good.yaml bad.yaml <<EOF
:save-screen $tmp/failed-1.txt
E
:save-screen $tmp/failed-2.txt
EOF
cd "$tmp/data" || exit 1

# Hostile text: the screen shows escapes as ^[ and <U+202E>, never raw.
run hostile 80x24 hostile.yaml <<EOF
<Enter>
:save-screen $tmp/hostile-1.txt
EOF
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/hostile-1.txt" ||
    grep -q "$(printf '\302\233')\|$(printf '\342\200\256')" "$tmp/hostile-1.txt"; then
	fail "raw control characters on the screen"
else
	pass
fi

# Without UTF-8 (LANG=C) text beyond ASCII is drawn as <U+XXXX>, the
# count still in the header, and the status line says why, once.
LC_ALL=C run ascii 80x24 wide.yaml story-more.yaml <<EOF
:save-screen $tmp/ascii-1.txt
jj<Enter>
:save-screen $tmp/ascii-2.txt
EOF
# ... and the detail pane wraps the text as wide as it is drawn.
printf 'events:\n  - title: Zo\303\253\n    date: 2022\n    description: %s\n' \
    "$(printf 'M\303\274ller %.0s' 1 2 3 4 5 6 7 8 9 10)" >"$tmp/accents.yaml"
cd "$tmp" || exit 1
LC_ALL=C run asciiwrap 60x16 accents.yaml <<EOF
<Enter>
:save-screen $tmp/asciiwrap-1.txt
EOF
cd "$tmp/data" || exit 1
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp"/ascii-*.txt \
    "$tmp"/asciiwrap-*.txt; then
	fail "bytes beyond ASCII on a screen without UTF-8"
else
	pass
fi

NO_COLOR=1 run mono 80x24 story.yaml <<EOF
j
:save-screen $tmp/mono-1.txt
EOF
finish
