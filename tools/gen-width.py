#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate src/text_tables.h: the display-width and case-folding tables that
src/text.c compiles in, so widths and folding never depend on the locale.

    python3 tools/gen-width.py /usr/share/unicode > src/text_tables.h

With a directory argument the Unicode Character Database files are read from
it (Debian's "unicode-data" package installs UCD 15.0 in /usr/share/unicode:
UnicodeData.txt, EastAsianWidth.txt, emoji/emoji-data.txt).  Without one,
Python's own unicodedata module is used (Python 3.11 ships Unicode 14.0).
The output is committed; the build never runs this script.

Widths (everything not listed is 1 cell; C0/C1 controls are handled in C):
  0  General_Category Mn, Me or Cf (except U+00AD SOFT HYPHEN, which
     terminals draw), and the conjoining Hangul medial vowels and final
     consonants U+1160..U+11FF, U+D7B0..U+D7FF;
  2  East_Asian_Width W or F (with UAX #11's defaults for unassigned
     ideograph blocks and planes 2 and 3) and Emoji_Presentation (except
     the regional indicators, 1 each so that a flag pair is 2).
Zero width wins where both apply (e.g. combining kana marks U+3099..U+309A).

Folding: the simple (1:1) lower-case mapping of UnicodeData.txt for ASCII,
Latin-1, Latin Extended-A/B, Latin Extended Additional, Greek and Coptic,
Cyrillic and Cyrillic Supplement, plus final sigma U+03C2 -> U+03C3.  A
Latin letter then loses its diacritics: its canonical decomposition is
followed while the rest of it is combining marks (U+00FC -> u, U+1EBF ->
e), and the letters with a stroke or without a dot, which do not decompose,
fold to their base (U+0142 -> l, U+00F8 -> o, U+0131 -> i).  Without
decompositions (Python's module) only the lower-casing is right.
"""

import os
import sys
import unicodedata

MAX_CP = 0x10FFFF

# Blocks whose upper-case letters fold.
FOLD_BLOCKS = [
    (0x0000, 0x024F),  # ASCII, Latin-1, Latin Extended-A and -B
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x052F),  # Cyrillic, Cyrillic Supplement
]
FOLD_EXTRA = {0x03C2: 0x03C3}  # final sigma folds to sigma

# Latin blocks whose letters also lose their diacritics.
STRIP_BLOCKS = [(0x00C0, 0x024F), (0x1E00, 0x1EFF)]
# Letters with a stroke (and the dotless i) have no decomposition.
STRIP_EXTRA = {
    0x00F8: 0x6F, 0x0111: 0x64, 0x0127: 0x68, 0x0131: 0x69, 0x0142: 0x6C,
    0x0167: 0x74, 0x0180: 0x62, 0x01B6: 0x7A,
}
# U+00C0..LATIN_DIRECT_END - 1 fold through a direct table.
LATIN_DIRECT_START = 0x00C0
LATIN_DIRECT_END = 0x0250

# UAX #11: unassigned code points here default to W.
EAW_WIDE_DEFAULTS = [
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
]

# Conjoining jamo that attach to the preceding leading consonant.
JAMO_ZERO = [(0x1160, 0x11FF), (0xD7B0, 0xD7FF)]

# Regional indicators have Emoji_Presentation but East_Asian_Width N: a flag
# is a pair of them, drawn in 2 cells, so each stays 1 as in terminals.
REGIONAL = [(0x1F1E6, 0x1F1FF)]

ZERO_CATEGORIES = {"Mn", "Me", "Cf"}
ZERO_EXCEPTIONS = {0x00AD}


def parse_ranges(path):
    """Yield (first, last, fields) from a UCD "X..Y;value" style file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            cps = fields[0].split("..")
            first = int(cps[0], 16)
            last = int(cps[-1], 16)
            yield first, last, fields[1:]


def load_ucd(ucd):
    """Return (version, category[], eaw[], emoji_presentation set, lower{})."""
    cat = ["Cn"] * (MAX_CP + 1)
    lower = {}
    decomp = {}
    first_of_range = None
    with open(os.path.join(ucd, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp = int(fields[0], 16)
            if fields[1].endswith(", First>"):
                first_of_range = cp
                continue
            if fields[1].endswith(", Last>"):
                for c in range(first_of_range, cp + 1):
                    cat[c] = fields[2]
                continue
            cat[cp] = fields[2]
            if fields[13]:
                lower[cp] = int(fields[13], 16)
            if fields[5] and not fields[5].startswith("<"):
                decomp[cp] = [int(x, 16) for x in fields[5].split()]
    eaw = ["N"] * (MAX_CP + 1)
    for lo, hi in EAW_WIDE_DEFAULTS:
        for c in range(lo, hi + 1):
            eaw[c] = "W"
    path = os.path.join(ucd, "EastAsianWidth.txt")
    for lo, hi, v in parse_ranges(path):
        for c in range(lo, hi + 1):
            eaw[c] = v[0]
    emoji = set()
    path = os.path.join(ucd, "emoji", "emoji-data.txt")
    for lo, hi, v in parse_ranges(path):
        if v[0] == "Emoji_Presentation" and not in_ranges(lo, REGIONAL):
            emoji.update(range(lo, hi + 1))
    with open(os.path.join(ucd, "EastAsianWidth.txt"), encoding="utf-8") as f:
        version = f.readline().strip("# \n").replace("EastAsianWidth-", "")
        version = version.replace(".txt", "")
    return "UCD " + version + " from " + ucd, cat, eaw, emoji, lower, decomp


def load_module():
    """The same data from Python's unicodedata (no Emoji_Presentation)."""
    cat = []
    eaw = []
    lower = {}
    for cp in range(MAX_CP + 1):
        ch = chr(cp)
        cat.append(unicodedata.category(ch))
        w = unicodedata.east_asian_width(ch)
        if cat[-1] == "Cn":  # CPython says "F" for unassigned code points
            w = "W" if in_ranges(cp, EAW_WIDE_DEFAULTS) else "N"
        eaw.append(w)
        lo = ch.lower()
        if len(lo) == 1 and lo != ch:
            lower[cp] = ord(lo)
        elif cp == 0x0130:  # full mapping is "i" + U+0307; simple is "i"
            lower[cp] = 0x69
    version = "Python %s unicodedata %s" % (
        sys.version.split()[0], unicodedata.unidata_version)
    return version, cat, eaw, set(), lower, {}


def in_ranges(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def width_of(cp, cat, eaw, emoji):
    if cp < 0x300:
        return 1  # text.c handles this range itself
    if in_ranges(cp, JAMO_ZERO):
        return 0
    if cat[cp] in ZERO_CATEGORIES and cp not in ZERO_EXCEPTIONS:
        return 0
    if eaw[cp] in ("W", "F") or cp in emoji:
        return 2
    return 1


def width_ranges(cat, eaw, emoji):
    """Merged (first, last, width) for every run whose width is not 1."""
    out = []
    for cp in range(MAX_CP + 1):
        w = width_of(cp, cat, eaw, emoji)
        if w == 1:
            continue
        if out and out[-1][1] == cp - 1 and out[-1][2] == w:
            out[-1][1] = cp
        else:
            out.append([cp, cp, w])
    return out


def strip_marks(cp, cat, decomp):
    """The base letter of a Latin letter with diacritics, else cp."""
    if not in_ranges(cp, STRIP_BLOCKS):
        return cp
    if cp in STRIP_EXTRA:
        return STRIP_EXTRA[cp]
    base = cp
    while base in decomp and all(cat[c] == "Mn" for c in decomp[base][1:]):
        base = decomp[base][0]
    if base != cp and not cat[base].startswith("L"):
        sys.exit("gen-width: U+%04X strips to a non-letter" % cp)
    return base


def fold_map(lower, cat, decomp):
    m = {}
    for lo, hi in FOLD_BLOCKS + STRIP_BLOCKS:
        for cp in range(lo, hi + 1):
            to, prev = cp, None
            while to != prev:  # U+01FE: lower U+01FF, strip U+00F8, o
                prev = to
                to = lower.get(to, to)
                to = strip_marks(to, cat, decomp)
            if to != cp:
                m[cp] = to
    m.update(FOLD_EXTRA)
    for cp, to in m.items():
        if to in m:
            sys.exit("gen-width: folding U+%04X is not idempotent" % cp)
        if 0xD800 <= to <= 0xDFFF or to > MAX_CP:
            sys.exit("gen-width: U+%04X folds to a non-scalar" % cp)
    return m


def fold_ranges(m):
    """Runs (first, last, delta, step): every step-th code point from first
    to last maps to itself + delta.  step 1 is a block (A-Z), step 2 the
    alternating upper/lower pairs of Latin Extended-A and Cyrillic."""
    out = []
    for cp in sorted(m):
        d = m[cp] - cp
        if out:
            r = out[-1]
            if r[2] == d and r[0] == r[1] and cp - r[1] in (1, 2):
                r[1] = cp
                r[3] = cp - r[0]
                continue
            if r[2] == d and cp - r[1] == r[3]:
                r[1] = cp
                continue
        out.append([cp, cp, d, 1])
    return out


def fold_leads(m):
    """For each ASCII letter, the UTF-8 lead bytes (bit b - 0xC0) of the
    code points that fold to it."""
    leads = [0] * 26
    for cp, to in m.items():
        if cp >= 0x80 and ord("a") <= to <= ord("z"):
            lead = chr(cp).encode("utf-8")[0]
            leads[to - ord("a")] |= 1 << (lead - 0xC0)
    return leads


def emit(version, widths, m):
    latin = [m.get(cp, cp) for cp in range(LATIN_DIRECT_START,
                                            LATIN_DIRECT_END)]
    folds = fold_ranges({cp: to for cp, to in m.items()
                         if not LATIN_DIRECT_START <= cp < LATIN_DIRECT_END})
    leads = fold_leads(m)
    p = print
    p("/* SPDX-License-Identifier: MIT */")
    p("/*")
    p(" * Generated by tools/gen-width.py from %s;" % version)
    p(" * do not edit.  Regenerate with:")
    p(" *\tpython3 tools/gen-width.py /usr/share/unicode > src/text_tables.h")
    p(" *")
    p(" * text_width_table: sorted, disjoint ranges of code points >= U+0300")
    p(" * whose display width is not 1 (0: combining, zero-width; 2: wide).")
    p(" * text_fold_latin: what U+%04X..U+%04X fold to (lower case, no"
      % (LATIN_DIRECT_START, LATIN_DIRECT_END - 1))
    p(" * diacritics).")
    p(" * text_fold_table: the other code points that fold, as sorted,")
    p(" * disjoint runs; every step-th code point from first to last folds")
    p(" * to itself + delta.")
    p(" * text_fold_leads: for 'a'..'z', the UTF-8 lead bytes (bit")
    p(" * byte - 0xC0) of the code points above ASCII that fold to it.")
    p(" * Included once, by src/text.c.")
    p(" */")
    p("")
    p("static const struct text_width_range {")
    p("\tuint32_t\tfirst;")
    p("\tuint32_t\tlast;")
    p("\tuint8_t\t\twidth;")
    p("} text_width_table[] = {")
    for lo, hi, w in widths:
        p("\t{ 0x%05X, 0x%05X, %d }," % (lo, hi, w))
    p("};")
    p("")
    p("static const struct text_fold_range {")
    p("\tuint16_t\tfirst;")
    p("\tuint16_t\tlast;")
    p("\tint32_t\t\tdelta;")
    p("\tuint8_t\t\tstep;")
    p("} text_fold_table[] = {")
    for lo, hi, d, step in folds:
        p("\t{ 0x%04X, 0x%04X, %6d, %d }," % (lo, hi, d, step))
    p("};")
    p("")
    p("#define TEXT_FOLD_LATIN_START\t0x%04X" % LATIN_DIRECT_START)
    p("#define TEXT_FOLD_LATIN_END\t0x%04X" % LATIN_DIRECT_END)
    p("")
    p("static const uint16_t text_fold_latin[] = {")
    for i in range(0, len(latin), 8):
        p("\t" + " ".join("0x%04X," % x for x in latin[i:i + 8]))
    p("};")
    p("")
    p("static const uint64_t text_fold_leads[26] = {")
    for i, x in enumerate(leads):
        p("\tUINT64_C(0x%016X),\t/* %s */" % (x, chr(ord("a") + i)))
    p("};")


def main():
    if len(sys.argv) > 2:
        sys.exit("usage: gen-width.py [UCD-DIRECTORY] > src/text_tables.h")
    if len(sys.argv) == 2:
        version, cat, eaw, emoji, lower, decomp = load_ucd(sys.argv[1])
    else:
        version, cat, eaw, emoji, lower, decomp = load_module()
    emit(version, width_ranges(cat, eaw, emoji),
         fold_map(lower, cat, decomp))


if __name__ == "__main__":
    main()
