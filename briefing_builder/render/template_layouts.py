"""Read every layout of a template into plain data: what each placeholder is for, and what is in the way.

A placeholder's job comes from its ``type`` where it has a telling one; LibreOffice and other
tools write placeholders with no type, or every one with ``idx="0"`` (PITFALLS 22), so
type-less and body placeholders are classified by their name (in many languages) and their
geometry: a layout without a title takes its top-most short, wide text placeholder as the
title; text placeholders in the footer band or thinner than a line or two are "minor" (a
caption, a running head), never a body. Placeholders are addressed by their position among
the ones a new slide receives, never by ``idx``, which need not be unique.

Boxes are kept inside the slide (:func:`clamp_to_slide`); a body so kept that lands on its
title (both drawn for another slide size) starts below it.

Pictures and drawn shapes of the layout (and of its master, when the layout shows the
master's shapes) are *obstacles*: a text box the app adds must keep clear of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree
from pptx.slide import SlideLayout, SlideMaster

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of

NS_P, NS_A = NS["p"], NS["a"]
_P, _A = f"{{{NS_P}}}", f"{{{NS_A}}}"
FOOTER_TYPES = {"dt", "ftr", "sldNum", "hdr"}
#: Placeholders python-pptx does not copy onto a new slide (the writer copies them itself).
NOT_CLONED = {"dt", "ftr", "sldNum"}
_TEXT_TYPES = {"body", "obj"}
_GRAPHIC_TYPES = {"pic", "chart", "tbl", "dgm", "media", "clipArt", "sldImg"}
_VERTICAL_LAYOUTS = {"vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart"}

#: Words that name a subtitle or a title placeholder (names are localised by the tool that wrote them).
_SUBTITLE_WORDS = re.compile(
    r"sub-?title|sous-titre|untertitel|subt[ií]tulo|sottotitolo|ondertitel|underrubrik|undertitel|"
    r"podtytu[lł]|podnadpis|alaotsikko|alc[ií]m|altyaz|подзаголовок|υπότιτλος|サブタイトル|副标题|副標題|부제목",
    re.IGNORECASE)
_TITLE_WORDS = re.compile(
    r"title|titre|titel|t[ií]tulo|titolo|rubrik|tytu[lł]|nadpis|otsikko|c[ií]m\b|ba[sş]l[iı]k|naslov|"
    r"заголовок|τίτλος|タイトル|标题|標題|제목",
    re.IGNORECASE)


@dataclass(frozen=True)
class Ph:
    """One placeholder of a layout.

    ``kind`` is what it is used for: "title", "subtitle", "body", "minor" (a small text
    placeholder: caption, running head, footer-band text), "footer" (date, footer, slide
    number) or "graphic". ``order`` is its position among the placeholders a new slide gets
    (None for footers, which are not copied). ``box`` may be inherited from the master.
    """

    kind: str
    ph_type: str
    order: int | None
    box: Box | None
    name: str = ""
    element: etree._Element | None = field(default=None, compare=False, repr=False)
    #: The layout gives the placeholder its own position (else it is inherited from the master).
    own_box: bool = True


@dataclass
class LayoutInfo:
    """What a layout carries, read once from its XML (and its master's)."""

    layout: SlideLayout
    master_index: int
    name: str
    type: str
    title: Ph | None
    centred_title: bool
    subtitle: Ph | None
    bodies: list[Ph]
    others: list[Ph] = field(default_factory=list)
    footer_top: int | None = None
    footer: Box | None = None
    obstacles: list[Box] = field(default_factory=list)
    #: Text placeholders that reached past the slide's edge, as (name, box as drawn); their boxes are clamped.
    outside: list[tuple[str, Box]] = field(default_factory=list)

    @property
    def vertical(self) -> bool:
        """Vertical text layouts are never used for horizontal briefing text."""
        return self.type in _VERTICAL_LAYOUTS


def xfrm_box(shape: etree._Element, lines: bool = False) -> Box | None:
    """The shape's own position, if it has one with a size (``lines``: one of width or height is enough)."""
    for xfrm in shape.iter(f"{_A}xfrm", f"{_P}xfrm"):
        off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
        if off is None or ext is None:
            return None
        try:
            box = Box(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
        except ValueError:
            return None
        sized = (box.width > 0 or box.height > 0) if lines else (box.width > 0 and box.height > 0)
        return box if sized else None
    return None


@dataclass(frozen=True)
class _Raw:
    ph_type: str
    order: int | None
    box: Box | None
    name: str
    has_type: bool
    element: etree._Element | None = None
    idx: int = 0


def _tree(owner: SlideLayout | SlideMaster) -> etree._Element | None:
    return element_of(owner).find(f"{_P}cSld/{_P}spTree")


def _raw_placeholders(owner: SlideLayout | SlideMaster) -> list[_Raw]:
    """The placeholders at the top level of an spTree, in document order (as python-pptx clones them)."""
    tree = _tree(owner)
    found, order = [], 0
    for shape in tree if tree is not None else ():
        ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is None:
            ph = shape.find(f".//{_P}nvPr/{_P}ph")
        if ph is None:
            continue
        ph_type = ph.get("type", "obj")
        sp_pr = shape.find(f"{_P}spPr")
        box = xfrm_box(sp_pr) if sp_pr is not None else xfrm_box(shape)
        c_nv_pr = shape.find(f".//{_P}cNvPr")
        name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        cloned = ph_type not in NOT_CLONED
        idx = ph.get("idx", "0")
        found.append(_Raw(ph_type, order if cloned else None, box, name, ph.get("type") is not None, shape,
                          int(idx) if idx.isdigit() else 0))
        order += cloned
    return found


@dataclass(frozen=True)
class InheritedBoxes:
    """The master's placeholder boxes a layout placeholder without its own position takes."""

    by_type: dict[str, Box]
    by_idx: dict[int, Box]

    def box(self, raw: _Raw) -> Box | None:
        """A typed placeholder inherits by type; a type-less one by its ``idx`` where the master's are unique.

        PowerPoint gives the title ``idx`` 0 and numbers the others, so a layout whose placeholders
        lost their types (``<p:ph idx="1"/>``, ``<p:ph/>``) still says which master box each one is.
        """
        if not raw.has_type and raw.idx in self.by_idx:
            return self.by_idx[raw.idx]
        return self.by_type.get(_inherit_key(raw.ph_type))


def master_boxes(master: SlideMaster) -> InheritedBoxes:
    """The boxes of the master's placeholders, by type and (where unique) by idx."""
    boxed = [(raw, raw.box) for raw in _raw_placeholders(master) if raw.box is not None]
    unique = _unique_idx([raw for raw, _box in boxed])
    by_type: dict[str, Box] = {}
    for raw, box in sorted(boxed, key=lambda pair: not pair[0].has_type):  # typed first: type-less is a guess
        key = "title" if not raw.has_type and raw.idx == 0 and unique else _inherit_key(raw.ph_type)
        by_type.setdefault(key, box)
    return InheritedBoxes(by_type, {raw.idx: box for raw, box in boxed} if unique else {})


def _unique_idx(raws: list[_Raw]) -> bool:
    """True when no two placeholders share an ``idx`` (not so in LibreOffice's files: all are 0)."""
    return len(raws) > 1 and len({r.idx for r in raws}) == len(raws)


def _inherit_key(ph_type: str) -> str:
    if ph_type in ("title", "ctrTitle"):
        return "title"
    return ph_type if ph_type in FOOTER_TYPES else "body"


def obstacles(owner: SlideLayout | SlideMaster, slide_w: int, slide_h: int) -> list[Box]:
    """Boxes of the pictures, drawn shapes and groups of an spTree, backgrounds and hairlines left out."""
    tree = _tree(owner)
    found = []
    for shape in tree if tree is not None else ():
        tag = etree.QName(shape).localname
        if tag not in ("sp", "pic", "grpSp", "graphicFrame", "cxnSp") or shape.find(f".//{_P}nvPr/{_P}ph") is not None:
            continue
        box = xfrm_box(shape)
        if box is None or box.width * box.height > 0.6 * slide_w * slide_h:
            continue  # a full-slide background picture or panel: text sits on it
        if tag == "sp" and shape.find(f"{_P}txBody") is not None and shape.find(f"{_P}spPr/{_A}noFill") is not None:
            continue
        found.append(_clip(box, slide_w, slide_h))
    return [b for b in found if b.width > 0 and b.height > 0]


def _clip(box: Box, slide_w: int, slide_h: int) -> Box:
    left, top = max(box.left, 0), max(box.top, 0)
    return Box(left, top, max(0, min(box.right, slide_w) - left), max(0, min(box.bottom, slide_h) - top))


def clamp_to_slide(box: Box, slide_w: int, slide_h: int) -> Box:
    """``box`` kept inside the slide (layouts drawn for another slide size would put text off the page).

    A box that runs past an edge is cut back there, keeping on that side the margin it has on the
    other; a box left with under a third of its size that way (it lies mostly off the slide) is
    moved inside instead, against the edge it ran past.
    """
    left, width = _clamp_span(box.left, box.width, slide_w, int(slide_w * 0.05))
    top, height = _clamp_span(box.top, box.height, slide_h, int(slide_h * 0.03))
    return Box(left, top, width, height)


def _clamp_span(start: int, length: int, room: int, margin: int) -> tuple[int, int]:
    """One axis of :func:`clamp_to_slide`: (start, length) inside ``0 … room``."""
    if start >= 0 and start + length <= room:
        return start, length
    low = max(start, 0)
    high = start + length if start + length <= room else room - min(low, margin)
    if high - low >= length / 3 and high - low >= room * 0.1:
        return low, high - low
    length = min(length, room - 2 * margin)
    return (room - margin - length if start > 0 else margin), length


def _classify(raws: list[_Raw], inherited: InheritedBoxes, slide_w: int, slide_h: int,
              footer_top: int | None) -> list[Ph]:
    """Give every placeholder its kind: type first, then name, then geometry (boxes clamped to the slide)."""
    phs: list[Ph] = []
    for raw in raws:
        box = raw.box or inherited.box(raw)
        box = clamp_to_slide(box, slide_w, slide_h) if box is not None else None
        if raw.ph_type in ("title", "ctrTitle"):
            kind = "title"
        elif raw.ph_type == "subTitle":
            kind = "subtitle"
        elif raw.ph_type in FOOTER_TYPES:
            kind = "footer"
        elif raw.ph_type in _GRAPHIC_TYPES:
            kind = "graphic"
        elif _SUBTITLE_WORDS.search(raw.name):
            kind = "subtitle"
        elif _TITLE_WORDS.search(raw.name) and not raw.has_type:
            kind = "title"
        else:
            kind = "minor" if _minor(box, slide_w, slide_h, footer_top) else "body"
        phs.append(Ph(kind, raw.ph_type, raw.order, box, raw.name, raw.element, raw.box is not None))
    if not any(p.kind == "title" for p in phs):
        phs = _title_by_idx(raws, phs, slide_h)
    if not any(p.kind == "title" for p in phs):
        phs = _title_by_geometry(phs, slide_w, slide_h)
    return phs


def _title_by_idx(raws: list[_Raw], phs: list[Ph], slide_h: int) -> list[Ph]:
    """No typed title: a type-less text placeholder with ``idx`` 0 among uniquely numbered ones is the title.

    PowerPoint numbers a layout's placeholders and keeps 0 for the title; LibreOffice writes 0 on
    every one, so the rule holds only where the numbers are unique (else geometry decides).
    """
    texts = [p for p in phs if p.kind in ("body", "minor", "subtitle")]
    if not _unique_idx(raws) or len(texts) < 2:
        return phs  # a lone ``<p:ph/>`` is a layout's only content placeholder, not a title
    return [replace(p, kind="title")
            if p.kind in ("body", "minor") and not raw.has_type and raw.idx == 0 and p.box is not None
            and p.box.height < slide_h * 0.4 else p
            for raw, p in zip(raws, phs)]


def _minor(box: Box | None, slide_w: int, slide_h: int, footer_top: int | None) -> bool:
    """A text placeholder too small to hold a body, or lying in the footer band."""
    if box is None:
        return False
    if footer_top is not None and box.top >= footer_top - slide_h * 0.02:
        return True
    if box.bottom > slide_h * 0.92 and box.height < slide_h * 0.1:
        return True
    return box.width * box.height < 0.03 * slide_w * slide_h or box.height < slide_h * 0.06


def _title_by_geometry(phs: list[Ph], slide_w: int, slide_h: int) -> list[Ph]:
    """No title placeholder: the top-most short, wide text placeholder above the others is the title."""
    candidates = [p for p in phs if p.kind in ("body", "minor") and p.box is not None
                  and p.box.top < slide_h * 0.3 and p.box.height < slide_h * 0.22 and p.box.width >= slide_w * 0.3]
    if not candidates:
        return phs
    top = min(candidates, key=lambda p: (p.box.top, -p.box.width))  # type: ignore[union-attr]
    others = [p for p in phs if p.kind == "body" and p is not top and p.box is not None]
    if others and not any(o.box.top >= top.box.top + top.box.height // 2 for o in others):  # type: ignore[union-attr]
        return phs  # nothing below it: it is a body, not a title
    return [replace(p, kind="title") if p is top else p for p in phs]


def inspect_layouts(masters: list[SlideMaster], slide_w: int, slide_h: int) -> list[LayoutInfo]:
    """Read every layout of every master into a :class:`LayoutInfo`, in master order.

    Layouts that carry another master's placeholder boxes instead of their own master's (as
    LibreOffice writes them) have their boxes moved onto their own master's (:func:`copied_from`).
    """
    infos: list[LayoutInfo] = []
    inherited = [master_boxes(master) for master in masters]
    for m_index, master in enumerate(masters):
        master_obstacles = obstacles(master, slide_w, slide_h)
        raws = [_raw_placeholders(layout) for layout in master.slide_layouts]
        source = copied_from(m_index, inherited, [r for layout_raws in raws for r in layout_raws])
        for layout, layout_raws in zip(master.slide_layouts, raws):
            if source is not None:
                layout_raws = [replace(r, box=_moved(r, source, inherited[m_index])) for r in layout_raws]
            infos.append(_layout_info(layout, layout_raws, m_index, inherited[m_index], master_obstacles,
                                      slide_w, slide_h))
    return infos


def copied_from(m_index: int, inherited: list[InheritedBoxes], raws: list[_Raw]) -> InheritedBoxes | None:
    """The other master whose placeholder boxes the layouts of master ``m_index`` repeat, if they do.

    LibreOffice writes the layouts of every master with the placeholder boxes of one master
    (which one varies), whatever the master they belong to: a master designed with its title
    at the top gets layouts whose title sits where the title master has it, mid-slide. The
    master's own boxes are what its design (and the template's own slides) use. Said when no
    layout's title box is the master's own and at least half of them (two or more) are
    another master's.
    """
    titles = [r.box for r in raws if r.box is not None and _inherit_key(r.ph_type) == "title"]

    def repeats(boxes: InheritedBoxes) -> int:
        return sum(boxes.by_type.get("title") == box for box in titles)

    if not titles or repeats(inherited[m_index]) > 0:
        return None
    best, source = max(((repeats(boxes), boxes) for j, boxes in enumerate(inherited) if j != m_index),
                       key=lambda pair: pair[0], default=(0, None))
    return source if best >= max(2, len(titles) / 2) else None


def _moved(raw: _Raw, source: InheritedBoxes, own: InheritedBoxes) -> Box | None:
    """``raw``'s box moved from the master it was copied from onto its own master.

    A box that is the source master's box of its kind becomes the own master's; one inside the
    source master's body area (a column, a quarter) takes the same share of the own master's body.
    """
    key = _inherit_key(raw.ph_type)
    if raw.box is None or key not in own.by_type:
        return raw.box
    if source.by_type.get(key) == raw.box:
        return own.by_type[key]
    area, target = source.by_type.get("body"), own.by_type.get("body")
    if key != "body" or area is None or target is None or not _inside(raw.box, area):
        return raw.box
    sx, sy = target.width / area.width, target.height / area.height
    return Box(target.left + round((raw.box.left - area.left) * sx), target.top + round((raw.box.top - area.top) * sy),
               round(raw.box.width * sx), round(raw.box.height * sy))


def _inside(box: Box, area: Box) -> bool:
    """``box`` lies within ``area`` (give or take 2 % of its size: the tool rounds its columns)."""
    dx, dy = area.width * 0.02, area.height * 0.02
    return area.width > 0 and area.height > 0 and area.left - dx <= box.left and area.top - dy <= box.top \
        and box.right <= area.right + dx and box.bottom <= area.bottom + dy


def _layout_info(layout: SlideLayout, raws: list[_Raw], m_index: int, inherited: InheritedBoxes,
                 master_obstacles: list[Box], slide_w: int, slide_h: int) -> LayoutInfo:
    footers = [r.box or inherited.box(r) for r in raws if r.ph_type in FOOTER_TYPES]
    tops = [b.top for b in footers if b is not None and b.top > slide_h / 2]
    footer_top = min(tops) if tops else None
    phs = _classify(raws, inherited, slide_w, slide_h, footer_top)
    info = LayoutInfo(layout, m_index, layout.name or "(unnamed layout)", element_of(layout).get("type", "cust"),
                      None, False, None, [])
    for ph in phs:
        if ph.kind == "title" and info.title is None:
            info.title, info.centred_title = ph, ph.ph_type == "ctrTitle"
        elif ph.kind == "subtitle" and info.subtitle is None:
            info.subtitle = ph
        elif ph.kind == "body":
            info.bodies.append(ph)
        elif ph.kind == "footer":
            if ph.ph_type == "ftr" and ph.box is not None:
                info.footer = ph.box
        else:
            info.others.append(ph)
    info.bodies.sort(key=lambda p: (p.box.left, p.box.top) if p.box else (0, 0))
    info.footer_top = footer_top
    info.outside = [(raw.name, drawn) for raw in raws if raw.ph_type not in FOOTER_TYPES
                    and (drawn := raw.box or inherited.box(raw)) is not None
                    and clamp_to_slide(drawn, slide_w, slide_h) != drawn]
    if info.outside and info.title is not None:
        info.bodies = [_below_title(body, info.title.box, slide_h) for body in info.bodies]
    shows_master = element_of(layout).get("showMasterSp", "1") not in ("0", "false")
    info.obstacles = (master_obstacles if shows_master else []) + obstacles(layout, slide_w, slide_h)
    return info


def _below_title(body: Ph, title: Box | None, slide_h: int) -> Ph:
    """``body`` starting below ``title`` when both were drawn for another slide size and, kept inside
    this one, now share their top (the title would be drawn over the body's first lines); unchanged
    when it does not overlap the title or when starting below it would leave less than half of it."""
    box = body.box
    if box is None or title is None or not (box.left < title.right and title.left < box.right
                                            and box.top < title.bottom and title.top < box.bottom):
        return body
    top = title.bottom + int(slide_h * 0.02)
    if title.top > box.top + box.height / 2 or box.bottom - top < box.height / 2:
        return body
    return replace(body, box=Box(box.left, top, box.width, box.bottom - top))
