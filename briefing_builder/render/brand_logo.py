"""Draw the brand logo (monogram tile + wordmark) as PNG bytes with Pillow.

The logo is generated from the brand colours at build time, so the brand definition stays
a text file. Output is deterministic: same inputs, same bytes (no PNG metadata).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from briefing_builder.paths import fonts_dir

#: Height of the generated bitmap in pixels (the slide scales it down).
LOGO_HEIGHT_PX = 240


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    return ImageFont.truetype(str(Path(fonts_dir()) / name), size)


def _tracked_width(text: str, font: ImageFont.FreeTypeFont, tracking: float) -> float:
    return sum(font.getlength(ch) for ch in text) + tracking * max(len(text) - 1, 0)


def render_logo(
    monogram: str,
    wordmark: str,
    tile_colour: str,
    monogram_colour: str,
    wordmark_colour: str,
) -> bytes:
    """Render the logo lockup and return PNG bytes (RGBA, transparent background).

    The lockup is a square tile in ``tile_colour`` carrying ``monogram`` in
    ``monogram_colour``, followed by ``wordmark`` in spaced capitals (two words are
    stacked on two lines) in ``wordmark_colour``.
    """
    size = LOGO_HEIGHT_PX
    lines = wordmark.split() if len(wordmark.split()) == 2 else [wordmark]
    word_font = _font(int(size * 0.36))
    tracking = size * 0.045
    gap = int(size * 0.22)
    word_w = int(max(_tracked_width(line, word_font, tracking) for line in lines) + size * 0.04)
    width = size + (gap + word_w if wordmark else 0)
    image = Image.new("RGBA", (width, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    # Tile with the monogram, and a thin rule near the bottom for a little structure.
    draw.rectangle((0, 0, size - 1, size - 1), fill=_rgb(tile_colour) + (255,))
    mono_font = _font(int(size * 0.5))
    draw.text(
        (size / 2, size * 0.47), monogram, font=mono_font, anchor="mm",
        fill=_rgb(monogram_colour) + (255,),
    )
    rule_y = int(size * 0.8)
    draw.rectangle(
        (int(size * 0.3), rule_y, int(size * 0.7), rule_y + max(2, size // 60)),
        fill=_rgb(monogram_colour) + (255,),
    )

    # Wordmark: letter-spaced capitals, vertically centred on the tile.
    if wordmark:
        line_h = size * 0.40
        top = (size - line_h * len(lines)) / 2
        for row, line in enumerate(lines):
            x = float(size + gap)
            baseline = top + line_h * (row + 1) - size * 0.07
            for ch in line:
                draw.text(
                    (x, baseline), ch, font=word_font, anchor="ls",
                    fill=_rgb(wordmark_colour) + (255,),
                )
                x += word_font.getlength(ch) + tracking

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """Pixel width and height of PNG ``data``."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size
