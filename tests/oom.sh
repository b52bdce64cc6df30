#!/bin/sh
# SPDX-License-Identifier: MIT
# Allocation failure: with tests/failmalloc.so preloaded, every allocation
# from the Nth on fails.  For every N until the run succeeds, 'tlv summary
# --full' must either finish with the right output or stop with
# "tlv: out of memory" and exit 1: never a crash, never silence.  Then the
# viewer, in a real terminal (tmux), loses its memory while drawing: it
# must print the message, exit 1 and leave the terminal as it found it.
# Skipped in sanitizer builds (ASan has its own allocator).
# shellcheck source=tests/lib.sh
. "${top_srcdir:-.}/tests/lib.sh"

if [ -n "${TLV_SANITIZED:-}" ]; then
	echo "oom: sanitizer build: skipped"
	exit 77
fi
shim=${FAILMALLOC_SO:-${top_builddir:-.}/tests/failmalloc.so}
case $shim in /*) ;; *) shim=$(pwd)/$shim ;; esac
if [ ! -f "$shim" ]; then
	echo "oom: $shim is not built (make check builds it)"
	exit 77
fi

cd "$data" || exit 1
"$TLV" summary --full story.yaml >"$tmp/want" 2>&1
n=0 oom=0
while [ "$n" -lt 5000 ]; do
	FAILMALLOC_AFTER=$n LD_PRELOAD=$shim "$TLV" summary --full story.yaml \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		break
	elif [ "$rc" -eq 1 ] && grep -q '^tlv: out of memory' "$tmp/err"; then
		oom=$((oom + 1))
	else
		fail "allocation $n fails: exit status $rc, stderr:"
		sed 's/^/  | /' "$tmp/err"
	fi
	n=$((n + 1))
done
if [ "$rc" -eq 0 ] && cmp -s "$tmp/want" "$tmp/out"; then
	pass
else
	fail "tlv summary never succeeded with $n allocations allowed"
fi
# The shim must really have failed something.
if [ "$oom" -ge 10 ]; then
	pass
else
	fail "only $oom runs reported 'out of memory'"
fi
echo "oom: $n allocation points, each reported 'tlv: out of memory'"

if ! command -v tmux >/dev/null 2>&1; then
	echo "oom: tmux not installed: viewer part skipped"
	finish
	exit
fi
sock=tlv-oom-$$
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cat >"$tmp/run.sh" <<EOF
cd "$data"
stty -g >"$tmp/stty.before"
FAILMALLOC_SIGNAL=1 LD_PRELOAD="$shim" "$TLV" story.yaml &
echo \$! >"$tmp/pid"
wait \$!
echo "exit=\$?" >"$tmp/status"
stty -g >"$tmp/stty.after"
echo DONE
sleep 30
EOF
tm -f /dev/null new-session -d -s t -x 100 -y 30 "sh $tmp/run.sh"
# Wait for the first frame (up to 10 s), fail every allocation from now
# on, and press a key to make the viewer draw.
i=0
until tm capture-pane -p -t t 2>/dev/null | grep -q 'Test story'; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || break
	sleep 0.1
done
kill -USR1 "$(cat "$tmp/pid")"
tm send-keys -t t j
i=0
until [ -s "$tmp/status" ] && [ -s "$tmp/stty.after" ]; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || break
	sleep 0.1
done
tm capture-pane -p -t t >"$tmp/pane" 2>/dev/null
if grep -q 'exit=1' "$tmp/status" 2>/dev/null; then
	pass
else
	fail "viewer out of memory: $(cat "$tmp/status" 2>/dev/null || echo 'no exit')"
fi
expect_grep '^tlv: out of memory' "$tmp/pane" "viewer out of memory"
if cmp -s "$tmp/stty.before" "$tmp/stty.after" &&
    [ "$(tm display -p -t t '#{alternate_on}')" = 0 ]; then
	pass
else
	fail "viewer out of memory: the terminal was not restored"
fi
finish
