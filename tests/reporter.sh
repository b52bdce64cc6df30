#!/bin/sh
# SPDX-License-Identifier: MIT
# A reporter's keys and what backs them on the command line: saved filters
# (filter NAME = QUERY; @NAME in --filter) and has:mark over the user's
# marks store ($XDG_STATE_HOME/tlv/marks).
. "${top_srcdir:-.}/tests/lib.sh"

cp -R "$top_srcdir/tests/data" "$tmp/data" && chmod -R u+w "$tmp/data" ||
    exit 1
cd "$tmp/data" || exit 1
out=$tmp/out
err=$tmp/err
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME

# expect_out WHAT: stdout must be the text on stdin.
expect_out() {
	cat >"$tmp/want"
	if diff -u "$tmp/want" "$out"; then pass; else fail "$1"; fi
}

cat >"$tmp/config" <<'CONF'
filter putin = actor:putin
filter musk = actor:musk
filter alleged = status:alleged @putin
CONF
TLV_CONFIG=$tmp/config "$TLV" summary --brief --filter '@alleged -tag:taiwan' \
    story.yaml >"$out" 2>"$err"
expect_status 0 $? "--filter @NAME"
expect_out "--filter @NAME" <<'TXT'
late 2022  Musk reportedly begins regular contact with Putin  [alleged]
TXT
TLV_CONFIG=$tmp/config "$TLV" summary --brief --filter '-@musk' \
    story.yaml >"$out" 2>"$err"
expect_status 0 $? "--filter -@NAME"
expect_out "--filter -@NAME" <<'TXT'
2014-02-20/2014-03-18  Russia annexes Crimea  [confirmed]
2022-02-24             Full-scale invasion of Ukraine  [confirmed]
TXT
TLV_CONFIG=$tmp/config "$TLV" export --format csv --filter 'tag:x @nope' \
    story.yaml >"$out" 2>"$err"
expect_status 2 $? "unknown @NAME"
expect_grep "invalid filter at column 7: unknown saved filter '@nope'" "$err" \
    "unknown @NAME"

# Marks: the store keys them by the file's absolute path and the id.
mkdir -p "$XDG_STATE_HOME/tlv"
printf '# tlv marks\n%s\tcontact\n%s\tcrimea\n/elsewhere/story.yaml\ttaiwan\n' \
    "$tmp/data/story.yaml" "$tmp/data/story-more.yaml" \
    >"$XDG_STATE_HOME/tlv/marks"
"$TLV" summary --brief --filter has:mark story.yaml >"$out" 2>"$err"
expect_status 0 $? "has:mark"
expect_out "has:mark" <<'TXT'
late 2022  Musk reportedly begins regular contact with Putin  [alleged]
TXT
(cd .. && "$TLV" summary --brief --filter '-has:mark' data/story.yaml) \
    >"$out" 2>"$err"
expect_out "-has:mark, the file named another way" <<'TXT'
2014-02-20/2014-03-18  Russia annexes Crimea  [confirmed]
2022-02-24             Full-scale invasion of Ukraine  [confirmed]
2023?                  Putin allegedly asks Musk not to activate Starlink over Taiwan  [alleged]
TXT

finish
