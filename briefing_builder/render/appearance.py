"""The plain look of a template's layouts, for drawing a preview without python-pptx.

:func:`read_appearance` reads, for every slide role of an opened template, what a preview
needs to look like the deck: the background colour (layout → master → theme, scheme colours
resolved through the master's colour map), the filled rectangles (a pattern as the colour its
two colours mix to), lines and pictures on the
master (when the layout shows master shapes) and on the layout, in drawing order, the
colours of title, subtitle, body and footer text, the title's anchoring and alignment, and
where the slide number goes. Everything is returned as the frozen plain data of
:mod:`briefing_builder.compose.appearance` (colours as ``"RRGGBB"``, boxes in EMU, pictures as
bytes), so the UI can turn it into Qt objects. :func:`style_colours` lists every colour a
layout's list styles and its master's text styles give each part of the text, level by level.
"""

from __future__ import annotations

import colorsys
import re

from lxml import etree

from briefing_builder.compose.appearance import Decoration, RoleAppearance, TemplateAppearance
from briefing_builder.compose.geometry import EMU_PER_POINT, SLIDE_ROLES, Box
from briefing_builder.compose.text_contrast import blend
from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of
from briefing_builder.render.freeform import flatten, outline
from briefing_builder.render.template import OpenedTemplate
from briefing_builder.render.template_layouts import xfrm_box
from briefing_builder.render.theme import read_theme as _theme

_TITLE_TYPES = ("title", "ctrTitle")
#: The share (percent) of a pattern's area its foreground takes, for patterns other than ``pctNN``.
PATTERN_SHARE = 25


# ----------------------------------------------------------------------------- colours


class _Colors:
    """Resolves DrawingML colour elements to ``RRGGBB`` through a colour map and a theme."""

    def __init__(self, scheme: dict[str, str], color_map: dict[str, str]) -> None:
        self.scheme = scheme
        self.map = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", **color_map}

    def of(self, element: etree._Element | None, placeholder: str | None = None) -> str | None:
        """The colour of ``a:srgbClr``/``a:schemeClr``/``a:sysClr``/``a:prstClr`` (or a fill holding one)."""
        if element is None:
            return None
        tag = etree.QName(element).localname
        if tag in ("solidFill", "fgClr", "bgClr", "buClr"):
            return self.of(element[0] if len(element) else None, placeholder)
        if tag == "gradFill":
            stop = element.find(".//a:gs", NS)
            return self.of(stop[0] if stop is not None and len(stop) else None, placeholder)
        if tag == "srgbClr":
            base = (element.get("val") or "000000").upper()
        elif tag == "sysClr":
            base = (element.get("lastClr") or "000000").upper()
        elif tag == "prstClr":
            base = {"black": "000000", "white": "FFFFFF"}.get(element.get("val", ""), "808080")
        elif tag == "schemeClr":
            name = element.get("val", "tx1")
            if name == "phClr":
                if placeholder is None:
                    return None
                base = placeholder
            else:
                base = self.scheme.get(self.map.get(name, name), "000000")
        else:
            return None
        return _transform(base, element)


