#!/bin/sh
# SPDX-License-Identifier: MIT
# The command line: summary layouts and filters (golden files), check, exit
# codes, usage errors, and output that never carries raw escapes.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir/tests/data" || exit 1
out=$tmp/out
err=$tmp/err

# golden NAME ARGS...: stdout of tlv ARGS must equal golden/NAME, exit 0.
golden_run() {
	name=$1
	shift
	"$TLV" "$@" >"$out" 2>"$err"
	expect_status 0 $? "tlv $*"
	[ -s "$err" ] && fail "tlv $*: unexpected stderr: $(cat "$err")"
	expect_golden "$name" "$out"
}

golden_run summary.txt summary story.yaml story-more.yaml
golden_run summary-brief.txt summary --brief story.yaml story-more.yaml
golden_run summary-full.txt summary --full --width 60 story.yaml story-more.yaml
golden_run filter-tag.txt summary --brief --tag starlink story.yaml story-more.yaml
golden_run filter-status.txt summary --brief --status alleged,denied story.yaml story-more.yaml
golden_run filter-dates.txt summary --brief --from 2022-06 --to 2023 story.yaml story-more.yaml
golden_run filter-query.txt summary --brief --filter 'actor:"elon musk" -tag:taiwan' story.yaml story-more.yaml
golden_run filter-grep.txt summary --brief --grep 'SPECIAL military' story.yaml story-more.yaml
golden_run filter-asof.txt summary --brief --filter 'asof:2024-01 tag:starlink' story.yaml story-more.yaml
golden_run summary-claims.txt summary --full --width 70 claims.yaml
golden_run filter-asof-verdict.txt summary --brief --filter 'asof:2024-11-15 status:disputed,alleged' claims.yaml
golden_run filter-claims.txt summary --brief --filter 'source:TASS,Reuters sources:1 -rel:follows' claims.yaml
golden_run filter-none.txt summary --brief --tag nothing story.yaml

# Search and bare filter words ignore Latin diacritics: muller finds
# Müller, zoe Zoë, resume a "résumé" written with combining accents.
printf 'events:\n  - {title: Hans M\303\274ller speaks, date: 2022}\n  - {title: Zo\303\253 arrives, date: 2023}\n  - {title: "the re\314\201sume\314\201", date: 2024}\n  - {title: nothing, date: 2025}\n' >"$tmp/accents.yaml"
for word in muller:2022 ZOE:2023 resume:2024; do
	"$TLV" summary --brief --filter "${word%:*}" "$tmp/accents.yaml" \
	    >"$out" 2>&1
	expect_status 0 $? "filter ${word%:*}"
	expect_grep "^${word#*:} " "$out" "filter ${word%:*}"
	[ "$(wc -l <"$out")" -eq 1 ] || fail "filter ${word%:*}: $(cat "$out")"
done
"$TLV" summary --brief --grep 'hans muller' "$tmp/accents.yaml" >"$out" 2>&1
expect_grep 'Hans M.ller speaks' "$out" "grep hans muller"

# Bare tlv with stdout not a terminal prints the summary.
"$TLV" story.yaml story-more.yaml >"$out" 2>&1 </dev/null
expect_status 0 $? "bare tlv, piped"
expect_golden summary.txt "$out"

# A directory means its *.yaml files in name order.
mkdir "$tmp/dir"
cp story.yaml story-more.yaml "$tmp/dir/"
"$TLV" summary "$tmp/dir" >"$out" 2>&1
expect_status 0 $? "summary DIR"
expect_golden summary-dir.txt "$out"

# check: a clean file; then a missing one.
"$TLV" check story.yaml story-more.yaml >"$out" 2>&1
expect_status 0 $? "check clean files"
expect_grep '^0 errors, 0 warnings$' "$out" "check clean files"
"$TLV" check story.yaml missing.yaml >"$out" 2>&1
expect_status 1 $? "check with a missing file"
expect_grep '^missing.yaml: error: cannot read: No such file or directory$' \
    "$out" "check missing file"
