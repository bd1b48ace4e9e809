"""Measure text with real font metrics (the open-licence fonts shipped in assets/fonts).

Template fonts are mapped to metric-compatible stand-ins (Carlito for Calibri, Liberation
Sans for Arial…) listed in ``assets/fonts/fonts.yaml``. A font with no stand-in is measured
with Liberation Sans widened by a safety factor, and the caller is told so it can warn.
Widths are cached per word, so measuring a large deck stays fast.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from briefing_builder.markup import Run
from briefing_builder.paths import fonts_dir

if TYPE_CHECKING:  # pragma: no cover
    from PIL import ImageFont

#: Size at which fonts are loaded; widths scale linearly from it.
_REFERENCE_SIZE = 1000
#: Fonts with no stand-in are measured with Liberation Sans (Arial's metrics) made this much
#: wider: enough to cover wide faces such as Verdana, Georgia or DejaVu, capitals included.
UNKNOWN_STAND_IN = "liberation sans"
UNKNOWN_FONT_FACTOR = 1.18
#: Their lines are assumed at least this tall (in ems).
UNKNOWN_LINE_HEIGHT_EM = 1.3


@dataclass(frozen=True)
class FontFace:
    """A family as measured: whether it is a known stand-in, and its line height per em."""

    family: str
    known: bool
    line_height_em: float


@lru_cache(maxsize=1)
def _font_table() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((fonts_dir() / "fonts.yaml").read_text(encoding="utf-8"))
    return {name.lower(): files for name, files in data["families"].items()}


def _style_key(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic",
            (True, True): "bold_italic"}[(bold, italic)]


@lru_cache(maxsize=64)
def _font(family: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # loaded on first measurement, not when the app starts

    families = _font_table()
    files = families.get(family.lower()) or families[UNKNOWN_STAND_IN]
    return ImageFont.truetype(str(Path(fonts_dir(), files[_style_key(bold, italic)])), _REFERENCE_SIZE)


@lru_cache(maxsize=64)
def font_face(family: str) -> FontFace:
    """Describe ``family``: known stand-in or not, and its single line height in ems."""
    from fontTools.ttLib import TTFont

    families = _font_table()
    path = _font(family, False, False).path
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # old fonts' dates are noisy
    with TTFont(path, lazy=True) as ttf:
        hhea, os2, upm = ttf["hhea"], ttf["OS/2"], ttf["head"].unitsPerEm
        hhea_height = hhea.ascent - hhea.descent + hhea.lineGap
        win_height = os2.usWinAscent + os2.usWinDescent
    known = family.lower() in families
    height = max(hhea_height, win_height) / upm
    return FontFace(family, known, height if known else max(height, UNKNOWN_LINE_HEIGHT_EM))


@lru_cache(maxsize=200_000)
def _width_em(family: str, bold: bool, italic: bool, text: str) -> float:
    width = _font(family, bold, italic).getlength(text) / _REFERENCE_SIZE
    if not font_face(family).known:
        width *= UNKNOWN_FONT_FACTOR
    return width


def text_width(text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` in points when set in ``family`` at ``size_pt``."""
    return _width_em(family, bold, italic, text) * size_pt


def _pieces(runs: tuple[Run, ...]) -> list[list[tuple[str, bool, bool]]]:
    """Split runs into words; each word is a list of styled pieces, spaces kept as words."""
    words: list[list[tuple[str, bool, bool]]] = [[]]
    for run in runs:
        parts = run.text.split(" ")
        for index, part in enumerate(parts):
            if index > 0:
                words.append([(" ", run.bold, run.italic)])
                words.append([])
            if part:
                words[-1].append((part, run.bold, run.italic))
    return [w for w in words if w]


def count_lines(runs: tuple[Run, ...], family: str, size_pt: float, width_pt: float) -> int:
    """Lines the runs wrap to in a column ``width_pt`` wide (greedy, breaking at spaces)."""
    if width_pt <= 0:
        return 10_000
    lines = 1
    used = 0.0
    pending_space = 0.0
    for word in _pieces(runs):
        if word[0][0] == " ":
            pending_space += _width_em(family, word[0][1], word[0][2], " ") * size_pt
            continue
        width = sum(_width_em(family, b, i, t) for t, b, i in word) * size_pt
        if used > 0 and used + pending_space + width > width_pt:
            lines += 1
            used = 0.0
        elif used > 0:
            used += pending_space
        pending_space = 0.0
        if width > width_pt:  # a word longer than the line breaks anywhere
            if used > 0:
                lines += 1
            extra = int(width // width_pt)
            lines += extra
            used = width - extra * width_pt
            continue
        used += width
    return lines
