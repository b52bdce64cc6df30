#!/bin/sh
# SPDX-License-Identifier: MIT
# tlv export and tlv import: every format against a golden file, each
# format read back by a real parser (python3's json and csv, icalendar when
# installed, tlv's own loader for TimelineJS, cmark and pandoc for markdown), the TimelineJS import round
# trip through 'tlv check', filters, hostile text, and usage errors.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir/tests/data" || exit 1
out=$tmp/out
err=$tmp/err
story="story.yaml story-more.yaml"

# python3 for the parser checks; without it those checks are skipped.
py=
command -v python3 >/dev/null 2>&1 && py=python3
# icalendar: Debian's python3-icalendar may sit beside another python3.
pyical=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import icalendar' 2>/dev/null; then
		pyical=$p
		break
	fi
done

# Golden outputs, TLV_TEST_NOW (lib.sh) pinning the ics DTSTAMP.
for f in markdown:md json:json csv:csv ics:ics timelinejs:json; do
	fmt=${f%%:*}
	# shellcheck disable=SC2086
	"$TLV" export --format "$fmt" $story >"$out" 2>"$err"
	expect_status 0 $? "export --format $fmt"
	expect_golden "export-$fmt.${f#*:}" "$out"
	if [ "$fmt" = ics ]; then
		expect_golden export-ics.stderr "$err"
	elif [ -s "$err" ]; then
		fail "export --format $fmt: unexpected stderr: $(cat "$err")"
	fi
done

# json: the documented schema, read by a real JSON parser.
# shellcheck disable=SC2086
"$TLV" export --format json $story >"$out"
if [ -n "$py" ]; then
	if $py - "$out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == 1 and d["title"] == "Test story + More story"
ev = {e["id"]: e for e in d["events"]}
assert len(d["events"]) == 8, len(d["events"])
keys = ["id", "date", "earliest", "latest", "precision", "qualifiers", "end",
        "title", "description", "status", "verdicts", "tags", "actors",
        "sources", "independent_sources", "related", "relations", "notes",
        "file"]
for e in d["events"]:
    assert list(e) == keys, list(e)
c = ev["contact"]
assert c["date"] == "late 2022" and c["earliest"] == "2022-09-01"
assert c["latest"] is None and c["end"] == "ongoing"
assert c["precision"] == "season" and c["qualifiers"] == ["ongoing"]
assert c["sources"] == [{"outlet": "The Wall Street Journal",
    "url": "https://www.wsj.com/", "title": None, "date": "2024-10-24",
    "via": None, "archive": None}]
assert c["independent_sources"] == ["The Wall Street Journal"]
assert c["verdicts"] == [] and c["relations"] == [{"id": "taiwan", "rel": None}]
assert c["notes"][0]["by"] == "alice" and c["related"] == ["taiwan"]
assert ev["taiwan"]["qualifiers"] == ["uncertain"]
assert ev["caesar"]["earliest"] == "-0043-01-01"
assert ev["caesar"]["status"] is None and ev["caesar"]["tags"] == []
assert ev["crimea"]["qualifiers"] == ["interval"]
assert ev["crimea"]["latest"] == "2014-03-18"
assert ev["invasion"]["description"].startswith("Russian forces")
assert "\u65e5\u672c\u8a9e" in ev["decade"]["title"]
assert ev["hur-claim"]["file"] == "story-more.yaml"
EOF
	then pass; else fail "json export does not read back as documented"; fi
	# contested claims: verdicts, relations, relayed and archived sources
	"$TLV" export --format json "$data/claims.yaml" >"$out"
	if $py - "$out" <<'EOF'
import json, sys
ev = {e["id"]: e for e in json.load(open(sys.argv[1], encoding="utf-8"))["events"]}
c = ev["wsj-contact"]
assert [(v["date"], v["status"]) for v in c["verdicts"]] == [
    ("2024-10-24", "alleged"), ("2024-11", "disputed"),
    ("2025-03-01", "confirmed")], c["verdicts"]
assert c["verdicts"][0]["by"] == "The Wall Street Journal"
assert c["verdicts"][1]["text"] is None
assert c["relations"] == [{"id": "kremlin-denial", "rel": "contradicts"}]
assert c["related"] == ["kremlin-denial"]
assert c["sources"][1]["via"] == "The Wall Street Journal"
assert c["sources"][0]["archive"].startswith("https://web.archive.org/")
assert c["independent_sources"] == ["The Wall Street Journal"]
t = ev["taiwan-request"]
assert t["independent_sources"] == ["The Wall Street Journal", "Business Insider"]
assert ev["kremlin-denial"]["independent_sources"] == ["TASS report, 25 October 2024"]
EOF
	then pass; else fail "json export of contested claims"; fi
