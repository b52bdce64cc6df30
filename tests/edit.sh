#!/bin/sh
# SPDX-License-Identifier: MIT
# Editing from the command line: annotate, add and rm change only their
# event's lines (golden diffs); and a save never loses the original -- not
# on a full disk, a failed rename or fsync, a read-only directory, a crash
# in the middle, nor through a symlink.  Two people's notes merge in git.
. "${top_srcdir:-.}/tests/lib.sh"

USER=alice
export USER
cd "$tmp" || exit 1
copy "$data/story.yaml" story.yaml
cp story.yaml orig.yaml

# diff_golden NAME: the diff orig.yaml -> story.yaml must equal golden/NAME.
diff_golden() {
	diff -u orig.yaml story.yaml | sed '1,2d' >"$tmp/diff"
	expect_golden "$1" "$tmp/diff"
	cp story.yaml orig.yaml
}

"$TLV" annotate contact "Ask the Kremlin: did they comment?" story.yaml \
    >out 2>&1
expect_status 0 $? "annotate"
expect_grep '^annotated contact in story.yaml$' out "annotate"
diff_golden edit-annotate.diff

"$TLV" annotate --by bob crimea 'multi
line, with "quotes" # and a hash' story.yaml >out 2>&1
expect_status 0 $? "annotate --by"
diff_golden edit-annotate-new-list.diff

"$TLV" add --date 'late 2024' --title 'Musk: a new claim' --status alleged \
    --tag starlink --actor 'Elon Musk' story.yaml >out 2>&1
expect_status 0 $? "add"
expect_grep '^late-2024-musk-a-new-claim$' out "add prints the id"
diff_golden edit-add.diff

"$TLV" rm invasion story.yaml >out 2>&1
expect_status 0 $? "rm"
if grep -q 'still named' out; then
	fail "rm warns of links that are not there"
else
	pass
fi
diff_golden edit-rm.diff
"$TLV" check story.yaml >out 2>&1
expect_status 0 $? "check after the edits"

# Errors: unknown, misspelt, ambiguous ids; bad values.  Nothing written.
"$TLV" annotate nope "x" story.yaml >out 2>&1
expect_status 1 $? "annotate unknown id"
expect_grep "no event with id 'nope'" out "annotate unknown id"
"$TLV" rm contakt story.yaml >out 2>&1
expect_status 1 $? "rm misspelt id"
expect_grep "did you mean 'contact'" out "rm misspelt id"
# Long ids: a wrong word, a part, another case; several alike are listed.
printf 'events:\n  - {id: starlink-activated-ukraine, date: 2022, title: A}\n  - {id: wsj-musk-putin-contact, date: 2023, title: B}\n  - {id: musk-peace-plan-poll, date: 2024, title: C}\n' >long.yaml
for c in "starlink-activation|'starlink-activated-ukraine'" \
    "wsj-contact|'wsj-musk-putin-contact'" \
    "WSJ-Musk-Putin-Contact|'wsj-musk-putin-contact'" \
    "musk|'wsj-musk-putin-contact' or 'musk-peace-plan-poll'"; do
	"$TLV" annotate "${c%%|*}" "x" long.yaml >out 2>&1
	expect_grep "no event with id '${c%%|*}' (did you mean ${c#*|}?)" out \
	    "annotate ${c%%|*} suggests ${c#*|}"
done
"$TLV" annotate nope "x" long.yaml >out 2>&1
if grep -q 'did you mean' out; then fail "annotate nope suggests:"; cat out
else pass; fi
printf 'events:\n  - {id: contact, date: 2020, title: Dup}\n' >dup.yaml
"$TLV" annotate contact "x" story.yaml dup.yaml >out 2>&1
expect_status 1 $? "ambiguous id"
expect_grep "ambiguous id 'contact'" out "ambiguous id"
"$TLV" add --date 'lat 2024' --title x story.yaml >out 2>&1
expect_status 2 $? "add with a bad date"
"$TLV" add --date 2024 --title x --status rumoured story.yaml >out 2>&1
expect_status 2 $? "add with a bad status"
"$TLV" add --title x story.yaml >out 2>&1
expect_status 2 $? "add without --date"
cmp -s story.yaml orig.yaml && pass || fail "a failed command changed the file"

# add to a new file creates it
"$TLV" add --date 2025-01-20 --title 'Inauguration' new.yaml >out 2>&1
expect_status 0 $? "add to a new file"
"$TLV" check new.yaml >out 2>&1
expect_grep '^0 errors, 0 warnings$' out "the new file checks clean"

