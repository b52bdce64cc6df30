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

# --- saves to one file are serialised; no change is lost ------------------
# notes ID FILE: how many notes the event has.
notes() {
	"$TLV" export --format json "$2" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
evs = d["events"] if isinstance(d, dict) else d
print(sum(len(e.get("notes") or []) for e in evs if e.get("id") == sys.argv[1]))
' "$1"
}

# race WRITERS ROUNDS: WRITERS annotate runs at once, ROUNDS times; every
# run must say it annotated and every note must be there.
race() {
	w=$1 rounds=$2 r=0 bad=0
	copy "$data/story.yaml" race.yaml
	base=$(notes contact race.yaml)
	while [ $r -lt "$rounds" ]; do
		i=0
		while [ $i -lt "$w" ]; do
			"$TLV" annotate contact "r$r w$i" race.yaml \
			    >"race.$i.out" 2>&1 &
			i=$((i + 1))
		done
		wait
		i=0
		while [ $i -lt "$w" ]; do
			grep -q '^annotated contact' "race.$i.out" ||
			    bad=$((bad + 1))
			i=$((i + 1))
		done
		r=$((r + 1))
	done
	n=$(($(notes contact race.yaml) - base))
	[ "$n" = $((w * rounds)) ] && pass ||
	    fail "$w writers, $rounds rounds: $n notes of $((w * rounds))"
	[ $bad = 0 ] && pass || fail "$w writers: $bad runs did not succeed"
	echo "$w writers x $rounds rounds: $n notes kept of $((w * rounds))"
}
if command -v python3 >/dev/null 2>&1; then
	race 2 25
	race 4 10
fi

# rm of one event racing a note on another: both happen.
back=0 r=0
while [ $r -lt 15 ]; do
	copy "$data/story.yaml" race.yaml
	"$TLV" rm invasion race.yaml >rm.out 2>&1 &
	"$TLV" annotate contact "x" race.yaml >an.out 2>&1 &
	wait
	grep -q 'id: invasion' race.yaml && back=$((back + 1))
	grep -q 'text: x' race.yaml || back=$((back + 1))
	r=$((r + 1))
done
[ $back = 0 ] && pass || fail "rm vs annotate: $back of 15 rounds lost one"
echo "rm vs annotate: $back of 15 rounds lost a change"

