"""Pixel sizes read from picture headers, checked against Pillow's own reading of real files."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from briefing_builder.render.image_size import image_size, too_large


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP"])
def test_the_size_is_read_from_the_header(fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (321, 123), "#1f4e79").save(buffer, fmt, **({"progressive": True} if fmt == "JPEG" else {}))
    assert image_size(buffer.getvalue()) == (321, 123)


def test_other_or_broken_files_have_no_size() -> None:
    assert image_size(b"<svg/>") is None
    assert image_size(b"\xff\xd8\xff\xe0\x00") is None
    assert image_size(b"") is None


def test_limits() -> None:
    assert not too_large((16_384, 3000)) and not too_large(None)
    assert too_large((16_385, 10)) and too_large((8000, 8000))
