#!/bin/sh
# SPDX-License-Identifier: MIT
# Working together through git (SPEC section 11), in real repositories made
# here: two branches edit tests/git-data/story.yaml, 'git merge' runs with tlv
# as the merge driver (.gitattributes and git config as the man page says),
# and the merged file must check clean and equal its golden file; 'tlv
# diff' between commits and the textconv that 'git log -p' uses.
. "${top_srcdir:-.}/tests/lib.sh"

command -v git >/dev/null 2>&1 || { echo "git.sh: no git; skipped"; exit 77; }

GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.com
GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.com
GIT_AUTHOR_DATE='2026-11-29T12:00:00Z' GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE
export GIT_COMMITTER_DATE
story=$top_srcdir/tests/git-data/story.yaml

# new_repo DIR: a repository with the story committed on main and tlv set
# up as its merge driver and diff text converter.
new_repo() {
	mkdir -p "$1" && (cd "$1" &&
		git init -q -b main . &&
		git config merge.tlv.name 'tlv timeline merge' &&
		git config merge.tlv.driver "$TLV merge-driver %O %A %B %P" &&
		git config diff.tlv.textconv "$TLV diff --textconv" &&
		echo '*.yaml merge=tlv diff=tlv' > .gitattributes &&
		cp "$story" story.yaml && chmod u+w story.yaml &&
		git add .gitattributes story.yaml && git commit -qm base)
}

# branch DIR NAME SCRIPT: on a new branch from main, run the sed script on
# story.yaml and commit.
branch() {
	(cd "$1" && git checkout -q -b "$2" main &&
		sed "$3" story.yaml > story.new && mv story.new story.yaml &&
		git commit -qam "$2")
}

# merge DIR NAME: merge branch NAME into the current branch.
merge() {
	(cd "$1" && git merge -q --no-edit "$2" >"$tmp/merge.out" 2>&1)
}

# Two people annotate the same event: both notes, in 'at' order.
r=$tmp/notes
new_repo "$r"
branch "$r" alice '/by: carol/{n;a\
      - at: 2026-11-29T10:15:00Z\
        by: alice\
        text: Ask the Kremlin for comment.
}'
(cd "$r" && git checkout -q -b bob main &&
	TLV_TEST_NOW=2026-11-29T08:00:00Z "$TLV" annotate --by bob \
	    taiwan-request "Found a third source." story.yaml >/dev/null &&
	git commit -qam bob)
merge "$r" alice
expect_status 0 $? "merge of two notes on one event"
expect_golden git-merge-notes.yaml "$r/story.yaml"
"$TLV" check "$r/story.yaml" >"$tmp/check.out"
expect_status 0 $? "the merged notes check clean"

# Different fields of one event: both apply.
r=$tmp/fields
new_repo "$r"
branch "$r" verdict 's/status: alleged/status: confirmed/'
branch "$r" retitle 's/title: Musk reportedly begins/title: Musk begins/'
merge "$r" verdict
expect_status 0 $? "merge of two fields of one event"
expect_golden git-merge-fields.yaml "$r/story.yaml"

# Events added at the same place on both sides: both kept.
r=$tmp/added
new_repo "$r"
branch "$r" one '/^  - id: kremlin-denial/i\
  - id: spacex-statement\
    date: 2024-10-24\
    title: SpaceX declines to comment\
'
branch "$r" two '/^  - id: kremlin-denial/i\
  - id: pentagon-review\
    date: 2024-10-26\
    title: Pentagon reviews Starlink contracts\
'
merge "$r" one
expect_status 0 $? "merge of events added at one place"
expect_golden git-merge-added.yaml "$r/story.yaml"
"$TLV" check "$r/story.yaml" >"$tmp/check.out"
expect_status 0 $? "the merged additions check clean"

