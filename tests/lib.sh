# SPDX-License-Identifier: MIT
# Shared by the shell tests: a hermetic environment and golden-file checks.
# Sourced with top_srcdir and TLV set by the Makefile (or by hand:
#   top_srcdir=. TLV=src/tlv sh tests/cli.sh).

set -u
: "${top_srcdir:=.}"
: "${TLV:=src/tlv}"
: "${top_builddir:=.}"
top_builddir=$(cd "$top_builddir" && pwd)
case $top_srcdir in /*) ;; *) top_srcdir=$(cd "$top_srcdir" && pwd) ;; esac
case $TLV in /*) ;; *) TLV=$(pwd)/$TLV ;; esac

TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80
export TZ LC_ALL LANG TERM LINES COLUMNS
unset NO_COLOR TLV_TIMELINES TLV_CONFIG VISUAL EDITOR XDG_CONFIG_HOME
TLV_TEST_NOW=2026-11-29T12:00:00Z
export TLV_TEST_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tlv-test.XXXXXX")
HOME=$tmp/home
mkdir -p "$HOME"
export HOME
trap 'rm -rf "$tmp"' EXIT

golden=$top_srcdir/tests/golden
data=$top_srcdir/tests/data
passed=0
failed=0

fail() {
	printf 'FAIL: %s\n' "$*"
	failed=$((failed + 1))
}

pass() {
	passed=$((passed + 1))
}

# expect_golden NAME FILE: FILE must equal tests/golden/NAME.
# With TLV_UPDATE_GOLDEN=1 the golden file is rewritten instead.
expect_golden() {
	if [ "${TLV_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$2" "$golden/$1"
		pass
		return
	fi
	if diff -u "$golden/$1" "$2"; then
		pass
	else
		fail "$1 differs from its golden file (diff above)"
	fi
}

# expect_status WANT GOT WHAT
expect_status() {
	if [ "$1" = "$2" ]; then
		pass
	else
		fail "$3: exit status $2, expected $1"
	fi
}

# expect_grep PATTERN FILE WHAT
expect_grep() {
	if grep -q -- "$1" "$2"; then
		pass
	else
		fail "$3: no '$1' in output:"
		sed 's/^/  | /' "$2"
	fi
}

finish() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" \
	    "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
