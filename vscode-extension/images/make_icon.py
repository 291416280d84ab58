"""Draws images/icon.png (128x128): a lightning bolt on a rounded orange tile.
Plain Python (zlib + struct), so nothing needs installing: python3 images/make_icon.py"""

import struct
import zlib
from pathlib import Path

SIZE = 128
BOLT = [(72, 14), (34, 72), (60, 72), (50, 114), (94, 52), (67, 52), (80, 14)]


def inside(x: float, y: float, polygon: list[tuple[int, int]]) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def in_tile(x: float, y: float, radius: int = 24) -> bool:
    cx = min(max(x, radius), SIZE - radius)
    cy = min(max(y, radius), SIZE - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def pixel(x: int, y: int) -> bytes:
    # 4x4 supersampling for smooth edges
    tile = bolt = 0
    for i in range(4):
        for j in range(4):
            sx, sy = x + (i + 0.5) / 4, y + (j + 0.5) / 4
            tile += in_tile(sx, sy)
            bolt += inside(sx, sy, BOLT)
    top = (255, 140, 40)
    bottom = (214, 64, 32)
    t = y / SIZE
    r, g, b = (round(a + (c - a) * t) for a, c in zip(top, bottom))
    w = bolt / 16
    r, g, b = (round(v + (255 - v) * w) for v in (r, g, b))
    return bytes((r, g, b, round(255 * tile / 16)))


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


rows = [b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE)]
Path(__file__).with_name("icon.png").write_bytes(png(SIZE, SIZE, rows))
