#!/bin/sh
# SPDX-License-Identifier: MIT
# TimelineJS both ways (SPEC section 9): the real files of
# tests/data/timelinejs (from the TimelineJS3 repository, see README there)
# and small cases of our own.  Every import's output is loaded again by
# tlv itself: an import must never print YAML that does not load.
. "${top_srcdir:-.}/tests/lib.sh"

corpus=$data/timelinejs
out=$tmp/out
err=$tmp/err
py=
command -v python3 >/dev/null 2>&1 && py=python3

# import_ok JSON WHAT: import exits 0, says nothing, and its YAML checks
# clean; the YAML is left in $tmp/import.yaml.
import_ok() {
	"$TLV" import --from timelinejs "$1" >"$tmp/import.yaml" 2>"$err"
	expect_status 0 $? "$2: import"
	[ -s "$err" ] && fail "$2: import said: $(cat "$err")"
	"$TLV" check "$tmp/import.yaml" >"$out" 2>&1
	expect_status 0 $? "$2: check of the import"
	expect_grep '^0 errors, 0 warnings$' "$out" "$2: check of the import"
}

# slides JSON: how many events have a start_date (TimelineJS shows those).
slides() {
	$py -c 'import json, sys
print(sum(1 for e in json.load(open(sys.argv[1]))["events"]
    if "start_date" in e))' "$1"
}

# events YAML: how many events tlv loads.
events() {
	"$TLV" export --format json "$1" 2>/dev/null | $py -c 'import json, sys
print(len(json.load(sys.stdin)["events"]))'
}

# --- the corpus: every file loads, imports and keeps every slide ----------

# Files still waiting for a feature (each names it); none when all is done.
pending=""

