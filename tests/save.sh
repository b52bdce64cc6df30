#!/bin/sh
# SPDX-License-Identifier: MIT
# What a save promises beyond edit.sh (SPEC section 7, doc/tlv.1 SAVING):
# saves to one file are serialised and none is lost; a file the user may
# not write is not written; owner, group, mode, set-id bits, ACLs,
# extended attributes, inode flags and hard links survive; a crashed
# save's temporary file goes at the next save.  And a huge file that is
# not text is refused at once.
. "${top_srcdir:-.}/tests/lib.sh"

USER=alice
export USER
cd "$tmp" || exit 1

# ms: milliseconds since the epoch.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- a huge file that is not YAML is refused on its first bytes -----------
if truncate -s 3G zero.yaml 2>/dev/null; then
	t0=$(ms)
	timeout 20 "$TLV" check zero.yaml >out 2>&1
	st=$? t=$(($(ms) - t0))
	expect_status 1 $st "check of 3 GiB of zeros"
	expect_grep '^zero.yaml:1:1: error: invalid UTF-8 (byte 0x00)' out \
	    "3 GiB of zeros"
	[ "$t" -lt 2000 ] && pass || fail "3 GiB of zeros took $t ms"
	echo "3 GiB of zeros refused in $t ms"
	rm -f zero.yaml
	# The same error, at the same place, as a whole parse of a small file.
	{ printf 'title: x\nevents:\n  - {id: a, date: 2020, title: A}\n\001'
	  head -c 2000000 /dev/zero; } >big.yaml
	head -c 100 big.yaml >small.yaml
	"$TLV" check big.yaml 2>&1 | sed 's/^big/F/' >big.out
	"$TLV" check small.yaml 2>&1 | sed 's/^small/F/' >small.out
	cmp -s big.out small.out && pass ||
	    fail "a big file's early bad byte: $(cat big.out) vs $(cat small.out)"
	expect_grep '^F.yaml:4:1: error: invalid UTF-8 (byte 0x01)' big.out \
	    "early control byte"
	rm -f big.yaml small.yaml
fi

finish
