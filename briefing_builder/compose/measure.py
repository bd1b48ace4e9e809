"""Measure text with real font metrics (the open-licence fonts shipped in assets/fonts).

Template fonts are mapped to metric-compatible stand-ins (Carlito for Calibri, Liberation
Sans for Arial…) listed in ``assets/fonts/fonts.yaml``. A font with no stand-in is measured
with Liberation Sans widened by a safety factor, and the caller is told so it can warn.
Widths are cached per word, so measuring a large deck stays fast. Lines are broken by
:mod:`compose.linebreak`, the breaker the preview paints with.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from briefing_builder.compose.linebreak import Line, WidthOf, break_lines
from briefing_builder.compose.scripts import WIDE_LINE_EM, fallback_em, is_wide, uncovered
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
#: Their lines are assumed at least this tall (in ems), unless fonts.yaml's ``line_heights`` knows the font.
UNKNOWN_LINE_HEIGHT_EM = 1.3
#: LibreOffice sets a single-spaced line of a .pptx 1.2 em tall whatever the font's own metrics (Liberation Sans'
#: are 1.15 em, Caladea's 1.3): lines are measured at least this tall, so a full box of Arial still fits.
RENDERED_LINE_EM = 1.2


@dataclass(frozen=True)
class FontFace:
    """A family as measured: whether it is a known stand-in, and its line height per em."""

    family: str
    known: bool
    line_height_em: float


@lru_cache(maxsize=1)
def _fonts_yaml() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((fonts_dir() / "fonts.yaml").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _font_table() -> dict[str, dict[str, str]]:
    return {name.lower(): files for name, files in _fonts_yaml()["families"].items()}


@lru_cache(maxsize=1)
def _known_line_heights() -> dict[str, float]:
    """Line heights (ems) of common fonts without a stand-in (fonts.yaml's ``line_heights``)."""
    return {str(name).lower(): float(em) for name, em in (_fonts_yaml().get("line_heights") or {}).items()}


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
    if not known:
        height = _known_line_heights().get(family.lower()) or max(height, UNKNOWN_LINE_HEIGHT_EM)
    return FontFace(family, known, max(height, RENDERED_LINE_EM))


@lru_cache(maxsize=64)
def coverage(family: str) -> frozenset[int]:
    """The code points the font measuring ``family`` has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(_font(family, False, False).path, lazy=True) as ttf:
        return frozenset(ttf.getBestCmap() or ())


def line_height_em(runs: Iterable[Run], family: str) -> float:
    """Single line height in ems of lines of ``runs`` in ``family``: taller where CJK text has no glyphs in it.

    See :mod:`compose.scripts`: such text is set by PowerPoint in a CJK font whose lines are taller.
    """
    height = font_face(family).line_height_em
    if height >= WIDE_LINE_EM:
        return height
    wide = any(is_wide(c) for run in runs for c in uncovered(run.text, coverage(family)))
    return WIDE_LINE_EM if wide else height


def stand_in(family: str) -> str:
    """The file name of the font that measures ``family``."""
    return Path(str(_font(family, False, False).path)).stem


@lru_cache(maxsize=200_000)
def _width_em(family: str, bold: bool, italic: bool, text: str) -> float:
    missing = uncovered(text, coverage(family))
    if missing:  # no glyphs (CJK, Thai…): a conservative estimate for those characters
        gone = set(missing)
        drawn = "".join(c for c in text if c not in gone)
        width = _font(family, bold, italic).getlength(drawn) / _REFERENCE_SIZE
        width += sum(fallback_em(c) for c in missing)
    else:
        width = _font(family, bold, italic).getlength(text) / _REFERENCE_SIZE
    if not font_face(family).known:
        width *= UNKNOWN_FONT_FACTOR
    return width


def text_width(text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False,
               spacing: float = 0.0) -> float:
    """Width of ``text`` in points when set in ``family`` at ``size_pt``, ``spacing`` points added after each character.

    ``spacing`` is the template's character spacing (``spc``, in points), which PowerPoint
    adds to every character whatever the size.
    """
    return _width_em(family, bold, italic, text) * size_pt + spacing * len(text)


def run_width(family: str, size_pt: float, spacing: float = 0.0) -> WidthOf:
    """The width callback of :func:`compose.linebreak.break_lines` for ``family`` at ``size_pt``."""
    def width_of(run: Run, text: str) -> float:
        return _width_em(family, run.bold, run.italic, text) * size_pt + spacing * len(text)
    return width_of


def line_breaks(runs: Iterable[Run], family: str, size_pt: float, width_pt: float,
                spacing: float = 0.0) -> list[Line]:
    """The lines ``runs`` break into in a column ``width_pt`` wide, as the deck is measured and painted."""
    return break_lines(runs, run_width(family, size_pt, spacing), width_pt)


def count_lines(runs: Iterable[Run], family: str, size_pt: float, width_pt: float, spacing: float = 0.0) -> int:
    """Lines the runs wrap to in a column ``width_pt`` wide (a column of no width holds nothing)."""
    if width_pt <= 0:
        return 10_000
    return len(line_breaks(runs, family, size_pt, width_pt, spacing))
