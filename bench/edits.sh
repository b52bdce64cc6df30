#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/edits.sh: the cost of a change (issue 15); see bench/README.
#
# usage: bench/edits.sh [-s SRCDIR] [-b BUILDDIR]
#
# Run by bench/run.sh after its table, or alone (the generated files in
# BUILDDIR/bench/out are made by run.sh, or here when missing).  On
# writable copies in a temporary directory, in rounds (each round runs
# every command once, so a slow spell of a shared machine slows both sides
# of a ratio):
#
#   tlv annotate on the 100k file (and 1M with TLV_BENCH_1M=1) against
#   tlv check on the same file, and its peak memory against the file's
#   size;
#   10^6 tiny events (40 MB): annotate, rm and add, against check;
#   one 100 MB scalar: annotate, rm and add, against check;
#   the 10^6 tiny events as one JSON document (55 MB), a flow list: the
#   same;
#   the viewer's rows (below) on the JSON document too, whose changes it
#   puts into its timeline in place since stop 28;
#   on each, a note that says "Musk & Putin" too (an '&' in a text is no
#   YAML anchor: until stop 28 it had the whole file loaded twice more);
#   the viewer: a note, key to file on disk (from a stamp its key script
#   writes before the key to the saved file's ctime, which its rename
#   sets -- the save runs on a thread of its own, so the key script goes
#   on at once) against cp + fsync of the same file; key to screen (to
#   the stamp the script writes after the note is shown: the save, and
#   the change put into the timeline shown); its peak memory after 20
#   notes above its peak after the load.
#
# Each target line ends in met or NOT MET.  Exit status 1 when a command
# failed, else 0.
set -u

srcdir=.
builddir=.
while getopts s:b: opt; do
	case $opt in
	s) srcdir=$OPTARG ;;
	b) builddir=$OPTARG ;;
	*) echo "usage: bench/edits.sh [-s SRCDIR] [-b BUILDDIR]" >&2; exit 2 ;;
	esac
done
tlv=$builddir/src/tlv
gen=$builddir/bench/gen
rusage=$builddir/bench/rusage
out=$builddir/bench/out
seed=${TLV_BENCH_SEED:-1}
runs=${TLV_BENCH_RUNS:-3}
[ "$runs" -ge 3 ] 2>/dev/null || runs=3
for p in "$tlv" "$gen" "$rusage"; do
	[ -x "$p" ] || { echo "bench/edits.sh: $p is not built" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tlv-edits.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir -p "$out"
failed=0
: > "$tmp/targets"
USER=bench
export USER

median() {
	sort -n | awk '{ v[NR] = $1 }
	    END { m = int((NR + 1) / 2)
		  print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

# one K COMMAND...: run it under rusage, add "WALL RSS STATUS" to runs.K.
one() {
	k=$1
	shift
	"$rusage" -o "$tmp/one" "$@" > /dev/null 2> "$tmp/err.$k" || :
	cat "$tmp/one" >> "$tmp/runs.$k"
	if [ "$(cut -d' ' -f3 "$tmp/one")" != 0 ]; then
		failed=1
		echo "bench/edits.sh: $*: $(head -n 1 "$tmp/err.$k")" >&2
	fi
}

col() {
	cut -d' ' -f"$2" "$tmp/runs.$1" | median
}

# ratio K BASE: the median of the same-round ratios of K's wall to BASE's.
ratio() {
	paste -d' ' "$tmp/runs.$1" "$tmp/runs.$2" |
	    awk '{ print ($4 > 0 ? $1 / $4 : 1) }' | median
}

verdict() {
	awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "NOT MET" }'
}

# line LABEL WHAT K BASE BYTES: a row for runs.K against runs.BASE.
line() {
	w=$(col "$3" 1) r=$(col "$3" 2) q=$(ratio "$3" "$4")
	m=$(awk -v r="$r" -v b="$5" 'BEGIN { printf "%.2f", r * 1024 / b }')
	printf '  %-5s %-34s %7.2f s %7.1f MiB  %5.2fx check  %5.2fx file\n' \
	    "$1" "$2" "$w" "$(awk -v r="$r" 'BEGIN { print r / 1024 }')" "$q" "$m"
	printf '  %-5s %-34s %5.2fx check (<= 1.25x), %5.2fx file (<= 1.1x)   %s\n' \
	    "$1" "$2" "$q" "$m" \
	    "$( [ "$(verdict "$q" 1.25)" = met ] && [ "$(verdict "$m" 1.1)" = met ] &&
		echo met || echo 'NOT MET')" >> "$tmp/targets"
}

# hostile LABEL WHAT K: every hostile-file case within 5 s and 400 MB.
hostile() {
	w=$(col "$3" 1) r=$(col "$3" 2)
	printf '  %-5s %-34s %5.2f s, %6.1f MB (<= 5 s, 400 MB)   %s\n' \
	    "$1" "$2" "$w" "$(awk -v r="$r" 'BEGIN { print r * 1.024 / 1000 }')" \
	    "$( [ "$(verdict "$w" 5)" = met ] &&
		[ "$(verdict "$r" 390625)" = met ] && echo met || echo 'NOT MET')" \
	    >> "$tmp/targets"
}

