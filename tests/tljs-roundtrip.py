# SPDX-License-Identifier: MIT
# tests/tljs.sh: ORIGINAL.json EXPORT.json: the slides of a TimelineJS file
# against tlv's export of its import, slide by slide, as a TimelineJS
# reader sees them: dates, display dates, headline and text (HTML as it
# came), group, media, background; and the title slide's media and the
# eras.  Prints each difference; exits 1 if any.
import json, sys

a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
PARTS = ("year", "month", "day", "hour", "minute", "second")


def parts(d):
    out = {}
    for k in PARTS:
        v = (d or {}).get(k)
        if v is None or str(v).strip() == "":
            break
        out[k] = int(str(v).strip())
    return out


def blank(v):
    return None if v is None or (isinstance(v, str) and v.strip() == "") else v


def text(e, k):
    return ((e.get("text") or {}).get(k) or "").strip()


def view(e):
    return {
        "dates": (parts(e.get("start_date")), parts(e.get("end_date"))
                  if parts(e.get("end_date")) != parts(e.get("start_date"))
                  else {}),
        "display": (blank(e.get("display_date")),
                    blank((e.get("start_date") or {}).get("display_date")),
                    blank((e.get("end_date") or {}).get("display_date"))),
        "headline": text(e, "headline"),
        "text": text(e, "text"),
        "group": blank((e.get("group") or "").strip()),
        "media": e.get("media"),
        "background": e.get("background"),
    }


def order(e):
    p = parts(e.get("start_date"))
    return [p.get(k, 0) for k in PARTS]


bad = 0
sa = sorted((e for e in a["events"] if "start_date" in e), key=order)
sb = b["events"]
if len(sa) != len(sb):
    print("slides: %d, exported %d" % (len(sa), len(sb)))
    sys.exit(1)
for i, (x, y) in enumerate(zip(sa, sb)):
    vx, vy = view(x), view(y)
    for k in vx:
        if vx[k] != vy[k]:
            print("slide %d %s: %r != %r" % (i, k, vx[k], vy[k]))
            bad += 1
for k in ("media", "background"):
    if (a.get("title") or {}).get(k) != (b.get("title") or {}).get(k):
        print("title %s differs" % k)
        bad += 1
for k in ("eras", "scale"):
    if a.get(k) != b.get(k):
        print("%s differ" % k)
        bad += 1
sys.exit(1 if bad else 0)