# One title changed two ways: a conflict around that field alone; git
# reports the file as conflicted.
r=$tmp/conflict
new_repo "$r"
branch "$r" peskov 's/title: Kremlin denies regular contact/title: Peskov denies contact/'
branch "$r" any 's/title: Kremlin denies regular contact/title: Kremlin denies any contact/;s/status: denied/status: disputed/'
merge "$r" peskov
expect_status 1 $? "merge of one title changed two ways"
expect_golden git-merge-conflict.yaml "$r/story.yaml"
(cd "$r" && git diff --name-only --diff-filter=U) >"$tmp/unmerged"
expect_grep '^story.yaml$' "$tmp/unmerged" "git lists the conflicted file"

# A side that does not parse: tlv leaves the file to the user (exit 1,
# ours untouched) and says why.
r=$tmp/broken
new_repo "$r"
branch "$r" good 's/status: reported/status: confirmed/'
branch "$r" bad 's/date: 2023/date: [2023/'
cp "$r/story.yaml" "$tmp/ours.yaml"
merge "$r" good
expect_status 1 $? "merge with an unparsable side"
if cmp -s "$tmp/ours.yaml" "$r/story.yaml"; then pass; else
	fail "the unparsable merge changed ours"; fi
expect_grep 'not merged by event' "$tmp/merge.out" \
    "the unparsable merge says why"

# tlv diff: a week of colleagues' changes, by event.
r=$tmp/diff
new_repo "$r"
(cd "$r" &&
	sed -e 's/status: alleged/status: confirmed/' \
	    -e 's/^    date: 2023$/    date: early 2023/' \
	    -e 's/title: Kremlin denies regular contact/title: Kremlin denies any contact/' \
	    -e '/^        date: 2024-10-24$/a\
      - outlet: Reuters\
        url: https://www.reuters.com/musk-putin' \
	    story.yaml > story.new && mv story.new story.yaml &&
	TLV_TEST_NOW=2026-11-30T10:00:00Z "$TLV" annotate --by alice \
	    taiwan-request "Ask the Kremlin again." story.yaml >/dev/null &&
	"$TLV" add --date 2024-11-01 --title 'SpaceX responds' --id spacex \
	    story.yaml >/dev/null &&
	git commit -qam week1 &&
	"$TLV" rm kremlin-denial story.yaml >/dev/null &&
	printf 'events:\n  - id: other\n    date: 2020\n    title: Other\n' \
	    > other.yaml && git add other.yaml && git commit -qam week2)
(cd "$r" && "$TLV" diff HEAD~2 HEAD) >"$tmp/out" 2>&1
expect_status 1 $? "tlv diff HEAD~2 HEAD"
expect_golden git-diff.txt "$tmp/out"
if grep -q "$(printf '\033')" "$tmp/out"; then
	fail "tlv diff piped prints escape sequences"; else pass; fi
(cd "$r" && "$TLV" diff HEAD~2) >"$tmp/out2" 2>&1
expect_status 1 $? "tlv diff HEAD~2 (to the working files)"
if cmp -s "$tmp/out" "$tmp/out2"; then pass; else
	fail "tlv diff HEAD~2 differs from tlv diff HEAD~2 HEAD"; fi
(cd "$r" && "$TLV" diff HEAD~1 HEAD story.yaml) >"$tmp/out" 2>&1
expect_status 1 $? "tlv diff REV1 REV2 FILE"
expect_golden git-diff-file.txt "$tmp/out"
(cd "$r" && "$TLV" diff HEAD~2 HEAD~1 .) >"$tmp/out" 2>&1
expect_status 1 $? "tlv diff REV1 REV2 DIR"
expect_grep '^story.yaml$' "$tmp/out" "tlv diff DIR names the file"
# A file with a name beyond ASCII, removed in a commit (git ls-tree
# quotes such names unless asked for -z).
(cd "$r" && cp other.yaml "$(printf '\303\251v.yaml')" && git add . &&
	git commit -qm accents && git rm -q "$(printf '\303\251v.yaml')" &&
	git commit -qm gone && "$TLV" diff HEAD~1 HEAD .) >"$tmp/out" 2>&1
