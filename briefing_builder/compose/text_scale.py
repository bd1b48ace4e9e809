"""How much larger (or smaller) than the house sizes a template's text is set: in proportion to its slide.

The house sizes (brand.yaml's title, subtitle and footer sizes, the fitter's 20/12 pt body, the table sizes) are
meant for the bundled templates' slides, 960×540 and 720×540 pt. A slide shown full screen looks the same
whatever its size in points, so on a 1920×1080 pt slide (Keynote's) 20 pt text looks like 10 pt on the house
slide, and on a 468×216 pt banner like 50 pt. The slide's scale is how many times a house slide fits in it,
across and down (0.4 on that banner, 2 on Keynote's slide, 4.75 on a 3419×2564 pt poster). Every size grows or
shrinks by it: the largest sizes text starts at, and the smallest it may shrink to before it moves to a
continuation slide, so text fills its box as on the house slide and the reader sees the house's smallest size
at the least, whatever the slide.

The template's own sizes do not lower that floor. A poster whose body style says 28 pt sets text for a print
read from a step away; a deck built on it is shown full screen, where 28 pt on a 3419 pt wide slide reads as
6 pt on the house slide. A layout whose boxes hold little at the floor makes a longer deck, and
:mod:`compose.deck_quality` says so and names the layout, rather than the text shrinking out of sight.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The house slide the house sizes are meant for: the narrower bundled template's width, their common height.
HOUSE_WIDTH_PT = 720.0
HOUSE_HEIGHT_PT = 540.0
#: The fitter's house body sizes: it starts at the first and splits onto continuation slides below the second.
HOUSE_BODY_MAX_PT = 20.0
HOUSE_BODY_MIN_PT = 12.0
#: No size is set below this (DrawingML's smallest, ``sz="100"``), however small the slide.
SMALLEST_PT = 1.0


def slide_scale(width_pt: float, height_pt: float) -> float:
    """How many times the house slide fits in a ``width_pt``×``height_pt`` slide, across and down (below 1 on a
    smaller slide)."""
    return min(width_pt / HOUSE_WIDTH_PT, height_pt / HOUSE_HEIGHT_PT)


def scaled(size_pt: float, scale: float) -> float:
    """``size_pt`` times ``scale``, to the half point and at least :data:`SMALLEST_PT` (unchanged at scale 1)."""
    return size_pt if scale == 1.0 else max(SMALLEST_PT, round(size_pt * scale * 2) / 2)


@dataclass(frozen=True)
class TextScale:
    """The factor a template's text sizes get over the house sizes (1 on the bundled templates)."""

    factor: float = 1.0

    def size(self, house_pt: float) -> float:
        """A house size on this template."""
        return scaled(house_pt, self.factor)

    def body_range(self, high: float, low: float) -> tuple[float, float]:
        """A house body-text range (largest, smallest) on this template."""
        return self.size(high), min(self.size(high), self.size(low))

    def title_range(self, high: float, low: float) -> tuple[float, float]:
        """A house title range (largest, smallest) on this template."""
        return self.body_range(high, low)

    def steps(self, sizes: tuple[float, ...]) -> tuple[float, ...]:
        """House sizes tried in turn (the footer's, the tables', largest first) on this template."""
        return tuple(self.size(size) for size in sizes)


def template_text_scale(width_pt: float, height_pt: float) -> TextScale:
    """The text scale of a ``width_pt``×``height_pt`` template."""
    return TextScale(slide_scale(width_pt, height_pt))
