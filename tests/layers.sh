#!/bin/sh
# SPDX-License-Identifier: MIT
# The layers of the code (doc/HACKING.md), read from the objects' symbols
# (nm), so a call through a table of functions does not count, as it
# should not:
#  - no two source files call each other, directly or round a loop (the
#    core's, the commands' and the viewer's alike);
#  - no core file (those of libtlvcore.a) includes <curses.h> or uses a
#    symbol of the curses libraries; only src/ui*.c and src/view_*.c do.
#  - each core file is in one row of doc/HACKING.md's picture and calls
#    only into its own row and those below it;
#  - libyaml is the adapter's alone: no file but src/yamlio.c includes
#    <yaml.h> or uses a yaml_ symbol (the schema, yamlio_schema.c and
#    yamlio_tljs.c, reads nodes only).
# Skipped without nm.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v nm >/dev/null 2>&1; then
	echo "layers.sh: nm is not installed: not checked"
	exit 0
fi
objs=
for o in "$top_builddir"/src/libtlvcore_a-*.o "$top_builddir"/src/tlv-*.o; do
	[ -f "$o" ] && objs="$objs $o"
done
if [ -z "$objs" ]; then
	fail "no objects in $top_builddir/src"
	finish
	exit
fi

# "FILE KIND SYMBOL" for every symbol defined (D) or used (U).
for o in $objs; do
	f=$(basename "$o" .o | sed 's/^tlv-//; s/^libtlvcore_a-//')
	nm -P "$o" | awk -v f="$f" '
	    $2 ~ /^[TDBR]$/ { print f, "D", $1 }
	    $2 == "U" { print f, "U", $1 }'
done >"$tmp/syms"
expect_grep '^ui D ui_run$' "$tmp/syms" "ui.o defines ui_run"
expect_grep '^load D load_paths$' "$tmp/syms" "load.o defines load_paths"
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

# libyaml: yamlio.c alone (and it does use it, so the check sees it).
awk '$2 == "U" && $3 ~ /^yaml_/ { print $1 }' "$tmp/syms" | sort -u \
    >"$tmp/yaml"
expect_grep '^yamlio$' "$tmp/yaml" "yamlio.o uses libyaml"
if grep -v '^yamlio$' "$tmp/yaml" >"$tmp/yaml-others"; then
	while read -r f; do
		fail "src/$f.c uses libyaml; only src/yamlio.c may"
	done <"$tmp/yaml-others"
else
	pass
fi
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; do
	case ${f##*/} in yamlio.c) continue ;; esac
	if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<yaml\.h>' "$f"
	then
		fail "src/${f##*/} includes <yaml.h>; only src/yamlio.c may"
	fi
done
pass

# The core's files, by their objects in libtlvcore.a.
core=$(for o in "$top_builddir"/src/libtlvcore_a-*.o; do
	basename "$o" .o | sed 's/^libtlvcore_a-//'
done)

# The rows of doc/HACKING.md's picture of the core, top (1) to bottom: each
# core file is in one row, and calls only into its own row and those below.
awk '/^    \|  core, libtlvcore\.a/ { on = 1; next }
on && /^    \+/ { exit }
on {
	line = $0
	sub(/^    \|  /, "", line)
	gsub(/\([^)]*\)/, "", line)
	if (line ~ /^[a-z ]+:/) {
		row++
		sub(/^[^:]*:/, "", line)
	}
	n = split(line, w, /[ |]+/)
	for (i = 1; i <= n; i++)
		if (w[i] ~ /\.c$/)
			print row, w[i]
}' "$top_srcdir/doc/HACKING.md" >"$tmp/rows"
expect_grep '^1 browse\.c$' "$tmp/rows" "HACKING.md's picture has its rows"
: >"$tmp/row-of"
for f in $core; do
	r=$(while read -r n pat; do
		case $f.c in $pat) echo "$n" ;; esac
	done <"$tmp/rows")
	case $r in
	'') fail "src/$f.c is in no row of doc/HACKING.md's picture" ;;
	*[!0-9]*) fail "src/$f.c is in two rows of doc/HACKING.md's picture" ;;
	*) echo "$f $r" >>"$tmp/row-of"; pass ;;
	esac
done
awk 'FILENAME == ARGV[1] { row[$1] = $2; next }
$2 == "D" { owner[$3] = $1; next }
$2 == "U" { use[$1 " " $3] = 1 }
END {
	for (k in use) {
		split(k, p, " ")
		o = owner[p[2]]
		if ((p[1] in row) && (o in row) && row[o] < row[p[1]])
			print "src/" p[1] ".c (row " row[p[1]] ") calls up " \
			    "into src/" o ".c (row " row[o] "): " p[2]
	}
}' "$tmp/row-of" "$tmp/syms" | sort >"$tmp/up"
if [ -s "$tmp/up" ]; then
	while read -r line; do
		fail "$line; see doc/HACKING.md"
	done <"$tmp/up"
else
	pass
fi
for f in $core; do
	if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses|term)\.h' \
	    "$top_srcdir/src/$f.c"; then
		fail "src/$f.c is a core file and includes curses"
	else
		pass
	fi
done

# The curses libraries' symbols, where the compiler finds them.
: >"$tmp/curses"
for lib in libncursesw.so.6 libtinfow.so.6 libtinfo.so.6 libncurses.so.6; do
	p=$(${CC:-cc} -print-file-name=$lib 2>/dev/null)
	[ -f "$p" ] && nm -D --defined-only "$p" 2>/dev/null |
	    awk '{ print $NF }' >>"$tmp/curses"
done
if [ -s "$tmp/curses" ]; then
	expect_grep '^initscr' "$tmp/curses" "the curses libraries define initscr"
	for f in $core; do
		awk -v f="$f" '$1 == f && $2 == "U" { print $3 }' "$tmp/syms" |
		    sed 's/@.*//' | sort -u >"$tmp/uses"
		sed 's/@.*//' "$tmp/curses" | sort -u >"$tmp/cs"
		if comm -12 "$tmp/uses" "$tmp/cs" | grep -q .; then
			fail "src/$f.c is a core file and uses curses:" \
			    "$(comm -12 "$tmp/uses" "$tmp/cs" | tr '\n' ' ')"
		else
			pass
		fi
	done
else
	echo "layers.sh: the curses libraries were not found: symbols not checked"
fi
finish