expect_grep "$(printf '^\303\251v.yaml$')" "$tmp/out" \
    "tlv diff DIR names a removed file with a non-ASCII name"
(cd "$r" && git reset -q --hard HEAD~2)
(cd "$r" && "$TLV" diff) >"$tmp/out" 2>&1
expect_status 0 $? "tlv diff with nothing changed"
if [ -s "$tmp/out" ]; then fail "tlv diff with no change printed:"
	cat "$tmp/out"; else pass; fi
(cd "$r" && "$TLV" diff no-such-rev) >"$tmp/out" 2>&1
expect_status 2 $? "tlv diff of a name that is no commit nor file"
(cd "$tmp" && "$TLV" diff) >"$tmp/out" 2>&1
expect_status 2 $? "tlv diff outside a work tree"
expect_grep 'not in a git work tree' "$tmp/out" "tlv diff outside says why"

# A timeline file renamed (git mv): compared with what it was, one header
# "NEW (was OLD)" and only the story's changes, not every event removed
# and added again.  Its own names ($rn...).
rn=$tmp/rename
new_repo "$rn"
(cd "$rn" && git mv story.yaml kremlin.yaml &&
	TLV_TEST_NOW=2026-11-30T10:00:00Z "$TLV" annotate --by dan \
	    kremlin-denial "Moved with the file." kremlin.yaml >/dev/null &&
	"$TLV" diff) >"$tmp/rename.out" 2>&1
expect_status 1 $? "tlv diff of a renamed file"
printf '%s\n' 'kremlin.yaml (was story.yaml)' \
    '  note       kremlin-denial  + dan: Moved with the file.' \
    >"$tmp/rename.want"
if cmp -s "$tmp/rename.want" "$tmp/rename.out"; then pass; else
	fail "tlv diff of a renamed file said:"; cat "$tmp/rename.out"; fi
(cd "$rn" && git commit -qam moved && "$TLV" diff HEAD~1 HEAD) \
    >"$tmp/rename.out" 2>&1
expect_status 1 $? "tlv diff HEAD~1 HEAD of a renamed file"
if cmp -s "$tmp/rename.want" "$tmp/rename.out"; then pass; else
	fail "tlv diff HEAD~1 HEAD of a renamed file said:"
	cat "$tmp/rename.out"; fi
(cd "$rn" && git mv kremlin.yaml kremlin.txt && "$TLV" diff) \
    >"$tmp/rename.out" 2>&1
expect_status 1 $? "tlv diff of a timeline renamed to another kind"
expect_grep '^  removed    kremlin-denial' "$tmp/rename.out" \
    "a timeline renamed to another kind is removed"

# The textconv: git log -p shows the story's changes.
"$TLV" diff --textconv "$r/story.yaml" >"$tmp/out"
expect_status 0 $? "tlv diff --textconv"
expect_golden git-textconv.txt "$tmp/out"
(cd "$r" && git log -p --format=%s -1 HEAD~1 -- story.yaml) >"$tmp/out"
expect_grep '^+status: confirmed$' "$tmp/out" "git log -p shows the verdict"
expect_grep '^+note: 2026-11-30T10:00:00Z alice: Ask the Kremlin again.$' \
    "$tmp/out" "git log -p shows the note"
# A re-dated event is its date line, not its whole block moved.
expect_grep '^-date: 2023$' "$tmp/out" "git log -p shows the old date"
expect_grep '^+date: early 2023$' "$tmp/out" "git log -p shows the new date"
if grep -q '^[-+]title: Putin reportedly' "$tmp/out"; then
	fail "git log -p moves a re-dated event's block:"
	cat "$tmp/out"; else pass; fi

