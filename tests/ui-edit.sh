#!/bin/sh
# SPDX-License-Identifier: MIT
# Changes from the viewer (key scripts, a scripted $EDITOR): a, D, u, e, A;
# invalid editor text (edit again / discard); a file changed meanwhile.
# Each step is checked in the file itself, and on the screen.
. "${top_srcdir:-.}/tests/lib.sh"

USER=alice
export USER
cd "$tmp" || exit 1
copy "$data/story.yaml" story.yaml
cp story.yaml orig.yaml

# keys NAME: run the viewer on story.yaml with the keys on stdin.
keys() {
	cat >"$tmp/$1.keys"
	COLUMNS=80 LINES=24 TLV_SCRIPT=$tmp/$1.keys "$TLV" story.yaml \
	    >"$tmp/$1.out" 2>&1
	st=$?
	[ $st -le 1 ] && pass || fail "$1: exit status $st"
}

# a: a note on the third event (contact), saved at once; u: back to the
# exact bytes; u again: nothing to undo.
keys note <<EOF
jja
Ask the Kremlin, again<Enter>
:save-screen $tmp/note.txt
:sh cp $tmp/story.yaml $tmp/noted.yaml
u
:save-screen $tmp/undo.txt
u
:save-screen $tmp/undo2.txt
EOF
expect_grep 'text: Ask the Kremlin, again' noted.yaml "a saves the note"
expect_grep 'note added: saved story.yaml' note.txt "a says it saved"
diff -u orig.yaml noted.yaml | grep '^[-+] ' >"$tmp/d"
[ "$(grep -c '^+' "$tmp/d")" = 3 ] && [ "$(grep -c '^-' "$tmp/d")" = 0 ] &&
    pass || { fail "a changed more than the note:"; cat "$tmp/d"; }
cmp -s story.yaml orig.yaml && pass || fail "u did not restore the bytes"
expect_grep 'undone' undo.txt "u says so"
expect_grep 'nothing to undo' undo2.txt "u with nothing to undo"

# D asks first; n keeps, y deletes, u brings it back.
keys delete <<EOF
jD
:save-screen $tmp/ask.txt
n
jD
y
:save-screen $tmp/deleted.txt
:sh cp $tmp/story.yaml $tmp/deleted.yaml
u
EOF
expect_grep "delete 'Full-scale invasion of Ukraine'?" ask.txt "D asks"
if grep -q 'id: contact' deleted.yaml; then
	fail "D did not delete the event"
else
	pass
fi
expect_grep 'id: invasion' deleted.yaml "n kept the event"
cmp -s story.yaml orig.yaml && pass || fail "u did not bring the event back"

# e: the editor changes the title; only that line changes.
cat >"$tmp/ed-title" <<'EOF'
#!/bin/sh
sed -i 's/^title: Russia annexes Crimea$/title: Russia annexes Crimea (edited)/' "$1"
EOF
chmod +x "$tmp/ed-title"
EDITOR=$tmp/ed-title keys edit <<EOF
e
:save-screen $tmp/edit.txt
EOF
expect_grep 'Crimea (edited)' story.yaml "e edits"
expect_grep 'edited: saved story.yaml' edit.txt "e says it saved"
[ "$(diff orig.yaml story.yaml | grep -c '^[<>]')" = 2 ] && pass ||
    fail "e changed more than one line"
cp story.yaml orig.yaml

# e with an editor that breaks the event: asked; d discards, nothing saved.
cat >"$tmp/ed-break" <<'EOF'
#!/bin/sh
sed -i 's/^date: .*/date: lat 2022/' "$1"
EOF
chmod +x "$tmp/ed-break"
EDITOR=$tmp/ed-break keys edit-bad <<EOF
e
:save-screen $tmp/edit-bad.txt
d
:save-screen $tmp/edit-discard.txt
EOF
expect_grep "unrecognised date 'lat 2022'" edit-bad.txt "invalid text is shown"
expect_grep 'e: edit again, d: discard' edit-bad.txt "and the choice"
expect_grep 'discarded' edit-discard.txt "d discards"
cmp -s story.yaml orig.yaml && pass || fail "invalid editor text was saved"