expect_grep '^1 error, 0 warnings$' "$out" "check missing file"

# A file of 4 GiB (a sparse one: nothing is written) is one byte over
# what tlv reads, and is refused before anything is read.
if truncate -s 4G "$tmp/huge.yaml" 2>/dev/null; then
	"$TLV" check "$tmp/huge.yaml" >"$out" 2>&1
	expect_status 1 $? "check a 4 GiB file"
	expect_grep 'huge.yaml: error: cannot read: file too large$' "$out" \
	    "check a 4 GiB file"
	rm -f "$tmp/huge.yaml"
else
	echo "cli.sh: no sparse file: the 4 GiB limit is not checked"
fi

# Ids are unique across files: the second use is the error, with a note.
printf 'events:\n  - {id: invasion, title: Again, date: 2022}\n' >"$tmp/dup.yaml"
"$TLV" check story.yaml "$tmp/dup.yaml" >"$out" 2>&1
expect_status 1 $? "duplicate id across files"
expect_grep "dup.yaml:2:10: error: duplicate id 'invasion' (ids must be unique across all loaded files)" \
    "$out" "duplicate id across files"
expect_grep "^story.yaml:15:9: note: 'invasion' was first used here" "$out" \
    "duplicate id across files"

# After a read error, annotate and rm say why nothing changed, not that
# the event does not exist; an event not loaded for its errors is named.
for c in "annotate invasion note" "rm invasion"; do
	# shellcheck disable=SC2086
	"$TLV" $c "$tmp/missing.yaml" >"$out" 2>&1
	expect_status 1 $? "$c, missing file"
	expect_grep "missing.yaml: error: cannot read" "$out" "$c, missing file"
	expect_grep "1 file could not be loaded (above); nothing changed" \
	    "$out" "$c, missing file"
	grep -q 'no event with id' "$out" &&
	    fail "$c, missing file: says 'no event with id'" || pass
done
printf 'events:\n  - {id: a, title: A, date: lat 2022}\n  - {id: b, title: B, date: 2020}\n' \
    >"$tmp/dropped.yaml"
cp "$tmp/dropped.yaml" "$tmp/dropped.orig"
"$TLV" annotate a note "$tmp/dropped.yaml" >"$out" 2>&1
expect_status 1 $? "annotate an event with errors"
expect_grep "tlv annotate: the event 'a' at .*dropped.yaml:2 has errors (above); nothing changed" \
    "$out" "annotate an event with errors"
cmp -s "$tmp/dropped.yaml" "$tmp/dropped.orig" && pass ||
    fail "annotate an event with errors: the file changed"

# A typo in the configuration is reported by every command, with the
# config's file:line, as a configuration problem; the rest still applies
# (annotate signs with its author) and the exit status is not changed.
printf '# mine\nautor alice\nauthor carol\n' >"$tmp/config"
cp story.yaml "$tmp/conf-story.yaml"
chmod u+w "$tmp/conf-story.yaml"	# distcheck: the source tree is read-only
for c in "summary" "check" "export --format json" "annotate invasion n" \
    "rm nope" "add --date 2020 --title T" "import --from timelinejs"; do
	# shellcheck disable=SC2086
	TLV_CONFIG=$tmp/config "$TLV" $c "$tmp/conf-story.yaml" >"$out" 2>"$err"
	expect_grep "^tlv ${c%% *}: configuration problems" "$err" "$c, config typo"
	expect_grep "^$tmp/config:2:1: error: unknown directive 'autor' (did you mean 'author'?)$" \
	    "$err" "$c, config typo"
done
"$TLV" summary --config "$tmp/config" story.yaml >"$out" 2>"$err"
expect_status 0 $? "summary, config typo"
expect_grep "config:2:1: error: unknown directive 'autor'" "$err" \
    "summary --config, config typo"
grep -q 'by: carol' "$tmp/conf-story.yaml" && pass ||
    fail "annotate: the configuration's author is not used"
"$TLV" summary story.yaml >"$out" 2>"$err"
[ -s "$err" ] && fail "summary, no config: stderr: $(cat "$err")" || pass

