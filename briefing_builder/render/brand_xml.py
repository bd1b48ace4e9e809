"""XML for the bundled brand templates: theme, slide master and the seven layouts.

Every placeholder is laid out for the requested slide size (nothing is scaled after the
fact). The packaging (zip, relationships, content types) lives in
:mod:`briefing_builder.render.brand_builder`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from briefing_builder.compose.geometry import EMU_PER_INCH as IN
from briefing_builder.ooxml.builder import element, nsmap, part_bytes, reserialised_part
from briefing_builder.ooxml.namespaces import NS

NS_A = NS["a"]
NS_P = NS["p"]
_NAMESPACES = nsmap("a", "r", "p")


@dataclass(frozen=True)
class Brand:
    """The parsed brand definition (see templates/brand.yaml)."""

    name: str
    colours: dict[str, str]
    secondary: tuple[str, ...]
    heading_font: str
    body_font: str
    monogram: str
    wordmark: str
    footer: str
    text: dict[str, float]
    sizes: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class Logo:
    """A logo picture available to a part: relationship id and aspect (width/height)."""

    rid: str
    aspect: float


def _e(value: int | float) -> int:
    return round(value)


def _box(x: float, y: float, w: float, h: float) -> etree._Element:
    return element("a:xfrm", children=[element("a:off", {"x": _e(x), "y": _e(y)}),
                                       element("a:ext", {"cx": _e(w), "cy": _e(h)})])


def _srgb(hex_colour: str) -> etree._Element:
    return element("a:solidFill", children=[element("a:srgbClr", {"val": hex_colour.upper()})])


def _no_autofit_geometry() -> etree._Element:
    return element("a:prstGeom", {"prst": "rect"}, [element("a:avLst")])


def _empty_para() -> etree._Element:
    return element("a:p", children=[element("a:endParaRPr", {"lang": "en-GB"})])


def _text_para(text: str) -> etree._Element:
    return element("a:p", children=[element("a:r", children=[element("a:rPr", {"lang": "en-GB"}),
                                                            element("a:t", text=text)])])


def _rect(sid: int, name: str, box: tuple[float, ...], colour: str) -> etree._Element:
    return element("p:sp", children=[
        element("p:nvSpPr", children=[element("p:cNvPr", {"id": sid, "name": name}), element("p:cNvSpPr"),
                                      element("p:nvPr", {"userDrawn": "1"})]),
        element("p:spPr", children=[_box(*box), _no_autofit_geometry(), _srgb(colour),
                                    element("a:ln", children=[element("a:noFill")])]),
        element("p:txBody", children=[element("a:bodyPr"), element("a:lstStyle"), _empty_para()])])


def _pic(sid: int, logo: Logo, x: float, y: float, h: float, brand: Brand) -> etree._Element:
    return element("p:pic", children=[
        element("p:nvPicPr", children=[
            element("p:cNvPr", {"id": sid, "name": "Logo", "descr": f"{brand.name} logo"}),
            element("p:cNvPicPr", children=[element("a:picLocks", {"noChangeAspect": "1"})]),
            element("p:nvPr", {"userDrawn": "1"})]),
        element("p:blipFill", children=[element("a:blip", {"r:embed": logo.rid}),
                                        element("a:stretch", children=[element("a:fillRect")])]),
        element("p:spPr", children=[_box(x, y, h * logo.aspect, h), _no_autofit_geometry()])])


def _placeholder_shape(sid: int, name: str, ph: etree._Element, box: tuple[float, ...],
                       body: list[etree._Element]) -> etree._Element:
    return element("p:sp", children=[
        element("p:nvSpPr", children=[
            element("p:cNvPr", {"id": sid, "name": name}),
            element("p:cNvSpPr", children=[element("a:spLocks", {"noGrp": "1"})]),
            element("p:nvPr", children=[ph])]),
        element("p:spPr", children=[_box(*box)]),
        element("p:txBody", children=body)])


def _ph(sid: int, name: str, ph: etree._Element, box: tuple[float, ...], paras: list[str],
        body_pr: etree._Element | None = None, lst: etree._Element | None = None) -> etree._Element:
    body = [_text_para(t) if t else _empty_para() for t in paras]
    return _placeholder_shape(sid, name, ph, box, [body_pr if body_pr is not None else element("a:bodyPr"),
                                                   lst if lst is not None else element("a:lstStyle"), *body])


def _ph_tag(kind: str | None = None, idx: int | None = None, size: str | None = None) -> etree._Element:
    """A ``p:ph`` with its attributes in PowerPoint's order (type, sz, idx)."""
    attrs: dict[str, str | int] = {}
    if kind:
        attrs["type"] = kind
    if size:
        attrs["sz"] = size
    if idx is not None:
        attrs["idx"] = idx
    return element("p:ph", attrs)


