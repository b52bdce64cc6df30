#!/bin/sh
# SPDX-License-Identifier: MIT
# TimelineJS both ways (SPEC section 9): the real files of
# tests/data/timelinejs (from the TimelineJS3 repository, see README there)
# and small cases of our own.  Every import's output is loaded again by
# tlv itself: an import must never print YAML that does not load.
. "${top_srcdir:-.}/tests/lib.sh"

corpus=$data/timelinejs
out=$tmp/out
err=$tmp/err
py=
command -v python3 >/dev/null 2>&1 && py=python3

# import_ok JSON WHAT: import exits 0, says nothing, and its YAML checks
# clean; the YAML is left in $tmp/import.yaml.
import_ok() {
	"$TLV" import --from timelinejs "$1" >"$tmp/import.yaml" 2>"$err"
	expect_status 0 $? "$2: import"
	[ -s "$err" ] && fail "$2: import said: $(cat "$err")"
	"$TLV" check "$tmp/import.yaml" >"$out" 2>&1
	expect_status 0 $? "$2: check of the import"
	expect_grep '^0 errors, 0 warnings$' "$out" "$2: check of the import"
}

# slides JSON: how many events have a start_date (TimelineJS shows those).
slides() {
	$py -c 'import json, sys
print(sum(1 for e in json.load(open(sys.argv[1]))["events"]
    if "start_date" in e))' "$1"
}

# events YAML: how many events tlv loads.
events() {
	"$TLV" export --format json "$1" 2>/dev/null | $py -c 'import json, sys
print(len(json.load(sys.stdin)["events"]))'
}

# --- the corpus: every file loads, imports and keeps every slide ----------

# Files still waiting for a feature (each names it); none when all is done.
pending="cosmo.json cosmo-mixed.json marktwain.json"	# deep time; no headline

for f in "$corpus"/*.json; do
	name=$(basename "$f")
	case " $pending " in *" $name "*) continue ;; esac
	"$TLV" check "$f" >"$out" 2>&1
	expect_status 0 $? "check $name"
	import_ok "$f" "$name"
	if [ -n "$py" ]; then
		want=$(slides "$f")
		got=$(events "$tmp/import.yaml")
		[ "$want" = "$got" ] || fail "$name: $want slides, $got events imported"
	fi
done

# --- empty strings are absent ---------------------------------------------

cat >"$tmp/empty.json" <<'JSON'
{"title": {"text": {"headline": "Empty parts"}},
 "events": [
  {"unique_id": "", "start_date": {"year": "1990", "month": "", "day": ""},
   "text": {"headline": "A"}},
  {"unique_id": "", "start_date": {"year": 1991, "month": " ", "day": ""},
   "end_date": {"year": "1992", "month": "", "day": ""},
   "text": {"headline": "B"}}
 ]}
JSON
"$TLV" check "$tmp/empty.json" >"$out" 2>&1
expect_status 0 $? "check with empty unique_id and date parts"
expect_grep '^0 errors, 0 warnings$' "$out" "check with empty parts"
import_ok "$tmp/empty.json" "empty parts"
expect_grep '^  - date: "1990"$' "$tmp/import.yaml" "empty month and day"
expect_grep '^    end: "1992"$' "$tmp/import.yaml" "empty end parts"
if grep -q 'id:' "$tmp/import.yaml"; then
	fail "an empty unique_id became an id"
else
	pass
fi

finish
