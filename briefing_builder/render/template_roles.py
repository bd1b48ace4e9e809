"""Choose a layout for every slide role by scoring every layout of every master, and say where its boxes go.

Each layout is scored for each role by geometry, not by order or (localised) name: for text
roles, the share of the slide its usable body area covers (the body clipped to below the
title and above the footer band); for two columns, two side-by-side bodies of similar
width; for title, section and closing slides, the placeholders they need (a title, a
subtitle) and the layout's standard type. A layout with a title but no usable body can
still take text in a *text box over its largest free area* (below the title, above the
footer band, clear of its pictures and shapes), scored the same way but lower than a real
placeholder. When no layout scores for a role, a layout chosen for a related role is
borrowed (``FALLBACKS``) and the build says so. Layouts come from
:mod:`render.template_layouts` (placeholders classified by type, name and geometry); the
measures of the room a layout leaves for text from :mod:`render.template_frame`, and the
warnings about the layouts chosen from :mod:`render.template_role_warnings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefing_builder.compose.free_area import overlaps
from briefing_builder.compose.geometry import SLIDE_ROLES, Box, RoleGeometry
from briefing_builder.render.template_frame import Frame
from briefing_builder.render.template_layouts import LayoutInfo, Ph
from briefing_builder.render.template_role_warnings import layout_warnings, overlap_warnings

ROLE_WORDS: dict[str, str] = {
    "title": "title slides", "agenda": "agenda slides", "section": "section dividers",
    "content": "text slides (title and content)", "two_content": "two-column slides",
    "title_only": "title-only slides", "closing": "closing slides",
}
_SECTION_WORDS = re.compile(
    r"section|abschnitt|sektion|secci[oó]n|se[cç][aã]o|sezione|sectie|sekcja|oddíl|osio|"
    r"раздел|секция|セクション|节|節|구역", re.IGNORECASE)
#: A text box the app adds scores this much below a placeholder of the same area.
TEXT_BOX_PENALTY = 12.0
#: A closing slide takes a layout other than the title slide's only when it scores this (a title layout).
CLOSING_OWN_SCORE = 60.0
#: A body placeholder grown into the free space below it scores this much below its area.
GROWN_PENALTY = 6.0
#: Lowest scores at which a layout is used for a role without falling back.
MIN_SCORE = {"title": 20.0, "closing": 20.0, "section": 40.0, "title_only": 15.0,
             "content": 8.0, "agenda": 8.0, "two_content": 8.0}


@dataclass(frozen=True)
class RolePlaceholders:
    """Which placeholder receives each box of a role, by its position among a new slide's placeholders.

    ``None`` means there is no placeholder for that box: add a text box at the box given
    in the :class:`RoleGeometry`. ``unused`` lists body placeholders the slide should drop.
    """

    title: int | None
    subtitle: int | None
    bodies: tuple[int | None, ...]
    unused: tuple[int, ...] = ()


Result = tuple[RoleGeometry, RolePlaceholders]


@dataclass(frozen=True)
class Choice:
    """A way of using one layout for one role, with its score; ``how`` describes a text box the app adds."""

    info: LayoutInfo
    score: float
    result: Result
    how: str = ""


def _order(ph: Ph | None) -> int | None:
    return ph.order if ph is not None else None


def _unused(info: LayoutInfo, used: list[Ph]) -> tuple[int, ...]:
    return tuple(b.order for b in info.bodies if b not in used and b.order is not None)


def _geometry(role: str, info: LayoutInfo, frame: Frame, title: Box, bodies: tuple[Box, ...],
              subtitle: Box | None = None, fallback: bool = False) -> RoleGeometry:
    lines = subtitle or (bodies[0] if bodies and role in ("title", "section", "closing") else None)
    return RoleGeometry(role, info.name, title, bodies, subtitle,
                        fallback or info.title is None or info.title.box is None, free=frame.free_box(info),
                        subtitle_room=frame.room_around(lines, info) if lines is not None else None)


def _text_result(role: str, info: LayoutInfo, frame: Frame, used: list[Ph], fallback: bool = False,
                 boxes: tuple[Box, ...] | None = None) -> Result:
    """Bodies in placeholders ``used`` (at their own boxes, or moved to ``boxes``)."""
    boxes = boxes if boxes is not None else tuple(b.box for b in used if b.box is not None)
    return (_geometry(role, info, frame, frame.title_box(info), boxes, fallback=fallback),
            RolePlaceholders(_order(info.title), None, tuple(b.order for b in used), _unused(info, used)))


def _box_result(role: str, info: LayoutInfo, frame: Frame, boxes: tuple[Box, ...]) -> Result:
    """Text boxes the app adds (no placeholder receives the body)."""
    return (_geometry(role, info, frame, frame.title_box(info), boxes, fallback=True),
            RolePlaceholders(_order(info.title), None, (None,) * len(boxes), _unused(info, [])))


def _title_like(role: str, info: LayoutInfo, frame: Frame, fallback: bool = False) -> Result:
    """Title, closing and title-only slides: a title, and a subtitle (or the first body) where it has one."""
    sub = info.subtitle
    bodies = list(info.bodies)
    if role in ("title", "closing") and sub is None and bodies:
        sub = bodies.pop(_own_first(bodies))
    if role == "title_only":
        sub = None
    used = [sub] if sub is not None else []
    box = sub.box if sub else None
    if role in ("title", "closing") and box is None:
        box = frame.free_box(info)  # subtitle, date, venue, presenter go in a text box there
    return (_geometry(role, info, frame, frame.title_box(info), (), box, fallback),
            RolePlaceholders(_order(info.title), _order(sub), (), _unused(info, used)))


def _own_first(bodies: list[Ph]) -> int:
    """Index of the first placeholder the layout places itself (the others only inherit the master's box)."""
    return next((i for i, b in enumerate(bodies) if b.own_box), 0)


def _section(info: LayoutInfo, frame: Frame, fallback: bool = False) -> Result:
    """A section divider: its text in the layout's body (or subtitle), else in a text box over a free area."""
    text = info.bodies or ([info.subtitle] if info.subtitle is not None else [])
    used = sorted((b for b in text if b.box is not None), key=lambda b: not b.own_box)[:1]
    geo, placeholders = _text_result("section", info, frame, used, fallback)
    if not used:  # a title-only layout, or one whose text placeholder is a sliver: keep the section's line
        line = frame.free_box(info) or frame.band_above_title(info)
        geo = replace(geo, subtitle=line, subtitle_room=frame.room_around(line, info) if line is not None else None)
    return geo, placeholders


def _largest_body(info: LayoutInfo, frame: Frame) -> Ph | None:
    bodies = [b for b in info.bodies if frame.usable(b.box, info) > 0]
    return max(bodies, key=lambda b: frame.usable(b.box, info), default=None)


def _side_by_side(info: LayoutInfo, frame: Frame) -> list[Ph] | None:
    """The two largest bodies that stand side by side with similar widths, left one first."""
    bodies = sorted((b for b in info.bodies if frame.usable(b.box, info) > 0),
                    key=lambda b: -frame.usable(b.box, info))
    for i, a in enumerate(bodies):
        for b in bodies[i + 1:]:
            x, y = sorted((a, b), key=lambda p: p.box.left)  # type: ignore[union-attr]
            widths = (x.box.width, y.box.width)  # type: ignore[union-attr]
            if x.box.right <= y.box.left and min(widths) >= 0.6 * max(widths):  # type: ignore[union-attr]
                return [x, y]
    return None


# --------------------------------------------------------------------------- scoring
def _is_title_layout(info: LayoutInfo) -> bool:
    return info.type == "title" or (info.centred_title and info.subtitle is not None)


def _text_choices(role: str, info: LayoutInfo, frame: Frame) -> list[Choice]:
    """Content and agenda: the largest body placeholder, or a text box over the free area."""
    if info.title is None or info.vertical:
        return []
    penalty = (30.0 if _is_title_layout(info) else 0.0) + (15.0 if info.type == "secHead" else 0.0)
    choices = []
    body = _largest_body(info, frame)
    if body is not None:
        bonus = 3.0 if info.type in ("obj", "tx") else 0.0
        score = 100 * frame.usable(body.box, info) + bonus - penalty
        choices.append(Choice(info, score, _text_result(role, info, frame, [body])))
        grown = frame.grown(body.box, info) if body.box is not None else None
        if grown is not None and not _over_other_bodies(grown, body, info):  # the same placeholder, given room
            score = 100 * frame.usable(grown, info) + bonus - penalty - GROWN_PENALTY
            choices.append(Choice(info, score, _text_result(role, info, frame, [body], boxes=(grown,))))
    free = frame.free_box(info)
    if free is not None:
        score = 100 * frame.usable(free, info) - TEXT_BOX_PENALTY - penalty
        choices.append(Choice(info, score, _box_result(role, info, frame, (free,)),
                              "with a text box over its free area below the title"))
    return choices


def _over_other_bodies(box: Box, body: Ph, info: LayoutInfo) -> bool:
    """``box`` (``body`` grown) reaches over another body of the layout: one column grown across the next."""
    return any(other is not body and other.box is not None and overlaps(box, other.box) for other in info.bodies)


def _two_choices(info: LayoutInfo, frame: Frame) -> list[Choice]:
    if info.title is None or info.vertical:
        return []
    pair = _side_by_side(info, frame)
    if pair is None:
        return []
    bonus = 3.0 if info.type in ("twoObj", "twoColTx") else 0.0
    bonus -= 30.0 if _is_title_layout(info) else 0.0
    score = 100 * sum(frame.usable(b.box, info) for b in pair) + bonus
    found = [Choice(info, score, _text_result("two_content", info, frame, pair))]
    a, b = pair[0].box, pair[1].box
    top = min(a.top, b.top)  # type: ignore[union-attr]
    union = Box(a.left, top, b.right - a.left, max(a.bottom, b.bottom) - top)  # type: ignore[union-attr]
    grown = frame.grown(union, info)
    if grown is not None:  # both placeholders, given the room around them
        halves = frame.split(grown)
        score = 100 * sum(frame.usable(h, info) for h in halves) + bonus - GROWN_PENALTY
        found.append(Choice(info, score, _text_result("two_content", info, frame, pair, boxes=halves)))
    return found


def _title_choices(role: str, info: LayoutInfo, frame: Frame) -> list[Choice]:
    if info.title is None or info.vertical:
        return []
    title = frame.title_box(info)
    below = [b for b in info.bodies if b.box is not None and b.box.top >= title.top + title.height // 2]
    score = (40.0 if info.type == "title" else 0.0) + (25.0 if info.centred_title else 0.0)
    score += 20.0 if info.subtitle is not None or below else 0.0
    score += 10.0 if frame.h * 0.2 < title.top + title.height / 2 < frame.h * 0.8 else 0.0
    large = _largest_body(info, frame)
    if large is not None and frame.usable(large.box, info) > 0.25:
        score -= 30.0
    return [Choice(info, score, _title_like(role, info, frame))]


def _section_choices(info: LayoutInfo, frame: Frame) -> list[Choice]:
    if info.title is None or info.vertical:
        return []
    score = (60.0 if info.type == "secHead" else 0.0) + (35.0 if _SECTION_WORDS.search(info.name) else 0.0)
    score += 10.0 if len(info.bodies) <= 1 else 0.0
    large = _largest_body(info, frame)
    if large is not None and frame.usable(large.box, info) > 0.3:
        score -= 30.0
    return [Choice(info, score, _section(info, frame))]


def _title_only_choices(info: LayoutInfo, frame: Frame) -> list[Choice]:
    if info.title is None or info.vertical or _is_title_layout(info):
        return []
    large = [b for b in info.bodies if frame.usable(b.box, info) > 0.08]
    free = frame.free_box(info)
    score = (50.0 if info.type == "titleOnly" else 0.0) + 30.0 * frame.usable(free, info)
    score += 5.0 if not large else -40.0
    return [Choice(info, score, _title_like("title_only", info, frame))]


def choices(role: str, info: LayoutInfo, frame: Frame) -> list[Choice]:
    """Every scored way of using ``info`` for ``role``."""
    if role in ("content", "agenda"):
        return _text_choices(role, info, frame)
    if role == "two_content":
        return _two_choices(info, frame)
    if role in ("title", "closing"):
        return _title_choices(role, info, frame)
    if role == "section":
        return _section_choices(info, frame)
    return _title_only_choices(info, frame)


def best_choice(role: str, infos: list[LayoutInfo], frame: Frame, exclude: LayoutInfo | None = None,
                minimum: float | None = None) -> Choice | None:
    """The highest-scoring choice for ``role`` (first layout wins ties), if it reaches the role's minimum."""
    floor = MIN_SCORE[role] if minimum is None else minimum
    best: Choice | None = None
    for info in infos:
        if info is exclude:
            continue
        for choice in choices(role, info, frame):
            if choice.score >= floor and (best is None or choice.score > best.score + 1e-9):
                best = choice
    return best


# --------------------------------------------------------------------------- fallbacks
#: How a role borrows the choice made for another role.
Borrow = Callable[[Choice, Frame], Result]
Fallback = tuple[str, Borrow, str]


def _content_box(role: str) -> Borrow:
    def make(source: Choice, frame: Frame) -> Result:
        return _box_result(role, source.info, frame, (frame.area_under_title(source.info),))
    return make


def _two_from_content(source: Choice, frame: Frame) -> Result:
    """Two text boxes splitting the body the text slides use."""
    bodies = source.result[0].bodies
    area = bodies[0] if bodies else frame.area_under_title(source.info)
    return _box_result("two_content", source.info, frame, frame.split(area))


def _two_boxes(source: Choice, frame: Frame) -> Result:
    return _box_result("two_content", source.info, frame, frame.split(frame.area_under_title(source.info)))


def _as(role: str) -> Borrow:
    def make(source: Choice, frame: Frame) -> Result:
        return natural(role, source.info, frame, fallback=True)
    return make


def natural(role: str, info: LayoutInfo, frame: Frame, fallback: bool = False) -> Result:
    """Geometry of ``role`` on ``info`` used as it is (a pinned layout, or a borrowed one)."""
    if role in ("title", "closing", "title_only"):
        return _title_like(role, info, frame, fallback)
    if role == "section":
        return _section(info, frame, fallback)
    if role == "two_content":
        pair = _side_by_side(info, frame)
        if pair:
            return _text_result(role, info, frame, pair, fallback)
        body = _largest_body(info, frame)
        area = body.box if body is not None and body.box is not None else frame.area_under_title(info)
        return _box_result(role, info, frame, frame.split(area))
    body = _largest_body(info, frame)
    if body is None:
        return _box_result(role, info, frame, (frame.area_under_title(info),))
    return _text_result(role, info, frame, [body], fallback)


#: For each role: (role whose chosen layout to borrow, how, phrase for the warning).
FALLBACKS: dict[str, list[Fallback]] = {
    "content": [("title_only", _content_box("content"), "with a text box under the title"),
                ("two_content", _content_box("content"), "with one text box across both columns"),
                ("section", _as("content"), "with the section text box as the body")],
    "agenda": [("content", _as("agenda"), "(the text-slide layout)"),
               ("title_only", _content_box("agenda"), "with a text box under the title")],
    "two_content": [("content", _two_from_content, "with the body split in two"),
                    ("title_only", _two_boxes, "with two text boxes under the title")],
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


def _direct(infos: list[LayoutInfo], frame: Frame, pinned: dict[str, LayoutInfo]) -> dict[str, Choice | None]:
    direct: dict[str, Choice | None] = {}
    for role in SLIDE_ROLES:
        if role in pinned:
            info = pinned[role]
            scored = [c for c in choices(role, info, frame) if not c.how]
            direct[role] = max(scored, key=lambda c: c.score) if scored else \
                Choice(info, 0.0, natural(role, info, frame))
        elif role == "closing":
            title = direct["title"]
            other = best_choice(role, infos, frame, exclude=title.info, minimum=CLOSING_OWN_SCORE) if title else None
            direct[role] = other or title
        else:
            direct[role] = best_choice(role, infos, frame)
    return direct


def detect_roles(infos: list[LayoutInfo], frame: Frame, template_name: str,
                 pinned: dict[str, LayoutInfo] | None = None
                 ) -> tuple[dict[str, Result], dict[str, LayoutInfo], list[str]]:
    """Choose a layout per role; returns geometry, chosen layouts and warning strings."""
    direct = _direct(infos, frame, pinned or {})
    chosen: dict[str, LayoutInfo] = {}
    results: dict[str, Result] = {}
    warnings: list[str] = []
    for role in SLIDE_ROLES:
        choice = direct[role]
        if choice is not None:
            geo, placeholders = choice.result
            chosen[role], results[role] = choice.info, (replace(geo, score=round(choice.score, 1)), placeholders)
            if choice.how:
                warnings.append(f"Template '{template_name}' has no layout for {ROLE_WORDS[role]} with a body "
                                f"placeholder; using '{choice.info.name}' {choice.how}.")
            elif choice.info.title is None or choice.info.title.box is None:
                warnings.append(f"Template '{template_name}': layout '{choice.info.name}' (used for "
                                f"{ROLE_WORDS[role]}) has no title placeholder; using it with the title "
                                "placed by the app.")
            continue
        for source, make, how in FALLBACKS.get(role, []):
            src = direct.get(source)
            if src is not None:
                chosen[role], results[role] = src.info, make(src, frame)
                warnings.append(f"Template '{template_name}' has no layout for "
                                f"{ROLE_WORDS[role]}; using '{src.info.name}' {how}.")
                break
        else:
            src_info = next((i for i in infos if i.title is not None), infos[0])
            chosen[role], results[role] = src_info, natural(role, src_info, frame, fallback=True)
            warnings.append(f"Template '{template_name}' has no layout for "
                            f"{ROLE_WORDS[role]}; using '{src_info.name}' with boxes placed by the app.")
    geometries = {role: geo for role, (geo, _) in results.items()}
    return results, chosen, layout_warnings(warnings, chosen, frame, template_name) + \
        overlap_warnings(geometries, frame, template_name)