def _field_ph(sid: int, kind: str, box: tuple[float, ...], text: str = "",
              colour: str | None = None, align: str = "l", layout: bool = True,
              size_pt: float = 10.0) -> etree._Element:
    idx = {"dt": 10, "ftr": 11, "sldNum": 12}[kind] if layout else \
        {"dt": 2, "ftr": 3, "sldNum": 4}[kind]
    size = "half" if kind == "dt" else "quarter"
    names = {"dt": "Date Placeholder", "ftr": "Footer Placeholder",
             "sldNum": "Slide Number Placeholder"}
    lst = element("a:lstStyle", children=[element("a:lvl1pPr", {"algn": align}, [
        # Without a colour the old builder wrote an open and a close tag; kept so the templates stay
        # byte-identical.
        element("a:defRPr", {"sz": int(size_pt * 100)}, [_srgb(colour)] if colour else [],
                text=None if colour else "")])])
    if kind == "sldNum":
        para = element("a:p", children=[
            element("a:fld", {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"},
                    [element("a:rPr", {"lang": "en-GB"}), element("a:t", text="‹#›")]),
            element("a:endParaRPr", {"lang": "en-GB"})])
    elif kind == "dt":
        para = _empty_para()
    else:
        para = _text_para(text) if text else _empty_para()
    return _placeholder_shape(sid, f"{names[kind]} {sid - 1}", _ph_tag(kind, idx, size), box,
                              [element("a:bodyPr", {"anchor": "ctr"}), lst, para])


def _sp_tree(shapes: list[etree._Element]) -> etree._Element:
    return element("p:spTree", children=[
        element("p:nvGrpSpPr", children=[element("p:cNvPr", {"id": 1, "name": ""}), element("p:cNvGrpSpPr"),
                                         element("p:nvPr")]),
        element("p:grpSpPr", children=[element("a:xfrm", children=[
            element("a:off", {"x": 0, "y": 0}), element("a:ext", {"cx": 0, "cy": 0}),
            element("a:chOff", {"x": 0, "y": 0}), element("a:chExt", {"cx": 0, "cy": 0})])]),
        *shapes])


def _bg(colour: str) -> etree._Element:
    return element("p:bg", children=[element("p:bgPr", children=[_srgb(colour), element("a:effectLst")])])


# --------------------------------------------------------------------------- geometry
class Grid:
    """Positions shared by the master and the layouts, computed for one slide size."""

    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height
        self.m = 0.6 * IN if width / height > 1.5 else 0.5 * IN  # side margin
        self.cw = width - 2 * self.m  # content width
        self.title = (self.m, 0.42 * IN, self.cw, 0.95 * IN)
        self.rule_y = 1.45 * IN
        self.body_top = 1.72 * IN
        self.footer_line_y = height - 0.58 * IN
        self.body = (self.m, self.body_top, self.cw, self.footer_line_y - 0.2 * IN - self.body_top)
        self.gap = 0.45 * IN
        self.footer_y = height - 0.5 * IN
        self.footer_h = 0.36 * IN
        self.logo_h = 0.3 * IN

    def footer_boxes(self, logo_w: float) -> dict[str, tuple[float, ...]]:
        """Boxes of the footer, date and slide-number placeholders."""
        num_w, dt_w = 0.6 * IN, 1.6 * IN
        ftr_x = self.m + logo_w + 0.3 * IN
        return {
            "ftr": (ftr_x, self.footer_y, self.w - self.m - num_w - dt_w - ftr_x, self.footer_h),
            "dt": (self.w - self.m - num_w - dt_w, self.footer_y, dt_w, self.footer_h),
            "sldNum": (self.w - self.m - num_w, self.footer_y, num_w, self.footer_h),
        }


# --------------------------------------------------------------------------- theme
def theme_xml(default_theme: bytes, brand: Brand) -> bytes:
    """The default theme with the brand's name, colour scheme and font scheme."""
    root = etree.fromstring(default_theme)
    a = f"{{{NS_A}}}"
    root.set("name", brand.name)
    c = brand.colours
    slots = {
        "dk1": c["text"], "lt1": c["white"], "dk2": c["primary"], "lt2": c["light"],
        "accent1": c["primary"], "accent2": c["accent"],
        **{f"accent{i + 3}": brand.secondary[i] for i in range(4)},
        "hlink": c["hyperlink"], "folHlink": c["followed_hyperlink"],
    }
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", brand.name)
    for slot, value in slots.items():
        el = scheme.find(a + slot)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, a + "srgbClr", val=value.upper())
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", brand.name)
    fonts.find(f"{a}majorFont/{a}latin").set("typeface", brand.heading_font)
    fonts.find(f"{a}minorFont/{a}latin").set("typeface", brand.body_font)
    root.find(f"{a}themeElements/{a}fmtScheme").set("name", brand.name)
    return reserialised_part(root)


