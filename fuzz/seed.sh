#!/bin/sh
# SPDX-License-Identifier: MIT
# Seed corpora for the fuzz harnesses, from the test data:
#   OUT/load   every file of tests/bad-input, timelines and tests/data
#   OUT/date   every date:, end: and at: value in those files, and the
#              forms of SPEC section 2
#   OUT/query  sample filter queries (SPEC section 4)
#   OUT/edit   each timeline and tests/data file behind every op of
#              fuzz_edit (op byte, event byte, a text, NUL, the file), and
#              two files with an anchor and an alias
# One input per file, named by its checksum so reruns add nothing twice.
# Usage: fuzz/seed.sh SRCDIR OUT
set -u
src=${1:?usage: seed.sh SRCDIR OUT}
out=${2:?usage: seed.sh SRCDIR OUT}
mkdir -p "$out/load" "$out/date" "$out/query" "$out/edit" || exit 1

# put DIR: standard input becomes one corpus file in DIR.
put() {
	t=$out/.tmp.$$
	cat >"$t"
	sum=$(cksum <"$t" | awk '{ print $1 "-" $2 }')
	mv "$t" "$1/seed-$sum"
}

for f in "$src"/tests/bad-input/*.yaml "$src"/tests/bad-input/*.json \
    "$src"/timelines/*.yaml "$src"/tests/data/*.yaml; do
	[ -f "$f" ] || continue
	put "$out/load" <"$f"
	# Each date-like value alone, unquoted.
	sed -n -e 's/^[ -]*date: *//p' -e 's/^[ -]*end: *//p' \
	    -e 's/^[ -]*at: *//p' "$f" |
	    sed 's/^"\(.*\)"$/\1/; s/^'"'"'\(.*\)'"'"'$/\1/' >"$out/.dates.$$"
	while IFS= read -r d; do
		printf '%s' "$d" | put "$out/date"
	done <"$out/.dates.$$"
	rm -f "$out/.dates.$$"
done

for d in 2022-02-24 2022-02-24T04:50 2022-02-24T04:50:00+02:00 2022-10 2022 \
    '2022?' '2022-10~' '2022%' 201X 2022-XX 19XX 2022-02-24/2022-03-31 \
    2022-10/.. ../2014 2022-Q4 'Q4 2022' 2022-H2 2022-21 2022-24 2022-33 \
    2022-41 'early 2022' 'mid 2022' mid-2022 'late 2022' \
    'late February 2024' 1970s 'early 1970s' 'mid 1970s' 'late 1970s' \
    'spring 2022' summer 'autumn 2022' 'fall 2022' 'winter 2022' \
    'February 2024' 'Feb 2024' '24 February 2022' 'February 24, 2022' \
    'c. 1066' 'circa 1066' '44 BC' '44 BCE' -0043 ongoing 'lat 2022'; do
	printf '%s' "$d" | put "$out/date"
done

for f in "$src"/timelines/*.yaml "$src"/tests/data/*.yaml; do
	[ -f "$f" ] || continue
	for op in 0 1 2 3 4 5 6 7 8 15 22 37; do
		{ printf "\\$(printf '%03o' "$op")\\001%s\\000" 'Ünïcödé, "text": #1'
		  cat "$f"; } | put "$out/edit"
	done
done

# Anchors and aliases, and texts with '&' and '*' that are neither (the
# safety net asks the load which a file has: tl_file.refs).
refs_block='title: R & D
events:
  - id: a
    date: 2001-01-01
    title: A & B
    description: "R & D, *not* a list"
  - id: b
    date: 2001-01-02
    title: B
    tags: &t [x]
  - id: c
    date: 2001-01-03
    title: C
    tags: *t
'
refs_flow='events: [{id: a, date: 2001, title: "A & B"},
  {id: b, date: 2002, title: B, tags: &t [x]},
  {id: c, date: 2003, title: C * D, tags: *t}]
'
for f in "$refs_block" "$refs_flow"; do
	for op in 0 1 2 4 5 6 7; do
		for k in 0 1 2; do
			{ printf "\\$(printf '%03o' "$op")\\$(printf '%03o' "$k")%s\\000" \
			    'Musk & Putin *'; printf '%s' "$f"; } | put "$out/edit"
		done
	done
done

while IFS= read -r q; do
	printf '%s' "$q" | put "$out/query"
done <<'QUERIES'
tag:starlink status:alleged,denied actor:"Elon Musk" from:2022-06 to:2024 -tag:taiwan kremlin
tag:a,"b, c"
"quoted \" phrase \\ here"
from:late 2022 to:2024-Q1
asof:2023-01 has:sources
asof:2024-11 status:disputed rel:contradicts,retracts sources:2 source:TASS
has:notes has:id has:description has:end has:related
file:musk id:wsj-musk-putin-contact
-status:none
Ünïcödé ÉLON
status:bogus
from:"February 24, 2022"
to:../2014
QUERIES
exit 0