# The mode is kept; a symlink stays a symlink and its target changes.
chmod 640 story.yaml
"$TLV" annotate contact "mode" story.yaml >/dev/null 2>&1
[ "$(stat -c %a story.yaml)" = 640 ] && pass || fail "mode not kept"
mkdir real
mv story.yaml real/story.yaml
ln -s real/story.yaml story.yaml
"$TLV" annotate contact "through a link" story.yaml >/dev/null 2>&1
expect_status 0 $? "annotate through a symlink"
[ -L story.yaml ] && pass || fail "the symlink was replaced"
expect_grep 'through a link' real/story.yaml "symlink target"
rm story.yaml
mv real/story.yaml story.yaml
cp story.yaml orig.yaml

# Faults: the original survives byte for byte; no temporary file stays.
failio=$top_builddir/tests/failio.so
if [ -f "$failio" ] && [ -z "${TLV_SANITIZED:-}" ]; then
	for fault in write:28 fsync:5 rename:30 fchmod:1 mkstemp:28 \
	    write:28:short; do
		op=${fault%%:*} rest=${fault#*:} errno=${rest%%:*}
		short=
		[ "$rest" != "$errno" ] && short=1
		FAILIO_OP=$op FAILIO_ERRNO=$errno FAILIO_SHORT=$short \
		LD_PRELOAD=$failio "$TLV" annotate contact "fault $op" \
		    story.yaml >out 2>&1
		st=$?
		unset FAILIO_SHORT
		expect_status 1 $st "save with $op failing (errno $errno)"
		expect_grep 'cannot save' out "$op failure is reported"
		cmp -s story.yaml orig.yaml && pass ||
		    fail "$op failure changed the original"
		if ls -a | grep -q '\.tlv-'; then
			fail "$op failure left a temporary file"
		else
			pass
		fi
	done
	# kill -9 in the middle of a save: the old file or the new, whole.
	FAILIO_OP=rename FAILIO_SLEEP=3 LD_PRELOAD=$failio \
	    "$TLV" annotate contact "killed" story.yaml >/dev/null 2>&1 &
	pid=$!
	sleep 1
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	cmp -s story.yaml orig.yaml && pass || fail "a crash changed the file"
	tmpf=$(ls -a | grep '\.tlv-' | head -n 1)
	if [ -n "$tmpf" ]; then
		pass
		# The next save clears it: its process is gone.
		"$TLV" annotate contact "after the crash" story.yaml >/dev/null 2>&1
		[ -e "$tmpf" ] && fail "the stale temporary file stayed" || pass
		cp story.yaml orig.yaml
	else
		fail "no temporary file mid-save (the kill came too late?)"
	fi
else
	echo "fault injection skipped (no failio.so, or a sanitizer build)"
fi

# A read-only directory, as a user who cannot write there (CI runs as root).
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	mkdir ro
	cp story.yaml ro/story.yaml
	chmod 755 ro
	chmod 666 ro/story.yaml	# the directory, not the file, refuses
	chmod 755 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$TLV" annotate contact "denied" ro/story.yaml >out 2>&1
	expect_status 1 $? "save into a read-only directory"
	expect_grep 'Permission denied' out "read-only directory"
	cmp -s ro/story.yaml story.yaml && pass ||
	    fail "a refused save changed the file"
fi

# rm says which events still name the deleted one in 'related'; add and
# rm keep blank lines between items where the file has them.
printf 'events:\n  - id: a\n    date: 2020\n    title: A\n\n  - id: b\n    date: 2021\n    title: B\n    related: [a]\n\n  - id: c\n    date: 2022\n    title: C\n' \
    >sp.yaml
"$TLV" rm a sp.yaml >out 2>&1
expect_status 0 $? "rm with links left"
expect_grep "^tlv rm: warning: 'a' is still named in the related list of b$" \
    out "rm names the events that still link to it"
printf 'events:\n  - id: b\n    date: 2021\n    title: B\n    related: [a]\n\n  - id: c\n    date: 2022\n    title: C\n' \
    >sp.want
cmp -s sp.yaml sp.want && pass || { fail "rm left:"; cat sp.yaml; }
"$TLV" add --date 2023 --title D sp.yaml >out 2>&1
expect_status 0 $? "add to a spaced file"
printf '    title: C\n\n  - id: 2023-d\n' >sp.want
tail -n +9 sp.yaml | head -3 | cmp -s - sp.want && pass ||
    { fail "add without a blank line:"; cat sp.yaml; }

# Line breaks YAML knows but the planners do not (lone CR, NEL, LS, PS):
# every edit is refused with the real reason, and nothing is written.
for brk in 'lone CR:\r' 'NEL (U+0085):\302\205' 'LS (U+2028):\342\200\250' \
    'PS (U+2029):\342\200\251'; do
	name=${brk%%:*}
	b=${brk#*:}
	printf "title: T\nevents:\n  - id: a${b}    date: 2022\n    title: A\n  - id: b\n    date: 2023\n    title: B\n" \
	    >odd.yaml
	cp odd.yaml odd.orig
	"$TLV" check odd.yaml >out 2>&1
	expect_status 0 $? "$name: the file loads"
	for cmd in "annotate a note" "rm b" "add --date 2024 --title C"; do
		# shellcheck disable=SC2086
		"$TLV" $cmd odd.yaml >out 2>&1
		expect_status 1 $? "$name: $cmd"
		expect_grep "^tlv ${cmd%% *}: odd.yaml uses $name line breaks; tlv edits only LF or CRLF files$" \
		    out "$name: $cmd says why"
		cmp -s odd.yaml odd.orig && pass || fail "$name: $cmd wrote"
	done
done

# Two people annotate different events on two branches: git merges.
if command -v git >/dev/null 2>&1; then
	mkdir repo
	copy "$data/story.yaml" repo/story.yaml
	(
		cd repo
		git init -q -b main . && git add story.yaml &&
		git -c user.name=t -c user.email=t@t commit -qm base &&
		git checkout -qb alice &&
		USER=alice "$TLV" annotate crimea "alice's note" story.yaml &&
		git -c user.name=t -c user.email=t@t commit -qam alice &&
		git checkout -q main && git checkout -qb bob &&
		USER=bob "$TLV" annotate taiwan "bob's note" story.yaml &&
		git -c user.name=t -c user.email=t@t commit -qam bob &&
		git -c user.name=t -c user.email=t@t merge -q --no-edit alice
	) >out 2>&1
	expect_status 0 $? "git merge of two annotations"
	expect_grep "alice's note" repo/story.yaml "merge keeps alice's note"
	expect_grep "bob's note" repo/story.yaml "merge keeps bob's note"
fi
# An event with verdicts, relations with kinds, via and archive: a note
# changes only its lines, every other byte is as it was.
copy "$data/claims.yaml" story.yaml
cp story.yaml orig.yaml
"$TLV" annotate wsj-contact "Who at the Kremlin?" story.yaml >out 2>&1
expect_status 0 $? "annotate an event with verdicts"
diff_golden edit-annotate-claims.diff
"$TLV" rm kremlin-denial story.yaml >out 2>&1
expect_status 0 $? "rm an event named by {id, rel}"
expect_grep 'wsj-contact' out "rm names the event relating to it"

# Events too big to parse again cheaply (256 KiB or more) keep their key
# spans from the load; a note on one lands where parsing it again would
# put it, with one parser or several (the file is over 4 MiB, so parts
# are parsed apart and their events moved).
awk 'function big(id, n) {
	printf "  - id: %s\n    date: 2020-01-01\n    title: Big %s\n", id, id
	printf "    description: \""
	for (i = 0; i < n; i++) printf "0123456789abcdef0123456789abcdef"
	printf "\"\n    tags: [big]\n    notes:\n      - text: first\n"
    }
    BEGIN { print "title: Big events"; print "events:"
	for (k = 0; k < 40000; k++)
		printf "  - id: s%d\n    date: 2001\n    title: t\n", k
	big("mid", 12000)
	for (k = 40000; k < 80000; k++)
		printf "  - id: s%d\n    date: 2001\n    title: t\n", k
	big("last", 9000) }' >big.yaml
for j in 1 4; do
	cp big.yaml big.$j.yaml
	for id in mid last; do
		TLV_JOBS=$j TLV_TEST_NOW=2026-11-29T10:00:00Z "$TLV" annotate \
		    $id "note on $id" big.$j.yaml >out 2>&1
		expect_status 0 $? "annotate big event $id, TLV_JOBS=$j"
	done
done
if cmp -s big.1.yaml big.4.yaml; then pass; else
	fail "big events: the notes differ between TLV_JOBS=1 and 4"
fi
for id in mid last; do
	grep -A 7 "^    title: Big $id\$" big.4.yaml | sed 1,3d >got
	printf '%s\n' '    notes:' '      - text: first' \
	    '      - at: 2026-11-29T10:00:00Z' '        by: alice' \
	    "        text: note on $id" >want
	if cmp -s got want; then pass; else
		fail "big event $id: the note is not after its notes"
	fi
done
"$TLV" check big.4.yaml >out 2>&1
expect_status 0 $? "check after notes on big events"

finish