else
	echo "SKIP: python3 not found; json not parsed"
fi

# csv: RFC 4180 as python's csv module reads it.
# shellcheck disable=SC2086
"$TLV" export --format csv $story >"$out"
if [ -n "$py" ]; then
	if $py - "$out" <<'EOF'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n") and b"\r\n" in raw
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["id", "date", "earliest", "latest", "end", "title",
    "status", "tags", "actors", "sources", "description", "file"], rows[0]
assert len(rows) == 9, len(rows)
assert all(len(r) == 12 for r in rows)
by = {r[0]: r for r in rows[1:]}
assert by["decade"][5].startswith("Something in the early seventies, ")
assert by["invasion"][10].count('"special') == 1
assert by["contact"][8] == "Elon Musk\nVladimir Putin", by["contact"][8]
assert by["contact"][4] == "ongoing" and by["contact"][3] == ""
assert by["contact"][9].split("\t") == ["The Wall Street Journal", "",
    "2024-10-24", "https://www.wsj.com/"], by["contact"][9]
d = by["invasion"][10]
assert d and not d[-1].isspace(), repr(d)
EOF
	then pass; else fail "csv export does not read back"; fi
fi

# csv: a source's parts and a list's items are split on what no name can
# hold (TAB within a source, LF between items), so "Le Monde, Paris" and
# "a; b" stay one name; a description has no trailing line break.
cat >"$tmp/names.yaml" <<'EOF'
events:
  - id: n
    date: 2022
    title: Names
    actors: ["Smith; Jones", "Tab\there"]
    sources:
      - {outlet: "Le Monde, Paris", title: "A, B", url: "https://x/"}
      - {outlet: "=Evil", date: 2022-03}
    description: |
      Line one,
      line two.

EOF
"$TLV" export --format csv "$tmp/names.yaml" >"$out"
expect_status 0 $? "csv with commas in names"
if [ -n "$py" ]; then
	if $py - "$out" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = rows[1]
assert r[8].split("\n") == ["Smith; Jones", "Tab^Ihere"], r[8]
src = [s.split("\t") for s in r[9].split("\n")]
assert src == [["Le Monde, Paris", "A, B", "", "https://x/"],
    ["'=Evil", "", "2022-03", ""]], src
assert r[10] == "Line one,\nline two.", repr(r[10])
EOF
	then pass; else fail "csv names do not read back"; fi
fi

# csv: text cells that a spreadsheet would run as a formula get a "'".
printf 'events:\n  - {id: "=cmd", date: 2022, title: "=HYPERLINK(\\"http://x\\")", actors: ["@a", "b"], description: "-1+2"}\n' \
    >"$tmp/formula.yaml"
"$TLV" export --format csv "$tmp/formula.yaml" >"$out" 2>&1
expect_status 0 $? "csv with formula text"
expect_grep "^'=cmd,2022,2022-01-01,2022-12-31,,\"'=HYPERLINK(\"\"http://x\"\")\",,,\"'@a\$" \
    "$out" "csv formula neutralised"
expect_grep "^b\",,'-1+2," "$out" "csv formula neutralised"

# ics: what a calendar library reads.
# shellcheck disable=SC2086
"$TLV" export --format ics $story >"$out" 2>/dev/null
if [ -n "$pyical" ]; then
	if $pyical - "$out" <<'EOF'
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = {str(c["UID"]): c for c in cal.walk("VEVENT")}
assert len(ev) == 6, sorted(ev)
c = ev["crimea@tlv"]
assert c.decoded("DTSTART") == datetime.date(2014, 2, 20)
assert c.decoded("DTEND") == datetime.date(2014, 3, 19)
assert str(c["SUMMARY"]) == "Russia annexes Crimea"
assert "Status: confirmed" in str(c["DESCRIPTION"])
i = ev["invasion@tlv"]
assert "north, east and south" in str(i["DESCRIPTION"])
assert i.decoded("DTSTAMP") == datetime.datetime(2026, 11, 29, 12, 0,
    tzinfo=datetime.timezone.utc)
assert "\u65e5\u672c\u8a9e" in str(ev["decade@tlv"]["SUMMARY"])
EOF
	then pass; else fail "ics export does not read back"; fi
