#!/bin/sh
# SPDX-License-Identifier: MIT
# Parallel loading (src/load.c) is only a faster way to the same result: on
# files big enough to be cut into parts (over 4 MB), every output -- check's
# diagnostics with their lines, the full summary, the JSON export, an edit
# -- is byte-identical with one parser (TLV_JOBS=1) and with four.  The
# files are made so that cutting goes wrong in every way we know of: items
# at column 0, CRLF, a quoted scalar whose lines look like items, an alias
# to an anchor in another part, keys after the events list, and problems
# (a duplicate id, an unknown key, a bad date) far from the top; and a
# file big enough that its sort order is worked out on a thread.
. "${top_srcdir:-.}/tests/lib.sh"

# same NAME FILE: the outputs with one parser and with four are
# identical; check's and summary's outputs are kept in $tmp/NAME.check
# and NAME.sum.
same() {
	name=$1
	f=$2
	for j in 1 4; do
		TLV_JOBS=$j "$TLV" check "$f" >"$tmp/$name.check.$j" 2>&1
		echo "exit $?" >>"$tmp/$name.check.$j"
		TLV_JOBS=$j "$TLV" summary --full "$f" >"$tmp/$name.sum.$j" 2>&1
		TLV_JOBS=$j "$TLV" export --format json "$f" \
		    >"$tmp/$name.json.$j" 2>&1
		TLV_JOBS=$j "$TLV" export --format timelinejs "$f" \
		    >"$tmp/$name.tljs.$j" 2>&1
	done
	for o in check sum json tljs; do
		if cmp -s "$tmp/$name.$o.1" "$tmp/$name.$o.4"; then
			pass
		else
			fail "$name: '$o' differs between TLV_JOBS=1 and 4"
			diff "$tmp/$name.$o.1" "$tmp/$name.$o.4" | head -20
		fi
	done
	cp "$tmp/$name.check.1" "$tmp/$name.check"
	cp "$tmp/$name.sum.1" "$tmp/$name.sum"
}

base=$tmp/base.yaml
gen_timeline 6000 2 >"$base"
size=$(wc -c <"$base")
[ "$size" -gt 5000000 ] && pass || fail "generated file too small: $size"
n=$(grep -c '^  - id:' "$base")
last=$(grep -n '^  - id: ev-005990' "$base" | cut -d: -f1)

same clean "$base"
expect_grep '^0 errors, 0 warnings$' "$tmp/clean.check" "clean file"
expect_grep "^6000 events from 1 file" "$tmp/clean.sum" "clean summary"

# Items at column 0; CRLF line ends.
gen_timeline 6000 0 >"$tmp/flush.yaml"
same flush "$tmp/flush.yaml"
expect_grep '^0 errors, 0 warnings$' "$tmp/flush.check" "items at column 0"
sed 's/$/\r/' "$base" >"$tmp/crlf.yaml"
same crlf "$tmp/crlf.yaml"
expect_grep '^0 errors, 0 warnings$' "$tmp/crlf.check" "CRLF"

# Problems near the end: a duplicate id, an unknown key, a bad date.  The
# diagnostics name the lines the file has them on.
sed "${last}s/ev-005990/ev-000001/" "$base" >"$tmp/dup.yaml"
same dup "$tmp/dup.yaml"
expect_grep "dup.yaml:$last:9: error: duplicate id 'ev-000001'" \
    "$tmp/dup.check" "duplicate id far down"
sed "$((last + 1))s/^    date:/    colour: red\n    date:/" "$base" \
    >"$tmp/warn.yaml"
same warn "$tmp/warn.yaml"
expect_grep "warn.yaml:$((last + 1)):5: warning: unknown key 'colour'" \
    "$tmp/warn.check" "unknown key far down"
sed "$((last + 1))s/date: .*/date: 2022-02-30/" "$base" >"$tmp/bad.yaml"
same bad "$tmp/bad.yaml"
expect_grep "bad.yaml:$((last + 1)):" "$tmp/bad.check" "bad date far down"

# Over 65536 events the sort order is worked out on a thread while the
# checks run: the same with a duplicate id to report meanwhile.
gen_timeline 70000 2 | sed 's/^  - id: ev-069999$/  - id: ev-000002/' \
    >"$tmp/big.yaml"
same big "$tmp/big.yaml"
expect_grep "big.yaml:[0-9]*:9: error: duplicate id 'ev-000002'" \
    "$tmp/big.check" "duplicate id in 70000 events"
