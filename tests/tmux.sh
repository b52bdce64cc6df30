#!/bin/sh
# SPDX-License-Identifier: MIT
# The real binary in a real terminal (tmux): it draws, survives a resize,
# reloads a file changed on disk, and leaves the terminal as it found it on
# q and on Ctrl-C.
. "${top_srcdir:-.}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }

sock=tlv-test-$$
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

cp "$data/story.yaml" "$tmp/story.yaml"

# One shell in the pane: record the terminal modes, run tlv, record again.
cat >"$tmp/run.sh" <<EOF
cd "$tmp"
trap '' INT
stty -g >"$tmp/stty.before"
"$TLV" story.yaml
echo "exit=\$?" >"$tmp/status"
stty -g >"$tmp/stty.after"
echo DONE
sleep 30
EOF
tm -f /dev/null new-session -d -s t -x 100 -y 30 "sh $tmp/run.sh"
expect_screen 'Test story' "first frame"
expect_screen '1/4' "status line"

tm send-keys -t t j Enter
expect_screen 'detail (Tab' "detail pane"
expect_screen '2/4' "moved down"

tm resize-window -t t -x 50 -y 15 2>/dev/null || tm resize-pane -t t -x 50 -y 15
expect_screen 'Test story' "after a resize"
if [ "$(wc -L <"$tmp/pane")" -le 50 ]; then
	pass
else
	fail "lines wider than the resized pane"
fi
tm resize-window -t t -x 100 -y 30 2>/dev/null || true

# Live reload: change a title on disk.
sed 's/Full-scale invasion of Ukraine/Invasion, reloaded/' \
    "$tmp/story.yaml" >"$tmp/story.new" && mv "$tmp/story.new" "$tmp/story.yaml"
expect_screen 'Invasion, reloaded' "live reload"
expect_screen 'reloaded: .*story.yaml changed on disk' "reload message names the file"