else
	echo "SKIP: python3 icalendar not installed (python3-icalendar); ics not parsed"
fi
# Folded lines: never over 75 octets.
if LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) bad = 1 } END { exit bad }' "$out"; then
	pass
else
	fail "ics line over 75 octets"
fi

# An event without an id gets a UID that stays the same across runs and
# directories.
printf 'events:\n  - {date: 2022-03-01, title: No id here}\n' >"$tmp/noid.yaml"
"$TLV" export --format ics "$tmp/noid.yaml" | grep '^UID:' >"$tmp/uid1"
mkdir "$tmp/elsewhere"
cp "$tmp/noid.yaml" "$tmp/elsewhere/"
(cd "$tmp/elsewhere" && "$TLV" export --format ics noid.yaml) |
    grep '^UID:' >"$tmp/uid2"
expect_grep '^UID:tlv-[0-9a-f]\{16\}@tlv' "$tmp/uid1" "ics UID without id"
if cmp -s "$tmp/uid1" "$tmp/uid2"; then pass; else fail "ics UID not stable"; fi

# timelinejs: tlv loads it again, with the same events, titles and starts.
# shellcheck disable=SC2086
"$TLV" export --format timelinejs $story >"$tmp/tl.json"
"$TLV" summary --brief "$tmp/tl.json" >"$out" 2>"$err"
expect_status 0 $? "summary of exported TimelineJS"
[ -s "$err" ] && fail "loading exported TimelineJS: $(cat "$err")"
# shellcheck disable=SC2086
"$TLV" summary --brief $story >"$tmp/brief"
# Same titles and statuses in the same order (the "tlv" key brings them
# back; see doc/export-json.md).
sed -E 's/^([^ ]| [^ ])*  +//' "$tmp/brief" >"$tmp/titles1"
sed -E 's/^([^ ]| [^ ])*  +//' "$out" >"$tmp/titles2"
if diff -u "$tmp/titles1" "$tmp/titles2"; then
	pass
else
	fail "TimelineJS round trip changed titles (diff above)"
fi
if [ -n "$py" ]; then
	# shellcheck disable=SC2086
	"$TLV" export --format json $story >"$tmp/a.json"
	"$TLV" export --format json "$tmp/tl.json" >"$tmp/b.json"
	if $py - "$tmp/a.json" "$tmp/b.json" <<'EOF'
import json, sys
a, b = (json.load(open(p, encoding="utf-8"))["events"] for p in sys.argv[1:])
assert len(a) == len(b)
for x, y in zip(a, b):
    assert (x["id"], x["title"], x["earliest"]) == \
        (y["id"], y["title"], y["earliest"]), (x, y)
    if x["latest"] is not None:
        assert x["latest"] == y["latest"], (x, y)
EOF
	then pass; else fail "TimelineJS round trip changed dates"; fi
fi

# import: TimelineJS to YAML that passes 'tlv check' and reads back.
"$TLV" import --from timelinejs "$tmp/tl.json" >"$tmp/y.yaml" 2>"$err"
expect_status 0 $? "import --from timelinejs"
"$TLV" check "$tmp/y.yaml" >"$out" 2>&1
expect_status 0 $? "check imported YAML"
expect_grep '^0 errors, 0 warnings$' "$out" "check imported YAML"
expect_golden import-story.yaml "$tmp/y.yaml"

# import: hostile and tricky text survives YAML exactly.
cat >"$tmp/tricky.json" <<'EOF'
{"title": {"text": {"headline": "Tricky: a # title", "text": "Line 1\nLine 2"}},
 "events": [
  {"start_date": {"year": 2022, "month": 2, "day": 24},
   "end_date": {"year": "2022", "month": "3"},
   "text": {"headline": "null", "text": "AT&amp;T said: &quot;no&quot;\n- not a list\n"},
   "group": "yes", "unique_id": "a:b"},
  {"start_date": {"year": 1999},
   "text": {"headline": " leading space & trailing ", "text": "tab\there \u001b[31m esc \u202e rlo"}},
  {"start_date": {"year": -43, "month": 3, "day": 15},
   "text": {"headline": "- [flow] {map}, 'q' \"dq\" | > % @ `"}},
  {"start_date": {"year": 2020, "month": 1, "day": 2, "hour": 3, "minute": 4},
   "text": {"headline": "2022-02-24", "text": "\n\nblank lines first\n\n\n"}}
 ]}