# input LABEL N: the generated file with N events (as run.sh makes it).
input() {
	file=$out/$1.yaml
	want="# Synthetic tlv timeline for benchmarks: $2 events, seed $seed."
	if [ ! -s "$file" ] || [ "$(head -n 1 "$file")" != "$want" ]; then
		echo "bench/edits.sh: generating $file" >&2
		"$gen" "$2" "$seed" > "$file.tmp" && mv "$file.tmp" "$file"
	fi
}

# cli LABEL FILE ID: annotate, rm and add against check, on a copy.
cli() {
	label=$1 src=$2 id=$3
	cp "$src" "$tmp/w.yaml"
	bytes=$(wc -c < "$tmp/w.yaml" | tr -d ' ')
	rm -f "$tmp"/runs.*
	i=0
	while [ $i -lt "$runs" ]; do
		one 0 "$tlv" check "$tmp/w.yaml"
		one 1 "$tlv" annotate "$id" "bench note $i" "$tmp/w.yaml"
		one 2 "$tlv" add --date 2001-02-03 --title "Bench $i" \
		    --id "bench-add-$i" "$tmp/w.yaml"
		one 3 "$tlv" rm "bench-add-$i" "$tmp/w.yaml"
		one 4 "$tlv" annotate "$id" "Musk & Putin $i" "$tmp/w.yaml"
		i=$((i + 1))
	done
	w=$(col 0 1) r=$(col 0 2)
	printf '  %-5s %-34s %7.2f s %7.1f MiB\n' "$label" "tlv check" "$w" \
	    "$(awk -v r="$r" 'BEGIN { print r / 1024 }')"
	line "$label" "tlv annotate" 1 0 "$bytes"
	line "$label" "tlv add" 2 0 "$bytes"
	line "$label" "tlv rm" 3 0 "$bytes"
	line "$label" "tlv annotate \"Musk & Putin\"" 4 0 "$bytes"
	case $label in
	tiny|scalar|json)
		hostile "$label" "tlv annotate" 1
		hostile "$label" "tlv add" 2
		hostile "$label" "tlv rm" 3 ;;
	esac
	rm -f "$tmp/w.yaml"
}

# stamp: a script line writing the time to $tmp/FILE.
stamp() {
	printf ':sh date +%%s.%%N > %s/%s\n' "$tmp" "$1"
}

