#!/bin/sh
# SPDX-License-Identifier: MIT
# tlv export --format svg: a structural golden of the test story (and of
# its actor lanes, --lanes), a
# well-formed document (python3's XML parser) with text escaped, the same
# layout rules as the timeline view (fuzzy and certain parts, stacking,
# source ticks, arrows, a crowded lane's count), filters, and the picture
# rendered by rsvg-convert (librsvg2-bin): its size, and not blank
# (pngstat.py).  The parser and renderer checks are skipped, with a line in
# the log, where python3 or rsvg-convert is missing.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir/tests/data" || exit 1
out=$tmp/out.svg
err=$tmp/err
py=
command -v python3 >/dev/null 2>&1 && py=python3
rsvg=
command -v rsvg-convert >/dev/null 2>&1 && rsvg=rsvg-convert
[ -n "$py" ] || echo "svg: no python3: XML and picture checks skipped"
[ -n "$rsvg" ] || echo "svg: no rsvg-convert (librsvg2-bin): rendering skipped"

# well_formed FILE WHAT: python3's XML parser reads it, root <svg>.
well_formed() {
	[ -n "$py" ] || return 0
	if "$py" -c 'import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
sys.exit(r.tag != "{http://www.w3.org/2000/svg}svg")' "$1"; then
		pass
	else
		fail "$2: not a well-formed SVG document"
	fi
}

# count CLASS FILE: elements of that class.
count() {
	grep -o "class=\"$1\"" "$2" | wc -l | tr -d ' '
}

# expect_count WANT CLASS FILE WHAT
expect_count() {
	n=$(count "$2" "$3")
	if [ "$n" = "$1" ]; then
		pass
	else
		fail "$4: $n elements of class $2, expected $1"
	fi
}

# rendered FILE W H WHAT: rsvg-convert draws it W x H, and not blank.
rendered() {
	[ -n "$rsvg" ] && [ -n "$py" ] || return 0
	if ! "$rsvg" "$1" -o "$tmp/pic.png" 2>"$err"; then
		fail "$4: rsvg-convert failed: $(cat "$err")"
		return
	fi
	set -- $("$py" "$top_srcdir/tests/pngstat.py" "$tmp/pic.png") "$2" \
	    "$3" "$4"
	if [ "$1" != "$5" ] || [ "$2" != "$6" ]; then
		fail "$7: picture ${1}x$2, expected ${5}x$6"
	elif ! awk -v i="$3" -v s="$4" 'BEGIN { exit !(i > 0.02 && s > 10) }'
	then
		fail "$7: the picture looks blank (inked $3, deviation $4)"
	else
		pass
	fi
}

# The checker itself: a blank picture is seen as blank.
if [ -n "$rsvg" ] && [ -n "$py" ]; then
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#fff"/></svg>\n' >"$tmp/blank.svg"
	"$rsvg" "$tmp/blank.svg" -o "$tmp/blank.png"
	set -- $("$py" "$top_srcdir/tests/pngstat.py" "$tmp/blank.png")
	if [ "$1 $2 $3 $4" = "40 30 0.0000 0.0" ]; then
		pass
	else
		fail "pngstat.py: a blank picture gave $*"
	fi
fi

# The test story: golden, well formed, rendered.
"$TLV" export --format svg story.yaml story-more.yaml >"$out" 2>"$err"
expect_status 0 $? "export --format svg"
[ -s "$err" ] && fail "export --format svg: unexpected stderr: $(cat "$err")"
expect_golden export-svg.svg "$out"
well_formed "$out" "story"
h=$(sed -n 's/.*<svg [^>]* height="\([0-9]*\)".*/\1/p' "$out")
rendered "$out" 1194 "$h" "story"

# The bundled story: the contacts since late 2022 (fuzzy, then certain,
# ongoing to the right edge), reported on 24 October 2024 (a tick).
"$TLV" export --format svg "$top_srcdir/timelines" >"$out" 2>"$err"
expect_status 0 $? "export --format svg timelines"
well_formed "$out" "bundled story"
h=$(sed -n 's/.*<svg [^>]* height="\([0-9]*\)".*/\1/p' "$out")
rendered "$out" 1194 "$h" "bundled story"
expect_grep 'Musk reportedly begins regular contac' "$out" "bundled: title"
expect_count 2 ongoing "$out" "bundled: ongoing ends"
[ "$(count source "$out")" -ge 20 ] && pass ||
	fail "bundled: fewer than 20 source ticks"

# Layout rules on a small file: fuzzy vs certain, stacking, open start,
# ongoing, ? and ~, a crowded lane with its count.
cat >"$tmp/rules.yaml" <<'YAML'
title: Rules
events:
  - { date: ../2021-06, title: Open start, status: reported }
  - { date: 2022-09/2022-12, title: Solid, status: confirmed }
  - { date: late 2022, title: Fuzzy, status: alleged,
      sources: [{ outlet: WSJ, date: 2024-10-24 }] }
  - { date: late 2022, end: ongoing, title: Since, status: alleged }
  - { date: 2023-03-01?, title: Unsure }
  - { date: 2023-10~, title: About }