EOF
"$TLV" import --from timelinejs "$tmp/tricky.json" >"$tmp/tricky.yaml" 2>"$err"
expect_status 0 $? "import tricky TimelineJS"
"$TLV" check "$tmp/tricky.yaml" >"$out" 2>&1
expect_status 0 $? "check imported tricky YAML"
expect_grep '^0 errors, 0 warnings$' "$out" "check imported tricky YAML"
if [ -n "$py" ]; then
	"$TLV" export --format json "$tmp/tricky.json" >"$tmp/a.json"
	"$TLV" export --format json "$tmp/tricky.yaml" >"$tmp/b.json"
	if $py - "$tmp/a.json" "$tmp/b.json" <<'EOF'
import html, json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert a["title"] == b["title"] == "Tricky: a # title"
assert len(a["events"]) == len(b["events"]) == 4
for x, y in zip(a["events"], b["events"]):
    for k in ("id", "date", "end", "earliest", "latest"):
        assert x[k] == y[k], (k, x[k], y[k])
    # Both read as TimelineJS shows the HTML (SPEC section 9).
    assert x["title"] == y["title"], (x["title"], y["title"])
    assert x["description"] == y["description"], (x, y)
    assert [html.unescape(t) for t in x["tags"]] == y["tags"]
ev = {e["id"]: e for e in b["events"]}
assert ev["a:b"]["title"] == "null" and ev["a:b"]["tags"] == ["yes"]
assert ev["a:b"]["description"] == 'AT&T said: "no" - not a list'
assert ev["a:b"]["end"] == "2022-03"
EOF
	then pass; else fail "import changed tricky text"; fi
fi

# Hostile text: no raw control characters in any format.
for fmt in markdown json csv ics timelinejs; do
	"$TLV" export --format "$fmt" hostile.yaml >"$out" 2>&1
	expect_status 0 $? "export --format $fmt hostile.yaml"
	# CR is allowed only as part of the CRLF line ends of csv and ics.
	if LC_ALL=C tr -d '\r\n\t' <"$out" |
	    LC_ALL=C grep -q "$(printf '[\001-\037\177]')"; then
		fail "raw control characters in $fmt output"
	elif LC_ALL=C sed 's/\r$//' "$out" | LC_ALL=C grep -q "$(printf '\r')"; then
		fail "bare CR in $fmt output"
	elif grep -q "$(printf '\302\233')\|$(printf '\342\200\256')" "$out"; then
		fail "C1 or bidi control in $fmt output"
	else
		pass
	fi
done
"$TLV" export --format json hostile.yaml >"$out"
expect_grep 'Escape \\u001b\[31mred' "$out" "json escapes ESC losslessly"
if [ -n "$py" ]; then
	if $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["events"][0]["title"].startswith("Escape \x1b[31m")' "$out"
	then pass; else fail "hostile json does not read back"; fi
fi

# Filters are those of summary.
# shellcheck disable=SC2086
"$TLV" export --format csv --tag starlink --status alleged,denied $story >"$out"
expect_status 0 $? "export with filters"
if [ "$(grep -c "$(printf '\r')\$" "$out")" -eq 4 ]; then pass; else fail "filtered csv: $(cat "$out")"; fi
# shellcheck disable=SC2086
"$TLV" export --format=markdown --filter 'id:invasion' $story >"$out"
expect_grep '^- \*\*2022-02-24\*\*: Full-scale invasion of Ukraine \*(confirmed)\*$' \
    "$out" "--format= and --filter"
if grep -q Crimea "$out"; then fail "--filter ignored"; else pass; fi

# A data error still exports the good events, with exit 1.
printf 'events:\n  - {title: Bad, date: lat 2022}\n  - {title: Fine, date: 2020}\n' \
    >"$tmp/bad.yaml"
"$TLV" export --format csv "$tmp/bad.yaml" >"$out" 2>"$err"
expect_status 1 $? "export with a bad file"
expect_grep 'Fine' "$out" "export with a bad file"
expect_grep "unrecognised date 'lat 2022'" "$err" "export with a bad file"

# Usage errors and help.
"$TLV" export --help >"$out" 2>&1
expect_status 0 $? "export --help"
expect_grep 'timelinejs' "$out" "export --help"
"$TLV" import --help >"$out" 2>&1
expect_status 0 $? "import --help"
expect_grep '^usage: tlv import --from timelinejs' "$out" "import --help"
"$TLV" export story.yaml >"$out" 2>&1
expect_status 2 $? "export without --format"
expect_grep 'markdown, json, csv, ics, timelinejs' "$out" "export without --format"
"$TLV" export --format yaml story.yaml >"$out" 2>&1
expect_status 2 $? "unknown format"
expect_grep "unknown format 'yaml' (formats: markdown, json, csv, ics, timelinejs, svg)" \
    "$out" "unknown format"
