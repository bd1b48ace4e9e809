"""XML for the bundled brand templates: theme, slide master and the seven layouts.

Every placeholder is laid out for the requested slide size (nothing is scaled after the
fact). The packaging (zip, relationships, content types) lives in
:mod:`briefing_builder.render.brand_builder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from briefing_builder.compose.geometry import EMU_PER_INCH as IN

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'


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
    return int(round(value))


def _box(x: float, y: float, w: float, h: float) -> str:
    return (f'<a:xfrm><a:off x="{_e(x)}" y="{_e(y)}"/>'
            f'<a:ext cx="{_e(w)}" cy="{_e(h)}"/></a:xfrm>')


def _srgb(hex_colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_colour.upper()}"/></a:solidFill>'


def _rect(sid: int, name: str, box: tuple[float, ...], colour: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_box(*box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_srgb(colour)}'
            f'<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')


def _pic(sid: int, logo: Logo, x: float, y: float, h: float, brand: Brand) -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="Logo" '
            f'descr="{escape(brand.name, {chr(34): "&quot;"})} logo"/>'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
            f'<p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="{logo.rid}"/>'
            f'<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
            f'{_box(x, y, h * logo.aspect, h)}<a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom></p:spPr></p:pic>')


def _ph(sid: int, name: str, ph: str, box: tuple[float, ...], paras: list[str],
        body_pr: str = "<a:bodyPr/>", lst: str = "<a:lstStyle/>") -> str:
    body = "".join(
        f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{escape(t)}</a:t></a:r></a:p>' if t
        else '<a:p><a:endParaRPr lang="en-GB"/></a:p>' for t in paras)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_box(*box)}</p:spPr><p:txBody>{body_pr}{lst}{body}</p:txBody></p:sp>')


def _field_ph(sid: int, kind: str, box: tuple[float, ...], text: str = "",
              colour: str | None = None, align: str = "l", layout: bool = True,
              size_pt: float = 10.0) -> str:
    idx = {"dt": 10, "ftr": 11, "sldNum": 12}[kind] if layout else \
        {"dt": 2, "ftr": 3, "sldNum": 4}[kind]
    size = ' sz="half"' if kind == "dt" else ' sz="quarter"'
    names = {"dt": "Date Placeholder", "ftr": "Footer Placeholder",
             "sldNum": "Slide Number Placeholder"}
    fill = _srgb(colour) if colour else ""
    lst = (f'<a:lstStyle><a:lvl1pPr algn="{align}"><a:defRPr sz="{int(size_pt * 100)}">{fill}'
           f'</a:defRPr></a:lvl1pPr></a:lstStyle>')
    if kind == "sldNum":
        para = ('<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>')
    elif kind == "dt":
        para = '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    else:
        para = (f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{escape(text)}</a:t></a:r></a:p>'
                if text else '<a:p><a:endParaRPr lang="en-GB"/></a:p>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{names[kind]} {sid - 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
            f'<p:ph type="{kind}"{size} idx="{idx}"/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_box(*box)}</p:spPr><p:txBody><a:bodyPr anchor="ctr"/>{lst}{para}'
            f'</p:txBody></p:sp>')


def _sp_tree(shapes: list[str]) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            + "".join(shapes) + "</p:spTree>")


def _bg(colour: str) -> str:
    return f'<p:bg><p:bgPr>{_srgb(colour)}<a:effectLst/></p:bgPr></p:bg>'


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
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- master
def _body_style(brand: Brand) -> str:
    top = int(brand.text["body_max_pt"] * 100)
    levels = []
    for lvl in range(1, 10):
        mar = 285750 + (lvl - 1) * 285750
        indent = -285750 if lvl == 1 else -228600
        sz = max(top - 200 * min(lvl - 1, 3), int(brand.text["body_min_pt"] * 100))
        char = "•" if lvl % 2 == 1 else "–"
        bu_clr = '<a:buClr><a:schemeClr val="accent2"/></a:buClr>' if lvl == 1 else \
            '<a:buClr><a:schemeClr val="tx1"/></a:buClr>'
        spc = 1000 if lvl == 1 else 400
        levels.append(
            f'<a:lvl{lvl}pPr marL="{mar}" indent="{indent}" algn="l" defTabSz="914400" '
            f'rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct '
            f'val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{spc}"/></a:spcBef>{bu_clr}'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/><a:defRPr sz="{sz}" '
            f'kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f'</a:defRPr></a:lvl{lvl}pPr>')
    return "<p:bodyStyle>" + "".join(levels) + "</p:bodyStyle>"


def master_xml(brand: Brand, grid: Grid, logo: Logo, layout_rids: list[str]) -> bytes:
    """The slide master: white background, title, body, footer band with a small logo."""
    c, t = brand.colours, brand.text
    logo_w = grid.logo_h * logo.aspect
    fb = grid.footer_boxes(logo_w)
    shapes = [
        _ph(2, "Title Placeholder 1", '<p:ph type="title"/>', grid.title,
            ["Click to edit Master title style"], '<a:bodyPr anchor="b" anchorCtr="0"/>'),
        _ph(3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>', grid.body,
            ["Click to edit Master text styles", "Second level", "Third level"]),
        _field_ph(4, "dt", fb["dt"], align="r", layout=False, size_pt=t["footer_pt"]),
        _field_ph(5, "ftr", fb["ftr"], layout=False, size_pt=t["footer_pt"]),
        _field_ph(6, "sldNum", fb["sldNum"], align="r", layout=False, size_pt=t["footer_pt"]),
        _rect(7, "Footer rule", (grid.m, grid.footer_line_y, grid.cw, 9525), c["light"]),
        _pic(8, logo, grid.m, grid.footer_y + (grid.footer_h - grid.logo_h) / 2,
             grid.logo_h, brand),
    ]
    title_style = (
        f'<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" '
        f'latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/><a:defRPr sz="'
        f'{int(t["title_pt"] * 100)}" b="1" kern="1200"><a:solidFill><a:schemeClr '
        f'val="tx2"/></a:solidFill><a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/>'
        f'<a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>')
    other = ('<p:otherStyle><a:defPPr><a:defRPr lang="en-GB"/></a:defPPr><a:lvl1pPr '
             'marL="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
             f'hangingPunct="1"><a:defRPr sz="{int(t["footer_pt"] * 100)}" kern="1200">'
             f'<a:solidFill><a:srgbClr val="{c["muted"]}"/></a:solidFill>'
             '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
             '</a:defRPr></a:lvl1pPr></p:otherStyle>')
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>'
                  for i, rid in enumerate(layout_rids))
    xml = (f'{XML_DECL}<p:sldMaster {_NSDECL}><p:cSld>{_bg(c["white"])}{_sp_tree(shapes)}'
           f'</p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
           f'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
           f'accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst>{ids}'
           f'</p:sldLayoutIdLst><p:hf hdr="0"/><p:txStyles>{title_style}{_body_style(brand)}'
           f'{other}</p:txStyles></p:sldMaster>')
    return xml.encode("utf-8")


# --------------------------------------------------------------------------- layouts
#: (layout name, type attribute, builder key) in master order.
LAYOUTS: tuple[tuple[str, str], ...] = (
    ("Title", "title"), ("Agenda", "obj"), ("Section", "secHead"),
    ("Title and Content", "obj"), ("Two Content", "twoObj"), ("Title Only", "titleOnly"),
    ("Closing", "title"),
)


def _no_bullets(size_pt: float, colour: str, algn: str = "l", bold: bool = False) -> str:
    b = ' b="1"' if bold else ""
    return (f'<a:lstStyle><a:lvl1pPr marL="0" indent="0" algn="{algn}"><a:spcBef><a:spcPts '
            f'val="0"/></a:spcBef><a:buNone/><a:defRPr sz="{int(size_pt * 100)}"{b}>'
            f'{_srgb(colour)}</a:defRPr></a:lvl1pPr></a:lstStyle>')


def _title_rule(grid: Grid, brand: Brand, sid: int, x: float, y: float) -> list[str]:
    return [_rect(sid, "Title rule", (x, y, 1.1 * IN, 38100), brand.colours["accent"])]


def layout_xml(name: str, kind: str, brand: Brand, grid: Grid, logo: Logo,
               light_logo: Logo) -> bytes:
    """One layout, every placeholder positioned for ``grid``'s slide size."""
    c, t, m = brand.colours, brand.text, grid.m
    fb = grid.footer_boxes(grid.logo_h * logo.aspect)
    footer = [_field_ph(20, "dt", fb["dt"], align="r", size_pt=t["footer_pt"]),
              _field_ph(21, "ftr", fb["ftr"], brand.footer, size_pt=t["footer_pt"]),
              _field_ph(22, "sldNum", fb["sldNum"], align="r", size_pt=t["footer_pt"])]
    title_ph = _ph(2, "Title 1", '<p:ph type="title"/>', grid.title,
                   ["Click to edit Master title style"])
    rule = _title_rule(grid, brand, 9, m, grid.rule_y)
    bg, show_master = "", True
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
            _ph(2, "Title 1", '<p:ph type="ctrTitle"/>', (tx, ty, tw, th), [prompt_t],
                '<a:bodyPr anchor="b" anchorCtr="0"/>',
                _no_bullets(t["cover_title_pt"], c["white"], algn, bold=True)),
            _ph(3, "Subtitle 2", '<p:ph type="subTitle" idx="1"/>',
                (tx, rule_y + 0.3 * IN, tw, 1.25 * IN), [prompt_s],
                '<a:bodyPr anchor="t"/>', _no_bullets(t["subtitle_pt"], c["on_primary"], algn)),
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
            _ph(2, "Title 1", '<p:ph type="title"/>', (x, ty, grid.w - x - m, th),
                ["Section title"], '<a:bodyPr anchor="b"/>',
                _no_bullets(t["section_title_pt"], c["primary"], bold=True)),
            *_title_rule(grid, brand, 9, x, ty + th + 0.15 * IN),
            _ph(3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>',
                (x, ty + th + 0.4 * IN, grid.w - x - m, 1.3 * IN), ["Section summary"],
                '<a:bodyPr anchor="t"/>', _no_bullets(t["subtitle_pt"], c["muted"])),
        ] + footer
    elif name == "Two Content":
        half = (grid.cw - grid.gap) / 2
        bx, by, _, bh = grid.body
        shapes = [title_ph, *rule,
                  _ph(3, "Content Placeholder 2", '<p:ph sz="half" idx="1"/>',
                      (bx, by, half, bh), ["Click to edit Master text styles", "Second level"]),
                  _ph(4, "Content Placeholder 3", '<p:ph sz="half" idx="2"/>',
                      (bx + half + grid.gap, by, half, bh),
                      ["Click to edit Master text styles", "Second level"])] + footer
    elif name == "Title Only":
        shapes = [title_ph, *rule] + footer
    else:  # Agenda, Title and Content
        lst = "<a:lstStyle/>"
        if name == "Agenda":
            lst = ('<a:lstStyle><a:lvl1pPr><a:spcBef><a:spcPts val="1600"/></a:spcBef>'
                   '</a:lvl1pPr></a:lstStyle>')
        shapes = [title_ph, *rule,
                  _ph(3, "Content Placeholder 2", '<p:ph idx="1"/>', grid.body,
                      ["Click to edit Master text styles", "Second level"], "<a:bodyPr/>",
                      lst)] + footer
    attrs = f'type="{kind}" preserve="1"' + ("" if show_master else ' showMasterSp="0"')
    xml = (f'{XML_DECL}<p:sldLayout {_NSDECL} {attrs}><p:cSld name="{escape(name)}">{bg}'
           f'{_sp_tree(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>'
           f'</p:sldLayout>')
    return xml.encode("utf-8")
