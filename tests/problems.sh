#!/bin/sh
# SPDX-License-Identifier: MIT
# The viewer's problems page (E) lists what 'tlv check' prints for the same
# files, in the same order: duplicate ids (with the note at the first use)
# across two files, related ids that match no loaded event, unknown keys;
# after the viewer's own save (which updates the problems in place) and
# after a reload of a file changed on disk.
. "${top_srcdir:-.}/tests/lib.sh"

mkdir "$tmp/p"
cat >"$tmp/p/a.yaml" <<'YAML'
events:
  - id: x
    date: 2022
    title: X
    related: [nosuch, y]
  - id: y
    date: 2023
    title: Y
  - id: x
    date: 2024
    title: X again
    wrong: 1
YAML
cat >"$tmp/p/b.yaml" <<'YAML'
events:
  - id: y
    date: 2020
    title: Y in b
    related: [{id: gone, rel: contradicts}, x]
    bogus: 1
  - id: z
    date: 2025
    title: Z
    related: [x, also-gone]
YAML

# same_as_check NAME: the problems on screen $tmp/NAME.txt (the rows
# between the title and the blank line, and the count) must be what tlv
# check prints for the files as they are now.
same_as_check() {
	(cd "$tmp/p" && "$TLV" check a.yaml b.yaml) >"$tmp/$1.check"
	awk 'NR > 2 && /^ *$/ { blank = 1; next }
	    NR > 2 && !blank { print } blank && !/^ *$/ { print; exit }' \
	    "$tmp/$1.txt" | sed 's/ *$//' >"$tmp/$1.pane"
	if diff -u "$tmp/$1.check" "$tmp/$1.pane"; then pass; else
		fail "$1: E and tlv check differ (diff above)"; fi
}

# view NAME: run the key script on stdin in $tmp/p.
view() {
	cat >"$tmp/$1.keys"
	(cd "$tmp/p" && COLUMNS=100 LINES=30 TLV_SCRIPT=$tmp/$1.keys \
	    "$TLV" a.yaml b.yaml >"$tmp/$1.out" 2>&1)
}

view first <<KEYS
E
:save-screen $tmp/first.txt
KEYS
same_as_check first
grep -q 'related id .nosuch. matches no loaded event' "$tmp/first.txt" &&
    grep -q "note: 'x' was first used here" "$tmp/first.txt" && pass ||
    fail "E lacks the related or duplicate problems"

# A note added in the viewer (lines after it move), then E.
view saved <<KEYS
j
aChecked twice.<Enter>
E
:save-screen $tmp/saved.txt
KEYS
grep -q 'Checked twice' "$tmp/p/a.yaml" && pass ||
    fail "the note was not saved: $(cat "$tmp/saved.out")"
same_as_check saved

# A file changed on disk and reloaded: a related id now dangles.
view reloaded <<KEYS
:sh sed 's/related: \[x, also-gone\]/related: [x, y, lost]/' b.yaml >b.new && mv b.new b.yaml
:poll
E
:save-screen $tmp/reloaded.txt
KEYS
grep -q "related id 'lost'" "$tmp/reloaded.txt" && pass ||
    fail "the reload's problem is not in E"
same_as_check reloaded
finish