YAML
"$TLV" export --format svg "$tmp/rules.yaml" >"$out" 2>"$err"
expect_status 0 $? "export --format svg rules"
well_formed "$out" "rules"
# Solid and Since have a certain part; Fuzzy, Open start (its end year
# is a month: certain) ... every bar is drawn light first.
expect_count 3 certain "$out" "rules: certain parts"
expect_count 1 open-start "$out" "rules: open start arrow"
expect_count 1 ongoing "$out" "rules: ongoing arrow"
expect_count 1 source "$out" "rules: the WSJ tick"
expect_grep 'Unsure ?</text>' "$out" "rules: ? marked"
expect_grep 'About ~</text>' "$out" "rules: ~ marked"
# three overlapping bars in late 2022: three rows
ys=$(grep 'class="title"' "$out" | sed 's/.* y="\([0-9]*\)".*/\1/' | sort -u |
    wc -l | tr -d ' ')
[ "$ys" -ge 3 ] && pass || fail "rules: overlapping bars not stacked ($ys rows)"

# A crowded lane: 40 events on one day, SVG_MAX_ROWS rows, then "+N".
{
	echo "title: Crowd"
	echo "events:"
	i=0
	while [ $i -lt 40 ]; do
		echo "  - { date: 2022-10-03, title: Same day $i }"
		i=$((i + 1))
	done
	echo "  - { date: 2023-10-03, title: Later }"
} >"$tmp/crowd.yaml"
"$TLV" export --format svg "$tmp/crowd.yaml" >"$out" 2>"$err"
expect_status 0 $? "export --format svg crowd"
expect_grep '>+17</text>' "$out" "crowd: the count of the rest"
expect_count 1 count "$out" "crowd: one count"

# --lanes: the lanes of another mode, as L in the viewer.
"$TLV" export --format svg --lanes actor story.yaml story-more.yaml \
    >"$out" 2>"$err"
expect_status 0 $? "export --format svg --lanes actor"
[ -s "$err" ] && fail "--lanes actor: unexpected stderr: $(cat "$err")"
expect_golden export-svg-actor.svg "$out"
well_formed "$out" "--lanes actor"
h=$(sed -n 's/.*<svg [^>]* height="\([0-9]*\)".*/\1/p' "$out")
rendered "$out" 1194 "$h" "--lanes actor"
"$TLV" export --format svg --lanes=none story.yaml >"$out" 2>"$err"
expect_status 0 $? "export --format svg --lanes=none"
expect_grep ' events · one lane<' "$out" "--lanes none: the heading"
expect_count 1 lane-name "$out" "--lanes none: one lane"
expect_grep '>all</text>' "$out" "--lanes none: its name"
"$TLV" export --format svg --lanes wrong story.yaml >"$out" 2>"$err"
expect_status 2 $? "--lanes wrong"
expect_grep "unknown lanes 'wrong' (lanes: file, actor, tag, status, outlet, none)" \
    "$err" "--lanes wrong: the valid modes"
[ -s "$out" ] && fail "--lanes wrong: output written"
"$TLV" export --format svg --lanes actr story.yaml >"$out" 2>"$err"
expect_status 2 $? "--lanes actr"
expect_grep "unknown lanes 'actr' (did you mean 'actor'?)" "$err" \
    "--lanes actr: the mode meant"
"$TLV" export --format csv --lanes actor story.yaml >"$out" 2>"$err"
expect_status 2 $? "--lanes with csv"
expect_grep '--lanes is for --format svg' "$err" "--lanes with csv: why"

# Filters as for every export.
"$TLV" export --format svg --tag starlink "$top_srcdir/timelines" >"$out"
expect_status 0 $? "export --format svg --tag"
if [ -n "$py" ]; then
	n=$("$TLV" export --format csv --tag starlink "$top_srcdir/timelines" |
	    "$py" -c 'import csv, sys
print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
	expect_grep ">$n events · lanes by file<" "$out" "filter: the count"
	expect_count "$n" title "$out" "filter: a title each"
fi

# Hostile text: escaped, no control character, still well formed.
cat >"$tmp/hostile.yaml" <<'YAML'
title: "A <b>&amp; \"quoted\" 'title' \e[31m"
events:
  - date: 2022
    title: "</text><script>alert(1)</script> & \e]0;pwned\a \u202Eevil"
    actors: ["<actor>"]
YAML
"$TLV" export --format svg "$tmp/hostile.yaml" >"$out" 2>"$err"
expect_status 0 $? "export --format svg hostile"
well_formed "$out" "hostile"
if grep -q '<script\|</text><' "$out"; then
	fail "hostile: markup from the file reached the SVG"
else
	pass
fi
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$out"; then
	fail "hostile: a control character reached the SVG"
else
	pass
fi
expect_grep '&lt;/text&gt;&lt;script&gt;' "$out" "hostile: escaped"

finish