"$TLV" export --format jsno story.yaml >"$out" 2>&1
expect_status 2 $? "format typo"
expect_grep "unknown format 'jsno' (did you mean 'json'?)" "$out" "format typo"
# markdown: text that CommonMark or pandoc would read as syntax renders as
# written, by cmark and pandoc where they are installed: no citation from
# '@', no dash from '\---', no list, heading, quote, rule, link, emphasis,
# math, super/subscript, attribute or definition from the text.
cat >"$tmp/md.yaml" <<'EOF'
title: "Syntax {#x} check"
events:
  - id: m1
    date: 2022-01-01
    title: "Tag @sum and \\--- dash, -- en, a...b, $x$ ^up^ ~down~ *b* _i_"
    tags: ["@sum", "a--b", "[@cite]"]
    description: |
      a) lower
      iv. roman
      (1) parens
      : definition
      # heading
      > quote
      ---
      ***
      1. one
      + plus
      Term {.class} and [^1] and ![img](x) and [l](u) and <b>x</b> and `c`
      \back &amp; AT&T
EOF
"$TLV" export --format md "$tmp/md.yaml" >"$tmp/md.md"
expect_status 0 $? "export --format md of Markdown syntax"
if [ -n "$py" ]; then
	cat >"$tmp/mdcheck.py" <<'EOF'
import json, sys, re, xml.etree.ElementTree as ET
kind, path = sys.argv[1], sys.argv[2]
phrases = [
    "Tag @sum and \\--- dash, -- en, a...b, $x$ ^up^ ~down~ *b* _i_",
    "@sum, a--b, [@cite]", "a) lower", "iv. roman", "(1) parens",
    ": definition", "# heading", "> quote", "---", "***", "1. one",
    "+ plus", "Term {.class} and [^1] and ![img](x) and [l](u) and "
    "<b>x</b> and `c`", "\\back &amp; AT&T", "Syntax {#x} check"]
types, text = {}, []
if kind == "pandoc":
    def walk(n):
        if isinstance(n, dict):
            if "t" in n:
                types[n["t"]] = types.get(n["t"], 0) + 1
                if n["t"] == "Str":
                    text.append(n["c"])
                elif n["t"] in ("Space", "SoftBreak", "LineBreak"):
                    text.append(" ")
                elif n["t"] in ("Para", "Plain", "Header"):
                    text.append(" | ")
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)
    walk(json.load(open(path)))
    bad = ["Cite", "Math", "Superscript", "Subscript", "Strikeout", "Emph",
           "Link", "Image", "RawInline", "RawBlock", "Code", "CodeBlock",
           "DefinitionList", "OrderedList", "BlockQuote", "HorizontalRule",
           "Table", "Span", "Div", "Note"]
    want = {"Header": 2, "BulletList": 1, "Strong": 1}
else:
    ns = "{http://commonmark.org/xml/1.0}"
    for e in ET.parse(path).iter():
        t = e.tag.replace(ns, "")
        if t == "list":
            t = "list-" + e.get("type")
        types[t] = types.get(t, 0) + 1
        if t == "text":
            text.append(e.text or "")
        elif t in ("softbreak", "linebreak"):
            text.append(" ")
        elif t in ("paragraph", "heading"):
            text.append(" | ")
    bad = ["emph", "link", "image", "html_inline", "html_block", "code",
           "code_block", "list-ordered", "block_quote", "thematic_break"]
    want = {"heading": 2, "list-bullet": 1, "strong": 1}
flat = re.sub(r"\s+", " ", "".join(text))
ok = True
for b in bad:
    if b in types:
        print("%s: %s in the output" % (kind, b)); ok = False
for w, n in want.items():
    if types.get(w, 0) != n:
        print("%s: %d %s, expected %d" % (kind, types.get(w, 0), w, n)); ok = False
for p in phrases:
    if p not in flat:
        print("%s: %r not rendered as written" % (kind, p)); ok = False
for ch in "\u2013\u2014\u2026":
    if ch in flat:
        print("%s: U+%04X in the text" % (kind, ord(ch))); ok = False
if not ok:
    print(flat)
