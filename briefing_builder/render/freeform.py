"""A template's freeform shapes and groups as the outlines they draw on the slide.

A template may draw its look with freeform shapes (``a:custGeom``: a wave, a blob, a
wordmark's letters) and gather them in groups (``p:grpSp``) whose own transform moves and
scales their children. Taken as their bounding boxes, a blob covering the page's corners
becomes a page-sized rectangle and a group is not seen at all. Here:

* :func:`flatten` walks an ``spTree`` into its drawn shapes (hidden ones left out) with each one's box *on the slide*
  (group offsets and scales applied, nested groups too) and the fill a child showing its
  group's fill (``a:grpFill``) takes;
* :func:`outline` turns a ``custGeom``'s paths (moveTo, lnTo, cubicBezTo, quadBezTo, arcTo,
  close; points given as numbers or as the path's guides) into polygons in slide EMU, curves
  cut into :data:`CURVE_STEPS` straight pieces, flips and rotation applied.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import NS

#: Straight pieces each curve of a freeform is cut into.
CURVE_STEPS = 12
Polygon = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Map:
    """A group's child coordinates → slide coordinates (scale, then offset)."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def box(self, box: Box) -> Box:
        return Box(round(self.dx + box.left * self.sx), round(self.dy + box.top * self.sy),
                   round(box.width * self.sx), round(box.height * self.sy))

    def then(self, inner: _Map) -> _Map:
        """``inner`` (a nested group's map) followed by this one."""
        return _Map(self.dx + inner.dx * self.sx, self.dy + inner.dy * self.sy, self.sx * inner.sx, self.sy * inner.sy)


@dataclass(frozen=True)
class Drawn:
    """One shape of a tree as drawn: the element, its box on the slide (None: no size), the group fill it shows."""

    shape: etree._Element
    box: Box | None
    group_fill: etree._Element | None = None


def _ints(element: etree._Element | None, *names: str) -> tuple[int, ...] | None:
    if element is None:
        return None
    try:
        return tuple(int(element.get(name, "0")) for name in names)
    except ValueError:
        return None


def _group_map(group: etree._Element) -> _Map:
    xfrm = group.find("p:grpSpPr/a:xfrm", NS)
    off, ext = _ints(xfrm.find("a:off", NS), "x", "y") if xfrm is not None else None, None
    if xfrm is not None:
        ext = _ints(xfrm.find("a:ext", NS), "cx", "cy")
    child_off = _ints(xfrm.find("a:chOff", NS), "x", "y") if xfrm is not None else None
    child_ext = _ints(xfrm.find("a:chExt", NS), "cx", "cy") if xfrm is not None else None
    if off is None or ext is None or child_off is None or child_ext is None:
        return _Map()
    sx = ext[0] / child_ext[0] if child_ext[0] else 1.0
    sy = ext[1] / child_ext[1] if child_ext[1] else 1.0
    return _Map(off[0] - child_off[0] * sx, off[1] - child_off[1] * sy, sx, sy)


def _own_box(shape: etree._Element) -> Box | None:
    xfrm = shape.find("p:spPr/a:xfrm", NS)
    xfrm = xfrm if xfrm is not None else next(shape.iter(f"{{{NS['a']}}}xfrm", f"{{{NS['p']}}}xfrm"), None)
    off = _ints(xfrm.find("a:off", NS), "x", "y") if xfrm is not None else None
    ext = _ints(xfrm.find("a:ext", NS), "cx", "cy") if xfrm is not None else None
    if off is None or ext is None:
        return None
    return Box(off[0], off[1], ext[0], ext[1])


def _hidden(shape: etree._Element) -> bool:
    """The shape (or group) is hidden (``cNvPr@hidden``): PowerPoint does not draw it."""
    names = next((child for child in shape if etree.QName(child).localname.startswith("nv")), None)
    own = names.find("p:cNvPr", NS) if names is not None else None
    return own is not None and own.get("hidden") in ("1", "true")


def flatten(tree: etree._Element | None, mapping: _Map | None = None,
            group_fill: etree._Element | None = None) -> Iterator[Drawn]:
    """Every shape (not group) of ``tree`` in drawing order, with its box on the slide."""
    mapping = mapping or _Map()
    for shape in tree if tree is not None else ():
        kind = etree.QName(shape).localname
        if _hidden(shape):
            continue
        if kind == "grpSp":
            fill = next((c for c in shape.find("p:grpSpPr", NS) if etree.QName(c).localname in
                         ("solidFill", "gradFill", "pattFill", "noFill")), None) \
                if shape.find("p:grpSpPr", NS) is not None else None
            yield from flatten(shape, mapping.then(_group_map(shape)), fill if fill is not None else group_fill)
        elif kind in ("sp", "cxnSp", "pic", "graphicFrame"):
            box = _own_box(shape)
            yield Drawn(shape, mapping.box(box) if box is not None else None, group_fill)


# ----------------------------------------------------------------------------- custom geometry


