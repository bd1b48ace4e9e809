"""Where each marking goes on a page, and in which colour, so it is readable and clear.

A :class:`Surface` is the plain description of one kind of page (a slide role's layout,
the notes page): its size, what is painted on it (background, filled shapes, pictures),
the template's own shapes a marking must not cover, and the title, footer and content
boxes, which may give way: the title is shortened from the top, the footer narrowed, the
area the app fills itself (a timeline, a text box where the layout has no body) shortened
from the side the marking is on, never overlapped. :func:`place_marks` finds, for each
placement rule (top centre, top right, …), the free band nearest the page edge, samples
what lies under the box and picks the marking's colour with :mod:`briefing_builder.compose.contrast`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing_builder.brand import brand_settings
from briefing_builder.compose.contrast import readable_colour, worst_contrast
from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.measure import text_width
from briefing_builder.compose.plan import MarkSpec
from briefing_builder.compose.text_scale import scaled
from briefing_builder.store.markings import Marking

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

MARK_PT = 12.0
NUMBER_PT = 10.0
#: Markings shrink with a slide smaller than the house slide down to this share of their house size at the least:
#: a security marking stays legible (6 pt on a 200×150 pt slide, where the text scale is 0.28).
MARK_FLOOR_SCALE = 0.5
INSET_X = int(0.05 * EMU_PER_INCH)
INSET_Y = int(0.025 * EMU_PER_INCH)
EDGE = int(0.05 * EMU_PER_INCH)
SIDE = int(0.3 * EMU_PER_INCH)
STEP = int(0.025 * EMU_PER_INCH)
GAP = int(0.04 * EMU_PER_INCH)
MIN_FOOTER = EMU_PER_INCH
MIN_TITLE_SHARE = 0.6
#: The content area keeps at least this share of its height when a marking takes its edge.
MIN_CONTENT_SHARE = 0.8
_ALIGN = {"left": "l", "centre": "ctr", "right": "r"}


@dataclass(frozen=True)
class Paint:
    """Something painted on the page: a colour, or a picture (``box`` None = the whole page); a freeform's colour
    covers only its ``polygons`` (slide EMU, even-odd) inside its box."""

    box: Box | None
    colour: str | None = None
    image: bytes = b""
    polygons: tuple[tuple[tuple[int, int], ...], ...] = ()


@dataclass(frozen=True)
class Surface:
    """One kind of page as the marking placer sees it (EMU, colours ``RRGGBB``)."""

    width: int
    height: int
    background: str = "FFFFFF"
    paints: tuple[Paint, ...] = ()
    obstacles: tuple[Box, ...] = ()
    title: Box | None = None
    footer: Box | None = None
    has_number: bool = True
    #: The area the app fills without a placeholder (timeline, free text box): it gives way, from its edge.
    content: Box | None = None
    #: The body boxes the app writes into: kept clear, shortened from a marking's edge only where it has no
    #: other place.
    bodies: tuple[Box, ...] = ()
    #: The template's own colours of the text parts the app writes into: ("title"|"subtitle"|"body", RRGGBB).
    text_colours: tuple[tuple[str, str], ...] = ()
    #: The own fill of the box each text part goes in, when it has one: ("title"|"subtitle"|"body", RRGGBB).
    text_fills: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MarkingSurfaces:
    """The surfaces of a template: one per slide role, and the notes page."""

    slides: dict[str, Surface] = field(default_factory=dict)
    notes: Surface | None = None


@dataclass(frozen=True)
class Placed:
    """The marks of one kind of page, the boxes that gave way, and what could not be done."""

    marks: tuple[MarkSpec, ...] = ()
    title: Box | None = None
    footer: Box | None = None
    problems: tuple[str, ...] = ()
    #: The surface's content area shortened to clear the marks (None: unchanged).
    content: Box | None = None
    #: The surface's bodies, in order, some shortened to clear the marks (None: unchanged).
    bodies: tuple[Box, ...] | None = None


def surface_from_geometry(role: RoleGeometry, geometry: TemplateGeometry) -> Surface:
    """A white page whose only shapes are the role's placeholders (when no template look is known)."""
    return Surface(geometry.slide_width, geometry.slide_height, obstacles=(role.subtitle,) if role.subtitle else (),
                   title=role.title, footer=role.footer, bodies=role.bodies)


@dataclass(frozen=True)
class _Room:
    """The boxes that give way to a marking: title, footer, content area and (when nothing else helps) bodies."""

    title: Box | None
    footer: Box | None
    content: Box | None
    bodies: tuple[Box, ...]