# A save waits for another tlv's, says so after a second, then goes on.
if command -v flock >/dev/null 2>&1; then
	copy "$data/story.yaml" wait.yaml
	# The lock is surely held (a loaded machine may start the holder late).
	flock . sh -c ': >held; sleep 2' &
	n=0
	while [ ! -e held ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	"$TLV" annotate contact "after the wait" wait.yaml >out 2>&1
	expect_status 0 $? "annotate while another save holds the lock"
	expect_grep 'wait.yaml: waiting for flock (pid [0-9]*) to release the save lock' \
	    out "wait message names the holder"
	expect_grep 'after the wait' wait.yaml "saved after the wait"
	wait
	# The holder changes the file in place, keeping its size: the save
	# finds that as it writes, loads the file again and keeps both.
	change_in_place() {
		copy "$data/story.yaml" wait.yaml
		rm -f held
		flock . sh -c ': >held; sleep 1
		    sed "s/regular contact/REGULAR contact/" wait.yaml >w.tmp
		    cat w.tmp >wait.yaml' &
		n=0
		while [ ! -e held ] && [ $n -lt 100 ]; do
			sleep 0.1
			n=$((n + 1))
		done
	}
	change_in_place
	"$TLV" annotate contact "after the change" wait.yaml >out 2>&1
	expect_status 0 $? "annotate after a same-size change in place"
	expect_grep 'REGULAR contact' wait.yaml "the change made meanwhile kept"
	expect_grep 'after the change' wait.yaml "the note saved after it"
	wait
	# The same for rm, whose warning about links left is made from the
	# file as loaded the second time.
	change_in_place
	"$TLV" rm taiwan wait.yaml >out 2>&1
	expect_status 0 $? "rm after a same-size change in place"
	expect_grep 'REGULAR contact' wait.yaml "the change made meanwhile kept"
	grep -q 'id: taiwan' wait.yaml && fail "taiwan not removed"
	expect_grep "'taiwan' is still named in the related list of contact" \
	    out "rm's warning after the reload"
	wait
fi

# The viewer against the command line: 15 notes from each, none lost.
copy "$data/story.yaml" story.yaml
{
	i=0
	while [ $i -lt 15 ]; do
		printf 'jja\nviewer %d<Enter>\ngg\n' $i
		i=$((i + 1))
	done
} >view.keys
(
	i=0
	while [ $i -lt 15 ]; do
		"$TLV" annotate crimea "cli $i" story.yaml >/dev/null 2>&1
		i=$((i + 1))
	done
) &
COLUMNS=80 LINES=24 TLV_SCRIPT=$tmp/view.keys "$TLV" story.yaml \
    >view.out 2>&1
wait
v=$(grep -c 'text: viewer' story.yaml) c=$(grep -c 'text: cli' story.yaml)
[ "$v" = 15 ] && [ "$c" = 15 ] && pass ||
    fail "viewer vs command line: $v of 15 viewer notes, $c of 15 cli notes"
echo "viewer vs command line: $v + $c notes of 15 + 15"

# The lock and the temporary files under faults (failio.c).
failio=$top_builddir/tests/failio.so
if [ -f "$failio" ] && [ -z "${TLV_SANITIZED:-}" ]; then
	copy "$data/story.yaml" story.yaml
	cp story.yaml orig.yaml
	FAILIO_OP=flock FAILIO_ERRNO=37 LD_PRELOAD=$failio \
	    "$TLV" annotate contact "no lock" story.yaml >out 2>&1
	expect_status 1 $? "annotate when flock fails"
	expect_grep 'cannot lock story.yaml for saving' out "flock failure"
	cmp -s story.yaml orig.yaml && pass || fail "flock failure wrote"
	# A directory without flock (NFS): a lock file beside the target.
	FAILIO_OP=flockdir FAILIO_ERRNO=37 LD_PRELOAD=$failio \
	    "$TLV" annotate contact "lock file" story.yaml >out 2>&1
	expect_status 0 $? "annotate with a lock file"
	[ -f .story.yaml.tlv-lock ] && pass || fail "no lock file"
	expect_grep 'lock file' story.yaml "saved under the lock file"
	rm -f .story.yaml.tlv-lock
	# A save killed mid-way leaves its temporary file; the next save,
	# at once, removes it (its process is gone), not one of a live one.
	FAILIO_OP=rename FAILIO_SLEEP=3 LD_PRELOAD=$failio \
	    "$TLV" annotate contact "killed" story.yaml >/dev/null 2>&1 &
	pid=$!
	sleep 1
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	sleep 1000 &
	live=$!
	: >".story.yaml.tlv-$live-abcdef"
	ls -a | grep "^\.story\.yaml\.tlv-$pid-" >/dev/null && pass ||
	    fail "no temporary file named with the killed save's pid"
	"$TLV" annotate contact "after the crash" story.yaml >/dev/null 2>&1
	ls -a | grep "^\.story\.yaml\.tlv-$pid-" >/dev/null &&
	    fail "the dead save's temporary file stayed" || pass
	[ -f ".story.yaml.tlv-$live-abcdef" ] && pass ||
	    fail "a live process's temporary file was removed"
	kill $live
	rm -f ".story.yaml.tlv-$live-abcdef"
fi

# --- accounts: alice, bob and carol in group proj, dave not (CI runs as
# root; the tests drop root with setpriv) ----------------------------------
users=
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null 2>&1 &&
    command -v setpriv >/dev/null 2>&1; then
	proj=tlvp$$ other=tlvo$$
	alice=tlva$$ bob=tlvb$$ carol=tlvc$$ dave=tlvd$$
	trap 'for u in $alice $bob $carol $dave; do userdel "$u"; done \
	    2>/dev/null; groupdel $proj 2>/dev/null; groupdel $other \
	    2>/dev/null; rm -rf "$tmp"' EXIT
	if groupadd $proj && groupadd $other &&
	    useradd -M -N -g $other -G $proj $alice &&
	    useradd -M -N -g $other -G $proj $bob &&
	    useradd -M -N -g $other -G $proj $carol &&
	    useradd -M -N -g $other $dave; then
		users=1
		chmod 755 "$tmp"
	else
		echo "cannot make test accounts: permission tests skipped"
	fi
fi

# as USER CMD...: run CMD as USER, with USER's groups.
as() {
	u=$1
	shift
	USER=$u setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups "$@"
}

# --- a file the user may not write is not written --------------------------
if [ -n "$users" ]; then
	mkdir shared
	chgrp $proj shared
	chmod 2775 shared
	copy "$data/story.yaml" shared/f.yaml
	chown $alice:$proj shared/f.yaml
	chmod 644 shared/f.yaml
	cp shared/f.yaml orig.yaml
	as $bob sh -c 'echo x >>shared/f.yaml' 2>/dev/null &&
	    fail "bob could append to alice's 0644 file" || pass
	as $bob "$TLV" annotate contact "bob was here" shared/f.yaml >out 2>&1
	expect_status 1 $? "bob annotates alice's 0644 file"
	expect_grep "shared/f.yaml: not writable (mode 0644, owner $alice); tlv does not save files you may not write" \
	    out "bob is told why"
	cmp -s shared/f.yaml orig.yaml && pass || fail "bob's save wrote the file"
	[ "$(stat -c %U shared/f.yaml)" = $alice ] && pass ||
	    fail "the file now belongs to $(stat -c %U shared/f.yaml)"
	# A 0444 file: its owner and root are refused too.
	chmod 444 shared/f.yaml
	as $alice "$TLV" annotate contact "alice" shared/f.yaml >out 2>&1
	expect_status 1 $? "the owner annotates her 0444 file"
	expect_grep 'not writable (mode 0444' out "the owner is told why"
	"$TLV" rm contact shared/f.yaml >out 2>&1
	expect_status 1 $? "root removes from a 0444 file"
	expect_grep "not writable (mode 0444, owner $alice)" out "root is told why"
	cmp -s shared/f.yaml orig.yaml && pass || fail "a 0444 file was written"
fi
# The viewer marks the file read-only and the edit keys say why (root and
# a 0444 file).
copy "$data/story.yaml" ro.yaml
chmod 444 ro.yaml
cp ro.yaml orig.yaml
printf 'jja\n:save-screen %s/ro-a.txt\nD\n:save-screen %s/ro-D.txt\n' \
    "$tmp" "$tmp" >ro.keys
printf 'A\n:save-screen %s/ro-A.txt\ne\n:save-screen %s/ro-e.txt\n' \
    "$tmp" "$tmp" >>ro.keys
if [ "$(id -u)" = 0 ] || ! [ -w ro.yaml ]; then
	COLUMNS=100 LINES=24 TLV_SCRIPT=$tmp/ro.keys "$TLV" ro.yaml >out 2>&1
	expect_grep '· read-only' ro-a.txt "the header says read-only"
	for k in a D A e; do
		expect_grep 'ro.yaml: not writable (mode 0444' ro-$k.txt \
		    "$k on a read-only file"
	done
	cmp -s ro.yaml orig.yaml && pass || fail "the viewer wrote a 0444 file"
fi

# --- owner, group, mode, set-id bits, ACLs, attributes, flags, links -------
# meta FILE: what a save must keep, one line.
meta() {
	stat -c '%U:%G %a %h' "$1"
}
if [ -n "$users" ]; then
	# Bob, of group proj, saves alice's 0660 proj file: it stays hers and
	# proj's (written in place: bob cannot give a new file to alice), and
	# carol, of proj, can still read it.
	copy "$data/story.yaml" shared/g.yaml
	chown $alice:$proj shared/g.yaml
	chmod 660 shared/g.yaml
	as $bob "$TLV" annotate contact "bob's note" shared/g.yaml >out 2>&1
	expect_status 0 $? "bob annotates alice's group-writable file"
	[ "$(meta shared/g.yaml)" = "$alice:$proj 660 1" ] && pass ||
	    fail "bob's save made it $(meta shared/g.yaml)"
	as $carol grep -q "bob's note" shared/g.yaml && pass ||
	    fail "carol cannot read the note"
	ls -a shared | grep -q 'tlv-' && fail "a backup or temporary file stayed" ||
	    pass
	# Alice saves her own file: rename, group and set-group-ID kept.
	chmod 2770 shared/g.yaml
	as $alice "$TLV" annotate contact "alice's note" shared/g.yaml >out 2>&1
	expect_status 0 $? "alice annotates her setgid file"
	[ "$(meta shared/g.yaml)" = "$alice:$proj 2770 1" ] && pass ||
	    fail "alice's save made it $(meta shared/g.yaml)"
	# Dave, not of proj, may write the file (0666) but not the directory:
	# there is no room for a temporary file or a backup copy, so no save.
	chmod 666 shared/g.yaml
	cp shared/g.yaml orig.yaml
	as $dave "$TLV" annotate contact "dave's note" shared/g.yaml >out 2>&1
	expect_status 1 $? "dave annotates a 0666 file in proj's directory"
	expect_grep 'Permission denied' out "dave is told why"
	cmp -s shared/g.yaml orig.yaml && pass || fail "dave's save wrote"
	[ "$(meta shared/g.yaml)" = "$alice:$proj 666 1" ] && pass ||
	    fail "dave's save made it $(meta shared/g.yaml)"
fi
# Root keeps owner, group and both set-id bits (fchown before fchmod).
copy "$data/story.yaml" id.yaml
[ -n "$users" ] && chown $alice:$proj id.yaml
chmod 6750 id.yaml
before=$(meta id.yaml)
"$TLV" annotate contact "setid" id.yaml >out 2>&1
expect_status 0 $? "annotate a set-id file"
[ "$(meta id.yaml)" = "$before" ] && pass ||
    fail "set-id file: $before became $(meta id.yaml)"

# Hard links: every name sees the new bytes; the links stay.
copy "$data/story.yaml" linked.yaml
ln linked.yaml other-name.yaml
ino=$(stat -c %i linked.yaml)
"$TLV" annotate contact "through one name" linked.yaml >out 2>&1
expect_status 0 $? "annotate a hard-linked file"
expect_grep 'through one name' other-name.yaml "the other name"
[ "$(stat -c '%i %h' linked.yaml)" = "$ino 2" ] && pass ||
    fail "the links were broken: $(stat -c '%i %h' linked.yaml)"
ls -a | grep -q 'tlv-backup' && fail "the backup copy stayed" || pass

# ACLs, extended attributes and inode flags (where the file system has
# them; each is skipped, saying so, where not).
copy "$data/story.yaml" acl.yaml
chmod 640 acl.yaml
if command -v setfacl >/dev/null 2>&1 &&
    setfacl -m u:nobody:rw acl.yaml 2>/dev/null; then
	chmod g-w acl.yaml	# the mask: nobody's rw is r in effect
	acl=$(getfacl -c acl.yaml 2>/dev/null)
	mode=$(stat -c %a acl.yaml)
	"$TLV" annotate contact "acl" acl.yaml >out 2>&1
	expect_status 0 $? "annotate a file with an ACL"
	[ "$(getfacl -c acl.yaml 2>/dev/null)" = "$acl" ] && pass ||
	    fail "the ACL changed: $(getfacl -c acl.yaml | tr '\n' ' ')"
	[ "$(stat -c %a acl.yaml)" = "$mode" ] && pass ||
	    fail "mode $mode became $(stat -c %a acl.yaml)"
	# A directory's default ACL must not widen a file that had none.
	mkdir dacl
	copy "$data/story.yaml" dacl/f.yaml
	chmod 600 dacl/f.yaml
	setfacl -d -m u:nobody:rwx dacl
	"$TLV" annotate contact "default acl" dacl/f.yaml >out 2>&1
	expect_status 0 $? "annotate under a default ACL"
	getfacl -c dacl/f.yaml 2>/dev/null | grep -q nobody &&
	    fail "the directory's default ACL was given to the file" || pass
	[ "$(stat -c %a dacl/f.yaml)" = 600 ] && pass ||
	    fail "mode 600 became $(stat -c %a dacl/f.yaml)"
else
	echo "ACL tests skipped: no setfacl, or no ACLs on this file system"
fi
if command -v setfattr >/dev/null 2>&1 &&
    setfattr -n user.comment -v 'keep me' acl.yaml 2>/dev/null; then
	"$TLV" annotate contact "xattr" acl.yaml >out 2>&1
	expect_status 0 $? "annotate a file with an attribute"
	[ "$(getfattr --only-values -n user.comment acl.yaml 2>/dev/null)" = \
	    'keep me' ] && pass || fail "user.comment was lost"
	if [ -f "$top_builddir/tests/failio.so" ] &&
	    [ -z "${TLV_SANITIZED:-}" ]; then
		# An attribute that cannot be copied: written in place.
		ino=$(stat -c %i acl.yaml)
		FAILIO_OP=fsetxattr FAILIO_ERRNO=1 \
		    LD_PRELOAD=$top_builddir/tests/failio.so \
		    "$TLV" annotate contact "in place" acl.yaml >out 2>&1
		expect_status 0 $? "annotate when an attribute cannot be set"
		[ "$(stat -c %i acl.yaml)" = "$ino" ] && pass ||
		    fail "not written in place"
		[ "$(getfattr --only-values -n user.comment acl.yaml \
		    2>/dev/null)" = 'keep me' ] && pass ||
		    fail "user.comment was lost (in place)"
		expect_grep 'in place' acl.yaml "the in-place save"
	fi
else
	echo "attribute tests skipped: no setfattr, or no user attributes here"
fi
if command -v chattr >/dev/null 2>&1 && chattr +d acl.yaml 2>/dev/null; then
	"$TLV" annotate contact "flags" acl.yaml >out 2>&1
	expect_status 0 $? "annotate a nodump file"
	lsattr acl.yaml 2>/dev/null | cut -d' ' -f1 | grep -q d && pass ||
	    fail "chattr +d was lost"
else
	echo "inode flag tests skipped: no chattr +d on this file system"
fi

# In place, a failure puts the old bytes back -- or, if even that fails,
# says where the copy is.
if [ -f "$top_builddir/tests/failio.so" ] && [ -z "${TLV_SANITIZED:-}" ]; then
	cp linked.yaml orig.yaml
	FAILIO_OP=ftruncate FAILIO_ERRNO=5 \
	    LD_PRELOAD=$top_builddir/tests/failio.so \
	    "$TLV" annotate contact "cut" linked.yaml >out 2>&1
	expect_status 1 $? "in-place save failing"
	expect_grep 'the file as it was is in .*\.linked\.yaml\.tlv-backup-' \
	    out "the backup is named"
	bak=$(ls -a | grep '^\.linked\.yaml\.tlv-backup-' | head -n 1)
	[ -n "$bak" ] && cmp -s "$bak" orig.yaml && pass ||
	    fail "the backup copy is not the file as it was"
	rm -f "$bak"
	# Killed while writing in place: the copy stays, and the next save
	# says where it is and writes nothing until the user has looked.
	cp orig.yaml linked.yaml
	FAILIO_OP=ftruncate FAILIO_SLEEP=3 \
	    LD_PRELOAD=$top_builddir/tests/failio.so \
	    "$TLV" annotate contact "killed in place" linked.yaml \
	    >/dev/null 2>&1 &
	pid=$!
	sleep 1
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	bak=$(ls -a | grep '^\.linked\.yaml\.tlv-backup-' | head -n 1)
	[ -n "$bak" ] && cmp -s "$bak" orig.yaml && pass ||
	    fail "no backup copy of the file as it was after the kill"
	cp linked.yaml killed.yaml
	"$TLV" annotate contact "after" linked.yaml >out 2>&1
	expect_status 1 $? "a save after an interrupted in-place save"
	expect_grep "an earlier save was interrupted.*$bak" out \
	    "the copy is named"
	cmp -s linked.yaml killed.yaml && pass || fail "it wrote anyway"
	rm -f "$bak"
	cp orig.yaml linked.yaml
	"$TLV" annotate contact "after" linked.yaml >out 2>&1
	expect_status 0 $? "a save once the copy is removed"
	cp orig.yaml linked.yaml
	FAILIO_OP=write FAILIO_ERRNO=28 \
	    LD_PRELOAD=$top_builddir/tests/failio.so \
	    "$TLV" annotate contact "full" linked.yaml >out 2>&1
	expect_status 1 $? "in-place save on a full disk"
	cmp -s linked.yaml orig.yaml && pass || fail "a full disk changed the file"
	ls -a | grep -q 'tlv-backup' && fail "the backup stayed" || pass
fi

finish