# --------------------------------------------------------------------------- master
def _font_refs(kind: str) -> list[etree._Element]:
    """``a:latin``, ``a:ea`` and ``a:cs`` pointing at the theme's major (``mj``) or minor (``mn``) fonts."""
    return [element(f"a:{script}", {"typeface": f"+{kind}-{script if script != 'latin' else 'lt'}"})
            for script in ("latin", "ea", "cs")]


def _scheme_fill(value: str) -> etree._Element:
    return element("a:solidFill", children=[element("a:schemeClr", {"val": value})])


_PARA_DEFAULTS = {"defTabSz": "914400", "rtl": "0", "eaLnBrk": "1", "latinLnBrk": "0", "hangingPunct": "1"}


def _body_style(brand: Brand) -> etree._Element:
    top = int(brand.text["body_max_pt"] * 100)
    levels = []
    for lvl in range(1, 10):
        mar = 285750 + (lvl - 1) * 285750
        indent = -285750 if lvl == 1 else -228600
        sz = max(top - 200 * min(lvl - 1, 3), int(brand.text["body_min_pt"] * 100))
        char = "•" if lvl % 2 == 1 else "–"
        bullet_colour = "accent2" if lvl == 1 else "tx1"
        spc = 1000 if lvl == 1 else 400
        levels.append(element(f"a:lvl{lvl}pPr", {"marL": mar, "indent": indent, "algn": "l", **_PARA_DEFAULTS}, [
            element("a:lnSpc", children=[element("a:spcPct", {"val": "100000"})]),
            element("a:spcBef", children=[element("a:spcPts", {"val": spc})]),
            element("a:buClr", children=[element("a:schemeClr", {"val": bullet_colour})]),
            element("a:buFont", {"typeface": "Arial"}), element("a:buChar", {"char": char}),
            element("a:defRPr", {"sz": sz, "kern": "1200"}, [_scheme_fill("tx1"), *_font_refs("mn")])]))
    return element("p:bodyStyle", children=levels)


