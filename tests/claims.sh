#!/bin/sh
# SPDX-License-Identifier: MIT
# Contested claims edited (SPEC section 10): a status changed in the
# viewer's editor (e) on an event with a verdicts list records the change
# as a verdict {date: today, status, by: the configured author} at the end
# of that list, in the same save and byte-exact (only its lines are new);
# an event without verdicts only changes its status.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$tmp" || exit 1


# status FROM TO: an $EDITOR that changes the status line.
status_editor() {
	cat >"$tmp/ed-$2" <<EOF
#!/bin/sh
sed -i 's/^status: $1\$/status: $2/' "\$1"
EOF
	chmod +x "$tmp/ed-$2"
}

# edit NAME FILE KEYS: e on the event KEYS moves to, in FILE; the diff of
# the file against what it was goes to NAME.diff.
edit() {
	cp "$2" "$1.before"
	printf '%se\n:save-screen %s/%s.txt\n' "$3" "$tmp" "$1" >"$1.keys"
	COLUMNS=100 TLV_SCRIPT=$tmp/$1.keys "$TLV" "$2" >"$1.out" 2>&1
	st=$?
	[ $st -le 1 ] && pass || fail "$1: exit status $st"
	diff -u "$1.before" "$2" | tail -n +3 >"$1.diff"
}

# A block list of verdicts; the author from the configuration.
copy "$data/claims.yaml" claims.yaml
printf 'author alice\n' >config; TLV_CONFIG=$tmp/config; export TLV_CONFIG
status_editor disputed confirmed
# terminals-claim is the third row (sorted by date).
EDITOR=$tmp/ed-confirmed edit block claims.yaml 'jj'
expect_golden claims-verdict-block.diff block.diff
expect_grep 'edited, verdict added: saved claims.yaml' block.txt \
    "e says it added a verdict"
"$TLV" check claims.yaml >check.out 2>&1
expect_status 0 $? "tlv check after the edit"
if grep -q ': warning:' check.out; then
	fail "the edit left a warning:"; cat check.out
else
	pass
fi
"$TLV" summary --full --filter id:terminals-claim claims.yaml >sum.out 2>&1
expect_grep '2026-11-29.*confirmed.*alice' sum.out \
    "summary --full shows the new verdict"

# A flow list, and no author configured: no 'by'.
unset TLV_CONFIG
cat >flow.yaml <<'EOF'
events:
  - id: one
    date: 2024-05
    title: A claim   # keep this comment
    status: alleged
    verdicts: [{date: 2024-05-01, status: alleged}]  # and this one
EOF
status_editor alleged denied
EDITOR=$tmp/ed-denied edit flow flow.yaml ''
expect_golden claims-verdict-flow.diff flow.diff

# The edit records the verdict itself: nothing more is added.
cat >self.yaml <<'EOF'
events:
  - id: one
    date: 2024-05
    title: A claim
    status: alleged
    verdicts:
      - date: 2024-05-01
        status: alleged
EOF
cat >"$tmp/ed-self" <<'EOF'
#!/bin/sh
sed -i 's/^status: alleged$/status: confirmed/' "$1"
printf '  - date: 2024-06-01\n    status: confirmed\n' >>"$1"
EOF
chmod +x "$tmp/ed-self"
EDITOR=$tmp/ed-self edit self self.yaml ''
[ "$(grep -c 'status: confirmed' self.yaml)" = 2 ] && pass ||
    { fail "a verdict was added to one the edit wrote"; cat self.yaml; }

# No verdicts list: the status alone changes (one line).
cat >plain.yaml <<'EOF'
events:
  - id: one
    date: 2024-05
    title: A claim
    status: alleged
EOF
EDITOR=$tmp/ed-denied edit plain plain.yaml ''
expect_golden claims-status-plain.diff plain.diff

# Another change than the status: no verdict.
cat >"$tmp/ed-title" <<'EOF'
#!/bin/sh
sed -i 's/^title: A claim$/title: The claim/' "$1"
EOF
chmod +x "$tmp/ed-title"
cp "$data/claims.yaml" other.yaml && chmod u+w other.yaml
cat >"$tmp/ed-title" <<'EOF'
#!/bin/sh
sed -i 's/^title: \(.*\)$/title: \1 (edited)/' "$1"
EOF
EDITOR=$tmp/ed-title edit title other.yaml 'jj'
[ "$(grep -c '^[-+] ' title.diff)" = 2 ] && pass ||
    { fail "a title edit changed more than its line"; cat title.diff; }

# u undoes the edit and its verdict at once.
copy "$data/claims.yaml" undo.yaml
printf 'jje\nu\n' >undo.keys
EDITOR=$tmp/ed-confirmed COLUMNS=100 TLV_SCRIPT=$tmp/undo.keys "$TLV" \
    undo.yaml >undo.out 2>&1
cmp -s undo.yaml "$data/claims.yaml" && pass ||
    fail "u did not undo the verdict with the status"

finish