def title_clear_of(title: Box, shapes: list[Box] | tuple[Box, ...]) -> Box:
    """``title`` narrowed from the side where one of the template's own ``shapes`` (a logo, a
    "Confidential" box) stands in it, or shortened from the edge a rule or band under or over it
    crosses, so that no title runs under it; unchanged when the shape covers little of the title,
    stands in its middle, or the title would keep under :data:`MIN_TITLE_SHARE` of its size."""
    left, top, right, bottom = title.left, title.top, title.right, title.bottom
    for shape in shapes:
        if not _overlaps(shape, title):
            continue
        across = min(shape.right, title.right) - max(shape.left, title.left)
        shared = min(shape.bottom, title.bottom) - max(shape.top, title.top)
        middle_x, middle_y = shape.left + shape.width // 2, shape.top + shape.height // 2
        if shared >= min(shape.height, title.height) * 0.3 and middle_x >= title.left + title.width * 3 // 4:
            right = min(right, shape.left - GAP)
        elif shared >= min(shape.height, title.height) * 0.3 and middle_x <= title.left + title.width // 4:
            left = max(left, shape.right + GAP)
        elif across >= min(shape.width, title.width) * 0.3 and middle_y >= title.top + title.height * 3 // 4:
            bottom = min(bottom, shape.top - GAP)
        elif across >= min(shape.width, title.width) * 0.3 and middle_y <= title.top + title.height // 4:
            top = max(top, shape.bottom + GAP)
    if right - left < title.width * MIN_TITLE_SHARE or bottom - top < title.height * MIN_TITLE_SHARE:
        return title
    return Box(left, top, right - left, bottom - top)


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


# ----------------------------------------------------------------------------- sampling


@lru_cache(maxsize=16)
def _picture(data: bytes) -> Image | None:
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (256, 256))
        return image.convert("RGBA")
    except Exception:  # an image Pillow cannot read (EMF, damaged): treated as transparent
        return None


def _colour_at(surface: Surface, x: int, y: int) -> str:
    for paint in reversed(surface.paints):
        box = paint.box or Box(0, 0, surface.width, surface.height)
        if not (box.left <= x < box.right and box.top <= y < box.bottom):
            continue
        if paint.polygons and not inside_polygons(paint.polygons, x, y):
            continue
        if paint.colour is not None:
            return paint.colour
        image = _picture(paint.image) if paint.image else None
        if image is None:
            continue
        px = min(image.width - 1, int((x - box.left) / max(box.width, 1) * image.width))
        py = min(image.height - 1, int((y - box.top) / max(box.height, 1) * image.height))
        pixel = image.getpixel((px, py))
        if not isinstance(pixel, tuple):  # pragma: no cover - an RGBA image gives a tuple per pixel
            continue
        r, g, b, a = pixel
        if a >= 128:
            return f"{r:02X}{g:02X}{b:02X}"
    return surface.background


def inside_polygons(polygons: tuple[tuple[tuple[int, int], ...], ...], x: int, y: int) -> bool:
    """True when (x, y) lies inside ``polygons`` filled with the even-odd rule (a hole inside a hole is filled)."""
    inside = False
    for polygon in polygons:
        for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def sample(surface: Surface, box: Box, columns: int = 12, rows: int = 4) -> tuple[str, ...]:
    """The distinct colours found on a grid of points over ``box`` (and just around it)."""
    found = []
    for row in range(rows + 1):
        for column in range(columns + 1):
            x = box.left + box.width * column // columns
            y = box.top + box.height * row // rows
            found.append(_colour_at(surface, min(x, surface.width - 1), min(y, surface.height - 1)))
    return tuple(dict.fromkeys(found))


# ----------------------------------------------------------------------------- placing


def _size(text: str, family: str, size_pt: float, bold: bool) -> tuple[int, int]:
    width = int(text_width(text, family, size_pt, bold=bold) * EMU_PER_POINT) + 2 * INSET_X + int(0.04 * EMU_PER_INCH)
    height = int(size_pt * 1.25 * EMU_PER_POINT) + 2 * INSET_Y
    return width, height


def _x_positions(where: str, width: int, surface: Surface) -> list[int]:
    """Candidate left edges for a box of ``width``: the rule's own first, then inward."""
    left_edge = surface.title.left if surface.title is not None else SIDE
    right_edge = surface.title.right if surface.title is not None else surface.width - SIDE
    if where == "left":
        start, direction = left_edge, 1
    elif where == "right":
        start, direction = right_edge - width, -1
    else:
        start, direction = (surface.width - width) // 2, 0
    limit = surface.width // 4
    xs = [start]
    for offset in range(STEP * 4, limit, STEP * 4):
        xs += [start + offset * direction] if direction else [start - offset, start + offset]
    return [x for x in xs if 0 <= x <= surface.width - width]


