#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Peer for 'make bench': what a short Python script costs for the same job.

    python3 bench/peer.py FILE > /dev/null

Loads a tlv timeline with PyYAML's libyaml-backed CLoader (the fastest
PyYAML loader, and the same C parser tlv uses), then prints one line per
event -- date, status, title, in file order -- much as 'tlv summary --brief'
does, without tlv's date parsing, checks or sorting.  Exits 1 when the file
does not have a list of events.
"""

import sys

import yaml


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: peer.py FILE\n")
        return 2
    with open(argv[1], "rb") as f:
        doc = yaml.load(f, Loader=yaml.CLoader)
    events = doc.get("events") if isinstance(doc, dict) else None
    if not isinstance(events, list):
        sys.stderr.write("peer.py: %s: no list of events\n" % argv[1])
        return 1
    out = sys.stdout
    out.write("%s\n" % doc.get("title", argv[1]))
    for ev in events:
        out.write("%-22s %s  [%s]\n" % (ev.get("date"), ev.get("title"),
                                        ev.get("status", "-")))
    out.write("%d events\n" % len(events))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