# A: a new event from the template, with an id made from its title.
cat >"$tmp/ed-add" <<'EOF'
#!/bin/sh
sed -i 's/^title: $/title: A brand new event/; s/^date: .*/date: 2025-03/' "$1"
EOF
chmod +x "$tmp/ed-add"
EDITOR=$tmp/ed-add keys add <<EOF
A
:save-screen $tmp/add.txt
EOF
expect_grep 'id: 2025-03-a-brand-new-event' story.yaml "A adds with an id"
expect_grep 'title: A brand new event' story.yaml "A adds the title"
if grep -n -e ': \[\]$' -e ' $' story.yaml; then
	fail "A wrote what the template left empty (above)"
else
	pass
fi
"$TLV" check story.yaml >"$tmp/check" 2>&1
expect_grep '^0 errors, 0 warnings$' "$tmp/check" "the file checks clean"
cp story.yaml orig.yaml

# A file changed by another program meanwhile: reloaded, change re-applied.
keys stale <<EOF
jja
:sh sed -i 's/^title: Test story$/title: Changed meanwhile/' $tmp/story.yaml
stale note<Enter>
:save-screen $tmp/stale.txt
EOF
expect_grep 'title: Changed meanwhile' story.yaml "the other change stays"
expect_grep 'text: stale note' story.yaml "the note is re-applied"
cp story.yaml orig.yaml

# ... but a change that keeps the file's size is found only as the note
# is written (the bytes are compared while the new ones are written, in
# one pass): nothing is written, the file is reloaded, the viewer says so.
keys stale-size <<EOF
jja
:sh sed -i 's/^title: Changed meanwhile$/title: Changed Meanwhile/' $tmp/story.yaml
same size<Enter>
:save-screen $tmp/stale-size.txt
EOF
expect_grep 'story.yaml changed on disk since it was loaded; nothing was' \
    stale-size.txt "a same-size change on disk: the viewer says so"
expect_grep 'Changed Meanwhile' stale-size.txt "... and shows it reloaded"
if grep -q 'same size' story.yaml; then
	fail "a note was written over a file changed on disk"
else
	pass
fi
expect_grep 'title: Changed Meanwhile' story.yaml "the other change stays"
cp story.yaml orig.yaml

