#!/bin/sh
# SPDX-License-Identifier: MIT
# A reporter's keys (SPEC section 5) and what backs them on the command
# line: saved filters (filter NAME = QUERY; @NAME in --filter and f, Tab
# completing it), marks (m, ', has:mark; the store under
# $XDG_STATE_HOME/tlv), o with a fake $BROWSER that records its argv, y's
# OSC 52 bytes as the viewer writes them, and x's export.  Screens are
# compared with golden/reporter-*.txt.
. "${top_srcdir:-.}/tests/lib.sh"

cp -R "$top_srcdir/tests/data" "$tmp/data" && chmod -R u+w "$tmp/data" ||
    exit 1
cd "$tmp/data" || exit 1
out=$tmp/out
err=$tmp/err
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME

# expect_out WHAT: stdout must be the text on stdin.
expect_out() {
	cat >"$tmp/want"
	if diff -u "$tmp/want" "$out"; then pass; else fail "$1"; fi
}

cat >"$tmp/config" <<'CONF'
filter putin = actor:putin
filter musk = actor:musk
filter alleged = status:alleged @putin
CONF
TLV_CONFIG=$tmp/config "$TLV" summary --brief --filter '@alleged -tag:taiwan' \
    story.yaml >"$out" 2>"$err"
expect_status 0 $? "--filter @NAME"
expect_out "--filter @NAME" <<'TXT'
late 2022  Musk reportedly begins regular contact with Putin  [alleged]
TXT
TLV_CONFIG=$tmp/config "$TLV" summary --brief --filter '-@musk' \
    story.yaml >"$out" 2>"$err"
expect_status 0 $? "--filter -@NAME"
expect_out "--filter -@NAME" <<'TXT'
2014-02-20/2014-03-18  Russia annexes Crimea  [confirmed]
2022-02-24             Full-scale invasion of Ukraine  [confirmed]
TXT
TLV_CONFIG=$tmp/config "$TLV" export --format csv --filter 'tag:x @nope' \
    story.yaml >"$out" 2>"$err"
expect_status 2 $? "unknown @NAME"
expect_grep "invalid filter at column 7: unknown saved filter '@nope'" "$err" \
    "unknown @NAME"

# A saved filter may use one defined below it; a loop is an error at each
# of its lines, and a query using one of them says why it is unknown;
# @a,@b is either.
cat >"$tmp/config2" <<'CONF'
filter alleged = status:alleged @putin
filter loop = tag:x @back
filter back = @loop
filter putin = actor:putin
filter denied = status:denied
CONF
TLV_CONFIG=$tmp/config2 "$TLV" summary --brief --filter '@alleged,@denied' \
    story.yaml >"$out" 2>"$err"
expect_status 0 $? "--filter @a,@b"
expect_grep "refers to itself" "$err" "a loop in the config is reported"
expect_out "--filter @a,@b, a filter using one below it" <<'TXT'
late 2022  Musk reportedly begins regular contact with Putin  [alleged]
2023?      Putin allegedly asks Musk not to activate Starlink over Taiwan  [alleged]
TXT
TLV_CONFIG=$tmp/config2 "$TLV" summary --brief --filter '@loop' \
    story.yaml >"$out" 2>"$err"
expect_status 2 $? "--filter @LOOP"
cat >"$tmp/want" <<'TXT'
tlv summary: invalid filter at column 1: unknown saved filter '@loop' (filter NAME = QUERY in the config)
  @loop
  ^
tlv summary: configuration problems (a bad line is skipped):
TXT
printf '%s:2:21: error: invalid filter: %s\n%s:3:15: error: invalid filter: %s\n' \
    "$tmp/config2" "saved filter 'loop' refers to itself (loop -> back -> loop)" \
    "$tmp/config2" "saved filter 'back' refers to itself (back -> loop -> back)" \
    >>"$tmp/want"
diff -u "$tmp/want" "$err" && pass || fail "--filter @LOOP: the config's lines"

# Marks: the store keys them by the file's absolute path and the id.
mkdir -p "$XDG_STATE_HOME/tlv"
printf '# tlv marks\n%s\tcontact\n%s\tcrimea\n/elsewhere/story.yaml\ttaiwan\n' \
    "$tmp/data/story.yaml" "$tmp/data/story-more.yaml" \
    >"$XDG_STATE_HOME/tlv/marks"
"$TLV" summary --brief --filter has:mark story.yaml >"$out" 2>"$err"
expect_status 0 $? "has:mark"
expect_out "has:mark" <<'TXT'
late 2022  Musk reportedly begins regular contact with Putin  [alleged]
TXT
(cd .. && "$TLV" summary --brief --filter '-has:mark' data/story.yaml) \
    >"$out" 2>"$err"
expect_out "-has:mark, the file named another way" <<'TXT'
2014-02-20/2014-03-18  Russia annexes Crimea  [confirmed]
2022-02-24             Full-scale invasion of Ukraine  [confirmed]
2023?                  Putin allegedly asks Musk not to activate Starlink over Taiwan  [alleged]
TXT

