#!/usr/bin/env python3
"""Draws the two Teams app icons with the standard library only (zlib + struct): color.png 192x192, full colour;
outline.png 32x32, white on transparent. Run it again to regenerate them: python3 make-icons.py"""
import struct
import zlib
from pathlib import Path


def png(path, width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def bubbles(x, y, size):
    """Two overlapping speech bubbles (voices in a deliberation): returns 0 outside, 1 for the back, 2 for the front."""
    s = size / 32.0
    def ellipse(cx, cy, rx, ry):
        return ((x - cx * s) / (rx * s)) ** 2 + ((y - cy * s) / (ry * s)) ** 2 <= 1.0
    def tail(x0, y0, x1, y1, x2, y2):
        def side(ax, ay, bx, by):
            return (x - bx * s) * (ay * s - by * s) - (ax * s - bx * s) * (y - by * s)
        d1, d2, d3 = side(x0, y0, x1, y1), side(x1, y1, x2, y2), side(x2, y2, x0, y0)
        return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))
    if ellipse(19.5, 17.5, 9.5, 7.5) or tail(22, 22, 27, 28.5, 25, 21):
        return 2
    if ellipse(12.5, 12.5, 9.5, 7.5) or tail(8, 17, 5, 23.5, 12, 19):
        return 1
    return 0


def color(x, y):
    part = bubbles(x, y, 192)
    if part == 2:
        return (255, 255, 255, 255)
    if part == 1:
        return (255, 196, 64, 255)
    return (34, 87, 160, 255)  # the accent colour, #2257A0


def outline(x, y):
    inside = bubbles(x + 0.5, y + 0.5, 32)
    # White outline: a pixel on the edge of a shape (a neighbour lies outside it); transparent elsewhere.
    if inside and any(bubbles(x + 0.5 + dx, y + 0.5 + dy, 32) != inside for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))):
        return (255, 255, 255, 255)
    return (255, 255, 255, 0)


here = Path(__file__).resolve().parent
png(here / "color.png", 192, 192, color)
png(here / "outline.png", 32, 32, outline)
