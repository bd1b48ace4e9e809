"""Find a layout for every slide role in a template, and where its boxes are.

Layouts are recognised by their standard ``type`` attribute and by the placeholders they
carry (title / centred title, subtitle, number of body boxes), across all slide masters —
never by position or by their (often localised) names. Placeholders without their own
position inherit it from the slide master, as PowerPoint does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree
from pptx.slide import SlideLayout, SlideMaster

from briefing_builder.compose.geometry import SLIDE_ROLES, Box, RoleGeometry

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TEXT_BODY_TYPES = {"body", "obj"}
_FOOTER_TYPES = {"dt", "ftr", "sldNum", "hdr"}
ROLE_WORDS: dict[str, str] = {
    "title": "title slides", "agenda": "agenda slides", "section": "section dividers",
    "content": "text slides (title and content)", "two_content": "two-column slides",
    "title_only": "title-only slides", "closing": "closing slides",
}


@dataclass(frozen=True)
class Ph:
    """One placeholder of a layout: its type, idx and (possibly inherited) box."""

    ph_type: str
    idx: int
    box: Box | None


@dataclass(frozen=True)
class RolePlaceholders:
    """Which layout placeholder (by idx) receives each box of a role.

    ``None`` means there is no placeholder for that box: add a text box at the box given
    in the :class:`RoleGeometry`. ``unused`` lists body placeholders the slide should drop.
    """

    title: int | None
    subtitle: int | None
    bodies: tuple[int | None, ...]
    unused: tuple[int, ...] = ()


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


def _xfrm_box(shape: etree._Element) -> Box | None:
    for xfrm in shape.iter(f"{{{NS_A}}}xfrm", f"{{{NS_P}}}xfrm"):
        off, ext = xfrm.find(f"{{{NS_A}}}off"), xfrm.find(f"{{{NS_A}}}ext")
        if off is None or ext is None:
            return None
        try:
            box = Box(int(off.get("x", 0)), int(off.get("y", 0)),
                      int(ext.get("cx", 0)), int(ext.get("cy", 0)))
        except ValueError:
            return None
        return box if box.width > 0 and box.height > 0 else None
    return None


def _placeholders(element: etree._Element) -> list[tuple[str, int, Box | None]]:
    """(type, idx, own box) of every placeholder in a layout or master spTree."""
    found = []
    for ph in element.iter(f"{{{NS_P}}}ph"):
        shape = ph
        for _ in range(3):
            shape = shape.getparent() if shape is not None else None
        if shape is None:
            continue
        try:
            idx = int(ph.get("idx", "0"))
        except ValueError:
            idx = 0
        sppr = shape.find(f"{{{NS_P}}}spPr")
        if sppr is None:
            sppr = shape.find(f"{{{NS_P}}}xfrm")
            box = _xfrm_box(shape) if sppr is not None else None
        else:
            box = _xfrm_box(sppr)
        found.append((ph.get("type", "obj"), idx, box))
    return found


def _master_boxes(master: SlideMaster) -> dict[str, Box]:
    boxes: dict[str, Box] = {}
    for ph_type, _idx, box in _placeholders(master._element):
        key = "title" if ph_type in ("title", "ctrTitle") else (
            ph_type if ph_type in _FOOTER_TYPES else "body")
        if box is not None and key not in boxes:
            boxes[key] = box
    return boxes


def inspect_layouts(masters: list[SlideMaster], slide_w: int, slide_h: int) -> list[LayoutInfo]:
    """Read every layout of every master into a :class:`LayoutInfo`, in master order."""
    infos: list[LayoutInfo] = []
    minor_area = 0.03 * slide_w * slide_h
    for m_index, master in enumerate(masters):
        inherited = _master_boxes(master)
        for layout in master.slide_layouts:
            info = LayoutInfo(layout, m_index, layout.name or "(unnamed layout)",
                              layout._element.get("type", "cust"), None, False, None, [])
            footer_tops = []
            for ph_type, idx, box in _placeholders(layout._element):
                key = "title" if ph_type in ("title", "ctrTitle") else (
                    ph_type if ph_type in _FOOTER_TYPES else "body")
                ph = Ph(ph_type, idx, box or inherited.get(key))
                if key == "title" and info.title is None:
                    info.title, info.centred_title = ph, ph_type == "ctrTitle"
                elif ph_type == "subTitle" and info.subtitle is None:
                    info.subtitle = ph
                elif ph_type in _FOOTER_TYPES:
                    if ph_type == "ftr" and ph.box is not None:
                        info.footer = ph.box
                    if ph.box is not None and ph.box.top > slide_h / 2:
                        footer_tops.append(ph.box.top)
                elif ph_type in _TEXT_BODY_TYPES and (
                        ph.box is None or ph.box.width * ph.box.height >= minor_area):
                    info.bodies.append(ph)
                else:
                    info.others.append(ph)
            info.bodies.sort(key=lambda p: (p.box.left, p.box.top) if p.box else (0, 0))
            info.footer_top = min(footer_tops) if footer_tops else None
            infos.append(info)
    return infos


# --------------------------------------------------------------------------- scoring
def _is_title_type(i: LayoutInfo) -> bool:
    return i.type == "title" or (i.centred_title and i.subtitle is not None)


def _score(role: str, i: LayoutInfo) -> int | None:
    """How well layout ``i`` suits ``role`` (higher is better; None: not at all)."""
    n = len(i.bodies)
    if role in ("title", "closing"):
        if i.type == "title":
            return 100
        if i.centred_title and i.subtitle is not None:
            return 90
        return 60 if i.centred_title else None
    if i.title is None:
        return None
    if role == "section":
        return 100 if i.type == "secHead" else None
    if role in ("content", "agenda"):
        if n != 1 or _is_title_type(i) or i.type == "secHead":
            return None
        return 100 if i.type in ("obj", "tx") else (70 if not i.others else 50)
    if role == "two_content":
        if i.type in ("twoObj", "twoColTx") and n >= 2:
            return 100
        if i.type == "twoTxTwoObj" and n >= 2:
            return 60
        if n == 2 and not _is_title_type(i) and i.type not in ("secHead", "objTx", "picTx"):
            a, b = i.bodies[0].box, i.bodies[1].box
            t = i.title.box
            side_by_side = a and b and (a.right <= b.left or b.right <= a.left)
            if side_by_side and (t is None or min(a.top, b.top) >= t.top + t.height // 2) \
                    and min(a.width, b.width) >= 0.6 * max(a.width, b.width):
                return 50
        return None
    if role == "title_only":
        if i.type == "titleOnly":
            return 100
        if n == 0 and i.subtitle is None and not i.centred_title and not i.others:
            return 70
        return None
    return None


def _best(role: str, infos: list[LayoutInfo], exclude: LayoutInfo | None = None
          ) -> LayoutInfo | None:
    best, best_score = None, -1
    for info in infos:
        score = _score(role, info)
        if score is not None and score > best_score and info is not exclude:
            best, best_score = info, score
    return best


# --------------------------------------------------------------------------- geometry
class Frame:
    """Slide size, with helpers that synthesise boxes a layout does not have."""

    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height

    def title_box(self, info: LayoutInfo) -> Box:
        """The layout's title box, or a band at the top of the slide."""
        if info.title is not None and info.title.box is not None:
            return info.title.box
        m = int(self.w * 0.05)
        return Box(m, int(self.h * 0.05), self.w - 2 * m, int(self.h * 0.15))

    def area_under_title(self, info: LayoutInfo) -> Box:
        """The free area between the title and the footer, for a synthesised body."""
        title = self.title_box(info)
        top = title.bottom + int(self.h * 0.03)
        bottom = info.footer_top if info.footer_top and info.footer_top > top else None
        bottom = (bottom - int(self.h * 0.02)) if bottom else int(self.h * 0.9)
        if bottom - top < self.h * 0.2:
            top, bottom = int(self.h * 0.25), int(self.h * 0.9)
        return Box(title.left, top, title.width, bottom - top)

    def split(self, box: Box) -> tuple[Box, Box]:
        """Two side-by-side halves of ``box`` with a gutter."""
        gap = int(self.w * 0.03)
        half = (box.width - gap) // 2
        return (Box(box.left, box.top, half, box.height),
                Box(box.left + half + gap, box.top, half, box.height))


