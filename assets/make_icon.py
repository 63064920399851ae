#!/usr/bin/env python3
"""Draws assets/icon.png: a 256x256 XOR decision boundary with its four points.

Standard library only (zlib + struct), so it runs anywhere: python3 assets/make_icon.py
"""
import math
import struct
import zlib

SIZE = 256
ORANGE = (232, 125, 30)
BLUE = (20, 110, 190)
WHITE = (255, 255, 255)
DARK = (30, 30, 30)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def pixel(x, y):
    # Rounded-square mask.
    r, m = 40, 8
    cx = min(max(x, m + r), SIZE - 1 - m - r)
    cy = min(max(y, m + r), SIZE - 1 - m - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r or not (m <= x < SIZE - m and m <= y < SIZE - m):
        return (0, 0, 0, 0)
    # Smooth XOR: output near 1 where exactly one coordinate is high.
    u, v = (x - m) / (SIZE - 2 * m), (y - m) / (SIZE - 2 * m)
    su, sv = 1 / (1 + math.exp(-12 * (u - 0.5))), 1 / (1 + math.exp(-12 * (v - 0.5)))
    out = su + sv - 2 * su * sv
    conf = min(abs(out - 0.5) * 2, 1) ** 0.5 * 0.85
    colour = mix(WHITE, BLUE if out >= 0.5 else ORANGE, conf)
    # The four XOR points, dark-rimmed.
    for px, py, label in ((0.2, 0.2, 0), (0.8, 0.2, 1), (0.2, 0.8, 1), (0.8, 0.8, 0)):
        d = math.hypot(u - px, v - py) * (SIZE - 2 * m)
        if d < 22:
            colour = DARK if d > 16 else (BLUE if label else ORANGE)
    return colour + (255,)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def main():
    rows = b"".join(
        b"\x00" + bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE)
    )
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(__file__.rsplit("/", 1)[0] + "/icon.png" if "/" in __file__ else "icon.png", "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main()
