"""Where each marking goes on a page, and in which colour, so it is readable and clear.

A :class:`Surface` is the plain description of one kind of page (a slide role's layout,
the notes page): its size, what is painted on it (background, filled shapes, pictures),
the template's own shapes a marking must not cover, and the title and footer boxes,
which may give way: the title is shortened from the top, the footer narrowed, never
overlapped. :func:`place_marks` finds, for each placement rule (top centre, top right,
…), the free band nearest the page edge, samples what lies under the box and picks the
marking's colour with :mod:`briefing_builder.compose.contrast`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing_builder.brand import brand_settings
from briefing_builder.compose.contrast import readable_colour, worst_contrast
from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.measure import text_width
from briefing_builder.compose.plan import MarkSpec
from briefing_builder.store.markings import Marking

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

MARK_PT = 12.0
NUMBER_PT = 10.0
INSET_X = int(0.05 * EMU_PER_INCH)
INSET_Y = int(0.025 * EMU_PER_INCH)
EDGE = int(0.05 * EMU_PER_INCH)
SIDE = int(0.3 * EMU_PER_INCH)
STEP = int(0.025 * EMU_PER_INCH)
GAP = int(0.04 * EMU_PER_INCH)
MIN_FOOTER = EMU_PER_INCH
MIN_TITLE_SHARE = 0.6
_ALIGN = {"left": "l", "centre": "ctr", "right": "r"}


@dataclass(frozen=True)
class Paint:
    """Something painted on the page: a colour, or a picture (``box`` None = the whole page)."""

    box: Box | None
    colour: str | None = None
    image: bytes = b""


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


def surface_from_geometry(role: RoleGeometry, geometry: TemplateGeometry) -> Surface:
    """A white page whose only shapes are the role's placeholders (when no template look is known)."""
    bodies = role.bodies + ((role.subtitle,) if role.subtitle else ())
    return Surface(geometry.slide_width, geometry.slide_height, obstacles=bodies, title=role.title,
                   footer=role.footer)


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
    spans = [(left, right) for left, right in _free_spans(footer, [box, *surface.obstacles, *taken], surface.width)
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


def _give_way(box: Box, surface: Surface, taken: list[Box], title: Box | None, footer: Box | None,
              needed: int) -> tuple[Box | None, Box | None] | None:
    """Title and footer shortened or moved so they clear ``box``; None when either would not fit."""
    if title is not None and _overlaps(box, title):
        top = box.bottom + GAP
        if title.bottom - top < title.height * MIN_TITLE_SHARE or box.top > title.top + title.height // 3:
            return None
        title = Box(title.left, top, title.width, title.bottom - top)
    if footer is not None and _overlaps(box, footer):
        footer = _footer_room(box, footer, surface, taken, needed)
        if footer is None:
            return None
    return title, footer


def _find(where: str, size: tuple[int, int], surface: Surface, taken: list[Box], title: Box | None,
          footer: Box | None, needed: int) -> tuple[Box, Box | None, Box | None] | None:
    edge, _, side = where.partition("-")
    width, height = size
    ys = _y_positions(edge, height, surface)
    candidates = (Box(x, y, width, height) for x in _x_positions(side, width, surface) for y in ys)
    hard = [*surface.obstacles, *taken]
    for box in candidates:
        if any(_overlaps(box, o) for o in hard):
            continue
        given = _give_way(box, surface, taken, title, footer, needed)
        if given is not None:
            return box, *given
    return None


def place_marks(markings: tuple[Marking, ...], surface: Surface, family: str, page: str,
                number: bool = False, footer_width: int = 0, reference: str = "") -> Placed:
    """Place every marking by its placement rule on ``surface`` (and a slide number when asked).

    ``footer_width`` is the least width (EMU) the footer text needs if the footer must move;
    ``reference`` is placed at the bottom left when the page has no footer to show it.
    Pure, so the result is kept: the preview replans on every edit with the same surfaces.
    """
    return _placed(markings, surface, family, page, number, footer_width, reference, brand_settings().marking_colour)


@lru_cache(maxsize=256)
def _placed(markings: tuple[Marking, ...], surface: Surface, family: str, page: str, number: bool,
            footer_width: int, reference: str, default_colour: str) -> Placed:
    """:func:`place_marks` with the colour of markings that have none of their own (kept: pure)."""
    wanted: dict[str, list[Marking]] = {}
    for marking in markings:
        for where in marking.placement:
            wanted.setdefault(where, []).append(marking)
    jobs = [(where, " · ".join(m.text for m in group), group[0].colour or default_colour, MARK_PT, True, "Marking")
            for where, group in wanted.items()]
    if number and not surface.has_number:
        jobs.append(("bottom-right", "000", "404040", NUMBER_PT, False, "Slide number"))
    if reference and surface.footer is None:
        jobs.append(("bottom-left", reference, "404040", NUMBER_PT, False, "Reference"))
    marks: list[MarkSpec] = []
    problems: list[str] = []
    title, footer = surface.title, surface.footer
    for where, text, colour, size_pt, bold, name in jobs:
        is_number = name == "Slide number"
        size = _size(text, family, size_pt, bold)
        found = _find(where, size, surface, [m.box for m in marks], title, footer, footer_width)
        if found is None:
            x = (_x_positions(where.partition("-")[2], size[0], surface) or [0])[0]
            y = EDGE if where.startswith("top") else surface.height - EDGE - size[1]
            box = Box(x, y, *size)
            problems.append(f"{page}: no free place for “{text}” at the {where.replace('-', ' ')}; it covers "
                            "part of the template's own shapes. Check the template or choose another placement.")
        else:
            box, title, footer = found
        backgrounds = sample(surface, box)
        ink, fill = readable_colour(colour, backgrounds)
        ratio = worst_contrast(ink, (fill,) if fill else backgrounds)
        marks.append(MarkSpec(text="" if is_number else text, box=box, colour=ink, size_pt=size_pt,
                              align=_ALIGN.get(where.partition("-")[2], "ctr"), bold=bold, fill=fill,
                              contrast=round(ratio, 2), slide_number=is_number, name=name))
    return Placed(tuple(marks), title if title != surface.title else None,
                  footer if footer != surface.footer else None, tuple(problems))

