"""The pixel size of a picture, read from its file's header without decoding it.

Templates carry pictures copied into every deck; a small file can claim an enormous image
(a 173 KB PNG of 30000 × 30000 px) that renderers then spend minutes and gigabytes drawing.
Only the header is read here (PNG, JPEG, GIF, BMP), so even such a file costs nothing.
"""

from __future__ import annotations

import struct

#: Above this many pixels, or this many a side, a template's picture is too large to draw.
MAX_PIXELS = 50_000_000
MAX_SIDE = 16_384

_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from a PNG, JPEG, GIF or BMP header; None for other or broken files."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data[:2] == b"BM" and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(width), abs(height)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk a JPEG's segments to its frame header (SOFn), which holds the size."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if marker in _JPEG_FRAMES and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


def too_large(size: tuple[int, int] | None) -> bool:
    """Whether a picture of ``size`` is beyond what a deck should ask a renderer to draw."""
    if size is None:
        return False
    width, height = size
    return width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS
