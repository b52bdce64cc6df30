# SPDX-License-Identifier: MIT
# tests/tljs.sh: ORIGINAL.json EXPORT.json CHECKS (a comma list of dates,
# headline, text): the slides of a TimelineJS file against tlv's export of
# its import, slide by slide; prints each difference, exits 1 if any.
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
what = sys.argv[3].split(",")
def parts(d):
    if d is None: return None
    out = {}
    for k in ("year", "month", "day", "hour", "minute", "second"):
        v = d.get(k)
        if v is None or str(v).strip() == "": break
        out[k] = int(str(v).strip())
    return out
def key(e):
    return json.dumps(parts(e["start_date"]), sort_keys=True)
sa = [e for e in a["events"] if "start_date" in e]
sb = b["events"]
bad = 0
if len(sa) != len(sb):
    print("slides: %d, exported %d" % (len(sa), len(sb))); sys.exit(1)
# tlv sorts; TimelineJS does too: pair them by sorted order (stable on ties)
sa.sort(key=lambda e: [parts(e["start_date"]).get(k, 0) for k in ("year","month","day","hour","minute","second")])
for x, y in zip(sa, sb):
    tx, ty = x.get("text") or {}, y.get("text") or {}
    checks = {
        "dates": (parts(x["start_date"]), parts(y["start_date"])),
        "headline": ((tx.get("headline") or "").strip(), (ty.get("headline") or "").strip()),
        "text": ((tx.get("text") or "").strip(), (ty.get("text") or "").strip()),
    }
    for k in what:
        if checks[k][0] != checks[k][1]:
            print("%s: %r != %r" % (k, checks[k][0], checks[k][1])); bad += 1
sys.exit(1 if bad else 0)