def _guides(geometry: etree._Element, width: int, height: int) -> dict[str, float]:
    """The path's guide values (``val``, ``*/``, ``+-``, ``+/`` formulas; others are left out)."""
    values: dict[str, float] = {"w": width, "h": height, "l": 0, "t": 0, "r": width, "b": height}
    for guide in geometry.iterfind("a:gdLst/a:gd", NS):
        words = guide.get("fmla", "").split()

        def arg(word: str) -> float:
            return values[word] if word in values else float(word)
        try:
            op, args = words[0], [arg(w) for w in words[1:]]
            if op == "val":
                values[guide.get("name", "")] = args[0]
            elif op == "*/":
                values[guide.get("name", "")] = args[0] * args[1] / args[2] if args[2] else 0.0
            elif op == "+-":
                values[guide.get("name", "")] = args[0] + args[1] - args[2]
            elif op == "+/":
                values[guide.get("name", "")] = (args[0] + args[1]) / args[2] if args[2] else 0.0
        except (IndexError, KeyError, ValueError):
            continue
    return values


def _point(pt: etree._Element, guides: dict[str, float]) -> tuple[float, float]:
    def value(name: str) -> float:
        text = pt.get(name, "0")
        return guides[text] if text in guides else float(text)
    return value("x"), value("y")


def _cubic(start: tuple[float, float], c1: tuple[float, float], c2: tuple[float, float],
           end: tuple[float, float]) -> list[tuple[float, float]]:
    out = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        out.append((u ** 3 * start[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t ** 3 * end[0],
                    u ** 3 * start[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t ** 3 * end[1]))
    return out


def _towards(point: tuple[float, float], control: tuple[float, float]) -> tuple[float, float]:
    """The cubic control point two thirds of the way from ``point`` to a quadratic curve's ``control``."""
    return point[0] + 2 * (control[0] - point[0]) / 3, point[1] + 2 * (control[1] - point[1]) / 3


def _arc(start: tuple[float, float], element: etree._Element, guides: dict[str, float]) -> list[tuple[float, float]]:
    """An ``arcTo``: the arc of the ellipse (radii wR, hR) through ``start`` from stAng, turning swAng (60000ths °)."""
    def value(name: str) -> float:
        text = element.get(name, "0")
        return guides[text] if text in guides else float(text)
    wr, hr = value("wR"), value("hR")
    st, sw = math.radians(value("stAng") / 60000), math.radians(value("swAng") / 60000)
    cx, cy = start[0] - wr * math.cos(st), start[1] - hr * math.sin(st)
    steps = max(2, round(CURVE_STEPS * abs(sw) / (math.pi / 2)))
    return [(cx + wr * math.cos(st + sw * i / steps), cy + hr * math.sin(st + sw * i / steps))
            for i in range(1, steps + 1)]


def _path_polygons(path: etree._Element, guides: dict[str, float]) -> list[list[tuple[float, float]]]:
    polygons: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for step in path:
        kind = etree.QName(step).localname
        points = [_point(pt, guides) for pt in step.iterfind("a:pt", NS)]
        if kind == "moveTo" and points:
            if len(current) > 2:
                polygons.append(current)
            current = [points[0]]
        elif kind == "lnTo" and points and current:
            current.append(points[0])
        elif kind == "cubicBezTo" and len(points) == 3 and current:
            current += _cubic(current[-1], points[0], points[1], points[2])
        elif kind == "quadBezTo" and len(points) == 2 and current:
            start, control, end = current[-1], points[0], points[1]
            current += _cubic(start, _towards(start, control), _towards(end, control), end)
        elif kind == "arcTo" and current:
            current += _arc(current[-1], step, guides)
        elif kind == "close" and len(current) > 2:
            polygons.append(current)
            current = [current[0]]
    if len(current) > 2:
        polygons.append(current)
    return polygons


def outline(shape: etree._Element, box: Box) -> tuple[Polygon, ...]:
    """The filled outline of a ``custGeom`` shape laid on ``box`` (its box on the slide), as polygons in
    slide EMU; () when the shape has no custom geometry or its paths draw no area."""
    geometry = shape.find("p:spPr/a:custGeom", NS)
    if geometry is None:
        return ()
    xfrm = shape.find("p:spPr/a:xfrm", NS)
    flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    try:
        angle = math.radians(int(xfrm.get("rot", "0")) / 60000) if xfrm is not None else 0.0
    except ValueError:
        angle = 0.0
    guides = _guides(geometry, box.width, box.height)
    centre = (box.left + box.width / 2, box.top + box.height / 2)
    found: list[Polygon] = []
    for path in geometry.iterfind("a:pathLst/a:path", NS):
        if path.get("fill") == "none":
            continue
        try:
            pw, ph = float(path.get("w", box.width) or box.width), float(path.get("h", box.height) or box.height)
        except ValueError:
            continue
        sx, sy = box.width / pw if pw else 1.0, box.height / ph if ph else 1.0
        for polygon in _path_polygons(path, guides):
            points = []
            for x, y in polygon:
                px, py = x * sx, y * sy
                px, py = (box.width - px if flip_h else px), (box.height - py if flip_v else py)
                dx, dy = box.left + px - centre[0], box.top + py - centre[1]
                points.append((round(centre[0] + dx * math.cos(angle) - dy * math.sin(angle)),
                               round(centre[1] + dx * math.sin(angle) + dy * math.cos(angle))))
            found.append(tuple(points))
    return tuple(found)