for f in "$corpus"/*.json; do
	name=$(basename "$f")
	case " $pending " in *" $name "*) continue ;; esac
	"$TLV" check "$f" >"$out" 2>&1
	expect_status 0 $? "check $name"
	import_ok "$f" "$name"
	if [ -n "$py" ]; then
		want=$(slides "$f")
		got=$(events "$tmp/import.yaml")
		[ "$want" = "$got" ] || fail "$name: $want slides, $got events imported"
		# ... and back: every slide as a TimelineJS reader sees it.
		"$TLV" export --format timelinejs "$tmp/import.yaml" \
		    >"$tmp/back.json" 2>"$err"
		expect_status 0 $? "$name: export of the import"
		if $py "$top_srcdir/tests/tljs-roundtrip.py" "$f" \
		    "$tmp/back.json" >"$out"; then
			pass
		else
			fail "$name: import -> export changed slides:"
			sed 's/^/  | /' "$out"
		fi
	fi
done

# --- HTML is shown as readable text ----------------------------------------

"$TLV" summary --full --width 200 "$corpus/republican.json" >"$out" 2>&1
expect_status 0 $? "summary of TimelineJS HTML"
if grep -q '<a \|<p>\|&amp;\|&#' "$out"; then
	fail "summary shows raw HTML:"; grep '<a \|<p>\|&amp;\|&#' "$out"
else
	pass
fi
expect_grep '(http://www.foxnews.com/politics/2012/01/21/iowa-republican' \
    "$out" "a link's URL is kept"
cat >"$tmp/html.json" <<'JSON'
{"title": {"text": {"headline": "HTML<br/>title"}},
 "events": [
  {"start_date": {"year": 2020},
   "text": {"headline": "AT&amp;T <i>said</i>",
    "text": "<p>One &amp; two</p><p>See <a href='https://example.org/x'>this</a>.</p>"}}
 ]}
JSON
"$TLV" summary --full "$tmp/html.json" >"$out" 2>&1
expect_grep '^HTML title$' "$out" "file title as text"
expect_grep '^  2020  AT&T said$' "$out" "headline as text"
expect_grep '^      One & two$' "$out" "paragraph as text"
expect_grep '^      See this (https://example.org/x)\.$' "$out" "link as text"
printf '%s\n' '{"events": [{"start_date": {"year": 2021}, "text": {"headline": "x",' \
    '"text": "<a href=\"https://a.example/\">one <a name=\"n\">two</a>"}}]}' \
    >"$tmp/anchor.json"
"$TLV" summary --full "$tmp/anchor.json" >"$out" 2>&1
expect_grep '^      one two$' "$out" "an anchor without href is no link"
import_ok "$tmp/html.json" "HTML"
expect_grep "^    description: \"<p>One &amp; two</p><p>See <a href='https://example.org/x'>this</a>.</p>\"$" \
    "$tmp/import.yaml" "import keeps the HTML"
"$TLV" export --format timelinejs "$tmp/import.yaml" >"$out"
expect_grep '"headline": "AT&amp;T <i>said</i>"' "$out" "export gives the HTML back"

# --- a slide without a headline is kept ------------------------------------

cat >"$tmp/nohead.json" <<'JSON'
{"title": {"text": {"headline": "No headlines"}},
 "events": [
  {"start_date": {"year": "2022", "month": "3", "day": "1"},
   "text": {"text": "<p>No headline here, but a text that goes on for a good while longer than a title should</p>"}},
  {"start_date": {"year": "2022", "month": "3", "day": "2"},
   "media": {"url": "https://example.org/a.jpg", "caption": "A caption"},
   "text": {"headline": "", "text": ""}},
  {"start_date": {"year": "2022", "month": "3", "day": "3"}}
 ]}
JSON
"$TLV" summary "$tmp/nohead.json" >"$out" 2>&1
expect_status 0 $? "summary of slides without headlines"
expect_grep '2022-03-01  No headline here, but a text that goes on for a good while…$' \
    "$out" "titled by the text"
expect_grep '2022-03-02  A caption$' "$out" "titled by the caption"
expect_grep '2022-03-03  2022-03-03$' "$out" "titled by the date"
import_ok "$tmp/nohead.json" "no headlines"
"$TLV" export --format timelinejs "$tmp/import.yaml" >"$out"
if [ "$(grep -c '"headline": ""' "$out")" = 3 ]; then pass; else
	fail "headlines were added on the way back:"; cat "$out"; fi

# --- empty strings are absent ---------------------------------------------

cat >"$tmp/empty.json" <<'JSON'
{"title": {"text": {"headline": "Empty parts"}},
 "events": [
  {"unique_id": "", "start_date": {"year": "1990", "month": "", "day": ""},
   "text": {"headline": "A"}},
  {"unique_id": "", "start_date": {"year": 1991, "month": " ", "day": ""},
   "end_date": {"year": "1992", "month": "", "day": ""},
   "text": {"headline": "B"}}
 ]}
JSON
"$TLV" check "$tmp/empty.json" >"$out" 2>&1
expect_status 0 $? "check with empty unique_id and date parts"
expect_grep '^0 errors, 0 warnings$' "$out" "check with empty parts"
import_ok "$tmp/empty.json" "empty parts"
expect_grep '^  - date: "1990"$' "$tmp/import.yaml" "empty month and day"
expect_grep '^    end: "1992"$' "$tmp/import.yaml" "empty end parts"
if grep -q 'id:' "$tmp/import.yaml"; then
	fail "an empty unique_id became an id"
else
	pass
fi

# --- BCE: TimelineJS has no year 0 ------------------------------------------

cat >"$tmp/bce.json" <<'JSON'
{"title": {"text": {"headline": "BCE"}},
 "events": [
  {"start_date": {"year": -138}, "text": {"headline": "Hadrian dies"}},
  {"start_date": {"year": "-44", "month": "3", "day": "15"},
   "text": {"headline": "Caesar"}}
 ]}
JSON
"$TLV" summary "$tmp/bce.json" >"$out" 2>&1
expect_grep '^138 BC$' "$out" "TimelineJS -138 is 138 BC"
expect_grep '^44 BC$' "$out" "TimelineJS -44 is 44 BC"
import_ok "$tmp/bce.json" "BCE"
expect_grep '^  - date: "-0137"$' "$tmp/import.yaml" "-138 imports as EDTF -0137"
"$TLV" export --format timelinejs "$tmp/import.yaml" >"$out"
expect_grep '"start_date": {"year": -138}' "$out" "-0137 exports as -138"
if grep -q display_date "$out"; then
	fail "display dates added that TimelineJS makes itself:"; cat "$out"
else
	pass
fi
cat >"$tmp/own.yaml" <<'YAML'
title: Own
events:
  - {date: 44 BC, title: Ides}
  - {date: "0602", title: Early}
  - {date: "-0137", title: Hadrian dies}
  - {date: "-0043-03-15", title: Caesar}
  - {date: "2022-02-24T04:50:00+02:00", title: Local time}
YAML
"$TLV" export --format timelinejs "$tmp/own.yaml" >"$out"
expect_grep '"start_date": {"year": -44}' "$out" "44 BC exports as -44"
expect_grep '"display_date": "602"' "$out" "display date without padding"
expect_grep '"display_date": "138 BCE"' "$out" "BCE display date"
expect_grep '"display_date": "15 March 44 BCE"' "$out" "BCE day display date"
expect_grep '"display_date": "44 BC"' "$out" "a date as written"
expect_grep '"hour": 4, "minute": 50' "$out" "a time exports as written"

# --- a duplicate key: the last one, as JSON.parse -------------------------

cat >"$tmp/dup.json" <<'JSON'
{"title": {"text": {"headline": "Dup"}},
 "events": [
  {"start_date": {"year": 2020},
   "media": {"url": "https://example.org/old.jpg", "caption": "c", "url": "https://example.org/new.jpg"},
   "text": {"headline": "Kept"}},
  {"start_date": {"year": 2021}, "text": {"headline": "First", "headline": "Last"}}
 ]}
JSON
"$TLV" check "$tmp/dup.json" >"$out" 2>&1
expect_status 0 $? "check with duplicate keys"
expect_grep "dup.json:4:68: warning: duplicate key 'url' (first at line 4, column 14); the last one is used" \
    "$out" "duplicate key in media"
expect_grep '^0 errors, 2 warnings$' "$out" "duplicate keys are warnings"
"$TLV" summary "$tmp/dup.json" >"$out" 2>/dev/null
expect_grep '^  2020  Kept$' "$out" "the event with a duplicate key is kept"
expect_grep '^  2021  Last$' "$out" "the last duplicate is used"
printf 'events:\n  - {date: 2020, title: a, title: b}\n' >"$tmp/dup.yaml"
"$TLV" check "$tmp/dup.yaml" >"$out" 2>&1
expect_status 1 $? "a duplicate key in YAML is still an error"

# --- groups, a title slide without a headline -------------------------------

cat >"$tmp/group.json" <<'JSON'
{"title": {"text": {"text": "No headline on the title slide"},
   "media": {"url": "https://example.org/t.jpg"}},
 "events": [
  {"start_date": {"year": 2020}, "text": {"headline": "A"}, "group": "Politics"},
  {"start_date": {"year": 2021}, "text": {"headline": "B"}, "group": ""},
  {"start_date": {"year": 2022}, "text": {"headline": "C"},
   "display_date": "Sometime in 2022", "background": {"color": "#123456"}}
 ]}
JSON
import_ok "$tmp/group.json" "groups"
if grep -q "^      - ''\$\\|^      - \"\"\$" "$tmp/import.yaml"; then
	fail "an empty group became an empty tag"
else
	pass
fi
"$TLV" export --format timelinejs "$tmp/import.yaml" >"$tmp/back.json"
if [ -n "$py" ]; then
	if $py "$top_srcdir/tests/tljs-roundtrip.py" "$tmp/group.json" \
	    "$tmp/back.json" >"$out"; then pass; else
		fail "groups, display date, background:"; cat "$out"; fi
fi
expect_grep '"headline": ""' "$tmp/back.json" "no file name as the headline"

# --- a tlv timeline survives export -> import unchanged ----------------------

story="$data/story.yaml $data/story-more.yaml $data/claims.yaml"
# shellcheck disable=SC2086
"$TLV" export --format timelinejs $story >"$tmp/story.json"
expect_grep '"display_date": "late 2022 – ongoing"' "$tmp/story.json" \
    "a fuzzy date is shown as written"
expect_grep '<p>Status: alleged</p>' "$tmp/story.json" "status in the slide text"
expect_grep '<p>Sources: <a href=' "$tmp/story.json" "sources in the slide text"
expect_grep '<p>Verdicts: 2024-10-24 alleged (The Wall Street Journal): Several officials, none named.; 2024-11 disputed' \
    "$tmp/story.json" "the verdict history in the slide text"
expect_grep 'Reuters (via The Wall Street Journal), 2024-10-25' \
    "$tmp/story.json" "a relayed source in the slide text"
expect_grep '"related": \[{"id": "kremlin-denial", "rel": "contradicts"}\]' \
    "$tmp/story.json" "relations in the tlv key"
import_ok "$tmp/story.json" "tlv story"
if [ -n "$py" ]; then
	# shellcheck disable=SC2086
	"$TLV" export --format json $story >"$tmp/a.json"
	"$TLV" export --format json "$tmp/import.yaml" >"$tmp/b.json"
	"$TLV" export --format json "$tmp/story.json" >"$tmp/c.json"
	# (A block scalar's last line break is YAML's, not the text's.)
	if $py - "$tmp/a.json" "$tmp/b.json" "$tmp/c.json" >"$out" <<'PY'
import json, sys
a, b, c = (json.load(open(p, encoding="utf-8"))["events"] for p in sys.argv[1:])
bad = len(a) != len(b) or len(a) != len(c)
for x, y, z in zip(a, b, c):
    for k in x:
        if k == "file":
            continue
        vx, vy, vz = x[k], y[k], z[k]
        if k == "description" and vx is not None:
            vx, vy, vz = (v.rstrip("\n") for v in (vx, vy, vz))
        if vx != vy or vx != vz:
            print(x["id"], k, repr(vx), repr(vy), repr(vz))
            bad = True
sys.exit(1 if bad else 0)
PY
	then pass; else fail "export -> import changed events:"; cat "$out"; fi
fi

# --- deep time: TimelineJS's cosmological scale ---------------------------

"$TLV" summary "$corpus/cosmo.json" >"$out" 2>&1
expect_grep '^  13.8 billion years ago  The Big Bang$' "$out" "cosmological year"
if [ "$(grep -n 'Big Bang' "$out" | cut -d: -f1)" -lt \
    "$(grep -n 'Solar System' "$out" | cut -d: -f1)" ]; then pass; else
	fail "deep time out of order:"; cat "$out"; fi
import_ok "$corpus/cosmo.json" "cosmological"
expect_grep '^  - date: "13.8 billion years ago"$' "$tmp/import.yaml" \
    "a cosmological year imports as years ago"
expect_grep '^  - date: Y-538799999$' "$tmp/import.yaml" \
    "a year with no short form imports as EDTF Y"
"$TLV" export --format timelinejs "$tmp/import.yaml" >"$out"
expect_grep '"start_date": {"year": -13800000000}' "$out" \
    "a cosmological year goes back"

# --- changing a file that is JSON --------------------------------------------

# A TimelineJS file is TimelineJS's: a note or a new event is refused (it
# would not be a slide, and tlv's own fields there are read only from
# the "tlv" key its export writes whole), the file unchanged; rm keeps it
# JSON.  A tlv file written as JSON gets its notes as JSON.
cat >"$tmp/tj.json" <<'EOF'
{"title": {"text": {"headline": "T"}},
 "events": [
  {"unique_id": "a", "start_date": {"year": "2001"}, "text": {"headline": "A"}},
  {"unique_id": "b", "start_date": {"year": "2002"}, "text": {"headline": "B"}}
 ]}
EOF
cp "$tmp/tj.json" "$tmp/tj.orig"
"$TLV" annotate a "a note" "$tmp/tj.json" >"$out" 2>&1
expect_status 1 $? "annotate a TimelineJS file"
expect_grep 'is a TimelineJS file, and TimelineJS would not read a tlv note' \
    "$out" "annotate says why"
"$TLV" add --date 2003 --title C "$tmp/tj.json" >"$out" 2>&1
expect_status 1 $? "add to a TimelineJS file"
if cmp -s "$tmp/tj.json" "$tmp/tj.orig"; then pass; else
	fail "a refused change changed the TimelineJS file"; fi
"$TLV" rm b "$tmp/tj.json" >"$out" 2>&1
expect_status 0 $? "rm from a TimelineJS file"
printf '{"title": "J", "events": [{"id": "a", "date": "2001", "title": "A"},
 {"id": "b", "date": "2002", "title": "B", "notes": []}]}\n' >"$tmp/js.yaml"
"$TLV" annotate a 'say "hi"' "$tmp/js.yaml" >"$out" 2>&1 &&
    "$TLV" annotate b "é" "$tmp/js.yaml" >>"$out" 2>&1
expect_status 0 $? "annotate a tlv file written as JSON"
expect_grep '"notes": \[{"at": ' "$tmp/js.yaml" "the note is written as JSON"
# One event a line, as JSON tools write it: an added event is JSON, on a
# line of its own; a removed one takes its line with it.
printf '{"title": "P", "events": [\n  {"id": "a", "date": "2001", "title": "A"},\n  {"id": "b", "date": "2002", "title": "B"}\n]}\n' \
    >"$tmp/pretty.yaml"
"$TLV" add --id c --date 2003 --title 'C "q"' --tag x --actor 'Y Z' \
    "$tmp/pretty.yaml" >"$out" 2>&1 && "$TLV" rm a "$tmp/pretty.yaml" >>"$out" 2>&1
expect_status 0 $? "add to and rm from a tlv file written as JSON"
expect_grep '^  {"id": "c", "date": "2003", "title": "C \\"q\\"", "tags": \["x"\], "actors": \["Y Z"\]}$' \
    "$tmp/pretty.yaml" "the added event is JSON, on its own line"
printf '{"title": "P", "events": [\n  {"id": "b", "date": "2002", "title": "B"},\n' >"$tmp/pretty.want"
grep '"id": "c"' "$tmp/pretty.yaml" >>"$tmp/pretty.want"
printf ']}\n' >>"$tmp/pretty.want"
if cmp -s "$tmp/pretty.yaml" "$tmp/pretty.want"; then pass; else
	fail "after add and rm: $(cat "$tmp/pretty.yaml")"; fi
# A quoted title over two lines, with " #" in it (text, not a comment):
# the note goes after the event's last key, the new event after the last
# one (found by fuzz_edit).
printf '{"events": [\n  {"id": "a", "date": "2001", "title": "one\ntwo #three", "status": "confirmed"},\n  {"id": "b", "date": "2002", "title": "B #x\ny"}\n]}\n' \
    >"$tmp/quoted.yaml"
"$TLV" annotate a "n" "$tmp/quoted.yaml" >"$out" 2>&1 &&
    "$TLV" add --id c --date 2003 --title C "$tmp/quoted.yaml" >>"$out" 2>&1
expect_status 0 $? "note and add after a quoted text with ' #' over two lines: $(cat "$out")"
expect_grep '^two #three", "status": "confirmed", "notes": \[{"at": ' \
    "$tmp/quoted.yaml" "the note after the last key"
expect_grep '^y"},$' "$tmp/quoted.yaml" "b's quoted title kept whole"
expect_grep '^  {"id": "c", "date": "2003", "title": "C"}$' "$tmp/quoted.yaml" \
    "the new event on a line of its own"
# What YAML may not hold raw (U+FFFE, U+FFFF, NEL) is escaped in what
# is written as JSON, so the file still loads (found by fuzz_edit).
printf '{"events": [{"id": "a", "date": "2001", "title": "A"}]}\n' >"$tmp/nonchar.yaml"
"$TLV" annotate a "$(printf 'x\357\277\276y\302\205z')" "$tmp/nonchar.yaml" \
    >"$out" 2>&1 && "$TLV" add --id b --date 2002 \
    --title "$(printf 'T\357\277\277')" "$tmp/nonchar.yaml" >>"$out" 2>&1
expect_status 0 $? "note and add with U+FFFE, NEL, U+FFFF: $(cat "$out")"
expect_grep '"text": "x\\ufffey\\u0085z"' "$tmp/nonchar.yaml" "escaped in the note"
expect_grep '"title": "T\\uffff"' "$tmp/nonchar.yaml" "escaped in the new event"
# "events" with no list in a JSON object: refused, not written as block
# lines the file could not hold (found by fuzz_edit).
printf '{"title": "J", "events":}\n' >"$tmp/nolist.yaml"
cp "$tmp/nolist.yaml" "$tmp/nolist.orig"
"$TLV" add --date 2001 --title A "$tmp/nolist.yaml" >"$out" 2>&1
expect_status 1 $? "add to a JSON object whose events has no list"
expect_grep "the 'events' key has no list, in a flow mapping (JSON); write \[\] first" \
    "$out" "add says why"
if cmp -s "$tmp/nolist.yaml" "$tmp/nolist.orig"; then pass; else
	fail "the refused add changed the file"; fi
if [ -n "$py" ]; then
	for f in tj.json js.yaml pretty.yaml nonchar.yaml; do
		if $py -c 'import json, sys; json.load(open(sys.argv[1]))' \
		    "$tmp/$f" 2>"$out"; then pass; else
			fail "$f is no longer JSON: $(cat "$out")"; fi
	done
fi

finish
