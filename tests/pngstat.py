#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# pngstat.py FILE.png: print "WIDTH HEIGHT INKED STDDEV" of an 8-bit RGB or
# RGBA PNG (what rsvg-convert writes): INKED is the fraction of pixels that
# are not near white, STDDEV the standard deviation of their grey level
# (0..255).  A blank picture has INKED 0 and STDDEV 0.  Only zlib: no PIL.
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG')
    pos, idat, hdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit('unsupported PNG: depth %d type %d' % (depth, ctype))
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = decode(sys.argv[1])
    n = inked = 0
    s = s2 = 0.0
    for line in rows:
        for x in range(0, len(line), bpp):
            alpha = line[x + 3] if bpp == 4 else 255
            # composite over white
            g = (line[x] * 299 + line[x + 1] * 587 + line[x + 2] * 114) / 1000
            g = (g * alpha + 255 * (255 - alpha)) / 255
            n += 1
            s += g
            s2 += g * g
            if g < 240:
                inked += 1
    mean = s / n
    var = max(s2 / n - mean * mean, 0.0)
    print('%d %d %.4f %.1f' % (w, h, inked / n, var ** 0.5))


main()