# Command-line text quoted in a message goes through the sanitiser: ESC,
# an OSC 52 clipboard write, a DSR query and U+202E never reach the
# terminal raw.
x=$(printf 'A\033]52;c;SGVsbG8=\007B\033[6nC\342\200\256D')
cp story.yaml "$tmp/inj.yaml"
chmod u+w "$tmp/inj.yaml"
for c in "add --title T --date" "add --date 2020 --title T --status" \
    "add --date 2020 --title T --id" "summary --width" "annotate" \
    "rm" "export --format" "diff" ""; do
	# annotate takes ID TEXT FILE: without the TEXT the file would be read
	# as the note, and the default timelines (not installed in distcheck)
	# loaded instead.
	note=
	[ "$c" = annotate ] && note=note
	# shellcheck disable=SC2086
	"$TLV" $c "$x" $note "$tmp/inj.yaml" >"$out" 2>&1 </dev/null
	[ $? -ne 0 ] && pass || fail "$c X: exit status 0"
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$out" ||
	    grep -q "$(printf '\342\200\256')" "$out"; then
		fail "$c X: raw control characters in: $(cat -v "$out")"
	else
		pass
	fi
	expect_grep 'A^\[\]52;c;SGVsbG8=^GB^\[\[6nC<U+202E>D' "$out" "$c X"
done
for c in summary check export import annotate rm add ""; do
	# shellcheck disable=SC2086
	"$TLV" $c "--bog$x" >"$out" 2>&1 </dev/null
	expect_status 2 $? "$c --bogX"
	expect_grep "'--bogA^\[\]52;c;SGVsbG8=^GB^\[\[6nC<U+202E>D'" "$out" \
	    "$c --bogX"
done
cmp -s story.yaml "$tmp/inj.yaml" && pass || fail "hostile arguments changed a file"

# A broken file beside good ones: the good events still print, exit 1.
printf 'events:\n  - {title: Bad, date: lat 2022}\n  - {title: Fine, date: 2020}\n' \
    >"$tmp/bad.yaml"
"$TLV" summary --brief story.yaml "$tmp/bad.yaml" >"$out" 2>"$err"
expect_status 1 $? "summary with a bad file"
expect_grep 'Fine' "$out" "summary with a bad file"
expect_grep 'Full-scale invasion' "$out" "summary with a bad file"
expect_grep "bad.yaml:2:24: error: unrecognised date 'lat 2022' (did you mean 'late 2022'?)" \
    "$err" "summary with a bad file"

# Hostile text: no raw control character reaches the output.
"$TLV" summary --full hostile.yaml >"$out" 2>&1
expect_status 0 $? "summary of hostile text"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$out"; then
	fail "raw control characters in summary output"
else
	pass
fi
if grep -q "$(printf '\302\233')\|$(printf '\342\200\256')" "$out"; then
	fail "C1 or bidi control in summary output"
else
	pass
fi
expect_golden hostile.txt "$out"

# A big file (mapped, given back as it is parsed) loads like a small one,
# and with stderr not a terminal no progress line is printed.
awk 'BEGIN { print "events:"; for (i = 0; i < 20000; i++)
    printf "  - {id: e%d, date: 2020-01-%02d, title: Event number %d with a longer title, tags: [t%d]}\n", i, i % 28 + 1, i, i % 7 }' \
    >"$tmp/big.yaml"
"$TLV" summary --brief --tag t3 "$tmp/big.yaml" >"$out" 2>"$err"
expect_status 0 $? "summary of a big file"
[ "$(wc -l <"$out")" = 2857 ] && pass || fail "big file: $(wc -l <"$out") lines"
[ -s "$err" ] && fail "big file: stderr not empty: $(cat "$err")" || pass

# Help, version, usage errors.
"$TLV" --help >"$out" 2>&1
expect_status 0 $? "tlv --help"
# Piped (as to head), the bare tlv's help is still the main usage, with
# every command of the table.
[ "$(head -n 1 "$out")" = 'usage: tlv [OPTIONS] [FILE|DIR ...]' ] && pass ||
    fail "tlv --help, piped: first line '$(head -n 1 "$out")'"
