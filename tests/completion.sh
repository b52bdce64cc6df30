#!/bin/sh
# SPDX-License-Identifier: MIT
# The bash completion (completion/tlv.bash), without the bash-completion
# package: source it in bash, set COMP_WORDS and COMP_CWORD as bash does,
# call _tlv and compare COMPREPLY (sorted) with what a user should be
# offered: commands, options per command, option values, timeline files and
# directories, and event ids from the files (via 'tlv ids').
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "completion.sh: bash is not installed"
	exit 77
fi
script=$top_srcdir/completion/tlv.bash

work=$tmp/work
mkdir -p "$work/sub"
cp "$data/story.yaml" "$work/story.yaml"
cp "$data/story-more.yaml" "$work/sub/more.yaml"
: >"$work/readme.txt"
: >"$work/export.json"
cd "$work" || exit 1

# complete WORD...: the completions, one a line, sorted, with the cursor in
# the last word (or in word $CWORD when set; word 0 is tlv itself).
complete_line() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=${CWORD:-$(($# - 1))}
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_tlv || exit 1
		if ((${#COMPREPLY[@]} > 0)); then
			printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort
		fi' bash "$script" "$TLV" "$@"
}

# expect_completion 'WANT ...' WORD...: the completions, space-separated.
expect_completion() {
	want=$1
	shift
	got=$(complete_line "$@" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		pass
	else
		fail "tlv $* (cursor in word ${CWORD:-last}): offered '$got'," \
		    "expected '$want'"
	fi
}

# Commands, and timeline files and directories (not readme.txt).
expect_completion 'add annotate check diff export export.json import rm story.yaml sub summary' ''
expect_completion 'sub summary' su

# The commands offered are those of the command table (src/cmd.c), as
# 'tlv --help' lists them; merge-driver is git's to run, not offered.
mkdir -p "$tmp/empty"
want=$("$TLV" --help | sed -n '/^Commands/,/^$/p' |
    sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | grep -v '^merge-driver$' |
    LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
got=$(cd "$tmp/empty" && complete_line '' | tr '\n' ' ' | sed 's/ $//')
if [ -n "$want" ] && [ "$got" = "$want" ]; then
	pass
else
	fail "completion offers the commands '$got'; tlv --help lists '$want'"
fi
expect_completion 'story.yaml sub' summary s
expect_completion 'sub/more.yaml' check sub/

# Options per command.
expect_completion '--brief' summary --b
expect_completion '--config --help' check --
expect_completion '--actor --config --date --help --id --status --tag --title' add --
expect_completion '--filter --format --from' export --f
expect_completion '--config --help' rm --
expect_completion '--by' annotate --b
expect_completion '--actor --config --filter --from --grep --help --since --status --tag --to --version' --

# Values: --format, --status (a comma list), import's --from, --config.
expect_completion 'csv ics json markdown svg timelinejs' export --format ''
expect_completion 'json' export --format = j
expect_completion 'actor' export --lanes a
expect_completion 'file' export --lanes = f
expect_completion 'alleged,denied alleged,disputed' summary --status alleged,d
expect_completion 'reported' --status rep
expect_completion 'timelinejs' import --from ''
expect_completion '' summary --from ''
expect_completion '' summary --width ''
expect_completion 'readme.txt' summary --config r
expect_completion 'story.yaml sub' summary --tag x s

# Event ids: from the files in the current directory ...
expect_completion 'contact crimea invasion taiwan' rm ''
expect_completion 'contact crimea' rm c
expect_completion 'contact crimea' annotate --by alice c
# ... or from the files named after the cursor.
CWORD=2 expect_completion 'hur-claim' rm h sub/more.yaml
CWORD=2 expect_completion 'hur-claim' annotate h 'some text' sub/more.yaml
# annotate's TEXT gets nothing; then files.
expect_completion '' annotate contact ''
expect_completion 'story.yaml sub' annotate contact 'a note' s
expect_completion 'story.yaml sub' rm contact s

# Not interfering: words after '--' are files.
expect_completion 'story.yaml' summary -- st

finish
