#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/run.sh: the 'make bench' driver; see bench/README.
#
#	run.sh [-s SRCDIR] [-b BUILDDIR]
#
# Generates bench/out/1k.yaml and 100k.yaml under BUILDDIR (and 1M.yaml when
# TLV_BENCH_1M=1; about 0.9 GB), then times on each: the libyaml floor,
# 'tlv summary --brief', 'tlv check' and, when PyYAML has CLoader, the Python
# peer (not at 1M: it would need ~18 GB).  Each is run TLV_BENCH_RUNS
# times (default and minimum 3) under bench/rusage; the table shows
# medians.  TLV_BENCH_SEED (default 1) picks the generated data.  Files are
# kept between runs and rebuilt only when bench/gen is newer or the seed
# changed.
#
# Exit status: 0 when every command succeeded and tlv check found nothing,
# 1 otherwise (the table is printed either way), 2 on a usage error.

set -eu

usage() {
	echo "usage: run.sh [-s SRCDIR] [-b BUILDDIR]" >&2
	exit 2
}

srcdir=$(dirname "$0")/..
builddir=.
while getopts s:b: opt; do
	case $opt in
	s) srcdir=$OPTARG ;;
	b) builddir=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage

runs=${TLV_BENCH_RUNS:-3}
seed=${TLV_BENCH_SEED:-1}
case $runs$seed in
*[!0-9]*) echo "run.sh: TLV_BENCH_RUNS and TLV_BENCH_SEED are numbers" >&2
	exit 2 ;;
esac
[ "$runs" -ge 3 ] || runs=3

gen=$builddir/bench/gen
floor=$builddir/bench/floor
rusage=$builddir/bench/rusage
filter=$builddir/bench/filter
tlv=$builddir/src/tlv
peer=$srcdir/bench/peer.py
out=$builddir/bench/out
tmp=$out/tmp.$$
failed=0

for p in "$gen" "$floor" "$rusage" "$filter"; do
	if [ ! -x "$p" ]; then
		echo "run.sh: $p is not built ('make bench' builds it)" >&2
		exit 1
	fi
done
mkdir -p "$out" "$tmp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
: > "$tmp/results"
: > "$tmp/notes"

note() {
	echo "$*" >> "$tmp/notes"
}

# The file for LABEL with N events, generated unless already there.
make_input() {
	file=$out/$1.yaml
	want="# Synthetic tlv timeline for benchmarks: $2 events, seed $seed."
	if [ ! -s "$file" ] || [ -n "$(find "$gen" -newer "$file")" ] ||
	    [ "$(head -n 1 "$file")" != "$want" ]; then
		echo "run.sh: generating $file" >&2
		"$gen" "$2" "$seed" > "$file.tmp"
		mv "$file.tmp" "$file"
	fi
	cat "$file" > /dev/null	# into the page cache before timing
}

