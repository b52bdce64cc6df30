#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/lanes.sh: the timeline view's speed (issue 17); see bench/README.
#
# usage: bench/lanes.sh [-s SRCDIR] [-b BUILDDIR]
#
# Run by bench/run.sh after its table, or alone.  bench/lanes on the 100k
# file (and 1M with TLV_BENCH_1M=1) at 200x50: T to the first frame, a
# frame at zoom all and at zoom year, panning and zooming, L through the
# lane modes (bench/lanes.c says what each is); and 'tlv export --format svg' of 10k events (the
# median wall time of TLV_BENCH_RUNS runs, load included).  Each target
# line ends in met or NOT MET.  Exit status 1 when a command failed.
set -u

srcdir=.
builddir=.
while getopts s:b: opt; do
	case $opt in
	s) srcdir=$OPTARG ;;
	b) builddir=$OPTARG ;;
	*) echo "usage: bench/lanes.sh [-s SRCDIR] [-b BUILDDIR]" >&2
	   exit 2 ;;
	esac
done
: "$srcdir"
runs=${TLV_BENCH_RUNS:-3}
seed=${TLV_BENCH_SEED:-1}
gen=$builddir/bench/gen
lanes=$builddir/bench/lanes
rusage=$builddir/bench/rusage
tlv=$builddir/src/tlv
out=$builddir/bench/out
for p in "$gen" "$lanes" "$rusage" "$tlv"; do
	if [ ! -x "$p" ]; then
		echo "bench/lanes.sh: $p is not built ('make bench' builds it)" >&2
		exit 1
	fi
done
mkdir -p "$out"
failed=0

# input LABEL N: the generated file, made here when run.sh has not.
input() {
	file=$out/$1.yaml
	if [ ! -s "$file" ]; then
		echo "bench/lanes.sh: generating $file" >&2
		"$gen" "$2" "$seed" > "$file.tmp" && mv "$file.tmp" "$file"
	fi
}

# targets LINE: bench/lanes's line at 1M against the targets.
targets() {
	echo "$1" | awk '{
		n = split($0, w, " ")
		for (i = 1; i <= n; i++) {
			if (w[i] == "T") t = w[i + 1] + 0
			if (w[i] == "L" && w[i + 1] == "actor") la = w[i + 2] + 0
			if (w[i] == "year" && w[i + 1] == "median") fy = w[i + 2] + 0
			if (w[i] == "all" && w[i + 1] == "median") fa = w[i + 2] + 0
			if (w[i] == "pan") pi = 1
			if (w[i] == "zoom" && w[i + 1] == "median") zi = 1
			if (w[i] == "max") {
				if (zi) zmax = w[i + 1] + 0
				else if (pi) pmax = w[i + 1] + 0
			}
		}
		ok = "met"; no = "NOT MET"
		printf "  1M    T to the first frame        %7.2f ms  (<= 100)  %s\n", t, t <= 100 ? ok : no
		printf "  1M    a frame at zoom year        %7.2f ms  (<= 16)   %s\n", fy, fy <= 16 ? ok : no
		printf "  1M    a frame at zoom all         %7.2f ms  (<= 16)   %s\n", fa, fa <= 16 ? ok : no
		printf "  1M    panning, worst frame        %7.2f ms  (<= 16)   %s\n", pmax, pmax <= 16 ? ok : no
		printf "  1M    zooming, worst frame        %7.2f ms  (<= 16)   %s\n", zmax, zmax <= 16 ? ok : no
		printf "  1M    L to actor lanes            %7.2f ms  (<= 100, as T)  %s\n", la, la <= 100 ? ok : no
	}'
}

sizes="100k:100000"
[ "${TLV_BENCH_1M:-0}" = 1 ] && sizes="$sizes 1M:1000000"
echo
echo "timeline view (T, L, Left/Right; bench/lanes, 200x50, no curses)"
big=
for s in $sizes; do
	label=${s%%:*}
	input "$label" "${s#*:}"
	line=$("$lanes" -s 200x50 "$file") || failed=1
	echo "  $label: ${line#*: }" | sed 's/; /;\n      /g'
	[ "$label" = 1M ] && big=$line
done

input 10k 10000
: > "$out/svg.times"
i=0
while [ "$i" -lt "$runs" ]; do
	"$rusage" -o "$out/svg.one" "$tlv" export --format svg "$file" \
	    > /dev/null 2>&1 || failed=1
	cut -d' ' -f1 "$out/svg.one" >> "$out/svg.times"
	i=$((i + 1))
done
svg=$(sort -n "$out/svg.times" |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
rm -f "$out/svg.one" "$out/svg.times"
printf '  10k: export --format svg %.3f s (median of %d)\n' "$svg" "$runs"

echo
echo "targets (issue 17)"
if [ -n "$big" ]; then
	targets "$big"
else
	echo "  (the 1M targets: make bench TLV_BENCH_1M=1)"
fi
awk -v s="$svg" 'BEGIN { printf "  10k   export --format svg        %7.3f s   (<= 1)    %s\n", s, s <= 1 ? "met" : "NOT MET" }'
exit $failed
