#!/bin/sh
# SPDX-License-Identifier: MIT
# Sizes of the code (issue 16: a newcomer reads a file, and a function, at
# one sitting):
#  - no src/*.c or src/*.h is over 1,500 lines;
#  - no function's body is over 80 lines.
# A function is found by the code's style (STYLE.md): its return type on
# a line of its own, its name at column 0 ("name(" starts the line), its
# '{' alone at column 0 and its '}' at column 0.  The body is the lines
# between that '{' and that '}'.  A '{' at column 0 after no such name,
# or a name line that ends with its '{', is not the style and fails too,
# so that no function escapes the count.
. "${top_srcdir:-.}/tests/lib.sh"

max_lines=1500
max_body=80

for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; do
	[ -f "$f" ] || continue
	n=$(wc -l <"$f")
	if [ "$n" -gt "$max_lines" ]; then
		fail "src/${f##*/} has $n lines (at most $max_lines)"
	else
		pass
	fi
	awk -v f="src/${f##*/}" -v max="$max_body" '
	/^[A-Za-z_][A-Za-z0-9_]*\(/ {
		cand = $0
		sub(/\(.*/, "", cand)
		if ($0 ~ /\{[[:space:]]*$/) {
			print f ":" FNR ": " cand "() has its { on its name line"
			cand = ""
		} else if ($0 ~ /;[[:space:]]*$/)
			cand = ""	# a declaration
	}
	/^\{/ {
		if (cand == "")
			print f ":" FNR ": a { at column 0 that opens no function"
		name = cand
		start = FNR
		open = 1
	}
	/^\}/ && open {
		body = FNR - start - 1
		if (body > max)
			print f ":" start ": " name "() has a body of " body \
			    " lines (at most " max ")"
		open = 0
		cand = ""
	}' "$f" >"$tmp/long" || fail "src/${f##*/}: awk failed"
	if [ -s "$tmp/long" ]; then
		while read -r line; do
			fail "$line"
		done <"$tmp/long"
	else
		pass
	fi
done
# The count sees the functions: there are hundreds.
n=$(cat "$top_srcdir"/src/*.c | grep -c '^{')
if [ "$n" -lt 500 ]; then
	fail "only $n functions found in src/*.c: is the style still the same?"
else
	pass
fi
finish