# changed: in a query (--filter): the events changed since HEAD.
r=$tmp/changed
new_repo "$r"
(cd "$r" &&
	TLV_TEST_NOW=2026-11-30T10:00:00Z "$TLV" annotate --by bob \
	    taiwan-request "Third source." story.yaml >/dev/null &&
	sed 's/status: denied/status: disputed/' story.yaml > story.new &&
	mv story.new story.yaml &&
	"$TLV" add --date 2024-11-01 --title 'SpaceX responds' --id spacex \
	    story.yaml >/dev/null)
# changed_ids QUERY FILE...: the ids that tlv export keeps, one a line.
changed_ids() {
	q=$1
	shift
	(cd "$r" && "$TLV" export --format csv --filter "$q" "$@") \
	    2>"$tmp/changed.err" | sed -n 's/^\([a-z-]*\),.*/\1/p' |
	    grep -v '^id$' | tr '\n' ' '
}
for c in 'changed:|taiwan-request kremlin-denial spacex ' \
    'changed:notes|taiwan-request ' 'changed:status|kremlin-denial ' \
    'changed:added|spacex ' '-changed:|wsj-contact ' \
    'changed:notes,status kremlin|kremlin-denial '; do
	got=$(changed_ids "${c%%|*}" story.yaml)
	if [ "$got" = "${c#*|}" ]; then pass; else
		fail "--filter '${c%%|*}' kept '$got', want '${c#*|}'"; fi
done
if [ -s "$tmp/changed.err" ]; then fail "changed: said:"
	cat "$tmp/changed.err"; else pass; fi
# Outside a work tree, or a file git does not track: nothing, and why.
mkdir "$tmp/nogit" && cp "$r/story.yaml" "$tmp/nogit/story.yaml"
got=$(changed_ids changed: "$tmp/nogit/story.yaml")
if [ -z "$got" ]; then pass; else fail "changed: outside git kept $got"; fi
expect_grep 'changed: .*story.yaml is not in a git work tree: nothing matches' \
    "$tmp/changed.err" "changed: outside a work tree says why"
cp "$r/story.yaml" "$r/loose.yaml"
got=$(changed_ids changed: loose.yaml)
if [ -z "$got" ]; then pass; else fail "changed: untracked kept $got"; fi
expect_grep 'changed: loose.yaml is not tracked by git' "$tmp/changed.err" \
    "changed: on an untracked file says why"
rm "$r/loose.yaml"

# The viewer: rows added (+) or changed (~) since HEAD, c and C, changed:
# in f; screens from key scripts (TLV_SCRIPT) in the repository.
# view NAME DIR ARGS...: keys on stdin; each screen the script saves as
# $tmp/NAME-N.txt must equal golden/git-view-NAME-N.txt.
view() {
	name=$1 dir=$2
	shift 2
	cat >"$tmp/$name.keys"
	(cd "$dir" && COLUMNS=80 LINES=14 TLV_SCRIPT=$tmp/$name.keys \
	    "$TLV" "$@" >"$tmp/$name.out" 2>&1)
	for f in "$tmp/$name"-*.txt; do
		[ -e "$f" ] || { fail "$name: no screen saved"; return; }
		expect_golden "git-view-$(basename "$f")" "$f"
	done
}
view marks "$r" story.yaml <<EOF
:save-screen $tmp/marks-1.txt
c
:save-screen $tmp/marks-2.txt
cc
:save-screen $tmp/marks-3.txt
C
:save-screen $tmp/marks-4.txt
fchanged:notes<Enter>
:save-screen $tmp/marks-5.txt
F
fchanged:status<Enter>
:save-screen $tmp/marks-6.txt
EOF
# --since: the same changes committed, one more note since.
(cd "$r" && git commit -qam changes &&
	TLV_TEST_NOW=2026-12-01T10:00:00Z "$TLV" annotate --by carol \
	    wsj-contact "Asked the WSJ." story.yaml >/dev/null)