# --- the viewer ----------------------------------------------------------

# run NAME COLSxROWS FILE...: keys on stdin; screens saved by the script as
# $tmp/NAME-N.txt are compared with golden/reporter-NAME-N.txt; what the
# viewer wrote to stdout (OSC 52) is left in $tmp/NAME.out.
run() {
	name=$1 size=$2
	shift 2
	cat >"$tmp/$name.keys"
	COLUMNS=${size%x*} LINES=${size#*x} TLV_SCRIPT=$tmp/$name.keys \
	    "$TLV" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	status=$?
	if [ "$status" -ne 0 ]; then
		fail "$name: exit status $status"
		cat "$tmp/$name.err"
	fi
	for f in "$tmp/$name"-*.txt; do
		[ -e "$f" ] || { fail "$name: no screen saved"; return; }
		expect_golden "reporter-$(basename "$f")" "$f"
	done
}

# expect_file WHAT FILE: FILE must be the text on stdin.
expect_file() {
	if diff -u - "$2"; then pass; else fail "$1"; fi
}

rm -rf "$XDG_STATE_HOME"

# m marks (a '*' before the title), again unmarks; an event without an id
# cannot be marked; ' goes round the marks; has:mark keeps them.
run marks 80x16 reporter.yaml <<EOF
m
:save-screen $tmp/marks-1.txt
jm
jjm
:save-screen $tmp/marks-2.txt
g'
:save-screen $tmp/marks-3.txt
'
:save-screen $tmp/marks-4.txt
fhas:mark<Enter>
:save-screen $tmp/marks-5.txt
F'm
:save-screen $tmp/marks-6.txt
EOF
printf '# tlv marks: FILE<TAB>ID, one a line\n%s\tcontact\n' \
    "$tmp/data/reporter.yaml" | expect_file "the marks store" \
    "$XDG_STATE_HOME/tlv/marks"

# The marks are the user's: they survive a restart, an edit of the event
# (its title and date changed) and the file opened by another name.
sed -e 's/^title: Reporter.s keys/title: Edited/' \
    -e 's/begins regular contact/begins contact/' \
    -e 's/date: late 2022/date: 2022-10/' reporter.yaml >"$tmp/r.yaml" &&
    mv "$tmp/r.yaml" reporter.yaml
mkdir -p sub
(cd sub && run survive 80x12 ../reporter.yaml) <<EOF
:save-screen $tmp/survive-1.txt
EOF

# o: one URL opens at once, several open the chooser; the browser gets the
# URL as one argument ($BROWSER's %s), never through a shell; a URL that is
# not http(s) or has a control character is refused.
printf '#!/bin/sh\nfor a; do printf "[%%s]\\n" "$a"; done >>"%s"\n' \
    "$tmp/argv" >"$tmp/browser"
chmod +x "$tmp/browser"
BROWSER="/nonexistent/browser:$tmp/browser --new-tab %s" run open 80x12 \
    reporter.yaml <<EOF
o
:save-screen $tmp/open-1.txt
j<Enter>
:save-screen $tmp/open-2.txt
jo
:save-screen $tmp/open-3.txt
jo
:save-screen $tmp/open-4.txt
jo
:save-screen $tmp/open-5.txt
EOF
# The browser runs detached: wait for it a little.
i=0
while [ "$(cat "$tmp/argv" 2>/dev/null | wc -l)" -lt 4 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_file "the browser's argv" "$tmp/argv" <<'TXT'
[--new-tab]
[https://tass.com/politics/1861853]
[--new-tab]
[https://tass.com/politics/1861999?a=1&b=2]
TXT

# y: the citation goes out as OSC 52, base64 of sanitised text.
run copy 80x12 reporter.yaml <<EOF
y
:save-screen $tmp/copy-1.txt
jy
EOF
if [ "$(head -c 7 "$tmp/copy.out" | od -An -c | tr -d ' ')" = '033]52;c;' ]
then
	pass
else
	fail "y: no OSC 52 sequence on stdout: $(od -c "$tmp/copy.out" | head -3)"
fi
tr '\a' '\n' <"$tmp/copy.out" | sed -n 's/^.]52;c;//p' | while read -r b; do
	printf '%s\n' "$b" | base64 -d
done >"$out"
expect_out "y: the citations" <<'TXT'
2022-10 to ongoing: Musk reportedly begins contact with Putin (alleged)
- The Wall Street Journal, 2024-10-24: Elon Musk's Secret Conversations With Vladimir Putin <https://www.wsj.com/world/russia/musk-putin-secret-conversations-37e1c187>
- TASS, 2024-10-25: <https://tass.com/politics/1861853>
- Reuters
2024-10-25: Kremlin denies regular contacts ^[]0;pwned^G (denied)
- TASS, 2024-10-25: <https://tass.com/politics/1861999?a=1&b=2>
TXT

# Saved filters in the viewer: Tab completes @NAME in f, an unknown one is
# an error at its column, and the filter in force stays.
cat >"$tmp/config" <<'CONF'
filter kremlin = actor:peskov
filter kremlin-all = tag:russia,starlink -@kremlin
CONF
TLV_CONFIG=$tmp/config run saved 80x12 reporter.yaml <<EOF
f@kr<Tab>
:save-screen $tmp/saved-1.txt
-<Tab>
:save-screen $tmp/saved-2.txt
<Enter>
:save-screen $tmp/saved-3.txt
f<C-u>@nope<Enter>
:save-screen $tmp/saved-4.txt
EOF

# --filter @NAME opens the viewer with the saved filter; an unknown one
# stops before the screen starts, with its column.
TLV_CONFIG=$tmp/config run cli-saved 80x12 --filter '@kremlin-all' \
    reporter.yaml <<EOF
:save-screen $tmp/cli-saved-1.txt
EOF
TLV_CONFIG=$tmp/config TLV_SCRIPT=/dev/null "$TLV" --filter 'x @nope' \
    reporter.yaml >"$out" 2>&1
expect_status 2 $? "tlv --filter @unknown"
expect_grep "invalid filter at column 3: unknown saved filter '@nope'" "$out" \
    "tlv --filter @unknown"

# x: format and path asked; an existing file is kept unless y.
run export 80x12 reporter.yaml <<EOF
fstatus:denied,alleged<Enter>
x
:save-screen $tmp/export-1.txt
csv<Enter>
:save-screen $tmp/export-2.txt
<C-u>out.csv<Enter>
:save-screen $tmp/export-3.txt
xbogus<Enter>
:save-screen $tmp/export-4.txt
xjson<Enter><C-u>out.csv<Enter>
:save-screen $tmp/export-5.txt
n
:save-screen $tmp/export-6.txt
xmarkdown<Enter><C-u>~/out.md<Enter>
:save-screen $tmp/export-7.txt
xics<Enter><C-u>~/out.md<Enter>y
:save-screen $tmp/export-8.txt
EOF
"$TLV" export --format csv --filter 'status:denied,alleged' reporter.yaml \
    >"$tmp/want.csv"
if cmp -s "$tmp/want.csv" out.csv; then
	pass
else
	fail "x: out.csv is not what 'tlv export' writes"
	diff -u "$tmp/want.csv" out.csv
fi
expect_grep '^BEGIN:VCALENDAR' "$HOME/out.md" "x: ~/out.md overwritten after y"
# x as svg: the path offered is tlv-export.svg, the file is what 'tlv
# export --format svg' writes; a new file's mode follows the umask (not the
# temporary file's 0600), an existing one keeps its mode.
umask 022
run exportsvg 80x12 reporter.yaml <<EOF
fstatus:denied,alleged<Enter>
xsvg<Enter>
:save-screen $tmp/exportsvg-1.txt
<Enter>
:save-screen $tmp/exportsvg-2.txt
EOF
"$TLV" export --format svg --filter 'status:denied,alleged' reporter.yaml \
    >"$tmp/want.svg"
if cmp -s "$tmp/want.svg" tlv-export.svg; then
	pass
else
	fail "x svg: tlv-export.svg is not what 'tlv export' writes"
fi
expect_status 644 "$(stat -c %a tlv-export.svg)" "x: a new file's mode"
chmod 640 out.csv
run exportmode 80x12 reporter.yaml <<EOF
xcsv<Enter><C-u>out.csv<Enter>y
:save-screen $tmp/exportmode-1.txt
EOF
expect_status 640 "$(stat -c %a out.csv)" "x: an overwritten file's mode"
if ls -a . "$HOME" | grep '[.]tlv-'; then
	fail "x: a temporary file was left"
else
	pass
fi

# y in a real terminal: tmux with set-clipboard on takes the OSC 52
# sequence into its paste buffer (skipped without tmux).
if command -v tmux >/dev/null 2>&1; then
	sock=tlv-reporter-$$
	printf 'set -g set-clipboard on\n' >"$tmp/tmux.conf"
	printf 'cd "%s" && "%s" reporter.yaml; sleep 30\n' "$tmp/data" \
	    "$TLV" >"$tmp/run.sh"
	tmux -L "$sock" -f "$tmp/tmux.conf" new-session -d -s r -x 100 -y 20 \
	    "sh $tmp/run.sh"
	i=0
	until tmux -L "$sock" capture-pane -p -t r 2>/dev/null |
	    grep -q '1/4' || [ $i -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tmux -L "$sock" send-keys -t r j y
	i=0
	until tmux -L "$sock" show-buffer >"$out" 2>/dev/null || [ $i -ge 100 ]
	do
		sleep 0.1
		i=$((i + 1))
	done
	tmux -L "$sock" kill-server 2>/dev/null
	expect_out "y in tmux: its paste buffer" <<'TXT'
2024-10-25: Kremlin denies regular contacts ^[]0;pwned^G (denied)
- TASS, 2024-10-25: <https://tass.com/politics/1861999?a=1&b=2>
TXT
else
	echo "tmux not installed: y in tmux skipped"
fi

finish