sys.exit(0 if ok else 1)
EOF
	if command -v pandoc >/dev/null 2>&1; then
		pandoc -f markdown -t json "$tmp/md.md" >"$tmp/md.json" &&
		    $py "$tmp/mdcheck.py" pandoc "$tmp/md.json" && pass ||
		    fail "markdown export read by pandoc (above)"
	else
		echo "export.sh: no pandoc: the markdown export is not read by it"
	fi
	if command -v cmark >/dev/null 2>&1; then
		cmark -t xml "$tmp/md.md" >"$tmp/md.xml" &&
		    $py "$tmp/mdcheck.py" cmark "$tmp/md.xml" && pass ||
		    fail "markdown export read by cmark (above)"
	else
		echo "export.sh: no cmark: the markdown export is not read by it"
	fi
fi

# The usual short names, in any case, give the same output.
for f in md:markdown MD:markdown ical:ics ICS:ics icalendar:ics \
    JSON:json; do
	# shellcheck disable=SC2086
	"$TLV" export --format "${f%%:*}" $story >"$out" 2>/dev/null
	expect_status 0 $? "export --format ${f%%:*}"
	# shellcheck disable=SC2086
	"$TLV" export --format "${f#*:}" $story >"$tmp/long" 2>/dev/null
	cmp -s "$out" "$tmp/long" && pass ||
	    fail "export --format ${f%%:*} differs from ${f#*:}"
done
"$TLV" export --format >"$out" 2>&1
expect_status 2 $? "--format without a value"
"$TLV" export --format json --bogus story.yaml >"$out" 2>&1
expect_status 2 $? "export unknown option"
"$TLV" import story.yaml >"$out" 2>&1
expect_status 2 $? "import without --from"
"$TLV" import --from csv "$tmp/tl.json" >"$out" 2>&1
expect_status 2 $? "import from an unknown format"
"$TLV" import --from timelinejs >"$out" 2>&1
expect_status 2 $? "import without a file"
"$TLV" import --from timelinejs story.yaml >"$out" 2>"$err"
expect_status 1 $? "import of a tlv file"
expect_grep 'not TimelineJS' "$err" "import of a tlv file"
"$TLV" import --from timelinejs "$tmp/missing.json" >"$out" 2>"$err"
expect_status 1 $? "import of a missing file"
# markdown: the verdict history, relayed and archived sources
"$TLV" export --format markdown "$data/claims.yaml" >"$out" 2>"$err"
expect_status 0 $? "markdown export of contested claims"
expect_grep '^  Verdicts: 2024-10-24 \*alleged\* (The Wall Street Journal): Several officials, none named.; 2024-11 \*disputed\*' \
    "$out" "markdown verdicts"
expect_grep 'Reuters via The Wall Street Journal (2024-10-25)' "$out" \
    "markdown: a relayed source"
expect_grep '\[archived\](https://web.archive.org/' "$out" \
    "markdown: an archived source"

# JSON allows a key twice, and the last one is used: a second notes,
# sources or verdicts list takes the place of the first, whole (the
# second notes went past the end of their array, and the first sources'
# relays stayed with the second).
printf '%s\n' '{"title": "D", "events": [{"id": "a", "date": "2001",' \
    '"title": "A", "sources": [{"outlet": "X", "via": "Y"}, {"outlet": "Y"}],' \
    '"sources": [{"outlet": "P"}, {"outlet": "Q"}, {"outlet": "R"}],' \
    '"verdicts": [{"date": "2002", "status": "denied"}], "verdicts": [],' \
    '"notes": "first", "notes": [{"text": "second"}]}]}' >"$tmp/dup.json"
"$TLV" export --format json "$tmp/dup.json" >"$out" 2>/dev/null
expect_status 0 $? "duplicate keys: export"
expect_grep '"notes": \[$' "$out" "duplicate keys: notes"
expect_grep '{"at": null, "by": null, "text": "second"}$' "$out" \
    "duplicate keys: the second notes alone"
grep -q '"first"' "$out" && fail "duplicate keys: the first notes stayed" ||
    pass
grep -q '"text": null}' "$out" && fail "duplicate keys: an empty note" ||
    pass
grep -q '"via": "Y"' "$out" && fail "duplicate keys: the first relay stayed" ||
    pass
expect_grep '"outlet": "R"' "$out" "duplicate keys: the second sources"
expect_grep '"verdicts": \[\]' "$out" "duplicate keys: no verdicts"

finish