# median: the middle of the numbers on stdin (mean of the two middles).
median() {
	sort -n | awk '{ v[NR] = $1 }
	    END { m = int((NR + 1) / 2)
		  print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

# The commands are timed in rounds: each round runs every command once,
# the floor first.  A command's ratio to the floor is the median of its
# ratios to the floor's run in the same round, so that a machine that is
# slower for a while (a shared host) slows both sides of each ratio.

# run_once K COMMAND...: run it, add "WALL RSS STATUS" to runs.K.
run_once() {
	k=$1
	shift
	"$rusage" -o "$tmp/one" "$@" > /dev/null 2> "$tmp/err.$k" || :
	cat "$tmp/one" >> "$tmp/runs.$k"
}

# result LABEL N BYTES K TOOL: the medians of runs.K into results, with
# the median of the same-round ratios to runs.0 (the floor).
result() {
	label=$1 n=$2 bytes=$3 k=$4 tool=$5
	wall=$(cut -d' ' -f1 "$tmp/runs.$k" | median)
	rss=$(cut -d' ' -f2 "$tmp/runs.$k" | median)
	status=$(cut -d' ' -f3 "$tmp/runs.$k" | sort -n | tail -n 1)
	ratio=$(paste -d' ' "$tmp/runs.$k" "$tmp/runs.0" |
	    awk '{ print ($4 > 0 ? $1 / $4 : 1) }' | median)
	if [ "$status" -ne 0 ]; then
		failed=1
		note "$label $tool: exit $status: $(head -n 1 "$tmp/err.$k")"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$bytes" \
	    "$tool" "$wall" "$rss" "$status" "$ratio" >> "$tmp/results"
}

# tlv check must find nothing in generated data; say so if it does.
check_clean() {
	"$tlv" check "$1" > "$tmp/check" 2>&1 || :
	last=$(tail -n 1 "$tmp/check")
	if [ "$last" != "0 errors, 0 warnings" ]; then
		failed=1
		note "tlv check $1: $last; first: $(head -n 1 "$tmp/check")"
	fi
}

have_tlv=no
[ -x "$tlv" ] && have_tlv=yes
[ $have_tlv = yes ] || note "src/tlv is not built: its rows are skipped"
have_peer=no
if python3 -c 'import yaml; yaml.CLoader' > /dev/null 2>&1; then
	have_peer=yes
else
	note "python3 with PyYAML's CLoader not found: peer rows skipped"
fi

sizes="1k:1000 100k:100000"
[ "${TLV_BENCH_1M:-0}" = 1 ] && sizes="$sizes 1M:1000000"
files=
for s in $sizes; do
	label=${s%%:*} n=${s#*:}
	make_input "$label" "$n"
	bytes=$(wc -c < "$file" | tr -d ' ')
	files="$files $label:$n:$bytes"
	echo "run.sh: timing $file" >&2
	[ $have_tlv = yes ] && check_clean "$file"
	peer_here=$have_peer
	if [ $have_peer = yes ] && [ "$n" -gt 100000 ]; then
		peer_here=no
		note "$label python3 peer.py: skipped (PyYAML needs ~20x the" \
		    "file in RSS and ~10 minutes a run at this size)"
	fi
	rm -f "$tmp"/runs.*
	i=0
	while [ "$i" -lt "$runs" ]; do
		run_once 0 "$floor" "$file"
		if [ $have_tlv = yes ]; then
			run_once 1 "$tlv" summary --brief "$file"
			run_once 2 env TLV_JOBS=1 "$tlv" summary --brief "$file"
			run_once 3 "$tlv" check "$file"
		fi
		[ $peer_here = yes ] && run_once 4 python3 "$peer" "$file"
		i=$((i + 1))
	done
	result "$label" "$n" "$bytes" 0 "floor (libyaml events)"
	if [ $have_tlv = yes ]; then
		result "$label" "$n" "$bytes" 1 "tlv summary --brief"
		result "$label" "$n" "$bytes" 2 "tlv summary --brief, 1 job"
		result "$label" "$n" "$bytes" 3 "tlv check"
	fi
	[ $peer_here = yes ] &&
	    result "$label" "$n" "$bytes" 4 "python3 peer.py (CLoader)"
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    head -n 1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GB RAM", $2 / 1048576 }' \
    /proc/meminfo 2>/dev/null || :)
version=$("$tlv" --version 2>/dev/null | head -n 1 || :)

echo "tlv benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); median of $runs runs"
echo "machine: $(nproc 2>/dev/null || echo '?') CPUs, ${cpu:-$(uname -m)}," \
    "${mem:-? RAM}, $(uname -sr)"
echo "tlv:     ${version:-not built} ($tlv)"
for f in $files; do
	echo "$f"
done | awk -F: -v out="$out" -v seed="$seed" '{
	printf "file:    %s/%s.yaml  %d events  %.2f MB  (seed %s)\n",
	    out, $1, $2, $3 / 1e6, seed }'
echo
awk -F '\t' '
function row(l, n, b, tool, w, r, st, ratio, frss) {
	w = w > 0 ? w : 1e-6
	frss = frss > 0 ? frss : r
	printf "%-5s %-26s %9.3f %8.1f %10.0f %9.1f %7.2f %7.2f %7.2f  %s\n",
	    l, tool, w, b / 1e6 / w, n / w, r / 1024, r * 1024 / b,
	    ratio, r / frss, st == 0 ? "ok" : "exit " st
}
{ L[NR] = $1; N[NR] = $2; B[NR] = $3; T[NR] = $4; W[NR] = $5; R[NR] = $6
  S[NR] = $7; Q[NR] = $8
  if (index($4, "floor") == 1) fr[$1] = $6 }
END {
	printf "%-5s %-26s %9s %8s %10s %9s %7s %7s %7s  %s\n", "size",
	    "command", "wall s", "MB/s", "events/s", "RSS MiB", "RSS/B",
	    "t/floor", "M/floor", "status"
	for (i = 1; i <= NR; i++) {
		if (i > 1 && L[i] != L[i - 1])
			print ""
		row(L[i], N[i], B[i], T[i], W[i], R[i], S[i], Q[i], fr[L[i]])
	}
}' "$tmp/results"

# --- the viewer's engine ----------------------------------------------------

# script_wall KEYS PATH...: median wall seconds of the viewer running the
# key script KEYS (TLV_SCRIPT, a 120x40 screen on /dev/null) on PATH.
script_wall() {
	keys=$1
	shift
	: > "$tmp/runs"
	i=0
	while [ "$i" -lt "$runs" ]; do
		COLUMNS=120 LINES=40 TLV_SCRIPT=$keys "$rusage" -o "$tmp/one" \
		    "$tlv" "$@" > /dev/null 2>&1 || :
		cat "$tmp/one" >> "$tmp/runs"
		i=$((i + 1))
	done
	cut -d' ' -f1 "$tmp/runs" | median
}

# redraw_ms PATH: one full redraw (C-l) in milliseconds, from 500 of them
# less none.
redraw_ms() {
	t0=$(script_wall "$tmp/first.keys" "$@")
	t1=$(script_wall "$tmp/redraw.keys" "$@")
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 / 500 }'
}

# term_bytes KEY: bytes the viewer writes to a real terminal (tmux, 120x40)
# for KEY on the bundled timelines.
term_bytes() {
	sock=tlv-bench-$$
	tmux -L "$sock" -f /dev/null new-session -d -s b -x 120 -y 40 \
	    "TLV_TIMELINES='$srcdir/timelines' '$tlv'; sleep 30" || return 1
	sleep 1
	: > "$tmp/pipe"
	tmux -L "$sock" pipe-pane -t b -o "cat >> '$tmp/pipe'"
	sleep 0.3
	tmux -L "$sock" send-keys -t b "$1"
	sleep 0.7
	tmux -L "$sock" pipe-pane -t b
	tmux -L "$sock" kill-server 2> /dev/null
	wc -c < "$tmp/pipe" | tr -d ' '
}

viewer_rows() {
	printf ':save-screen /dev/null\n' > "$tmp/first.keys"
	{ i=0; while [ $i -lt 500 ]; do printf '<C-l>'; i=$((i + 1)); done
	  printf '\n:save-screen /dev/null\n'; } > "$tmp/redraw.keys"
	# tlv's own start: a copy of the timelines outside any git work tree
	# (no .git above it, so tlv asks git nothing), as before tlv asked git.
	nogit=$(mktemp -d "${TMPDIR:-/tmp}/tlv-bench.XXXXXX")
	cp -R "$srcdir/timelines" "$nogit/"
	chmod -R u+w "$nogit"
	first=$(TLV_TIMELINES=$nogit/timelines script_wall "$tmp/first.keys")
	first_rss=$(cut -d' ' -f2 "$tmp/runs" | median)
	rm -rf "$nogit"
	echo "first frame, bundled timelines: $first $first_rss" >> "$tmp/viewer"
	printf '  %-38s %7.1f ms  %5.1f MiB (start to exit)\n' \
	    "first frame, bundled timelines" \
	    "$(awk -v w="$first" 'BEGIN { print w * 1000 }')" \
	    "$(awk -v r="$first_rss" 'BEGIN { print r / 1024 }')"
	# In a git work tree tlv asks git what changed since HEAD on a thread;
	# the viewer draws without waiting, a key script (this row) waits.
	if [ -d "$srcdir/.git" ] || git -C "$srcdir" rev-parse \
	    --is-inside-work-tree > /dev/null 2>&1; then
		gfirst=$(TLV_TIMELINES=$srcdir/timelines script_wall \
		    "$tmp/first.keys")
		printf '  %-38s %7.1f ms  (start to exit, waits for git)\n' \
		    "  ... in a git work tree" \
		    "$(awk -v w="$gfirst" 'BEGIN { print w * 1000 }')"
	fi
	printf '  %-38s %7s ms\n' "full redraw (C-l), bundled timelines" \
	    "$(redraw_ms "$srcdir/timelines")"
	for f in $files; do
		label=${f%%:*}
		[ "$label" = 1k ] && continue
		printf '  %-38s %7s ms\n' "full redraw (C-l), $label events" \
		    "$(redraw_ms "$out/$label.yaml")"
	done
	if command -v tmux > /dev/null 2>&1; then
		move=$(term_bytes j) redraw=$(term_bytes C-l)
		echo "bytes: $move $redraw" >> "$tmp/viewer"
		printf '  %-38s %7s bytes (full redraw: %s)\n' \
		    "cursor down (j), written to the tty" "$move" "$redraw"
	else
		note "tmux not found: terminal bytes not measured"
	fi
	for f in $files; do
		label=${f%%:*}
		[ "$label" = 1k ] && continue
		echo "run.sh: filter as you type on $label" >&2
		line=$("$filter" "$out/$label.yaml")
		echo "filter $label: $line" >> "$tmp/viewer"
		echo "  filter as you type, $line" | sed 's/; /;\n      /'
	done
}

if [ $have_tlv = yes ]; then
	echo
	echo "viewer (median of $runs runs; filter: 90 keystrokes typing 6 queries)"
	: > "$tmp/viewer"
	viewer_rows
fi

# --- the targets of issue 5, from the figures above -------------------------

if [ $have_tlv = yes ]; then
	echo
	echo "targets"
	awk -F '\t' -v viewer="$tmp/viewer" '
	function verdict(ok) { return ok ? "met" : "NOT MET" }
	{ if (!($1 in seen)) { seen[$1] = 1; order[++nl] = $1 }
	  if ($4 == "tlv summary --brief") { sq[$1] = $8; sr[$1] = $6; sb[$1] = $3 }
	  if ($4 == "tlv summary --brief, 1 job") s1[$1] = $8 }
	END {
		for (k = 1; k <= nl; k++) if ((l = order[k]) != "1k") {
			printf "  %-5s summary --brief, all cores   %5.2fx floor  (<= 1.25x)   %s\n",
			    l, sq[l], verdict(sq[l] <= 1.25)
			if (l == "1M")
				printf "  %-5s summary --brief, 1 job       %5.2fx floor  (<= 1.25x)   %s\n",
				    l, s1[l], verdict(s1[l] <= 1.25)
			else
				printf "  %-5s summary --brief, 1 job       %5.2fx floor  (the one-core target is at 1M)\n",
				    l, s1[l]
			if (l == "1M")
				printf "  %-5s summary --brief, 2 cores     %5.2fx floor  (<= 0.75x)   %s\n",
				    l, sq[l], verdict(sq[l] <= 0.75)
			printf "  %-5s peak memory                  %5.2fx file   (<= 1.0x)    %s\n",
			    l, sr[l] * 1024 / sb[l], verdict(sr[l] * 1024 / sb[l] <= 1.0)
		}
		if (!("1M" in seen))
			print "  (the 1M targets: make bench TLV_BENCH_1M=1)"
		while ((getline line < viewer) > 0) {
			split(line, w, " ")
			if (line ~ /^first frame/) {
				ms = w[5] * 1000
				printf "  first frame of the bundled timelines  %6.1f ms  (<= 20 ms)    %s\n",
				    ms, verdict(ms <= 20)
			} else if (line ~ /^bytes:/) {
				printf "  cursor move draws only what changed  %5d of %d bytes      %s\n",
				    w[2], w[3], verdict(w[2] * 4 < w[3])
			} else if (line ~ /^filter 1M:/) {
				split(line, m, "median |, p99 | ms")
				printf "  1M    filter keystroke to screen  median %s ms (<= 16), p99 %s ms (<= 50)   %s\n",
				    m[2], m[4], verdict(m[2] + 0 <= 16 && m[4] + 0 <= 50)
			}
		}
	}' "$tmp/results"
fi

# The cost of a change (issue 15): bench/edits.sh, its own targets.
if [ $have_tlv = yes ]; then
	sh "$srcdir/bench/edits.sh" -s "$srcdir" -b "$builddir" || failed=1
	# The timeline view (issue 17): bench/lanes.sh, its own targets.
	sh "$srcdir/bench/lanes.sh" -s "$srcdir" -b "$builddir" || failed=1
fi

if [ -s "$tmp/notes" ]; then
	echo
	sed 's/^/note: /' "$tmp/notes"
fi
exit $failed