view since "$r" --since HEAD~1 story.yaml <<EOF
:save-screen $tmp/since-1.txt
C
:save-screen $tmp/since-2.txt
EOF
view head "$r" story.yaml <<EOF
:save-screen $tmp/head-1.txt
EOF
view badrev "$r" --since no-such-commit story.yaml <<EOF
c
:save-screen $tmp/badrev-1.txt
EOF
# --since that cannot be compared with: the viewer says so on its status
# line at once (not only when c is pressed); a command exits 2 and says
# why, also for a --since that no changed: in its filter uses.
view sincebad "$r" --since no-such-commit story.yaml <<EOF
:save-screen $tmp/sincebad-1.txt
EOF
view sincenogit "$tmp/nogit" --since HEAD story.yaml <<EOF
:save-screen $tmp/sincenogit-1.txt
EOF
for sq in "summary --since no-such-commit --filter changed: story.yaml|--since no-such-commit: no commit 'no-such-commit'" \
    "export --format csv --since no-such-commit --filter changed:notes story.yaml|--since no-such-commit: no commit 'no-such-commit'" \
    "summary --since HEAD --filter changed: $tmp/nogit/story.yaml|--since HEAD: .*story.yaml is not in a git work tree" \
    "summary --since HEAD~1 story.yaml|--since HEAD~1: only changed: in --filter uses it" \
    "export --format json --since HEAD~1 --filter tag:x story.yaml|--since HEAD~1: only changed: in --filter uses it"; do
	# shellcheck disable=SC2086
	(cd "$r" && "$TLV" ${sq%%|*}) >"$tmp/since.out" 2>"$tmp/since.err"
	expect_status 2 $? "tlv ${sq%%|*}"
	expect_grep "${sq#*|}" "$tmp/since.err" "tlv ${sq%%|*} says why"
	if [ -s "$tmp/since.out" ]; then
		fail "tlv ${sq%%|*} printed on stdout"; else pass; fi
done
(cd "$r" && "$TLV" summary --since HEAD~1 --filter changed: story.yaml) \
    >"$tmp/since.out" 2>"$tmp/since.err"
expect_status 0 $? "tlv summary --since a good commit"
# Outside a work tree: nothing marked, and c and changed: say why.
view nogit "$tmp/nogit" story.yaml <<EOF
c
:save-screen $tmp/nogit-1.txt
fchanged:<Enter>
:save-screen $tmp/nogit-2.txt
EOF

# Claims (SPEC section 10): a verdict added to the verdicts list, relations
# gained, changed and lost (a reorder is none), a source's via and archive;
# tlv diff, the textconv, changed: and the viewer's marks agree.  Its own
# names ($cl...): the sections above share $r, $name and $dir.
cl=$tmp/claims
new_repo "$cl"
(cd "$cl" &&
	sed -e '/^    status: alleged$/a\
    verdicts:\
      - {date: 2024-10-24, status: alleged, by: The Wall Street Journal}\
    related:\
      - taiwan-request\
      - {id: kremlin-denial, rel: supports}' \
	    -e '/^        date: 2024-10-24$/a\
      - outlet: Reuters\
        via: AP' \
	    -e '/^    status: reported$/a\
    related: [wsj-contact, kremlin-denial]' \
	    story.yaml > story.new && mv story.new story.yaml &&
	git commit -qam claims &&
	sed -e 's/^    status: alleged$/    status: confirmed/' \
	    -e '/^      - {date: 2024-10-24, status: alleged/a\
      - date: 2025-03-01\
        status: confirmed\
        by: Kremlin press briefing\
        text: Peskov confirms the calls.' \
	    -e 's/^      - taiwan-request$/      - {id: taiwan-request, rel: follows}/' \
	    -e 's/^      - {id: kremlin-denial, rel: supports}$/      - {id: kremlin-denial, rel: contradicts}/' \
	    -e 's/^        via: AP$/        via: The Wall Street Journal\
        archive: https:\/\/web.archive.org\/web\/2024\/reuters/' \
	    -e 's/^    related: \[wsj-contact, kremlin-denial\]$/    related: [kremlin-denial, wsj-contact]/' \
	    story.yaml > story.new && mv story.new story.yaml)