for c in summary check export import annotate add rm; do
	expect_grep "^  $c " "$out" "tlv --help lists $c"
done
"$TLV" --bogus >"$out" 2>&1
expect_status 2 $? "bare tlv --bogus"
expect_grep "^Try 'tlv --help'" "$out" "bare tlv --bogus"
# A misspelt option gets the one meant; a known one without its value, or
# the start of several, says so.
for c in "--form 2022 story.yaml|unknown option '--form' (did you mean '--from'?)" \
    "--f x story.yaml|option '--f' is ambiguous (--filter, --from, --full)" \
    "--brief=3 story.yaml|option '--brief' takes no value" \
    "--fro|option '--from' needs a value" \
    "--zzzz story.yaml|unknown option '--zzzz'"; do
	args=${c%%|*} want=${c#*|}
	# shellcheck disable=SC2086 # the option, its value and a file
	"$TLV" summary $args >"$out" 2>&1
	expect_status 2 $? "summary $args"
	expect_grep "^tlv summary: $want$" "$out" "summary $args"
done
# ... in the commands that read their own options too, and an empty ID
# is said to be one before any file is read.
for c in "add --tilte X story.yaml|tlv add: unknown option '--tilte' (did you mean '--title'?)" \
    "add --date|tlv add: option '--date' needs a value" \
    "annotate --bye x a n story.yaml|tlv annotate: unknown option '--bye' (did you mean '--by'?)" \
    "rm -x a story.yaml|tlv rm: unknown option '-x'" \
    "import --form timelinejs x.json|tlv import: unknown option '--form' (did you mean '--from'?)"; do
	args=${c%%|*} want=${c#*|}
	# shellcheck disable=SC2086 # the words of a command line
	"$TLV" $args >"$out" 2>&1
	expect_status 2 $? "$args"
	expect_grep "^$want$" "$out" "$args"
done
"$TLV" annotate '' 'a note' story.yaml >"$out" 2>&1
expect_status 2 $? "annotate ''"
expect_grep "^tlv annotate: the event ID is empty$" "$out" "annotate ''"
"$TLV" rm '' story.yaml >"$out" 2>&1
expect_status 2 $? "rm ''"
expect_grep "^tlv rm: the event ID is empty$" "$out" "rm ''"
# A misspelt command is not read as a file name.
"$TLV" sumary >"$out" 2>&1 </dev/null
expect_status 2 $? "tlv sumary"
expect_grep "^tlv: unknown command 'sumary' (did you mean 'summary'?)$" \
    "$out" "tlv sumary"
"$TLV" frobnicate >"$out" 2>&1 </dev/null
expect_status 2 $? "tlv frobnicate"
expect_grep "^tlv: unknown command 'frobnicate', and no file of that name" \
    "$out" "tlv frobnicate"
# What reads as a path is a file that cannot be read; a file named like a
# word is opened.
"$TLV" chek.yaml >"$out" 2>&1 </dev/null
expect_status 1 $? "tlv chek.yaml"
expect_grep "^chek.yaml: error: cannot read" "$out" "tlv chek.yaml"
cp story.yaml "$tmp/sumary"
(cd "$tmp" && "$TLV" sumary) >"$out" 2>&1 </dev/null
expect_status 0 $? "tlv FILE named like a command"
"$TLV" summary --help >"$out" 2>&1
expect_status 0 $? "summary --help"
expect_grep 'brief'  "$out" "summary --help"
"$TLV" check --help >"$out" 2>&1
expect_status 0 $? "check --help"
"$TLV" --version >"$out" 2>&1
expect_status 0 $? "--version"
expect_grep '^tlv [0-9]' "$out" "--version"
"$TLV" summary --bogus story.yaml >"$out" 2>&1
expect_status 2 $? "unknown option"
expect_grep "unknown option" "$out" "unknown option"
"$TLV" summary --width 5 story.yaml >"$out" 2>&1
expect_status 2 $? "bad --width"
"$TLV" summary --filter 'tga:x' story.yaml >"$out" 2>&1
expect_status 2 $? "bad filter"
expect_grep "invalid filter at column 1: unknown field 'tga' (did you mean 'tag'?)" \
    "$out" "bad filter"
"$TLV" summary --from 'lat 2022' story.yaml >"$out" 2>&1
expect_status 2 $? "bad --from"
expect_grep "did you mean 'late 2022'" "$out" "bad --from"
"$TLV" export story.yaml >"$out" 2>&1
expect_status 2 $? "export without --format"
# Every command loads and reports through cmd_load.c: the commands that
# print events give the errors on stderr and the warnings as a count,
# check gives every problem on stdout, ids gives none, each exits 1 on an
# error.
printf 'events:\n  - id: w\n    date: 2020\n    title: W\n    related: [nope]\n' >"$tmp/warn.yaml"
printf 'events:\n  - id: a\n    date: 2020\n    title: A\n  - id: a\n    date: 2021\n    title: B\n' >"$tmp/dup.yaml"
for cmd in summary "export --format csv"; do
	# shellcheck disable=SC2086
	"$TLV" $cmd "$tmp/warn.yaml" >"$out" 2>"$err"
	expect_status 0 $? "$cmd, a warning"
	expect_grep "^tlv: 1 warning; 'tlv check' shows them\$" "$err" \
	    "$cmd, a warning"
	# shellcheck disable=SC2086
	"$TLV" $cmd "$tmp/dup.yaml" >"$out" 2>"$err"
	expect_status 1 $? "$cmd, a duplicate id"
	expect_grep "dup.yaml:5:9: error: duplicate id 'a'" "$err" \
	    "$cmd, a duplicate id"
done
"$TLV" check "$tmp/dup.yaml" "$tmp/warn.yaml" >"$out" 2>"$err"
expect_status 1 $? "check, two files"
[ -s "$err" ] && fail "check, two files: stderr: $(cat "$err")"
expect_grep "warn.yaml:5:15: warning: related id 'nope'" "$out" \
    "check, two files"
expect_grep "^1 error, 1 warning\$" "$out" "check, two files"
"$TLV" ids "$tmp/dup.yaml" "$tmp/missing.yaml" >"$out" 2>"$err"
expect_status 1 $? "ids, a missing file"
[ -s "$err" ] && fail "ids, a missing file: stderr: $(cat "$err")"
"$TLV" rm a "$tmp/warn.yaml" "$tmp/missing.yaml" >"$out" 2>"$err"
expect_status 1 $? "rm, a missing file"
expect_grep "^tlv rm: 1 file could not be loaded (above); nothing changed\$" \
    "$err" "rm, a missing file"
# tlv diff loads both versions even when the old one has an error: an
# event in both is not shown as removed (it was, when only the old one
# was loaded), the fixed one is added, and the exit status says trouble.
if command -v git >/dev/null 2>&1; then
	d=$tmp/diffrepo
	mkdir -p "$d" && (cd "$d" && git init -q . &&
	    printf 'events:\n  - id: a\n    date: 2020\n    title: A\n  - id: b\n    date: 2022-13\n    title: B\n' >s.yaml &&
	    git add s.yaml &&
	    git -c user.name=T -c user.email=t@example.com commit -qm one &&
	    sed 's/2022-13/2022-12/' s.yaml >s.new && mv s.new s.yaml)
	(cd "$d" && "$TLV" diff s.yaml) >"$out" 2>"$err"
	expect_status 2 $? "diff, the old version has an error"
	expect_grep "^s.yaml (HEAD):6:16: error: invalid date '2022-13'" \
	    "$err" "diff, the old version has an error"
	expect_grep "^  added  *b  2022-12  B\$" "$out" \
	    "diff, the old version has an error"
	grep -q "removed" "$out" &&
	    fail "diff, the old version has an error: $(cat "$out")"
fi
finish