def _y_positions(edge: str, height: int, surface: Surface) -> list[int]:
    """Candidate tops, from the page edge inward (bottom: the footer row first)."""
    band = surface.height // 4
    if edge == "top":
        return list(range(EDGE, band, STEP))
    ys = list(range(surface.height - EDGE - height, surface.height - band, -STEP))
    if surface.footer is not None:
        ys.insert(0, surface.footer.top + (surface.footer.height - height) // 2)
    return [y for y in ys if 0 <= y <= surface.height - height]


def _free_spans(row: Box, blocked: list[Box], width: int) -> list[tuple[int, int]]:
    """Horizontal spans of ``row`` (within the side margins) that no box in ``blocked`` covers."""
    spans = [(SIDE, width - SIDE)]
    for box in sorted((b for b in blocked if b.top < row.bottom and row.top < b.bottom), key=lambda b: b.left):
        spans = [piece for left, right in spans
                 for piece in ((left, min(right, box.left - GAP)), (max(left, box.right + GAP), right))
                 if piece[1] > piece[0]]
    return spans


def _footer_room(box: Box, footer: Box, surface: Surface, taken: list[Box], needed: int) -> Box | None:
    """The footer moved or narrowed within its row to clear ``box``, keeping ``needed`` width; None if impossible."""
    least = max(needed, MIN_FOOTER)
    spans = [(left, right) for left, right in _free_spans(footer, [box, *surface.obstacles, *surface.bodies, *taken],
                                                          surface.width)
             if right - left >= least]
    if not spans:
        return None
    own = next(((left, right) for left, right in spans if left <= footer.left < right), None)
    if own is not None and min(footer.right, own[1]) - footer.left >= least:
        return Box(footer.left, footer.top, min(footer.right, own[1]) - footer.left, footer.height)

    def kept(span: tuple[int, int]) -> tuple[int, int]:  # most of the old place first, then the widest
        return max(0, min(span[1], footer.right) - max(span[0], footer.left)), span[1] - span[0]

    left, right = max(spans, key=kept)
    width = min(right - left, max(footer.width, needed))
    if left < footer.left:  # a span that overlaps the old place: keep to its side of the marking
        left = max(left, min(footer.left, right - width))
    return Box(left, footer.top, width, footer.height)


def _content_room(box: Box, content: Box, least: int) -> Box | None:
    """``content`` shortened from the edge ``box`` sits on (top or bottom) to clear it; None if under ``least`` tall."""
    if box.top + box.height // 2 < content.top + content.height // 2:
        top = box.bottom + GAP
        shortened = Box(content.left, top, content.width, content.bottom - top)
    else:
        shortened = Box(content.left, content.top, content.width, box.top - GAP - content.top)
    return shortened if shortened.height >= max(least, 1) else None


def _shortened_title(box: Box, title: Box) -> Box | None:
    """The title shortened from the top to clear ``box``; None when too little of it would be left."""
    top = box.bottom + GAP
    if title.bottom - top < title.height * MIN_TITLE_SHARE or box.top > title.top + title.height // 3:
        return None
    return Box(title.left, top, title.width, title.bottom - top)


def _give_way(box: Box, surface: Surface, taken: list[Box], room: _Room, needed: int,
              yielding: bool) -> _Room | None:
    """Title, footer, content area (and with ``yielding`` the bodies) shortened or moved to clear ``box``;
    None when one would not fit."""
    title, footer, content, bodies = room.title, room.footer, room.content, room.bodies
    if title is not None and _overlaps(box, title):
        title = _shortened_title(box, title)
        if title is None:
            return None
    if footer is not None and _overlaps(box, footer):
        footer = _footer_room(box, footer, surface, taken, needed)
        if footer is None:
            return None
    if content is not None and surface.content is not None and _overlaps(box, content):
        content = _content_room(box, content, int(surface.content.height * MIN_CONTENT_SHARE))
        if content is None:
            return None
    if yielding:
        shortened = [_content_room(box, body, int(own.height * MIN_CONTENT_SHARE)) if _overlaps(box, body) else body
                     for body, own in zip(bodies, surface.bodies)]
        if any(body is None for body in shortened):
            return None
        bodies = tuple(body for body in shortened if body is not None)
    return _Room(title, footer, content, bodies)


def _cleared(box: Box, room: _Room) -> _Room:
    """The room cleared of ``box`` as far as it can be (a marking with no free place): the title shortened
    if enough is left, the content area and the bodies however little is left."""
    title = room.title
    if title is not None and _overlaps(box, title):
        title = _shortened_title(box, title) or title
    content = room.content
    if content is not None and _overlaps(box, content):
        content = _content_room(box, content, 0) or content
    bodies = tuple((_content_room(box, body, 0) or body) if _overlaps(box, body) else body for body in room.bodies)
    return _Room(title, room.footer, content, bodies)


def _find(where: str, size: tuple[int, int], surface: Surface, taken: list[Box], room: _Room,
          needed: int, yielding: bool = False) -> tuple[Box, _Room] | None:
    """The first free box for the rule ``where`` and the room left; the bodies are obstacles unless ``yielding``."""
    edge, _, side = where.partition("-")
    width, height = size
    ys = _y_positions(edge, height, surface)
    candidates = (Box(x, y, width, height) for x in _x_positions(side, width, surface) for y in ys)
    hard = [*surface.obstacles, *taken, *(() if yielding else room.bodies)]
    for box in candidates:
        if any(_overlaps(box, o) for o in hard):
            continue
        given = _give_way(box, surface, taken, room, needed, yielding)
        if given is not None:
            return box, given
    return None


def place_marks(markings: tuple[Marking, ...], surface: Surface, family: str, page: str,
                number: bool = False, footer_width: int = 0, reference: str = "", text_scale: float = 1.0) -> Placed:
    """Place every marking by its placement rule on ``surface`` (and a slide number when asked).

    ``footer_width`` is the least width (EMU) the footer text needs if the footer must move;
    ``reference`` is placed at the bottom left when the page has no footer to show it.
    Pure, so the result is kept: the preview replans on every edit with the same surfaces. The sizes are the
    house's times ``text_scale`` (the slide's), at least :data:`MARK_FLOOR_SCALE` times them.
    """
    return _placed(markings, surface, family, page, number, footer_width, reference, brand_settings().marking_colour,
                   max(text_scale, MARK_FLOOR_SCALE))


_ALT_KEYS = {"Marking": "alt_marking", "Slide number": "alt_slide_number", "Reference": "alt_reference"}


def described(placed: Placed, language: str) -> Placed:
    """``placed`` with each mark's alt text and language tag in ``language`` (from the label catalogues:
    "Marquage : LIMITE" in a French deck)."""
    from briefing_builder.compose import wording

    if not placed.marks:
        return placed
    marks = tuple(replace(mark, lang=wording.locale_tag(language),
                          description=wording.label(_ALT_KEYS.get(mark.name, "alt_marking"), language).format(
                              text=mark.text))
                  for mark in placed.marks)
    return replace(placed, marks=marks)


def clear_placement_cache() -> None:
    """Forget the kept placements (a benchmark measures placing from scratch)."""
    _placed.cache_clear()


@lru_cache(maxsize=256)
def _placed(markings: tuple[Marking, ...], surface: Surface, family: str, page: str, number: bool,
            footer_width: int, reference: str, default_colour: str, scale: float = 1.0) -> Placed:
    """:func:`place_marks` with the colour of markings that have none of their own (kept: pure)."""
    wanted: dict[str, list[Marking]] = {}
    for marking in markings:
        for where in marking.placement:
            wanted.setdefault(where, []).append(marking)
    mark_pt, number_pt = scaled(MARK_PT, scale), scaled(NUMBER_PT, scale)
    jobs = [(where, " · ".join(m.text for m in group), group[0].colour or default_colour, mark_pt, True, "Marking")
            for where, group in wanted.items()]
    if number and not surface.has_number:
        jobs.append(("bottom-right", "000", "404040", number_pt, False, "Slide number"))
    if reference and surface.footer is None:
        jobs.append(("bottom-left", reference, "404040", number_pt, False, "Reference"))
    marks: list[MarkSpec] = []
    problems: list[str] = []
    room = _Room(surface.title, surface.footer, surface.content, surface.bodies)
    for where, text, colour, size_pt, bold, name in jobs:
        is_number = name == "Slide number"
        size = _size(text, family, size_pt, bold)
        taken = [m.box for m in marks]
        found = (_find(where, size, surface, taken, room, footer_width)
                 or _find(where, size, surface, taken, room, footer_width, yielding=True))
        if found is None:
            x = (_x_positions(where.partition("-")[2], size[0], surface) or [0])[0]
            y = EDGE if where.startswith("top") else surface.height - EDGE - size[1]
            box = Box(x, y, *size)
            room = _cleared(box, room)
            problems.append(f"{page}: no free place for “{text}” at the {where.replace('-', ' ')}; it covers "
                            "part of the template's own shapes. Check the template or choose another placement.")
        else:
            box, room = found
        backgrounds = sample(surface, box)
        ink, fill = readable_colour(colour, backgrounds)
        ratio = worst_contrast(ink, (fill,) if fill else backgrounds)
        marks.append(MarkSpec(text="" if is_number else text, box=box, colour=ink, size_pt=size_pt,
                              align=_ALIGN.get(where.partition("-")[2], "ctr"), bold=bold, fill=fill,
                              contrast=round(ratio, 2), slide_number=is_number, name=name))
    return Placed(tuple(marks), room.title if room.title != surface.title else None,
                  room.footer if room.footer != surface.footer else None, tuple(problems),
                  room.content if room.content != surface.content else None,
                  room.bodies if room.bodies != surface.bodies else None)

