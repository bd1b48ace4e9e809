"""The footer's size and box: one line if any size allows it, then more lines, never cut at the slide's edge.

The footer (reference, meeting body and date) is set at the largest of brand.yaml's footer sizes
at which it stays on one line in its box; else in its box widened along its row to the free
stretch around it (clear of the markings, the template's own shapes and the text boxes); else at
the largest size at which its lines fit (the widened box first). When even the smallest size
needs more height, the box grows upwards (its bottom kept, never below the slide's edge); when
it would then run into a marking or the slide's text, the footer is left off and the plan says
so. A box reaching past the slide's bottom edge is moved up onto the slide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefing_builder.compose import textstyle
from briefing_builder.compose.fitting import HEIGHT_SAFETY, WIDTH_SAFETY, fits, text_height
from briefing_builder.compose.footer_room import row_spans
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run


@dataclass(frozen=True)
class FooterFit:
    """The footer's size (None: no footer box), its box when it differs from the one given, a problem to note;
    ``left_off`` when it fits nowhere without running into other text."""

    size: float | None
    box: Box | None = None
    problem: str = ""
    left_off: bool = False


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _one_line(paragraph: tuple[Paragraph, ...], box: Box, family: str, sizes: tuple[float, ...]) -> float | None:
    """The largest size at which the footer stays on one line in ``box`` (and fits its height)."""
    width = (box.width - 2 * textstyle.INSET_X) / EMU_PER_POINT * WIDTH_SAFETY
    return next((size for size in sizes if count_lines(paragraph[0].runs, family, size, width) == 1
                 and fits(paragraph, box, family, size)), None)


def _lines(paragraph: tuple[Paragraph, ...], box: Box, family: str, sizes: tuple[float, ...]) -> float | None:
    """The largest size at which the footer's lines fit ``box``."""
    return next((size for size in sizes if fits(paragraph, box, family, size)), None)


def _widened(box: Box, slide: Box, others: tuple[Box, ...]) -> Box:
    """``box`` widened along its row to the free stretch around it (clear of ``others``, inside ``slide``)."""
    spans = row_spans(slide.left, slide.right, box.top, box.bottom, others)
    middle = box.left + box.width // 2
    left, right = next(((a, b) for a, b in spans if a <= middle <= b), (box.left, box.right))
    return Box(min(left, box.left), box.top, max(right, box.right) - min(left, box.left), box.height)


def fit_footer(text: str, box: Box | None, family: str, sizes: tuple[float, ...], slide: Box,
               marks: tuple[Box, ...] = (), others: tuple[Box, ...] = (), bold: bool = False) -> FooterFit:
    """Fit the footer ``text`` into ``box`` at one of ``sizes`` (largest first) on a page of ``slide``'s size.

    ``marks``: the slide's markings; ``others``: what else the footer may not run into (the template's
    own shapes, the app's text boxes) when it is widened along its row; ``bold``: the template sets
    its footers in bold (measured so).
    """
    if box is None or not sizes:
        return FooterFit(None)
    placed = box if box.bottom <= slide.bottom else Box(box.left, max(slide.bottom - box.height, 0),
                                                       box.width, min(box.height, slide.height))
    paragraph = (Paragraph((Run(text, bold=bold),), bullet=False),)
    margin = slide.width // 40
    wide = _widened(placed, Box(slide.left + margin, slide.top, slide.width - 2 * margin, slide.height),
                    (*marks, *others))
    for fitter, candidate in ((_one_line, placed), (_one_line, wide), (_lines, wide), (_lines, placed)):
        size = fitter(paragraph, candidate, family, sizes)
        if size is not None:
            return FooterFit(size, candidate if candidate != box else None)
    placed = wide
    smallest = sizes[-1]
    lines_height = text_height(paragraph, placed, family, smallest) / HEIGHT_SAFETY
    needed = math.ceil(lines_height * EMU_PER_POINT) + 2 * textstyle.INSET_Y + 1
    top = max(placed.bottom - needed, 0)
    grown = Box(placed.left, top, placed.width, placed.bottom - top)
    if any(_overlaps(grown, other) for other in (*marks, *others)):
        return FooterFit(None, left_off=True, problem=(
            f"The footer “{text}” needs {grown.height / EMU_PER_POINT:.0f} pt of height at {smallest:g} pt but its "
            f"box is {box.width / EMU_PER_POINT:.0f}×{box.height / EMU_PER_POINT:.0f} pt; grown upwards, it would run "
            "into the marking or the slide's text, so it is left off those slides. Widen the footer placeholder "
            "(View → Slide Master) or shorten the meeting's body name."))
    return FooterFit(smallest, grown)
