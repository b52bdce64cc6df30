#!/bin/sh
# SPDX-License-Identifier: MIT
# The timeline view ('T'), driven by key scripts as in ui.sh: every
# :save-screen dump is compared with golden/ui-lanes-*.txt.  data/lanes.yaml
# has overlapping spans, fuzzy and certain dates, an ongoing end, an open
# start, ? and ~, sources published after their events and events with two
# actors; data/lanes-crowd.yaml a lane with more events than rows.  Marks
# go to a store of the test's own.
. "${top_srcdir:-.}/tests/lib.sh"

cp -R "$top_srcdir/tests/data" "$tmp/data" &&
    chmod -R u+w "$tmp/data" || exit 1
cd "$tmp/data" || exit 1
story="lanes.yaml lanes-crowd.yaml"

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

# File lanes: stacking, fuzzy (░) against certain (█), the ongoing arrow
# and the open start, ? and ~, source ticks, the crowded lane's "+N"; T
# goes back to the list.
# shellcheck disable=SC2086
run lanes-file 80x24 $story <<EOF
T
:save-screen $tmp/lanes-file-1.txt
T
:save-screen $tmp/lanes-file-2.txt
EOF

# The selection among a crowded lane's events without a row of their own
# shows on its density row (a '◆' there), and j moves on from it.
# shellcheck disable=SC2086
run lanes-hidden 80x24 $story <<EOF
T/Crowd 15<Enter>
:save-screen $tmp/lanes-hidden-1.txt
j
:save-screen $tmp/lanes-hidden-2.txt
EOF

# Each lane mode in turn, back to file.
# shellcheck disable=SC2086
run lanes-modes 80x24 $story <<EOF
TL
:save-screen $tmp/lanes-modes-1.txt
L
:save-screen $tmp/lanes-modes-2.txt
L
:save-screen $tmp/lanes-modes-3.txt
L
:save-screen $tmp/lanes-modes-4.txt
L
:save-screen $tmp/lanes-modes-5.txt
L
:save-screen $tmp/lanes-modes-6.txt
EOF

# Zoom in (the bars of the crowd come back), pan, a period, a date; j/k
# move in time order and bring the window back to the selection.
# shellcheck disable=SC2086
run lanes-move 80x24 $story <<EOF
Tzz
:save-screen $tmp/lanes-move-1.txt
<Right><Right>
:save-screen $tmp/lanes-move-2.txt
<Left><Left><Left><Left>
:save-screen $tmp/lanes-move-3.txt
jj
:save-screen $tmp/lanes-move-4.txt
]
:save-screen $tmp/lanes-move-5.txt
:2024-10<Enter>
:save-screen $tmp/lanes-move-6.txt
EOF

# The detail pane, search, filter and a click, as in the list.
# shellcheck disable=SC2086
run lanes-keys 80x24 $story <<EOF
T<Enter>
:save-screen $tmp/lanes-keys-1.txt
/taiwan<Enter>
:save-screen $tmp/lanes-keys-2.txt
<Enter>ftag:wsj<Enter>
:save-screen $tmp/lanes-keys-3.txt
:click 5 60
:save-screen $tmp/lanes-keys-4.txt
EOF

# 40x10, and a resize in the middle.
# shellcheck disable=SC2086
run lanes-small 40x10 $story <<EOF
T
:save-screen $tmp/lanes-small-1.txt
z
:save-screen $tmp/lanes-small-2.txt
:resize 100x16
:save-screen $tmp/lanes-small-3.txt
EOF

# Marks (m) show without colour: "* " before the title, as in the list,
# or a '*' after the bar when its title has no room; m again unmarks.
# shellcheck disable=SC2086
XDG_STATE_HOME=$tmp/state NO_COLOR=1 run lanes-marks 80x24 $story <<EOF
Tm
j
m
:save-screen $tmp/lanes-marks-1.txt
m
:save-screen $tmp/lanes-marks-2.txt
EOF

# Without colour the glyphs still tell the parts apart; without UTF-8
# they are ASCII.
NO_COLOR=1 run lanes-mono 80x24 lanes.yaml <<EOF
T
:save-screen $tmp/lanes-mono-1.txt
EOF
LC_ALL=C LANG=C run lanes-ascii 80x24 lanes.yaml <<EOF
T
:save-screen $tmp/lanes-ascii-1.txt
EOF

finish