# u after another program changed the file (and the viewer reloaded it):
# the change is undone in the new bytes, found by its event's id; the
# other program's change stays.  Each of a, D (in the middle and at the
# end), e and A.
other="sed -i 's/^title: Changed meanwhile\$/title: Changed again/' $tmp/story.yaml"
undo_after() {
	name=$1
	shift
	{ printf '%s\n' "$@"; cat <<EOF
:sh $other
:poll
:save-screen $tmp/$name-reloaded.txt
u
:save-screen $tmp/$name.txt
EOF
	} | EDITOR=${ed:-false} keys "$name"
	expect_grep 'reloaded' "$name-reloaded.txt" "$name: the viewer reloads"
	expect_grep 'undone: story.yaml saved' "$name.txt" "$name: u undoes"
	sed 's/^title: Changed again$/title: Changed meanwhile/' story.yaml \
	    >"$tmp/back.yaml"
	cmp -s back.yaml orig.yaml && pass ||
	    { fail "$name: u after a reload:"; diff -u orig.yaml story.yaml; }
	cp orig.yaml story.yaml
}
undo_after undo-note jja 'a late note<Enter>'
undo_after undo-delete jD y
undo_after undo-delete-last GD y
cat >"$tmp/ed-status" <<'EOF'
#!/bin/sh
sed -i 's/^status: confirmed$/status: reported/' "$1"
EOF
chmod +x "$tmp/ed-status"
ed=$tmp/ed-status undo_after undo-edit e
ed=$tmp/ed-add undo_after undo-add A
if grep -q 'reload it first' ./*.txt; then
	fail "a message names a reload key that does not exist"
else
	pass
fi

# ... but not when the other program changed the same event: u says why,
# and writes nothing.
keys undo-same <<EOF
jja
mine<Enter>
:sh sed -i 's/^    title: Musk reportedly/    title: Musk allegedly/' $tmp/story.yaml
:poll
:sh cp $tmp/story.yaml $tmp/theirs.yaml
u
:save-screen $tmp/undo-same.txt
EOF
expect_grep "cannot undo: another program changed 'contact'" undo-same.txt \
    "u refuses when the same event changed"
cmp -s story.yaml theirs.yaml && pass || fail "a refused undo wrote"
cp orig.yaml story.yaml

# A file that another program breaks (a merge's conflict markers) keeps
# its last good events on screen, marked stale in the header and on each
# row, with its errors under E; edits to it are refused with the reason;
# broken again it stays so, and once fixed it is reloaded as usual.
copy "$data/story.yaml" s1.yaml
copy "$data/story-more.yaml" s2.yaml
cp s1.yaml s1.good
sed 's/^  - id: invasion$/<<<<<<< HEAD\n&/' s1.good >s1.broken
cat >"$tmp/stale.keys" <<EOF
:save-screen $tmp/stale0.txt
:sh cp $tmp/s1.broken $tmp/s1.yaml
:poll
:save-screen $tmp/stale1.txt
jja
a refused note<Enter>
:save-screen $tmp/stale-a.txt
D
y
:save-screen $tmp/stale-d.txt
:sh cp $tmp/s1.yaml $tmp/s1.after
<Enter>
:save-screen $tmp/stale-detail.txt
<Enter>
E
:save-screen $tmp/stale-e.txt
q
:sh sed 's/^    date: late 2022$/    date: lat 2022/' $tmp/s1.good >$tmp/s1.yaml
:poll
:save-screen $tmp/stale2.txt
:sh cp $tmp/s1.good $tmp/s1.yaml
:poll
:save-screen $tmp/stale3.txt
EOF
COLUMNS=120 TLV_SCRIPT=$tmp/stale.keys "$TLV" s1.yaml s2.yaml \
    >"$tmp/stale.out" 2>&1
expect_grep ' 8/8 events · 2 files' stale0.txt "stale: before"
expect_grep ' 8/8 events · 1 error (E) · stale: s1.yaml' stale1.txt \
    "a broken file keeps its events, stale in the header"
expect_grep 'confirmed  \[stale\] Russia annexes Crimea' stale1.txt \
    "its rows are marked stale"
if grep -q 'stale\] Caesar' stale1.txt; then
	fail "the other file's rows are marked stale"
else
	pass
fi
expect_grep 'is broken on disk; its last good events are shown' \
    stale1.txt "the reload says why"
expect_grep 'not changed: s1.yaml is broken on disk (E shows why)' \
    stale-a.txt "a on a stale event is refused"
expect_grep 'not changed: s1.yaml is broken on disk' stale-d.txt \
    "D on a stale event is refused"
cmp -s s1.after s1.broken && pass || fail "an edit wrote to a stale file"
expect_grep '(stale: the file is broken on disk' stale-detail.txt \
    "the detail pane says it is stale"
expect_grep "s1.yaml:16:7: error: could not find expected ':'" stale-e.txt \
    "the errors are under E"
expect_grep ' 8/8 events · 1 error (E) · stale: s1.yaml' stale2.txt \
    "broken again: still the last good events"
expect_grep 'alleged    \[stale\] Musk reportedly' stale2.txt \
    "broken again: the event with the error is still shown"
expect_grep ' 8/8 events · 2 files' stale3.txt "fixed: reloaded as usual"
if grep -q 'stale' stale3.txt; then
	fail "fixed, the file is still marked stale"
else
	pass
fi
expect_grep 'reloaded: s1.yaml changed on disk' stale3.txt \
    "the reload names the file that changed"

# Two files changed by another program: the reload names one and counts
# the other.
cat >"$tmp/two.keys" <<EOF
:sh sed 's/Russia annexes Crimea/Crimea annexed/' $tmp/s1.good >$tmp/s1.yaml
:sh sed 's/^title: /title: Changed /' $tmp/s2.yaml >$tmp/s2.new && mv $tmp/s2.new $tmp/s2.yaml
:poll
:save-screen $tmp/two.txt
EOF
COLUMNS=120 TLV_SCRIPT=$tmp/two.keys "$TLV" s1.yaml s2.yaml >"$tmp/two.out" 2>&1
expect_grep 'reloaded: s1.yaml and 1 other file changed on disk' two.txt \
    "the reload counts the other file"

# Items set apart by blank lines: A adds one with a blank line before it,
# D leaves no double blank line and names the events that still link to
# the deleted one.
printf 'title: Spaced\nevents:\n  - id: a\n    date: 2020\n    title: A\n\n  - id: b\n    date: 2021\n    title: B\n\n  - id: c\n    date: 2022\n    title: C\n    related: [b]\n' \
    >sp.yaml
cat >"$tmp/sp.keys" <<EOF
jD
y
:save-screen $tmp/sp-d.txt
:sh cp $tmp/sp.yaml $tmp/sp-d.yaml
A
EOF
EDITOR=$tmp/ed-add COLUMNS=120 TLV_SCRIPT=$tmp/sp.keys "$TLV" sp.yaml \
    >"$tmp/sp.out" 2>&1
expect_grep "'b' is still named in the related list of c" sp-d.txt \
    "D names the events that still link to it"
printf 'title: Spaced\nevents:\n  - id: a\n    date: 2020\n    title: A\n\n  - id: c\n    date: 2022\n    title: C\n    related: [b]\n' \
    >sp-d.want
cmp -s sp-d.yaml sp-d.want && pass ||
    { fail "D left the layout:"; diff -u sp-d.want sp-d.yaml; }
printf '    related: [b]\n\n  - id: 2025-03-a-brand-new-event\n' >sp-a.want
tail -n +10 sp.yaml | head -3 | cmp -s - sp-a.want && pass ||
    { fail "A without a blank line:"; cat sp.yaml; }

# E, then j and Enter: the editor opens at the selected problem's file
# and line; its path is an argument (here with a blank and a quote), the
# editor's own options work, and the file is reloaded afterwards.
printf 'events:\n  - id: a\n    date: lat 2022\n    title: A\n  - id: b\n    date: 2022\n    title: B\n    staus: x\n' \
    >"it's bad.yaml"
cat >"$tmp/ed-log" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$(dirname "$0")/ed-args"
sed -i 's/lat 2022/late 2022/' "$3"
EOF
chmod +x "$tmp/ed-log"
cat >"$tmp/problem.keys" <<EOF
E
:save-screen $tmp/problem1.txt
j<Enter>
:save-screen $tmp/problem2.txt
EOF
EDITOR="$tmp/ed-log --wait" TLV_SCRIPT=$tmp/problem.keys "$TLV" \
    "it's bad.yaml" >"$tmp/problem.out" 2>&1
expect_grep 'Enter opens it in the editor' problem1.txt "E says Enter opens"
printf -- "--wait\n+8\nit's bad.yaml\n" >ed-args.want
cmp -s ed-args ed-args.want && pass ||
    { fail "Enter on a problem ran the editor with:"; cat ed-args; }
expect_grep "it's bad.yaml:8:5: warning: unknown key 'staus'" problem2.txt \
    "the file is reloaded after the editor"
if grep -q "lat 2022" problem2.txt; then
	fail "the fixed problem is still shown"
else
	pass
fi

# A file with lone CR line breaks: a is refused with the real reason.
printf 'title: T\revents:\r  - id: a\r    date: 2022\r    title: A\r' >cr.yaml
cp cr.yaml cr.orig
cat >"$tmp/cr.keys" <<EOF
a
a note<Enter>
:save-screen $tmp/cr.txt
EOF
TLV_SCRIPT=$tmp/cr.keys "$TLV" cr.yaml >"$tmp/cr.out" 2>&1
expect_grep 'cr.yaml uses lone CR line breaks; tlv edits only LF or CRLF' \
    cr.txt "a on a lone-CR file says why"
cmp -s cr.yaml cr.orig && pass || fail "a wrote a lone-CR file"

# An event without an id: a, D and e each give it what it needs in ONE
# save (one rename of the file; failio.so logs them) -- a note or an edit
# with the id it needs to be found again, a deletion without one -- and one
# u brings back the exact bytes.
failio=$top_builddir/tests/failio.so
printf 'title: No ids\nevents:\n  - date: 2020-01-01\n    title: First\n  - date: 2021-02-03  # kept\n    title: Second one\n' \
    >noid.orig
cat >"$tmp/ed-noid" <<'EOF'
#!/bin/sh
sed -i 's/^title: First$/title: First (edited)/' "$1"
EOF
chmod +x "$tmp/ed-noid"
# noid NAME WANT KEYS...: run KEYS on a fresh noid.yaml, then u; the file
# after KEYS must be WANT (printf text), written once; after u, the
# original.
noid() {
	name=$1
	want=$2
	shift 2
	cp noid.orig noid.yaml
	rm -f "$tmp/$name.log"
	{ printf '%s\n' "$@"; cat <<EOF
:save-screen $tmp/$name.txt
:sh cp $tmp/noid.yaml $tmp/$name.yaml
u
:save-screen $tmp/$name-u.txt
EOF
	} >"$tmp/$name.keys"
	if [ -f "$failio" ] && [ -z "${TLV_SANITIZED:-}" ]; then
		FAILIO_LOG=$tmp/$name.log LD_PRELOAD=$failio EDITOR=$tmp/ed-noid \
		    TLV_SCRIPT=$tmp/$name.keys "$TLV" noid.yaml \
		    >"$tmp/$name.out" 2>&1
		n=$(grep -c 'noid.yaml$' "$tmp/$name.log")
		[ "$n" = 2 ] && pass ||
		    { fail "$name: $n renames for the change and its undo, not 2:"
		      cat "$tmp/$name.log"; }
	else
		EDITOR=$tmp/ed-noid TLV_SCRIPT=$tmp/$name.keys "$TLV" noid.yaml \
		    >"$tmp/$name.out" 2>&1
	fi
	printf "$want" >"$tmp/$name.want"
	cmp -s "$name.yaml" "$name.want" && pass ||
	    { fail "$name: the change:"; diff -u "$name.want" "$name.yaml"; }
	cmp -s noid.yaml noid.orig && pass ||
	    { fail "$name: one u did not restore the bytes:"
	      diff -u noid.orig noid.yaml; }
	expect_grep 'undone: noid.yaml saved' "$name-u.txt" "$name: u says so"
}
noid noid-note 'title: No ids\nevents:\n  - id: 2020-01-01-first\n    date: 2020-01-01\n    title: First\n    notes:\n      - at: 2026-11-29T12:00:00Z\n        by: alice\n        text: one save\n  - date: 2021-02-03  # kept\n    title: Second one\n' \
    a 'one save<Enter>'
expect_grep "note added, id '2020-01-01-first' given: saved noid.yaml" \
    noid-note.txt "a on an event without an id says what it gave"
noid noid-delete 'title: No ids\nevents:\n  - date: 2021-02-03  # kept\n    title: Second one\n' \
    D y
noid noid-edit 'title: No ids\nevents:\n  - id: 2020-01-01-first-edited\n    date: 2020-01-01\n    title: First (edited)\n  - date: 2021-02-03  # kept\n    title: Second one\n' \
    e
expect_grep 'edited: saved noid.yaml' noid-edit.txt "e without an id says so"
# A note on the second (a comment on its first line stays there).
noid noid-note2 'title: No ids\nevents:\n  - date: 2020-01-01\n    title: First\n  - id: 2021-02-03-second-one\n    date: 2021-02-03  # kept\n    title: Second one\n    notes:\n      - at: 2026-11-29T12:00:00Z\n        by: alice\n        text: two\n' \
    ja 'two<Enter>'

# The config: the author of notes, a key binding, the default filter, and
# a bad line shown as a problem while everything else still applies.
cat >"$tmp/config" <<'EOF'
author carol
bind x annotate
filter -tag:taiwan
bogus line
EOF
TLV_CONFIG=$tmp/config keys config <<EOF
:save-screen $tmp/config1.txt
E
:save-screen $tmp/config2.txt
qGx
from the config<Enter>
EOF
expect_grep 'filter: -tag:taiwan' config1.txt "config: default filter"
expect_grep '4/5 events' config1.txt "config: the filter applies"
expect_grep "config:4:1: error: unknown directive 'bogus'" config2.txt \
    "config: a bad line is a problem"
expect_grep '1 error in the config: E shows them' config1.txt \
    "config: the status line names the config, not the files"
expect_grep 'by: carol' story.yaml "config: the author"
expect_grep 'text: from the config' story.yaml "config: bound key"

# date-display iso: the resolved ranges instead of the text as written.
printf 'date-display iso\n' >"$tmp/config"
TLV_CONFIG=$tmp/config keys iso <<EOF
:save-screen $tmp/iso.txt
EOF
expect_grep '2022-09-01/\.\.  *alleged' iso.txt "date-display iso"
expect_grep '2014-02-20/2014-03-18  *confirmed' iso.txt "date-display iso"
finish
