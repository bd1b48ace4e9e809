"""How much larger than the house sizes a template's text is set: in proportion to its slide, as far as the
template's own text styles go.

The house sizes (brand.yaml's title, subtitle and footer sizes, the fitter's 20/12 pt body) are meant for the
bundled templates' slides, 960×540 and 720×540 pt. A slide shown full screen looks the same whatever its size
in points, so on a 1920×1080 pt slide (Keynote's) 20 pt text looks like 10 pt on the house slide. The slide's
scale is how many times a house slide fits in it (never below 1: small slides keep the house sizes, which
their own fitting shrinks where needed); a template whose own level-1 size is smaller than that (a poster
whose body style says 28 pt) is followed as far as its own size, never below the house size.
"""

from __future__ import annotations

#: The house slide the house sizes are meant for: the narrower bundled template's width, their common height.
HOUSE_WIDTH_PT = 720.0
HOUSE_HEIGHT_PT = 540.0
#: The fitter's house body sizes: it starts at the first and splits onto continuation slides below the second.
HOUSE_BODY_MAX_PT = 20.0
HOUSE_BODY_MIN_PT = 12.0


def slide_scale(width_pt: float, height_pt: float) -> float:
    """How many times the house slide fits in a ``width_pt``×``height_pt`` slide (at least 1)."""
    return max(1.0, min(width_pt / HOUSE_WIDTH_PT, height_pt / HOUSE_HEIGHT_PT))


def text_scale(slide: float, own_pt: float | None, house_pt: float) -> float:
    """The factor for one kind of text (title or body): the slide's scale, bounded by the template's own
    level-1 size ``own_pt`` (None: it sets none) against the house size ``house_pt``; at least 1."""
    if own_pt is None or own_pt <= 0:
        return slide
    return min(slide, max(1.0, own_pt / house_pt))


def scaled(size_pt: float, scale: float) -> float:
    """``size_pt`` times ``scale``, to the half point (unchanged at scale 1)."""
    return size_pt if scale == 1.0 else round(size_pt * scale * 2) / 2