Result = tuple[RoleGeometry, RolePlaceholders]


def natural(role: str, info: LayoutInfo, frame: Frame, fallback: bool = False) -> Result:
    """Geometry of ``role`` on a layout that carries what the role needs (or close)."""
    title_idx = info.title.idx if info.title else None
    title = frame.title_box(info)
    fallback = fallback or info.title is None or info.title.box is None
    bodies = list(info.bodies)
    sub = info.subtitle
    if role in ("title", "closing"):
        if sub is None and bodies:
            sub = bodies.pop(0)
        return (RoleGeometry(role, info.name, title, (), sub.box if sub else None, fallback),
                RolePlaceholders(title_idx, sub.idx if sub else None, (),
                                 tuple(b.idx for b in bodies)))
    if role == "title_only":
        return (RoleGeometry(role, info.name, title, (), None, fallback),
                RolePlaceholders(title_idx, None, (), tuple(b.idx for b in bodies)))
    if role == "section" and not bodies and sub is not None:
        bodies = [sub]
    want = 2 if role == "two_content" else 1
    if role == "two_content" and len(bodies) > 2:
        big = sorted(bodies, key=lambda p: -(p.box.width * p.box.height if p.box else 0))[:2]
        bodies = [b for b in bodies if b in big]
    if role in ("content", "agenda", "section"):
        bodies = bodies[:want] if role != "section" else bodies
    used = [b for b in bodies if b.box is not None]
    unused = tuple(b.idx for b in info.bodies if b not in used)
    boxes = tuple(b.box for b in used if b.box is not None)
    idxs: tuple[int | None, ...] = tuple(b.idx for b in used)
    if role != "section" and len(boxes) < want:
        area = frame.area_under_title(info)
        boxes = frame.split(area) if want == 2 else (area,)
        idxs = (None,) * want
        unused = tuple(b.idx for b in info.bodies)
        fallback = True
    return (RoleGeometry(role, info.name, title, boxes, None, fallback),
            RolePlaceholders(title_idx, None, idxs, unused))


