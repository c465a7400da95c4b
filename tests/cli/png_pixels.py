#!/usr/bin/env python3
"""Prints what a screenshot shows, as JSON: size, the share of pixels that are
not white, and how many pixels have each colour asked for (hex, +-12 per
channel). Reads the 8-bit RGB/RGBA non-interlaced PNGs Chromium writes, with
the standard library only.

    png_pixels.py shot.png 4878a8
"""
import json
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
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
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def main():
    path, colours = sys.argv[1], sys.argv[2:]
    width, height, bpp, rows = pixels(path)
    wanted = [tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) for c in colours]
    hits = [0] * len(wanted)
    non_white = 0
    for line in rows:
        for x in range(0, len(line), bpp):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if r < 245 or g < 245 or b < 245:
                non_white += 1
                for k, (wr, wg, wb) in enumerate(wanted):
                    if abs(r - wr) <= 12 and abs(g - wg) <= 12 and abs(b - wb) <= 12:
                        hits[k] += 1
    print(json.dumps({"width": width, "height": height, "non_white": non_white / (width * height),
                      "colours": dict(zip(colours, hits))}))


if __name__ == "__main__":
    main()
