"""A slide's frame for choosing layouts: where a layout's title sits, what room it leaves for text, and where.

The measures the role scoring of :mod:`render.template_roles` needs, by geometry alone: the
title box (its top band when the title placeholder covers most of the slide, a band at the
top when there is none), whether the title is placed low (the room for text is then above
it), the footer band, the share of the slide a body box offers once clipped to the room
around the title, the largest free area clear of the layout's pictures and shapes, a body
grown into the room it was drawn smaller than, the band above a low title, and the room a
subtitle's box may grow into within its column.
"""

from __future__ import annotations

from briefing_builder.compose.free_area import largest_free_box
from briefing_builder.compose.geometry import Box
from briefing_builder.render.template_layouts import LayoutInfo, clamp_to_slide

#: Share of the slide's height a title band takes where the app places the title itself.
TITLE_BAND = 0.15
#: A title placeholder taller than this share of the slide covers it (its text would sit under ours).
COVERING_TITLE = 0.5


def covers_slide(box: Box, frame: Frame) -> bool:
    """A title placeholder drawn over most of the slide's height."""
    return box.height > frame.h * COVERING_TITLE


class Frame:
    """Slide size, with the measures scoring needs and the boxes a layout does not have."""

    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height

    def title_box(self, info: LayoutInfo) -> Box:
        """The layout's title box (its top band when it covers most of the slide), or a band at the top."""
        if info.title is not None and info.title.box is not None:
            box = info.title.box
            if covers_slide(box, self):
                return Box(box.left, box.top, box.width, int(self.h * TITLE_BAND))
            return box
        m = int(self.w * 0.05)
        return Box(m, int(self.h * 0.05), self.w - 2 * m, int(self.h * TITLE_BAND))

    def low_title(self, info: LayoutInfo) -> bool:
        """The title sits in the lower half of the slide: the room for text is above it."""
        return self.title_box(info).top > self.h * 0.5

    def bottom(self, info: LayoutInfo) -> int:
        """Where the footer band starts (text must stay above it)."""
        if info.footer_top and self.h * 0.5 < info.footer_top <= self.h:  # a footer band drawn off the slide is none
            return info.footer_top - int(self.h * 0.02)
        return int(self.h * 0.92)

    def usable(self, box: Box | None, info: LayoutInfo) -> float:
        """Share of the slide a body box offers: clipped to below the title and above the footer band."""
        if box is None:
            return 0.0
        title = self.title_box(info) if info.title is not None and info.title.box is not None else None
        top, bottom = box.top, min(box.bottom, self.bottom(info))
        if title is not None and title.left < box.right and box.left < title.right and box.top < title.bottom:
            if self.low_title(info) and box.top < title.top:
                bottom = min(bottom, title.top)  # the body above a low title
            else:
                top = max(top, title.bottom)
        return max(0, bottom - top) * box.width / (self.w * self.h)

    def free_box(self, info: LayoutInfo) -> Box | None:
        """The largest area below the title and above the footer band clear of the layout's shapes."""
        top, bottom = self._text_band(info)
        margin = int(self.w * 0.05)
        if bottom - top < self.h * 0.15:
            return None
        region = Box(margin, top, self.w - 2 * margin, bottom - top)
        box = largest_free_box(region, info.obstacles, min_width=int(self.w * 0.3))
        return clamp_to_slide(box, self.w, self.h) if box is not None and box.height >= self.h * 0.12 else None

    def band_above_title(self, info: LayoutInfo) -> Box | None:
        """A band of a few lines just above a title placed low on the slide, if there is room for it."""
        title = self.title_box(info)
        bottom = title.top - int(self.h * 0.03)
        top = max(int(self.h * 0.08), bottom - int(self.h * 0.25))
        if bottom - top < self.h * 0.12:
            return None
        return Box(title.left, top, title.width, bottom - top)

    def grown(self, body: Box, info: LayoutInfo) -> Box | None:
        """``body`` grown into the free space around it under the title (a placeholder drawn smaller than its room).

        Only a real body grows (a strip is a subheading), only into an area that still holds
        the body's top-left corner, and only when it gains at least a quarter.
        """
        free = self.free_box(info)
        if body.height < self.h * 0.15 or free is None:
            return None
        inside = free.left <= body.left + self.w * 0.01 and free.top <= body.top + self.h * 0.02
        inside = inside and body.left < free.right and body.top < free.bottom
        if not inside or free.width * free.height <= 1.25 * body.width * body.height:
            return None
        floor = free.top if self.low_title(info) else self.title_box(info).bottom
        top = max(floor, min(body.top, free.top))  # keep the body's own top edge
        return Box(free.left, top, free.width, free.bottom - top)

    def room_around(self, box: Box, info: LayoutInfo) -> Box:
        """``box`` stretched up and down within its own column: to the title (or the top margin) above
        it, to the footer band (or a title placed below it) under it, stopping at the layout's
        pictures and shapes in that column (one already overlapping ``box`` stops it on that side).
        Never smaller than ``box``.
        """
        gap, tolerance = int(self.h * 0.02), int(self.h * 0.01)
        top, bottom = int(self.h * 0.05), self.bottom(info)
        title = self.title_box(info) if info.title is not None and info.title.box is not None else None
        beside = [b for b in ([title] if title is not None else []) + info.obstacles
                  if b.left < box.right and box.left < b.right]
        for other in beside:
            if other.bottom <= box.top + tolerance:
                top = max(top, other.bottom + (gap if other is title else 0))
            elif other.top >= box.bottom - tolerance:
                bottom = min(bottom, other.top - (gap if other is title else 0))
            elif other.top + other.bottom < box.top + box.bottom:  # overlapping the box: no growth past it
                top = box.top
            else:
                bottom = box.bottom
        top, bottom = min(box.top, top), max(box.bottom, bottom)
        return Box(box.left, top, box.width, bottom - top)

    def area_under_title(self, info: LayoutInfo) -> Box:
        """Where a synthesised body goes: the free area, else the band between title and footer."""
        free = self.free_box(info)
        if free is not None:
            return free
        title = self.title_box(info)
        top, bottom = self._text_band(info)
        if bottom - top < self.h * 0.2:
            top, bottom = int(self.h * 0.25), int(self.h * 0.9)
            if self.low_title(info):
                top, bottom = int(self.h * 0.05), max(int(self.h * 0.05) + 1, title.top)
        return clamp_to_slide(Box(title.left, top, title.width, bottom - top), self.w, self.h)

    def _text_band(self, info: LayoutInfo) -> tuple[int, int]:
        """Top and bottom of the band text may use: below the title, or above a title placed low."""
        title = self.title_box(info)
        gap = int(self.h * 0.03)
        if self.low_title(info):
            return int(self.h * 0.05), min(self.bottom(info), title.top - gap)
        return title.bottom + gap, self.bottom(info)

    def split(self, box: Box) -> tuple[Box, Box]:
        """Two side-by-side halves of ``box`` with a gutter."""
        gap = int(self.w * 0.03)
        half = (box.width - gap) // 2
        return (Box(box.left, box.top, half, box.height),
                Box(box.left + half + gap, box.top, half, box.height))