def master_xml(brand: Brand, grid: Grid, logo: Logo, layout_rids: list[str]) -> bytes:
    """The slide master: white background, title, body, footer band with a small logo."""
    c, t = brand.colours, brand.text
    logo_w = grid.logo_h * logo.aspect
    fb = grid.footer_boxes(logo_w)
    shapes = [
        _ph(2, "Title Placeholder 1", _ph_tag("title"), grid.title,
            ["Click to edit Master title style"], element("a:bodyPr", {"anchor": "b", "anchorCtr": "0"})),
        _ph(3, "Text Placeholder 2", _ph_tag("body", 1), grid.body,
            ["Click to edit Master text styles", "Second level", "Third level"]),
        _field_ph(4, "dt", fb["dt"], align="r", layout=False, size_pt=t["footer_pt"]),
        _field_ph(5, "ftr", fb["ftr"], layout=False, size_pt=t["footer_pt"]),
        _field_ph(6, "sldNum", fb["sldNum"], align="r", layout=False, size_pt=t["footer_pt"]),
        _rect(7, "Footer rule", (grid.m, grid.footer_line_y, grid.cw, 9525), c["light"]),
        _pic(8, logo, grid.m, grid.footer_y + (grid.footer_h - grid.logo_h) / 2,
             grid.logo_h, brand),
    ]
    title_style = element("p:titleStyle", children=[element("a:lvl1pPr", {"algn": "l", **_PARA_DEFAULTS}, [
        element("a:lnSpc", children=[element("a:spcPct", {"val": "90000"})]),
        element("a:spcBef", children=[element("a:spcPct", {"val": "0"})]), element("a:buNone"),
        element("a:defRPr", {"sz": int(t["title_pt"] * 100), "b": "1", "kern": "1200"},
                [_scheme_fill("tx2"), *_font_refs("mj")])])])
    other = element("p:otherStyle", children=[
        element("a:defPPr", children=[element("a:defRPr", {"lang": "en-GB"})]),
        element("a:lvl1pPr", {"marL": "0", "algn": "l", **_PARA_DEFAULTS}, [
            element("a:defRPr", {"sz": int(t["footer_pt"] * 100), "kern": "1200"},
                    [element("a:solidFill", children=[element("a:srgbClr", {"val": c["muted"]})]),
                     *_font_refs("mn")])])])
    ids = [element("p:sldLayoutId", {"id": 2147483649 + i, "r:id": rid}) for i, rid in enumerate(layout_rids)]
    colour_map = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
                  **{f"accent{i}": f"accent{i}" for i in range(1, 7)}, "hlink": "hlink", "folHlink": "folHlink"}
    root = element("p:sldMaster", namespaces=_NAMESPACES, children=[
        element("p:cSld", children=[_bg(c["white"]), _sp_tree(shapes)]),
        element("p:clrMap", colour_map),
        element("p:sldLayoutIdLst", children=ids),
        element("p:hf", {"hdr": "0"}),
        element("p:txStyles", children=[title_style, _body_style(brand), other])])
    return part_bytes(root)


# --------------------------------------------------------------------------- layouts
#: (layout name, type attribute, builder key) in master order.
LAYOUTS: tuple[tuple[str, str], ...] = (
    ("Title", "title"), ("Agenda", "obj"), ("Section", "secHead"),
    ("Title and Content", "obj"), ("Two Content", "twoObj"), ("Title Only", "titleOnly"),
    ("Closing", "title"),
)


def _no_bullets(size_pt: float, colour: str, algn: str = "l", bold: bool = False) -> etree._Element:
    run: dict[str, str | int] = {"sz": int(size_pt * 100), **({"b": "1"} if bold else {})}
    return element("a:lstStyle", children=[element("a:lvl1pPr", {"marL": "0", "indent": "0", "algn": algn}, [
        element("a:spcBef", children=[element("a:spcPts", {"val": "0"})]), element("a:buNone"),
        element("a:defRPr", run, [_srgb(colour)])])])


def _title_rule(grid: Grid, brand: Brand, sid: int, x: float, y: float) -> list[etree._Element]:
    return [_rect(sid, "Title rule", (x, y, 1.1 * IN, 38100), brand.colours["accent"])]