expect_grep "^70000 events from 1 file" "$tmp/big.sum" "big summary"
rm -f "$tmp/big.yaml" "$tmp"/big.json.*

# An alias far down to an anchor in the first event.
sed -e "0,/^    tags: \[t0, shared\]$/s//    tags: \&first [t0, shared]/" \
    -e "$((last + 12))s/^    tags: .*/    tags: *first/" "$base" \
    >"$tmp/alias.yaml"
expect_grep "tags: \*first" "$tmp/alias.yaml" "the alias is in"
same alias "$tmp/alias.yaml"
expect_grep '^0 errors, 0 warnings$' "$tmp/alias.check" "alias across parts"

# A double-quoted description whose continuation lines look like items,
# in every event: a cut there is inside a scalar.
awk '/^    description: \|$/ { print "    description: \"quoted"; q = 1; next }
    q && /^      line 7/ { print "  - looks like an item\""; q = 0; next }
    q { print "  - " substr($0, 7); next }
    { print }' "$base" >"$tmp/quoted.yaml"
same quoted "$tmp/quoted.yaml"
expect_grep '^0 errors, 0 warnings$' "$tmp/quoted.check" "quoted lines"

# An event far down keeps its TimelineJS extras (media, background): a
# part's side records came back with one parser only.
awk '/^  - id: ev-005990/ { print; print "    timelinejs: {\"media\": {\"url\": \"https://example.org/m.jpg\"}}"; next }
    { print }' "$base" >"$tmp/media.yaml"
same media "$tmp/media.yaml"
expect_grep 'example.org/m.jpg' "$tmp/media.tljs.4" "media of a late event, 4 parsers"

# A top-level key after the events list.
{ cat "$base"; echo "description: after the list"; } >"$tmp/after.yaml"
same after "$tmp/after.yaml"
expect_grep '^0 errors, 0 warnings$' "$tmp/after.check" "key after list"

# An edit on an event far down changes the same bytes either way.  The
# save succeeds only if the hash taken while loading (behind one parser,
# before the parts, or before the parts and then one parser again when a
# warning sends the file back) is the hash of the file.
for f in base warn; do
	for j in 1 4; do
		cp "$tmp/$f.yaml" "$tmp/edit.$j.yaml"
		TLV_JOBS=$j TLV_TEST_NOW=2026-11-29T10:00:00Z "$TLV" annotate \
		    ev-005999 "a note far down" "$tmp/edit.$j.yaml" \
		    >"$tmp/edit.out" 2>&1
		expect_status 0 $? "annotate $f.yaml with TLV_JOBS=$j"
	done
	if cmp -s "$tmp/edit.1.yaml" "$tmp/edit.4.yaml" &&
	    ! cmp -s "$tmp/$f.yaml" "$tmp/edit.4.yaml"; then
		pass
	else
		fail "annotate $f.yaml: the file differs between TLV_JOBS=1 and 4"
	fi
done
# An anchor and its alias in one late part: the load, in parts, still
# knows the file has them (tl_file.refs), so removing the anchored event is
# checked on the whole file and refused -- the alias would be left with no
# anchor -- with either number of parsers.
awk '/^  - id: ev-00599[01]$/ { ev = $3 }
    /^    tags: / && ev == "ev-005990" { print "    tags: &late [t0]"; ev = ""; next }
    /^    tags: / && ev == "ev-005991" { print "    tags: *late"; ev = ""; next }
    { print }' "$base" >"$tmp/refs.yaml"
expect_grep '^    tags: \*late$' "$tmp/refs.yaml" "the late alias is in"
for j in 1 4; do
	cp "$tmp/refs.yaml" "$tmp/refs.$j.yaml"
	TLV_JOBS=$j "$TLV" rm ev-005990 "$tmp/refs.$j.yaml" >"$tmp/refs.out" 2>&1
	expect_status 1 $? "rm the anchored event, TLV_JOBS=$j"
	expect_grep "not saved: the change would break" "$tmp/refs.out" \
	    "rm the anchored event, TLV_JOBS=$j: refused"
	cmp -s "$tmp/refs.yaml" "$tmp/refs.$j.yaml" && pass ||
	    fail "rm the anchored event, TLV_JOBS=$j: the file changed"
done
[ "$n" -eq 6000 ] && pass || fail "generator made $n events"
finish
