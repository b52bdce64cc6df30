#!/bin/sh
# SPDX-License-Identifier: MIT
# The timeline view in a real terminal (tmux): T on wide and combining
# text draws the bars and the titles, a resize at any moment redraws at the
# new size (narrower, then 40x10, then wider), and q leaves cleanly.
. "${top_srcdir:-.}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }

sock=tlv-lanes-$$
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cp "$data/wide.yaml" "$tmp/wide.yaml"

cat >"$tmp/run.sh" <<EOF
cd "$tmp"
"$TLV" wide.yaml
echo "exit=\$?" >"$tmp/status"
sleep 30
EOF
tm -f /dev/null new-session -d -s t -x 100 -y 30 "sh $tmp/run.sh"
expect_screen '1/' "first frame"
tm send-keys -t t T
expect_screen 'timeline view' "T"
expect_screen '宽字符 Wide text' "wide lane name or header"
expect_screen '◆' "a day's marker"
tm send-keys -t t z
expect_screen 'zoom: decade' "zoom"
expect_screen 'Launch 🚀 day 🎉' "a wide title beside its bar"
tm resize-window -t t -x 60 -y 20
expect_screen '2028' "resized to 60x20"
tm resize-window -t t -x 40 -y 10
expect_screen '◆' "resized to 40x10"
tm resize-window -t t -x 120 -y 30
expect_screen 'Launch 🚀 day 🎉 with emoji' "resized to 120x30"
tm send-keys -t t q
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ "$(cat "$tmp/status" 2>/dev/null)" = "exit=0" ]; then
	pass
else
	fail "q: tlv did not exit 0 ($(cat "$tmp/status" 2>/dev/null))"
fi
finish
