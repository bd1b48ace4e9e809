"""Text placement for the preview, with the deck writer's measurements (no Qt here).

Lines come from :func:`compose.measure.line_breaks` — the very breaker whose line count the
fitter uses — so the preview shows the lines the deck was measured with.
:func:`lay_out_paragraphs` places paragraphs in a box with the paragraph geometry of
:mod:`compose.textstyle` (margins, hanging bullets, space before, line height), as the
writer sets it on every paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_builder.compose import textstyle
from briefing_builder.compose.fitting import column_width, inner_width
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.linebreak import Piece
from briefing_builder.compose.measure import line_breaks, line_height_em
from briefing_builder.compose.plan import Paragraph


@dataclass(frozen=True)
class PlacedLine:
    """One line of a laid-out text block, in points from the slide's top-left corner."""

    x: float
    top: float
    height: float
    size: float
    pieces: tuple[Piece, ...]
    bullet: str = ""
    bullet_x: float = 0.0


def text_column(box: Box, level: int, bullet: bool) -> tuple[float, float]:
    """Left edge and width (points) of a paragraph's lines in ``box``, as PowerPoint breaks them."""
    margin = textstyle.margin(level, bullet) / EMU_PER_POINT
    return (box.left + textstyle.INSET_X) / EMU_PER_POINT + margin, column_width(inner_width(box), level, bullet)


def lay_out_paragraphs(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str,
                       size: float, bullets: bool = True, line_spacing: float = 1.0,
                       spacing: float = 0.0) -> list[PlacedLine]:
    """Place ``paragraphs`` at ``size`` in ``box`` from the top, with the writer's paragraph geometry.

    ``spacing`` is the template's character spacing in points, as the fitter measured it.
    """
    spacing_pct = textstyle.LINE_SPACING_PCT / 100 * line_spacing
    top = (box.top + textstyle.INSET_Y) / EMU_PER_POINT
    placed: list[PlacedLine] = []
    for index, paragraph in enumerate(paragraphs):
        lsize = textstyle.level_size(size, paragraph.level)
        if index:
            top += textstyle.space_before(size, paragraph.level)
        x, width = text_column(box, paragraph.level, paragraph.bullet)
        glyph = ""
        if bullets and paragraph.bullet:
            glyph = textstyle.bullet_char(paragraph.level)
        bullet_x = x + textstyle.indent(paragraph.bullet) / EMU_PER_POINT
        line_em = line_height_em(paragraph.runs, family) * spacing_pct
        for number, line in enumerate(line_breaks(paragraph.runs, family, lsize, width, spacing)):
            placed.append(PlacedLine(x, top, lsize * line_em, lsize, tuple(line),
                                     glyph if number == 0 else "", bullet_x))
            top += lsize * line_em
    return placed


def block_height(lines: list[PlacedLine]) -> float:
    """Height in points from the first line's top to the last line's bottom."""
    return (lines[-1].top + lines[-1].height - lines[0].top) if lines else 0.0
