"""How much larger than the house sizes a template's text is set: in proportion to its slide, the smallest
sizes as far as the template's own text styles go.

The house sizes (brand.yaml's title, subtitle and footer sizes, the fitter's 20/12 pt body) are meant for the
bundled templates' slides, 960×540 and 720×540 pt. A slide shown full screen looks the same whatever its size
in points, so on a 1920×1080 pt slide (Keynote's) 20 pt text looks like 10 pt on the house slide. The slide's
scale is how many times a house slide fits in it, across and down (never below 1: small slides keep the house
sizes, which their own fitting shrinks where needed). Every starting size grows by it, so text fills its box
as on the house slide. The smallest sizes grow by it too, unless the template's own level-1 size says its
text is meant smaller (a poster whose body style says 28 pt): then only as far as that size, never below the
house size, so a dense template's text may shrink toward its own size before moving to a continuation slide.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The house slide the house sizes are meant for: the narrower bundled template's width, their common height.
HOUSE_WIDTH_PT = 720.0
HOUSE_HEIGHT_PT = 540.0
#: The fitter's house body sizes: it starts at the first and splits onto continuation slides below the second.
HOUSE_BODY_MAX_PT = 20.0
HOUSE_BODY_MIN_PT = 12.0


def slide_scale(width_pt: float, height_pt: float) -> float:
    """How many times the house slide fits in a ``width_pt``×``height_pt`` slide (at least 1)."""
    return max(1.0, min(width_pt / HOUSE_WIDTH_PT, height_pt / HOUSE_HEIGHT_PT))


def floor_scale(slide: float, own_pt: float | None, house_pt: float) -> float:
    """The factor for one kind of text's smallest size: the slide's scale, bounded by the template's own
    level-1 size ``own_pt`` (None: it sets none) against the house size ``house_pt``; at least 1."""
    if own_pt is None or own_pt <= 0:
        return slide
    return min(slide, max(1.0, own_pt / house_pt))


def scaled(size_pt: float, scale: float) -> float:
    """``size_pt`` times ``scale``, to the half point (unchanged at scale 1)."""
    return size_pt if scale == 1.0 else round(size_pt * scale * 2) / 2


@dataclass(frozen=True)
class TextScale:
    """The factors a template's text sizes get over the house sizes (all 1 on the bundled templates)."""

    #: Every starting (largest) size: the slide's scale.
    start: float = 1.0
    #: The smallest body (subtitle, timeline) and title sizes.
    body_floor: float = 1.0
    title_floor: float = 1.0

    def body_range(self, high: float, low: float) -> tuple[float, float]:
        """A house body-text range (largest, smallest) on this template."""
        return scaled(high, self.start), min(scaled(high, self.start), scaled(low, self.body_floor))

    def title_range(self, high: float, low: float) -> tuple[float, float]:
        """A house title range (largest, smallest) on this template."""
        return scaled(high, self.start), min(scaled(high, self.start), scaled(low, self.title_floor))

    def steps(self, sizes: tuple[float, ...]) -> tuple[float, ...]:
        """House sizes tried in turn (the footer's, largest first) on this template."""
        return tuple(scaled(size, self.start) for size in sizes)


def template_text_scale(width_pt: float, height_pt: float, own_body_pt: float | None, own_title_pt: float | None,
                        house_title_pt: float) -> TextScale:
    """The text scale of a ``width_pt``×``height_pt`` template whose own level-1 body and title sizes are given."""
    slide = slide_scale(width_pt, height_pt)
    return TextScale(start=slide, body_floor=floor_scale(slide, own_body_pt, HOUSE_BODY_MAX_PT),
                     title_floor=floor_scale(slide, own_title_pt, house_title_pt))
