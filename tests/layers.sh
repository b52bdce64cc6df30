#!/bin/sh
# SPDX-License-Identifier: MIT
# The viewer's files call each other one way only (src/ui.h): no two of
# src/ui*.c and src/view_*.c call each other, directly or round a loop.
# Read from the objects' symbols (nm), so a call through a view's table of
# functions does not count, as it should not; skipped without nm.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v nm >/dev/null 2>&1; then
	echo "layers.sh: nm is not installed: not checked"
	exit 0
fi
objs=
for o in "$top_builddir"/src/tlv-ui*.o "$top_builddir"/src/tlv-view_*.o; do
	[ -f "$o" ] && objs="$objs $o"
done
if [ -z "$objs" ]; then
	fail "no viewer objects in $top_builddir/src"
	finish
	exit
fi

# "FILE KIND SYMBOL" for every symbol defined (D) or used (U).
for o in $objs; do
	f=$(basename "$o" .o | sed 's/^tlv-//')
	nm -P "$o" | awk -v f="$f" '
	    $2 ~ /^[TDBR]$/ { print f, "D", $1 }
	    $2 == "U" { print f, "U", $1 }'
done >"$tmp/syms"
expect_grep '^ui D ui_run$' "$tmp/syms" "ui.o defines ui_run"
expect_grep '^view_timeline U ' "$tmp/syms" "view_timeline.o uses symbols"

# Who reaches whom; a pair reaching each other is a loop.
awk '
$2 == "D" { owner[$3] = $1; node[$1] = 1 }
$2 == "U" { use[NR] = $1 " " $3 }
END {
	for (i in use) {
		split(use[i], p, " ")
		if ((p[2] in owner) && owner[p[2]] != p[1])
			r[p[1], owner[p[2]]] = 1
	}
	for (k in node) for (a in node) for (b in node)
		if (((a, k) in r) && ((k, b) in r))
			r[a, b] = 1
	for (a in node) for (b in node)
		if (a < b && ((a, b) in r) && ((b, a) in r))
			print "src/" a ".c and src/" b ".c"
}' "$tmp/syms" | sort >"$tmp/loops"
if [ -s "$tmp/loops" ]; then
	while read -r line; do
		fail "$line call each other (directly or round a loop)"
	done <"$tmp/loops"
else
	pass
fi
finish
