#!/bin/sh
# SPDX-License-Identifier: MIT
# TimelineJS as the judge (SPEC section 9): TimelineJS3's own code, from
# the pinned npm package under jsdom (tests/timelinejs-judge: 'npm install'
# there, as .ci/run does), loads each real file of tests/data/timelinejs
# and tlv's export of its import, and every slide must show the same
# display dates, headline, text and group; a tlv timeline's export must
# load without errors.  Skipped (77) without node or the packages.
. "${top_srcdir:-.}/tests/lib.sh"

judge=$top_srcdir/tests/timelinejs-judge
if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: no node"
	exit 77
fi
if [ ! -d "$judge/node_modules/@knight-lab/timelinejs" ] ||
    [ ! -d "$judge/node_modules/jsdom" ]; then
	echo "SKIP: run 'npm install' in tests/timelinejs-judge"
	exit 77
fi
out=$tmp/out

run_judge() {
	NODE_PATH=$judge/node_modules node "$judge/judge.js" "$@" >"$out" 2>&1
}

for f in "$data"/timelinejs/*.json; do
	name=$(basename "$f")
	"$TLV" import --from timelinejs "$f" >"$tmp/i.yaml" 2>/dev/null &&
	    "$TLV" export --format timelinejs "$tmp/i.yaml" >"$tmp/x.json" \
	    2>/dev/null
	expect_status 0 $? "$name: import and export"
	if run_judge "$f" "$tmp/x.json"; then
		pass
	else
		fail "$name: TimelineJS shows the export differently:"
		sed 's/^/  | /' "$out"
	fi
done

"$TLV" export --format timelinejs "$data/story.yaml" "$data/story-more.yaml" \
    >"$tmp/story.json"
if run_judge "$tmp/story.json"; then
	pass
else
	fail "TimelineJS does not load tlv's export:"; sed 's/^/  | /' "$out"
fi

finish
