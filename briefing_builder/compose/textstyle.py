"""Paragraph geometry shared by the fitter and the deck writer, so both agree exactly.

The writer sets these values explicitly on every paragraph instead of trusting the
template's inherited styles; the fitter measures with the same numbers. The weight and slant
are the template's (a master whose body style is bold): :func:`styled` puts them on the runs,
so the measurer, the preview and the writer all take them from there.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_builder.compose.geometry import EMU_PER_INCH
from briefing_builder.compose.plan import Paragraph

#: Text frame insets (left/right, top/bottom) in EMU — PowerPoint's defaults.
INSET_X = EMU_PER_INCH // 10
INSET_Y = EMU_PER_INCH // 20

#: Left margin and hanging indent of bulleted paragraphs per level, in EMU.
BULLET_MARGIN = (int(0.28 * EMU_PER_INCH), int(0.62 * EMU_PER_INCH), int(0.95 * EMU_PER_INCH),
                 int(1.25 * EMU_PER_INCH))
BULLET_INDENT = -int(0.25 * EMU_PER_INCH)
#: Left margin of unbulleted paragraphs per level (for "→" summaries and intros).
PLAIN_MARGIN = (0, int(0.35 * EMU_PER_INCH), int(0.7 * EMU_PER_INCH), int(1.0 * EMU_PER_INCH))

#: Space before a paragraph, as a fraction of the font size, for level 0 and deeper levels.
SPACE_BEFORE_TOP = 0.45
SPACE_BEFORE_SUB = 0.15
#: Sub-levels are drawn slightly smaller than the top level.
SUB_LEVEL_SCALE = 0.9
#: Line spacing written on every paragraph (percent of single spacing).
LINE_SPACING_PCT = 100
#: Bullet glyphs per level, written in free text boxes (placeholders use the template's).
BULLET_CHARS = ("•", "–", "·", "–")


def margin(level: int, bullet: bool) -> int:
    """Left margin in EMU for a paragraph at ``level``."""
    table = BULLET_MARGIN if bullet else PLAIN_MARGIN
    return table[min(level, len(table) - 1)]


def bullet_char(level: int) -> str:
    """The bullet glyph written for a paragraph at ``level`` in a free text box."""
    return BULLET_CHARS[min(level, len(BULLET_CHARS) - 1)]


def indent(bullet: bool) -> int:
    """First-line indent in EMU (negative = hanging bullet)."""
    return BULLET_INDENT if bullet else 0


def level_size(size: float, level: int) -> float:
    """Font size (points) of a paragraph at ``level`` when the frame's size is ``size``."""
    return size if level == 0 else round(size * SUB_LEVEL_SCALE * 2) / 2


def space_before(size: float, level: int) -> float:
    """Space before a paragraph in points."""
    return round(size * (SPACE_BEFORE_TOP if level == 0 else SPACE_BEFORE_SUB), 1)


def styled(paragraph: Paragraph, weights: tuple[tuple[bool, bool], ...]) -> Paragraph:
    """``paragraph`` with the (bold, italic) the template gives its level (``weights``, index: level) on its runs.

    A run the text makes bold or italic stays so; the template's weight only adds. ``weights``
    comes from the style resolver (:func:`render.text_styles.level_weights`); empty: no change.
    """
    if not weights:
        return paragraph
    bold, italic = weights[min(paragraph.level, len(weights) - 1)]
    if not (bold or italic) or all((run.bold or not bold) and (run.italic or not italic) for run in paragraph.runs):
        return paragraph
    runs = tuple(replace(run, bold=run.bold or bold, italic=run.italic or italic) for run in paragraph.runs)
    return replace(paragraph, runs=runs)