# A change while another program holds the file's save lock waits for it
# without stopping the viewer: the status line names the holder, keys
# move the cursor meanwhile, and the note is saved once the lock is free.
# q while a note waits: tlv says so and quits once it is saved.
if command -v flock >/dev/null 2>&1; then
	# hold [CMD]: hold the lock until $tmp/release appears (30 s at
	# most), then run CMD under it
	hold() {
		rm -f "$tmp/held" "$tmp/release"
		flock "$tmp" sh -c ": >'$tmp/held'; n=0; while [ ! -e '$tmp/release' ] &&
		    [ \$n -lt 300 ]; do sleep 0.1; n=\$((n + 1)); done; ${1:-:}" &
		n=0
		while [ ! -e "$tmp/held" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	}
	hold
	tm send-keys -t t k k k a 'a note while locked' Enter
	expect_screen 'waiting for flock (pid [0-9]*) to release the save lock' \
	    "viewer names the lock's holder"
	tm send-keys -t t j
	expect_screen 'release the save lock.* 2/4' "keys are read while the note waits"
	: >"$tmp/release"
	wait
	expect_screen 'note added' "viewer saves once the lock is free"
	expect_grep 'a note while locked' "$tmp/story.yaml" "the note is in the file"
	# The holder renames the event meanwhile: nothing is written, and
	# the viewer says why.
	hold "sed 's/id: crimea/id: crimea-renamed/' '$tmp/story.yaml' >'$tmp/s.new' &&
	    mv '$tmp/s.new' '$tmp/story.yaml'"
	tm send-keys -t t k k k a 'a note that no longer applies' Enter
	expect_screen 'release the save lock' "third wait"
	: >"$tmp/release"
	wait
	expect_screen "event 'crimea' is gone from story.yaml (changed on disk)" \
	    "the change that no longer applies is not made"
	if grep -q 'no longer applies' "$tmp/story.yaml"; then
		fail "the note on the renamed event was written"
	else
		pass
	fi
	hold
	tm send-keys -t t a 'a note before q' Enter
	expect_screen 'release the save lock' "second wait"
	tm send-keys -t t q
	expect_screen 'tlv quits once it is saved' "q says it waits for the note"
	: >"$tmp/release"
	wait
	expect_screen 'DONE' "quit after the wait"
	expect_grep 'a note before q' "$tmp/story.yaml" "the note waited for is in the file"
	expect_grep 'exit=0' "$tmp/status" "exit status after q"
else
	tm send-keys -t t q
	expect_screen 'DONE' "quit"
	expect_grep 'exit=0' "$tmp/status" "exit status after q"
fi
if cmp -s "$tmp/stty.before" "$tmp/stty.after"; then
	pass
else
	fail "terminal modes changed: $(cat "$tmp/stty.before") -> $(cat "$tmp/stty.after")"
fi
tm kill-server 2>/dev/null
sock=tlv-test-$$-2

# Ctrl-C restores the terminal too.
rm -f "$tmp/status" "$tmp/stty.before" "$tmp/stty.after"
tm -f /dev/null new-session -d -s t -x 80 -y 24 "sh $tmp/run.sh"
expect_screen 'Test story' "first frame (2)"
tm send-keys -t t C-c
expect_screen 'DONE' "Ctrl-C"
expect_grep 'exit=130' "$tmp/status" "exit status after Ctrl-C"
if cmp -s "$tmp/stty.before" "$tmp/stty.after"; then
	pass
else
	fail "terminal modes changed after Ctrl-C"
fi
tm kill-server 2>/dev/null
sock=tlv-test-$$-3

# A big file: its first events at once while the rest loads (edits
# wait), then the whole; q quits at once.  A directory of big files loads
# behind a progress screen.
mkdir "$tmp/bigdir"
gen_timeline 12000 2 >"$tmp/bigdir/big.yaml"
ln -s bigdir/big.yaml "$tmp/big.yaml"
cat >"$tmp/big.sh" <<EOF
cd "$tmp"
stty -g >"$tmp/stty.before"
TLV_TEST_SLOW_LOAD=\$SLOW "$TLV" \$WHAT
echo "exit=\$?" >"$tmp/status"
stty -g >"$tmp/stty.after"
echo DONE
sleep 30
EOF
rm -f "$tmp/status"
tm -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SLOW=200 WHAT=big.yaml sh $tmp/big.sh"
expect_screen 'loading [0-9]*%: the first events only' "first events"
tm send-keys -t t j a
expect_screen 'still loading: edits wait' "no edits while loading"
tm send-keys -t t q
expect_screen 'DONE' "q while loading"
expect_grep 'exit=0' "$tmp/status" "exit status after q while loading"
if cmp -s "$tmp/stty.before" "$tmp/stty.after"; then
	pass
else
	fail "terminal modes changed after q while loading"
fi
tm kill-server 2>/dev/null
sock=tlv-test-$$-4
rm -f "$tmp/status"
tm -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SLOW=200 WHAT=bigdir sh $tmp/big.sh"
expect_screen 'loading bigdir/big.yaml' "progress screen"
expect_screen 'MB .* events .*q quits' "progress figures"
expect_screen '\[#*-*\]' "progress bar"
tm send-keys -t t q
expect_screen 'DONE' "q on the progress screen"
expect_grep 'exit=0' "$tmp/status" "exit status after q on the progress screen"
tm kill-server 2>/dev/null
sock=tlv-test-$$-6
tm -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SLOW=0 WHAT=big.yaml sh $tmp/big.sh"
expect_screen '12000/12000 events' "the viewer after loading"
# Filter as you type on it: what the viewer ends up showing is what
# summary prints for the same filter.
want=$("$TLV" summary --brief --filter 'event 11' "$tmp/big.yaml" | wc -l)
tm send-keys -t t f
tm send-keys -t t -l 'event 11'
expect_screen " $want/12000 events · " "filter as you type on a big file"
tm send-keys -t t Enter
expect_screen "filter: event 11" "the filter stays after Enter"
tm send-keys -t t q
expect_screen 'DONE' "quit after loading"
tm kill-server 2>/dev/null
sock=tlv-test-$$-5

# A locale without UTF-8 (LANG=C): the viewer and summary show non-ASCII
# as <U+XXXX> placeholders, never raw bytes, and the viewer says why.
cp "$data/wide.yaml" "$tmp/wide.yaml"
cat >"$tmp/ascii.sh" <<EOF
cd "$tmp"
LC_ALL=C "$TLV" wide.yaml
LC_ALL=C "$TLV" summary wide.yaml
echo DONE
sleep 30
EOF
tm -f /dev/null new-session -d -s t -x 100 -y 24 "sh $tmp/ascii.sh"
expect_screen 'Caf<U+00E9> cr<U+00E8>me' "placeholders in the viewer"
expect_screen 'shown as <U+XXXX>: charset .* is not UTF-8' "why, in the status line"
tm send-keys -t t q
expect_screen 'DONE' "quit the viewer without UTF-8"
expect_screen '2023-09  *Caf<U+00E9> cr<U+00E8>me' "placeholders in summary"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/pane"; then
	fail "raw bytes beyond ASCII on a terminal without UTF-8"
	sed 's/^/  | /' "$tmp/pane"
else
	pass
fi
tm kill-server 2>/dev/null
sock=tlv-test-$$-7

# Ctrl-Z suspends to the shell; fg brings the screen back.
if command -v bash >/dev/null 2>&1; then
	tm -f /dev/null new-session -d -s t -x 80 -y 24 "bash --norc --noprofile -i"
	sleep 0.3
	tm send-keys -t t "cd '$tmp' && '$TLV' story.yaml" Enter
	expect_screen 'Test story' "first frame (3)"
	tm send-keys -t t C-z
	expect_screen 'Stopped' "Ctrl-Z suspends"
	tm send-keys -t t "fg" Enter
	expect_screen 'zoom: all' "fg resumes and redraws"
	tm send-keys -t t q
	tm send-keys -t t 'echo "rc=$?"' Enter
	expect_screen 'rc=0' "quit after resuming"
fi
finish