# viewer LABEL FILE: a note from the viewer, key to file on disk (between
# two stamps the script writes), against cp + fsync of the same file; its
# peak memory after 20 notes against that after the load alone.
viewer() {
	label=$1 src=$2
	cp "$src" "$tmp/v.yaml"
	bytes=$(wc -c < "$tmp/v.yaml" | tr -d ' ')
	printf ':save-screen /dev/null\n' > "$tmp/load.keys"
	{ stamp t0; printf 'a\nbench note<Enter>\n'; stamp t1; } > "$tmp/note.keys"
	: > "$tmp/notes.keys"
	i=0
	while [ $i -lt 20 ]; do
		printf 'a\nbench note %d<Enter>\n' $i >> "$tmp/notes.keys"
		i=$((i + 1))
	done
	printf ':save-screen /dev/null\n' >> "$tmp/notes.keys"
	rm -f "$tmp"/runs.*
	: > "$tmp/keys"
	: > "$tmp/screen"
	i=0
	while [ $i -lt "$runs" ]; do
		one 0 dd if="$tmp/v.yaml" of="$tmp/copy.yaml" bs=1M conv=fsync \
		    status=none
		rm -f "$tmp/copy.yaml"
		COLUMNS=120 LINES=40 TLV_SCRIPT=$tmp/note.keys \
		    one 2 "$tlv" "$tmp/v.yaml"
		awk -v a="$(cat "$tmp/t0")" -v b="$(cat "$tmp/t1")" \
		    'BEGIN { print b - a }' >> "$tmp/screen"
		awk -v a="$(cat "$tmp/t0")" \
		    -v b="$(stat -c %.9Z "$tmp/v.yaml")" \
		    'BEGIN { print b - a }' >> "$tmp/keys"
		i=$((i + 1))
	done
	cp "$src" "$tmp/v.yaml"
	COLUMNS=120 LINES=40 TLV_SCRIPT=$tmp/load.keys \
	    one 1 "$tlv" "$tmp/v.yaml"
	COLUMNS=120 LINES=40 TLV_SCRIPT=$tmp/notes.keys \
	    one 3 "$tlv" "$tmp/v.yaml"
	cp=$(col 0 1) key=$(median < "$tmp/keys") scr=$(median < "$tmp/screen")
	q=$(awk -v k="$key" -v c="$cp" 'BEGIN { printf "%.2f", (c > 0 ? k / c : 0) }')
	grow=$(awk -v a="$(col 1 2)" -v b="$(col 3 2)" -v f="$bytes" \
	    'BEGIN { d = b - a; printf "%.3f", (d > 0 ? d : 0) * 1024 / f }')
	printf '  %-5s %-34s %7.2f s  (cp + fsync %.2f s)\n' "$label" \
	    "viewer note, key to disk" "$key" "$cp"
	printf '  %-5s %-34s %7.2f s  (%.2fx cp + fsync)\n' "$label" \
	    "viewer note, key to screen" "$scr" \
	    "$(awk -v k="$scr" -v c="$cp" 'BEGIN { print (c > 0 ? k / c : 0) }')"
	printf '  %-5s %-34s %7.1f MiB  (after the load %.1f MiB)\n' "$label" \
	    "viewer after 20 notes" "$(col 3 2 | awk '{ print $1 / 1024 }')" \
	    "$(col 1 2 | awk '{ print $1 / 1024 }')"
	printf '  %-5s %-34s %5.2fx cp+fsync (<= 3x)   %s\n' "$label" \
	    "viewer note, key to disk" "$q" "$(verdict "$q" 3)" >> "$tmp/targets"
	printf '  %-5s %-34s %5.3fx file above the load (<= 0.15x)   %s\n' \
	    "$label" "viewer memory after 20 notes" "$grow" \
	    "$(verdict "$grow" 0.15)" >> "$tmp/targets"
	rm -f "$tmp/v.yaml"
}

# The hostile files: 10^6 tiny events (about 40 MB), one 100 MB scalar.
awk 'BEGIN { print "title: Tiny"; print "events:"
	for (i = 0; i < 1000000; i++)
		printf "- id: e%d\n  date: 2001-01-01\n  title: t\n", i }' \
    > "$tmp/tiny.yaml"
awk 'BEGIN { print "title: Scalar"; print "events:"
	print "- id: small"; print "  date: 2001-01-01"; print "  title: t"
	print "- id: big"; print "  date: 2001-01-02"; print "  title: big"
	s = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	s = s s s s s s s s s s s s s s s s
	printf "  description: \""
	for (i = 0; i < 102400; i++) printf "%s", s
	print "\"" }' > "$tmp/scalar.yaml"
# ... and the tiny events as one JSON document (about 55 MB): a flow list,
# whose changes are checked on the items they touch as a block list's are
# (it took loading the whole new file until stop 27).
awk 'BEGIN { print "{\"title\": \"Tiny JSON\", \"events\": ["
	for (i = 0; i < 1000000; i++)
		printf "{\"id\": \"e%d\", \"date\": \"2001-01-01\", " \
		    "\"title\": \"t\"}%s\n", i, (i < 999999 ? "," : "")
	print "]}" }' > "$tmp/json.json"

echo
echo "edits (median of $runs runs, on copies)"
sizes="100k:100000"
[ "${TLV_BENCH_1M:-0}" = 1 ] && sizes="$sizes 1M:1000000"
parts=${TLV_BENCH_EDITS:-cli viewer hostile}
for s in $sizes; do
	label=${s%%:*} n=${s#*:}
	input "$label" "$n"
	id=$(grep -m 1 "id: ev-$(printf '%06d' $((n / 2)))-" "$file" |
	    sed 's/.*id: //')
	[ -n "$id" ] || id=$(grep -m 1 '  - id: ' "$file" | sed 's/.*id: //')
	case " $parts " in *" cli "*) cli "$label" "$file" "$id" ;; esac
	case " $parts " in *" viewer "*) viewer "$label" "$file" ;; esac
done
case " $parts " in *" hostile "*)
	cli tiny "$tmp/tiny.yaml" e500000
	cli scalar "$tmp/scalar.yaml" big
	cli json "$tmp/json.json" e500000
	case " $parts " in *" viewer "*) viewer json "$tmp/json.json" ;; esac ;;
esac
rm -f "$tmp/tiny.yaml" "$tmp/scalar.yaml" "$tmp/json.json"

echo
echo "edit targets (issue 15)"
cat "$tmp/targets"
exit $failed
