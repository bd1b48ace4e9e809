"""The footer's size and box: kept whole where any room at the foot allows it, else shortened, never cut.

The footer (reference, meeting body and date) is set at the largest of brand.yaml's footer sizes
at which it stays on one line in its box; else in its box widened along its row to the free
stretch around it (clear of the markings, the template's own shapes and the text boxes); else at
the largest size at which its lines fit (the widened box first). When even the smallest size
needs more height, the box grows upwards (its bottom kept, never below the slide's edge). When it
would then run into a marking or the slide's text, the footer moves to another free stretch of
its row or of a band at the slide's bottom edge (the widest first), on one line or grown
upwards there. When no room holds it whole, the longest of the shortened forms the caller gives
(the meeting body cut at a word, with "…") that fits on one line is shown, and the plan names
what was left out; with none, the footer is left off and the plan says so. A box reaching past
the slide's bottom edge is moved up onto the slide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefing_builder.compose import textstyle
from briefing_builder.compose.fitting import HEIGHT_SAFETY, WIDTH_SAFETY, fits, text_height
from briefing_builder.compose.footer_room import EDGE_SHARE, MIN_WIDTH_SHARE, row_spans
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

#: A footer moved off its place, or shortened, takes at most this many lines.
MAX_LINES = 3


@dataclass(frozen=True)
class FooterFit:
    """The footer's size (None: no footer box), its box when it differs from the one given, a problem to note;
    ``left_off`` when it fits nowhere without running into other text; ``text``: the shortened footer shown
    (None: the whole footer)."""

    size: float | None
    box: Box | None = None
    problem: str = ""
    left_off: bool = False
    text: str | None = None


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


def _paragraph(text: str, bold: bool) -> tuple[Paragraph, ...]:
    return (Paragraph((Run(text, bold=bold),), bullet=False),)


def _grown(paragraph: tuple[Paragraph, ...], box: Box, family: str, size: float) -> Box:
    """``box`` grown upwards (its bottom kept, its top not above the slide) to hold the lines at ``size``."""
    lines_height = text_height(paragraph, box, family, size) / HEIGHT_SAFETY
    needed = math.ceil(lines_height * EMU_PER_POINT) + 2 * textstyle.INSET_Y + 1
    top = max(box.bottom - needed, 0)
    return Box(box.left, top, box.width, box.bottom - top)


def _stretches(placed: Box, inner: Box, slide: Box, blockers: tuple[Box, ...]) -> list[Box]:
    """The free stretches of the footer's row and of a band as tall at the slide's bottom edge, widest first
    (none narrower than a moved footer may be)."""
    rows = [placed.top]
    foot = slide.bottom - int(slide.height * EDGE_SHARE) - placed.height
    if foot > placed.top:
        rows.append(foot)
    found = [Box(left, top, right - left, placed.height) for top in rows
             for left, right in row_spans(inner.left, inner.right, top, top + placed.height, blockers)
             if right - left >= slide.width * MIN_WIDTH_SHARE]
    return sorted(found, key=lambda box: -box.width)


def _whole(paragraph: tuple[Paragraph, ...], candidates: list[Box], family: str, sizes: tuple[float, ...],
           blockers: tuple[Box, ...]) -> tuple[float, Box] | None:
    """The first of ``candidates`` that holds the footer on one line, or grown upwards (to at most
    ``MAX_LINES`` lines) clear of ``blockers``."""
    smallest = sizes[-1]
    for candidate in candidates:
        size = _one_line(paragraph, candidate, family, sizes)
        if size is not None:
            return size, candidate
        grown = _grown(paragraph, candidate, family, smallest)
        width = (grown.width - 2 * textstyle.INSET_X) / EMU_PER_POINT * WIDTH_SAFETY
        if (count_lines(paragraph[0].runs, family, smallest, width) <= MAX_LINES
                and fits(paragraph, grown, family, smallest) and not any(_overlaps(grown, o) for o in blockers)):
            return smallest, grown
    return None


def _shortened(shorter: tuple[tuple[str, str], ...], candidates: list[Box], family: str, sizes: tuple[float, ...],
               blockers: tuple[Box, ...], bold: bool) -> tuple[str, str, float, Box] | None:
    """The longest of ``shorter`` ((text, what it leaves out), longest first) that a candidate holds whole."""
    for text, omitted in shorter:
        whole = _whole(_paragraph(text, bold), candidates, family, sizes, blockers)
        if whole is not None:
            return text, omitted, *whole
    return None


def fit_footer(text: str, box: Box | None, family: str, sizes: tuple[float, ...], slide: Box,
               marks: tuple[Box, ...] = (), others: tuple[Box, ...] = (), bold: bool = False,
               shorter: tuple[tuple[str, str], ...] = ()) -> FooterFit:
    """Fit the footer ``text`` into ``box`` at one of ``sizes`` (largest first) on a page of ``slide``'s size.

    ``marks``: the slide's markings; ``others``: what else the footer may not run into (the template's
    own shapes, the app's text boxes) when it is widened or moved; ``bold``: the template sets its
    footers in bold (measured so); ``shorter``: shortened forms of ``text``, longest first, each with
    the words it leaves out, for when no room holds the whole footer.
    """
    if box is None or not sizes:
        return FooterFit(None)
    placed = box if box.bottom <= slide.bottom else Box(box.left, max(slide.bottom - box.height, 0),
                                                       box.width, min(box.height, slide.height))
    paragraph = _paragraph(text, bold)
    margin = slide.width // 40
    inner = Box(slide.left + margin, slide.top, slide.width - 2 * margin, slide.height)
    blockers = (*marks, *others)
    wide = _widened(placed, inner, blockers)
    for fitter, candidate in ((_one_line, placed), (_one_line, wide), (_lines, wide), (_lines, placed)):
        size = fitter(paragraph, candidate, family, sizes)
        if size is not None:
            return FooterFit(size, candidate if candidate != box else None)
    stretches = _stretches(placed, inner, slide, blockers)
    whole = _whole(paragraph, [wide, *stretches], family, sizes, blockers)
    if whole is not None:
        return FooterFit(whole[0], whole[1])
    smallest = sizes[-1]
    needed = _grown(paragraph, wide, family, smallest).height / EMU_PER_POINT
    where = (f"The footer “{text}” needs {needed:.0f} pt of height at {smallest:g} pt but its box is "
             f"{box.width / EMU_PER_POINT:.0f}×{box.height / EMU_PER_POINT:.0f} pt; grown upwards or moved along the "
             "foot of the slide, it would run into a marking, the template's own shapes or the slide's text")
    fix = "Widen the footer placeholder (View → Slide Master) or shorten the meeting's body name."
    short = _shortened(shorter, [wide, *stretches], family, sizes, blockers, bold)
    if short is not None:
        shown, omitted, size, candidate = short
        return FooterFit(size, candidate if candidate != box else None, text=shown, problem=(
            f"{where}, so on those slides it is shortened to “{shown}”, leaving out “{omitted}”. {fix}"))
    return FooterFit(None, left_off=True, problem=f"{where}, so it is left off those slides. {fix}")