def layout_xml(name: str, kind: str, brand: Brand, grid: Grid, logo: Logo,
               light_logo: Logo) -> bytes:
    """One layout, every placeholder positioned for ``grid``'s slide size."""
    c, t, m = brand.colours, brand.text, grid.m
    fb = grid.footer_boxes(grid.logo_h * logo.aspect)
    footer = [_field_ph(20, "dt", fb["dt"], align="r", size_pt=t["footer_pt"]),
              _field_ph(21, "ftr", fb["ftr"], brand.footer, size_pt=t["footer_pt"]),
              _field_ph(22, "sldNum", fb["sldNum"], align="r", size_pt=t["footer_pt"])]
    title_ph = _ph(2, "Title 1", _ph_tag("title"), grid.title,
                   ["Click to edit Master title style"])
    rule = _title_rule(grid, brand, 9, m, grid.rule_y)
    bg: etree._Element | None = None
    show_master = True
    if name in ("Title", "Closing"):
        bg, show_master = _bg(c["primary"]), False
        centred = name == "Closing"
        algn = "ctr" if centred else "l"
        tw = grid.cw if centred else grid.cw * 0.86
        tx = m
        logo_h = 0.62 * IN
        logo_w = logo_h * light_logo.aspect
        lx = (grid.w - logo_w) / 2 if centred else m
        ly = 1.25 * IN if centred else 0.6 * IN
        ty, th = (2.15 * IN, 1.6 * IN) if centred else (2.05 * IN, 2.0 * IN)
        rule_x = (grid.w - 1.4 * IN) / 2 if centred else m
        rule_y = ty + th + 0.2 * IN
        light_fb = {k: (v[0] if k != "ftr" else m, v[1], v[2] + (v[0] - m if k == "ftr" else 0),
                        v[3]) for k, v in fb.items()}
        size = t["footer_pt"]
        footer = [_field_ph(20, "dt", light_fb["dt"], colour=c["on_primary"], align="r", size_pt=size),
                  _field_ph(21, "ftr", light_fb["ftr"], brand.footer, c["on_primary"], size_pt=size),
                  _field_ph(22, "sldNum", light_fb["sldNum"], colour=c["on_primary"], align="r",
                            size_pt=size)]
        prompt_t = "Closing title" if centred else "Briefing title"
        prompt_s = "Contact details" if centred else "Meeting, place and date"
        shapes = [
            _ph(2, "Title 1", _ph_tag("ctrTitle"), (tx, ty, tw, th), [prompt_t],
                element("a:bodyPr", {"anchor": "b", "anchorCtr": "0"}),
                _no_bullets(t["cover_title_pt"], c["white"], algn, bold=True)),
            _ph(3, "Subtitle 2", _ph_tag("subTitle", 1),
                (tx, rule_y + 0.3 * IN, tw, 1.25 * IN), [prompt_s],
                element("a:bodyPr", {"anchor": "t"}), _no_bullets(t["subtitle_pt"], c["on_primary"], algn)),
            _rect(9, "Title rule", (rule_x, rule_y, 1.4 * IN, 45720), c["accent"]),
            _rect(10, "Base band", (0, grid.h - 0.09 * IN, grid.w, 0.09 * IN), c["accent"]),
            _pic(11, light_logo, lx, ly, logo_h, brand),
        ] + footer
    elif name == "Section":
        bg = _bg(c["light"])
        ty = grid.h * 0.3
        th = 1.45 * IN
        x = m + 0.35 * IN
        shapes = [
            _rect(10, "Section band", (0, 0, 0.28 * IN, grid.h), c["primary"]),
            _ph(2, "Title 1", _ph_tag("title"), (x, ty, grid.w - x - m, th),
                ["Section title"], element("a:bodyPr", {"anchor": "b"}),
                _no_bullets(t["section_title_pt"], c["primary"], bold=True)),
            *_title_rule(grid, brand, 9, x, ty + th + 0.15 * IN),
            _ph(3, "Text Placeholder 2", _ph_tag("body", 1),
                (x, ty + th + 0.4 * IN, grid.w - x - m, 1.3 * IN), ["Section summary"],
                element("a:bodyPr", {"anchor": "t"}), _no_bullets(t["subtitle_pt"], c["muted"])),
        ] + footer
    elif name == "Two Content":
        half = (grid.cw - grid.gap) / 2
        bx, by, _, bh = grid.body
        shapes = [title_ph, *rule,
                  _ph(3, "Content Placeholder 2", _ph_tag(None, 1, "half"),
                      (bx, by, half, bh), ["Click to edit Master text styles", "Second level"]),
                  _ph(4, "Content Placeholder 3", _ph_tag(None, 2, "half"),
                      (bx + half + grid.gap, by, half, bh),
                      ["Click to edit Master text styles", "Second level"])] + footer
    elif name == "Title Only":
        shapes = [title_ph, *rule] + footer
    else:  # Agenda, Title and Content
        lst = element("a:lstStyle")
        if name == "Agenda":
            lst = element("a:lstStyle", children=[element("a:lvl1pPr", children=[
                element("a:spcBef", children=[element("a:spcPts", {"val": "1600"})])])])
        shapes = [title_ph, *rule,
                  _ph(3, "Content Placeholder 2", _ph_tag(None, 1), grid.body,
                      ["Click to edit Master text styles", "Second level"], element("a:bodyPr"),
                      lst)] + footer
    attrs = {"type": kind, "preserve": "1", **({} if show_master else {"showMasterSp": "0"})}
    root = element("p:sldLayout", attrs, namespaces=_NAMESPACES, children=[
        element("p:cSld", {"name": name}, [bg, _sp_tree(shapes)]),
        element("p:clrMapOvr", children=[element("a:masterClrMapping")])])
    return part_bytes(root)
