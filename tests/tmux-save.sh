#!/bin/sh
# SPDX-License-Identifier: MIT
# The viewer never freezes on a save (issue 15): in a real terminal
# (tmux), on a big generated file, a note is written on a thread while the
# viewer reads keys -- the status line says "saving", j, G and a search
# move the cursor meanwhile, a second change is refused with a message,
# and q waits for the save, saying so, then exits 0 with the note on disk.
#
# The save is held open for a few seconds by failio.so (FAILIO_OP=rename
# FAILIO_SLEEP: the rename over the file sleeps first), so that what the
# viewer does meanwhile is seen on every machine, however fast its disk.
. "${top_srcdir:-.}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }
failio=$top_builddir/tests/failio.so
if [ ! -f "$failio" ] || [ -n "${TLV_SANITIZED:-}" ]; then
	echo "no failio.so (or a sanitizer build): skipped"
	exit 77
fi

sock=tlv-save-$$
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# A big file, in bench/gen's shape (its titles known, for a search).
n=20000
awk -v n=$n 'BEGIN {
		print "title: Big"; print "events:"
		for (i = 1; i <= n; i++) {
			printf "  - id: e%06d\n    date: %04d-%02d-%02d\n", i,
			    1900 + i % 120, 1 + i % 12, 1 + i % 28
			printf "    title: Event number %d of the big file\n", i
			printf "    status: reported\n    tags: [t%d, bench]\n", i % 50
			printf "    description: >\n      Some words about event %d, ", i
			print "long enough to make the file a few megabytes."
		}
	}' >"$tmp/big.yaml"
cp "$tmp/big.yaml" "$tmp/big.orig"

cat >"$tmp/run.sh" <<EOF
cd "$tmp"
USER=alice FAILIO_OP=rename FAILIO_SLEEP=6 LD_PRELOAD=$failio "$TLV" big.yaml
echo "exit=\$?" >"$tmp/status"
echo DONE
sleep 30
EOF
tm -f /dev/null new-session -d -s t -x 120 -y 30 "sh $tmp/run.sh"
expect_screen "1/$n" "first frame"
expect_screen "$n/$n events" "the whole file loaded"

tm send-keys -t t a 'a note in the background' Enter
expect_screen 'saving big.yaml\.\.\.' "the status line says it saves"
# Keys are read meanwhile: movement, and the position shows it.
tm send-keys -t t j
expect_screen "2/$n" "j moves the cursor during the save"
grep -q 'saving big.yaml' "$tmp/pane" && pass ||
    fail "after j the status line no longer says it saves"
tm send-keys -t t G
# (the position ends the status line; the header has "N/N events")
expect_screen " $n/$n *\$" "G moves during the save"
# ... and a search.
tm send-keys -t t / 'number 12345 of' Enter
expect_screen 'Event number 12345 of the big file' "a search during the save"
grep -q " $n/$n *\$" "$tmp/pane" &&
    fail "the search did not move the cursor" || pass
# A second change is refused while the first is written.
tm send-keys -t t a
expect_screen 'one change at a time' "a second change waits for the first"
cmp -s "$tmp/big.yaml" "$tmp/big.orig" && pass ||
    fail "the file changed before the save's rename"
# Once saved, the cursor stays where the keys took it, not back on the
# event the note went to.
pos=$(tail -n 1 "$tmp/pane" | awk '{ print $NF }')
expect_screen 'note added: saved big.yaml' "the save ends"
[ "$(tail -n 1 "$tmp/pane" | awk '{ print $NF }')" = "$pos" ] && pass ||
    fail "after the save the cursor left $pos: $(tail -n 1 "$tmp/pane")"
# q waits for a save, and says so.
tm send-keys -t t a 'a second note' Enter
expect_screen 'saving big.yaml\.\.\.' "a second save starts"
tm send-keys -t t q
expect_screen 'tlv quits once it is saved; saving' "q says it waits for the save"
expect_screen 'DONE' "the viewer exits after the save"
expect_grep 'exit=0' "$tmp/status" "exit status 0"
expect_grep 'text: a note in the background' "$tmp/big.yaml" "the note is saved"
# The notes' at:, by: and text: (and notes: if an event had none), and
# nothing else.
diff "$tmp/big.orig" "$tmp/big.yaml" | grep '^[<>]' >"$tmp/diff"
if grep -q '^<' "$tmp/diff" ||
    [ "$(grep -c -v -e '^> *notes:$' -e '^> *- at: ' -e '^> *by: alice$' \
    -e '^> *text: a note in the background$' -e '^> *text: a second note$' \
    "$tmp/diff")" != 0 ] ||
    [ "$(grep -c -e 'at: ' -e 'by: ' -e 'text: ' "$tmp/diff")" != 6 ]; then
	fail "the save changed more than the note:"
	cat "$tmp/diff"
else
	pass
fi
finish