"$TLV" check "$cl/story.yaml" >"$tmp/claims-check.out" 2>&1
expect_status 0 $? "the claims fixture checks clean"
(cd "$cl" && "$TLV" diff) >"$tmp/claims-diff.out" 2>&1
expect_status 1 $? "tlv diff of claims"
expect_golden git-diff-claims.txt "$tmp/claims-diff.out"
(cd "$cl" && git diff) | sed -n '/^@@/,$p' >"$tmp/claims-textconv.out"
expect_golden git-textconv-claims.txt "$tmp/claims-textconv.out"
for clq in 'changed:|wsj-contact ' 'changed:status|wsj-contact ' \
    'changed:related|wsj-contact ' 'changed:sources|wsj-contact ' \
    'changed:notes|'; do
	clgot=$( (cd "$cl" && "$TLV" export --format csv \
	    --filter "${clq%%|*}" story.yaml) 2>/dev/null |
	    sed -n 's/^\([a-z-]*\),.*/\1/p' | grep -v '^id$' | tr '\n' ' ')
	if [ "$clgot" = "${clq#*|}" ]; then pass; else
		fail "claims: --filter '${clq%%|*}' kept '$clgot', want '${clq#*|}'"
	fi
done
view claims "$cl" story.yaml <<EOF
c
:save-screen $tmp/claims-1.txt
EOF

# The viewer in a real terminal (tmux): its marks follow a commit, a
# reset and a checkout made in another terminal, with no key pressed.
if command -v tmux >/dev/null 2>&1; then
	tw=$tmp/watch
	tsock=tlv-git-$$
	new_repo "$tw"
	(cd "$tw" && TLV_TEST_NOW=2026-11-30T10:00:00Z "$TLV" annotate \
	    --by bob taiwan-request "Third source." story.yaml >/dev/null)
	# tpane PATTERN [gone]: wait up to 10 s for PATTERN on the screen
	# (or, with gone, for it to leave); false if it never does.
	tpane() {
		ti=0
		while [ $ti -lt 100 ]; do
			tmux -L "$tsock" capture-pane -p -t t >"$tmp/pane" \
			    2>/dev/null || true
			if grep -q -- "$1" "$tmp/pane"; then
				[ $# -eq 1 ] && return 0
			else
				[ $# -eq 2 ] && return 0
			fi
			sleep 0.1
			ti=$((ti + 1))
		done
		return 1
	}
	texpect() {
		if tpane "$@"; then pass; else
			fail "tmux: '$1' ${2:-never appeared}; the screen was:"
			sed 's/^/  | /' "$tmp/pane"
		fi
	}
	printf 'cd "%s" && "%s" story.yaml\nsleep 30\n' "$tw" "$TLV" \
	    >"$tmp/watch.sh"
	tmux -L "$tsock" -f /dev/null new-session -d -s t -x 100 -y 20 \
	    "sh $tmp/watch.sh"
	texpect '~ Putin reportedly'
	(cd "$tw" && git commit -qam note)
	texpect '~ Putin reportedly' gone
	expect_grep 'Putin reportedly' "$tmp/pane" "tmux: the row is still shown"
	(cd "$tw" && git reset -q --soft HEAD~1)
	texpect '~ Putin reportedly'
	(cd "$tw" && git commit -qam note && git checkout -q -b other HEAD~1)
	texpect '~' gone
	(cd "$tw" && git checkout -q main &&
		sed 's/status: denied/status: disputed/' story.yaml \
		    >story.new && mv story.new story.yaml &&
		git commit -qam disputed && git checkout -q HEAD~1 -- story.yaml)
	texpect '~ Kremlin denies'
	tmux -L "$tsock" kill-server 2>/dev/null
fi

# The driver by hand: a usage error is exit 2.
"$TLV" merge-driver a b c >/dev/null 2>&1
expect_status 2 $? "merge-driver with three arguments"

finish