def _transform(base: str, element: etree._Element) -> str:
    """Apply lumMod/lumOff/tint/shade to ``base`` (an approximation of DrawingML's maths)."""
    try:
        r, g, b = (int(base[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "000000"
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    for op in element:
        name, value = etree.QName(op).localname, int(op.get("val", "100000")) / 100000
        if name == "lumMod":
            lum *= value
        elif name == "lumOff":
            lum += value
        elif name == "tint":
            lum = lum * value + (1 - value)
        elif name == "shade":
            lum *= value
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


# ----------------------------------------------------------------------------- reading


def _background(c_sld: etree._Element | None, colors: _Colors, part: object) -> tuple[str | None, bytes]:
    """The colour (and picture bytes, for picture fills) of a ``p:bg``; None when not set."""
    bg = c_sld.find("p:bg", NS) if c_sld is not None else None
    if bg is None:
        return None, b""
    pr = bg.find("p:bgPr", NS)
    if pr is not None:
        blip = pr.find("a:blipFill/a:blip", NS)
        if blip is not None:
            return "FFFFFF", _image(part, blip.get(f"{{{NS['r']}}}embed"))
        fill = next((c for c in pr if etree.QName(c).localname in ("solidFill", "gradFill", "pattFill")), None)
        if fill is not None and etree.QName(fill).localname == "pattFill":
            return _pattern(fill, colors), b""
        return colors.of(fill), b""
    ref = bg.find("p:bgRef", NS)
    if ref is not None and len(ref):
        return colors.of(ref[0]), b""
    return None, b""


def _pattern(fill: etree._Element, colors: _Colors) -> str | None:
    """A pattern fill's colour as the eye sees it: its foreground over its background at the pattern's share
    (``pctNN``: NN %; grids, stripes and the like: a quarter)."""
    fore, back = colors.of(fill.find("a:fgClr", NS)), colors.of(fill.find("a:bgClr", NS))
    if fore is None or back is None:
        return fore or back
    share = re.fullmatch(r"pct(\d+)", fill.get("prst", ""))
    return blend(fore, back, min(int(share.group(1)), 100) if share else PATTERN_SHARE)


def _image(part: object, rid: str | None) -> bytes:
    if not rid:
        return b""
    try:
        blob: bytes = part.related_part(rid).blob  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return b""
    return blob


def _box(sp: etree._Element) -> Box | None:
    return xfrm_box(sp, lines=True)


def _decorations(tree: etree._Element | None, colors: _Colors, part: object) -> list[Decoration]:
    """Non-placeholder rectangles, ellipses, freeforms, lines and pictures of an ``spTree`` (inside groups too), in
    order."""
    found: list[Decoration] = []
    for drawn in flatten(tree):
        shape, box = drawn.shape, drawn.box
        kind = etree.QName(shape).localname
        if shape.find(".//p:nvPr/p:ph", NS) is not None or kind not in ("sp", "cxnSp", "pic"):
            continue
        if box is None or not (box.width > 0 or box.height > 0):
            continue
        if kind == "pic":
            blip = shape.find(".//a:blip", NS)
            data = _image(part, blip.get(f"{{{NS['r']}}}embed") if blip is not None else None)
            if data and box.width and box.height:
                found.append(Decoration("picture", box, image=data))
            continue
        sp_pr = shape.find("p:spPr", NS)
        geometry = sp_pr.find("a:prstGeom", NS) if sp_pr is not None else None
        preset = geometry.get("prst", "rect") if geometry is not None else "rect"
        style = shape.find("p:style", NS)
        fill = _fill(sp_pr, colors, style.find("a:fillRef", NS) if style is not None else None, drawn.group_fill)
        line, width = _line(sp_pr, colors, style.find("a:lnRef", NS) if style is not None else None)
        if kind == "cxnSp" or preset in ("line", "straightConnector1"):
            if line:
                found.append(Decoration("line", box, line=line, line_width=width or EMU_PER_POINT))
            continue
        if (fill is None and line is None) or not (box.width and box.height):
            continue
        if sp_pr is not None and sp_pr.find("a:custGeom", NS) is not None:
            polygons = outline(shape, box)
            if polygons:
                found.append(Decoration("path", box, fill, line, width, polygons=polygons))
            continue
        if preset not in ("rect", "roundRect", "ellipse", "snip1Rect", "round2SameRect"):
            continue
        found.append(Decoration("ellipse" if preset == "ellipse" else "rect", box, fill, line, width,
                                radius=0.16 if preset == "roundRect" else 0.0))
    return found


def _fill(sp_pr: etree._Element | None, colors: _Colors, style_ref: etree._Element | None,
          group_fill: etree._Element | None = None) -> str | None:
    if sp_pr is not None and sp_pr.find("a:grpFill", NS) is not None:  # the fill of the group it is in
        kind = etree.QName(group_fill).localname if group_fill is not None else "noFill"
        if kind == "noFill":
            return None
        return _pattern(group_fill, colors) if kind == "pattFill" else colors.of(group_fill)
    if sp_pr is not None:
        if sp_pr.find("a:noFill", NS) is not None:
            return None
        for name in ("solidFill", "gradFill"):
            element = sp_pr.find(f"a:{name}", NS)
            if element is not None:
                return colors.of(element)
        pattern = sp_pr.find("a:pattFill", NS)
        if pattern is not None:
            return _pattern(pattern, colors)
    if style_ref is not None and len(style_ref) and style_ref.get("idx", "0") != "0":
        return colors.of(style_ref[0])
    return None


def _line(sp_pr: etree._Element | None, colors: _Colors, style_ref: etree._Element | None) -> tuple[str | None, int]:
    ln = sp_pr.find("a:ln", NS) if sp_pr is not None else None
    width = int(ln.get("w", "0")) if ln is not None and ln.get("w", "").isdigit() else 0
    if ln is not None:
        if ln.find("a:noFill", NS) is not None:
            return None, 0
        solid = ln.find("a:solidFill", NS)
        if solid is not None:
            return colors.of(solid), width
    if style_ref is not None and len(style_ref) and style_ref.get("idx", "0") != "0":
        return colors.of(style_ref[0]), width or 9525
    return None, 0


def _own_fill(shapes: list[etree._Element | None], colors: _Colors) -> str | None:
    """The fill a placeholder shows behind its text: the layout's own, else the master's it inherits."""
    for shape in shapes:
        if shape is None:
            continue
        sp_pr = shape.find("p:spPr", NS)
        if sp_pr is not None and sp_pr.find("a:noFill", NS) is not None:
            return None
        style = shape.find("p:style", NS)
        fill = _fill(sp_pr, colors, style.find("a:fillRef", NS) if style is not None else None)
        if fill is not None:
            return fill
    return None


def _placeholder(tree: etree._Element | None, types: tuple[str, ...]) -> etree._Element | None:
    for ph in tree.iter(f"{{{NS['p']}}}ph") if tree is not None else ():
        if ph.get("type", "obj") in types:
            return ph.getparent().getparent().getparent()
    return None


def _text_look(shapes: list[etree._Element | None], style: etree._Element | None,
               colors: _Colors) -> tuple[str | None, bool | None, str | None, str | None]:
    """(colour, bold, alignment, anchor) of level-1 text: placeholders first, then the master style."""
    color = bold = align = anchor = None
    for source in [*(s.find(".//a:lstStyle/a:lvl1pPr", NS) if s is not None else None for s in shapes), style]:
        if source is None:
            continue
        rpr = source.find("a:defRPr", NS)
        if color is None and rpr is not None:
            fill = rpr.find("a:solidFill", NS)
            color = colors.of(fill if fill is not None else rpr.find("a:gradFill", NS))  # a gradient: its first stop
        if bold is None and rpr is not None and rpr.get("b") is not None:
            bold = rpr.get("b") in ("1", "true")
        if align is None:
            align = source.get("algn")
    for shape in shapes:
        body = shape.find(".//a:bodyPr", NS) if shape is not None else None
        if anchor is None and body is not None:
            anchor = body.get("anchor")
    return color, bold, align, anchor


def _role(role: str, layout: object, scheme: dict[str, str]) -> RoleAppearance:
    master = layout.slide_master  # type: ignore[attr-defined]
    m_root, l_root = element_of(master), element_of(layout)
    cmap = m_root.find("p:clrMap", NS)
    colors = _Colors(scheme, dict(cmap.attrib) if cmap is not None else {})
    l_csld, m_csld = l_root.find("p:cSld", NS), m_root.find("p:cSld", NS)
    color, picture = _background(l_csld, colors, layout.part)  # type: ignore[attr-defined]
    if color is None:
        color, picture = _background(m_csld, colors, master.part)
    decorations: list[Decoration] = []
    if picture:
        decorations.append(Decoration("picture", Box(0, 0, 0, 0), image=picture))  # 0×0: the whole slide
    l_tree, m_tree = l_csld.find("p:spTree", NS), m_csld.find("p:spTree", NS)
    if l_root.get("showMasterSp", "1") not in ("0", "false"):
        decorations += _decorations(m_tree, colors, master.part)
    decorations += _decorations(l_tree, colors, layout.part)  # type: ignore[attr-defined]
    styles = m_root.find("p:txStyles", NS)

    def style(name: str) -> etree._Element | None:
        return styles.find(f"p:{name}/a:lvl1pPr", NS) if styles is not None else None

    title_shapes = [_placeholder(l_tree, _TITLE_TYPES), _placeholder(m_tree, _TITLE_TYPES)]
    body_shapes = [_placeholder(l_tree, ("body", "obj")), _placeholder(m_tree, ("body", "obj"))]
    own_subtitle = _placeholder(l_tree, ("subTitle",))
    subtitle_shapes = [own_subtitle if own_subtitle is not None else _placeholder(l_tree, ("body", "obj")),
                       _placeholder(m_tree, ("body", "obj"))]
    title = _text_look(title_shapes, style("titleStyle"), colors)
    body = _text_look(body_shapes, style("bodyStyle"), colors)
    subtitle = _text_look([own_subtitle], style("bodyStyle"), colors)
    fills = tuple((part, fill) for part, shapes in (("title", title_shapes), ("subtitle", subtitle_shapes),
                                                    ("body", body_shapes))
                  if (fill := _own_fill(shapes, colors)) is not None)
    footer = _text_look([_placeholder(l_tree, ("ftr",)), _placeholder(m_tree, ("ftr",))],
                        style("otherStyle"), colors)
    bullet = styles.find("p:bodyStyle/a:lvl1pPr/a:buClr", NS) if styles is not None else None
    # The layout's slide number may inherit its position from the master's.
    numbers = [_placeholder(tree, ("sldNum",)) for tree in (l_tree, m_tree)]
    number_box = next((box for box in (_box(n) for n in numbers if n is not None) if box is not None), None)
    return RoleAppearance(
        role=role, background=color or colors.scheme.get(colors.map.get("bg1", "lt1"), "FFFFFF"),
        decorations=tuple(decorations), title_color=title[0] or "000000", title_bold=bool(title[1]),
        title_anchor=title[3] or "ctr", title_align=title[2] or "l", subtitle_color=subtitle[0] or body[0] or "404040",
        body_color=body[0] or "000000", bullet_color=colors.of(bullet), footer_color=footer[0] or "808080",
        number_box=number_box if numbers[0] is not None else None, text_fills=fills)


#: The placeholder types each part's text goes in, and how many list levels the writer may use there.
_PART_SOURCES = {"title": (_TITLE_TYPES, "titleStyle", 1), "subtitle": (("subTitle", "body", "obj"), "bodyStyle", 1),
                 "body": (("body", "obj"), "bodyStyle", 9)}


def style_colours(layout: object) -> tuple[tuple[str, str], ...]:
    """Every text colour a layout's list styles or its master's text styles give title, subtitle and body text.

    For each part, each list level the writer uses takes its colour from the layout's placeholders
    of that part (every one, and a level repeated in one list style counts each time: renderers
    differ on which wins), else from the master's placeholder, else from the master's text style.
    Returns (part, ``RRGGBB``) pairs, each distinct pair once.
    """
    master = layout.slide_master  # type: ignore[attr-defined]
    m_root, l_root = element_of(master), element_of(layout)
    cmap = m_root.find("p:clrMap", NS)
    colors = _Colors(_theme(master.part)[0], dict(cmap.attrib) if cmap is not None else {})
    l_tree, m_tree = l_root.find("p:cSld/p:spTree", NS), m_root.find("p:cSld/p:spTree", NS)
    styles = m_root.find("p:txStyles", NS)
    found: dict[tuple[str, str], None] = {}
    for part, (types, style_name, levels) in _PART_SOURCES.items():
        layers = [_placeholders(l_tree, types), [s for s in [_placeholder(m_tree, types)] if s is not None]]
        for level in range(1, levels + 1):
            tag = f"a:lvl{level}pPr"
            for layer in layers:
                colours = [c for shape in layer for c in _level_colours(shape.findall(f".//a:lstStyle/{tag}", NS),
                                                                        colors)]
                if colours:
                    break
            else:
                style = styles.findall(f"p:{style_name}/{tag}", NS) if styles is not None else []
                colours = _level_colours(style, colors)
            found.update(((part, c), None) for c in colours)
    return tuple(found)


def _placeholders(tree: etree._Element | None, types: tuple[str, ...]) -> list[etree._Element]:
    return [ph.getparent().getparent().getparent() for ph in (tree.iter(f"{{{NS['p']}}}ph") if tree is not None else ())
            if ph.get("type", "obj") in types]


def _level_colours(levels: list[etree._Element], colors: _Colors) -> list[str]:
    found = []
    for level in levels:
        fill = level.find("a:defRPr/a:solidFill", NS)
        colour = colors.of(fill if fill is not None else level.find("a:defRPr/a:gradFill", NS))
        if colour is not None:
            found.append(colour)
    return found


def read_appearance(template: OpenedTemplate) -> TemplateAppearance:
    """The look of every slide role of ``template`` (read-only; the template is not changed)."""
    roles: dict[str, RoleAppearance] = {}
    theme_colors: dict[str, str] = {}
    fonts = ("Calibri", "Calibri")
    for role in SLIDE_ROLES:
        layout = template.layouts[role]
        scheme, major, minor = _theme(layout.slide_master.part)
        if role == "content" or not theme_colors:
            theme_colors, fonts = scheme, (major, minor)
        roles[role] = _role(role, layout, scheme)
    return TemplateAppearance(roles, theme_colors, template.geometry.heading_font or fonts[0],
                              template.geometry.body_font or fonts[1])
