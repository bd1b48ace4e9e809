"""The largest rectangle of a region that no obstacle overlaps (where the app may put a text box).

Candidate edges are the region's and the obstacles' edges; every rectangle between two
vertical and two horizontal candidate edges that overlaps no obstacle is a candidate, and
the largest wins (ties: the higher, then the further left). Templates have a handful of
shapes per layout, so the brute force over edges stays small; beyond
:data:`MAX_OBSTACLES` only the largest obstacles count.
"""

from __future__ import annotations

from briefing_builder.compose.geometry import Box

MAX_OBSTACLES = 12


def overlaps(a: Box, b: Box) -> bool:
    """The two boxes share some area (touching edges do not count)."""
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def largest_free_box(region: Box, obstacles: list[Box], min_width: int = 0) -> Box | None:
    """The largest box inside ``region`` clear of ``obstacles`` (at least ``min_width`` wide), or None."""
    inside = [b for b in obstacles if overlaps(b, region)]
    inside = sorted(inside, key=lambda b: -(b.width * b.height))[:MAX_OBSTACLES]
    if not inside:
        return region
    xs = sorted({region.left, region.right, *(min(max(v, region.left), region.right)
                                              for b in inside for v in (b.left, b.right))})
    ys = sorted({region.top, region.bottom, *(min(max(v, region.top), region.bottom)
                                              for b in inside for v in (b.top, b.bottom))})
    best: Box | None = None
    best_key = (0, 0, 0)
    for i, left in enumerate(xs):
        for right in xs[i + 1:]:
            if right - left < min_width:
                continue
            columns = [b for b in inside if b.left < right and left < b.right]
            for j, top in enumerate(ys):
                for bottom in ys[j + 1:]:
                    box = Box(left, top, right - left, bottom - top)
                    if any(b.top < bottom and top < b.bottom for b in columns):
                        break  # taller boxes from this top overlap too
                    key = (box.width * box.height, -top, -left)
                    if key > best_key:
                        best, best_key = box, key
    return best