Fallback = tuple[str, Callable[[LayoutInfo, Frame], Result], str]


def _content_from_title_only(role: str) -> Callable[[LayoutInfo, Frame], Result]:
    def make(info: LayoutInfo, frame: Frame) -> Result:
        area = frame.area_under_title(info)
        return (RoleGeometry(role, info.name, frame.title_box(info), (area,), None, True),
                RolePlaceholders(info.title.idx if info.title else None, None, (None,),
                                 tuple(b.idx for b in info.bodies)))
    return make


def _two_from_content(info: LayoutInfo, frame: Frame) -> Result:
    body = info.bodies[0].box or frame.area_under_title(info)
    return (RoleGeometry("two_content", info.name, frame.title_box(info), frame.split(body),
                         None, True),
            RolePlaceholders(info.title.idx if info.title else None, None, (None, None),
                             tuple(b.idx for b in info.bodies)))


def _as(role: str) -> Callable[[LayoutInfo, Frame], Result]:
    def make(info: LayoutInfo, frame: Frame) -> Result:
        return natural(role, info, frame, fallback=True)
    return make


#: For each role: (detected role whose layout to borrow, how, phrase for the warning).
FALLBACKS: dict[str, list[Fallback]] = {
    "content": [("title_only", _content_from_title_only("content"),
                 "with a text box under the title"),
                ("two_content", _content_from_title_only("content"),
                 "with one text box across both columns"),
                ("section", _as("content"), "with the section text box as the body")],
    "agenda": [("content", _as("agenda"), "(the text-slide layout)"),
               ("title_only", _content_from_title_only("agenda"),
                "with a text box under the title")],
    "two_content": [("content", _two_from_content, "with the body split in two"),
                    ("title_only", _as("two_content"), "with two text boxes under the title")],
    "section": [("title", _as("section"), "(the title-slide layout)"),
                ("title_only", _as("section"), "(title only)"),
                ("content", _as("section"), "(the text-slide layout)")],
    "title": [("section", _as("title"), "(the section layout)"),
              ("title_only", _as("title"), "(title only)"),
              ("content", _as("title"), "(the text-slide layout)")],
    "title_only": [("content", _as("title_only"), "leaving its body out"),
                   ("section", _as("title_only"), "leaving its text box out"),
                   ("title", _as("title_only"), "(the title-slide layout)")],
    "closing": [("title_only", _as("closing"), "(title only)"),
                ("content", _as("closing"), "(the text-slide layout)")],
}


def detect_roles(infos: list[LayoutInfo], frame: Frame, template_name: str,
                 pinned: dict[str, LayoutInfo] | None = None
                 ) -> tuple[dict[str, Result], dict[str, LayoutInfo], list[str]]:
    """Choose a layout per role; returns geometry, chosen layouts and warning strings."""
    pinned = pinned or {}
    chosen: dict[str, LayoutInfo] = {}
    results: dict[str, Result] = {}
    warnings: list[str] = []
    direct: dict[str, LayoutInfo | None] = {r: pinned.get(r) or _best(r, infos)
                                            for r in SLIDE_ROLES if r != "closing"}
    if "closing" in pinned:
        direct["closing"] = pinned["closing"]
    else:
        title = direct["title"]
        direct["closing"] = (_best("closing", infos, exclude=title) if title else None) \
            or title or _best("section", infos)
    for role in SLIDE_ROLES:
        info = direct[role]
        if info is not None:
            geo = natural(role, info, frame)
            if geo[0].fallback:
                if info.title is None or info.title.box is None:
                    what, how = "title placeholder", "with the title placed by the app"
                else:
                    what = "body placeholder"
                    how = ("with two text boxes under the title" if role == "two_content"
                           else "with a text box under the title")
                warnings.append(f"Template '{template_name}': layout '{info.name}' (used for "
                                f"{ROLE_WORDS[role]}) has no {what}; using it {how}.")
            chosen[role], results[role] = info, geo
            continue
        for source, make, how in FALLBACKS.get(role, []):
            src = direct.get(source) if source != role else None
            if src is not None:
                chosen[role], results[role] = src, make(src, frame)
                warnings.append(f"Template '{template_name}' has no layout for "
                                f"{ROLE_WORDS[role]}; using '{src.name}' {how}.")
                break
        else:
            src = next((i for i in infos if i.title is not None), infos[0])
            chosen[role], results[role] = src, natural(role, src, frame, fallback=True)
            warnings.append(f"Template '{template_name}' has no layout for "
                            f"{ROLE_WORDS[role]}; using '{src.name}' with boxes placed "
                            "by the app.")
    return results, chosen, warnings
