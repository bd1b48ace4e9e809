"""Finish a saved deck package: true document properties and reproducible bytes.

python-pptx keeps the template's ``docProps/app.xml`` (stale slide counts and titles) and
core properties (the default template's author and 2013 dates), and charts embed
workbooks carrying their own timestamps. Here they are rewritten from the plan, the
marking is added as a custom "Classification" property (with "DocumentReference" and,
when the store maps the marking to one, the sensitivity label's ``MSIP_Label_<id>_*``
properties — the template's own when it carries that label), and the zip gets fixed dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

from briefing_builder import __version__
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.render.output import normalise_zip

_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FIXED_TIME = "T00:00:00Z"
_QUOTE = {'"': "&quot;"}


def _core_xml(plan: DeckPlan) -> bytes:
    p = plan.properties
    stamp = p.date_iso + _FIXED_TIME
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(p.title)}</dc:title><dc:subject>{escape(p.subject)}</dc:subject>"
        f"<dc:creator>{escape(p.author)}</dc:creator><cp:keywords>{escape(p.keywords)}</cp:keywords>"
        f"<dc:language>{escape(p.language)}</dc:language>"
        + (f"<dc:identifier>{escape(p.reference)}</dc:identifier>" if p.reference else "") +
        f"<cp:category>{escape(p.marking)}</cp:category><cp:contentStatus>{escape(p.marking)}</cp:contentStatus>"
        f"<cp:lastModifiedBy>Briefing Builder {__version__}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


def _app_xml(plan: DeckPlan) -> bytes:
    titles = [s.title for s in plan.slides]
    notes = sum(1 for s in plan.slides if s.notes)
    title_vector = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in titles)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Application>Briefing Builder {__version__}</Application>"
        f"<PresentationFormat>On-screen Show</PresentationFormat><Slides>{len(titles)}</Slides>"
        f"<Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Slide Titles</vt:lpstr>"
        f"</vt:variant><vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(titles)}" baseType="lpstr">{title_vector}</vt:vector></TitlesOfParts>'
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    ).encode("utf-8")


def _custom_xml(properties: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name, _QUOTE)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties, start=2))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
    ).encode("utf-8")


def template_label_properties(source: zipfile.ZipFile, label_id: str) -> dict[str, str]:
    """The template's own ``MSIP_Label_<label_id>_*`` properties (empty when it carries none)."""
    if not label_id or "docProps/custom.xml" not in source.namelist():
        return {}
    try:
        root = etree.fromstring(source.read("docProps/custom.xml"), SAFE_PARSER)
    except etree.XMLSyntaxError:
        return {}
    prefix = f"MSIP_Label_{label_id}_".lower()
    found = {}
    for prop in root:
        name = prop.get("name") or ""
        if name.lower().startswith(prefix) and len(prop):
            found[name] = prop[0].text or ""
    return found


def custom_properties(plan: DeckPlan, template_labels: dict[str, str]) -> dict[str, str]:
    """The deck's custom properties: marking, reference and (mapped only) the sensitivity label."""
    p = plan.properties
    found = {"Classification": p.marking} if p.marking else {}
    if p.reference:
        found["DocumentReference"] = p.reference
    found.update(template_labels or dict(p.label))
    return found


def _add_custom_part(content_types: bytes, rels: bytes) -> tuple[bytes, bytes]:
    ct = content_types.decode("utf-8")
    if "/docProps/custom.xml" not in ct:
        ct = ct.replace("</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{_CUSTOM_CT}"/></Types>')
    text = rels.decode("utf-8")
    if _CUSTOM_REL not in text:
        ids = {int(n) for n in re.findall(r'Id="rId(\d+)"', text)}
        new_id = max(ids, default=0) + 1
        text = text.replace("</Relationships>",
                            f'<Relationship Id="rId{new_id}" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/>'
                            "</Relationships>")
    return ct.encode("utf-8"), text.encode("utf-8")


def _normalise_embedded_workbook(data: bytes, date_iso: str) -> bytes:
    """Fix the dates inside a chart's embedded workbook so it is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    replace: dict[str, bytes] = {}
    if "docProps/core.xml" in source.namelist():
        core = source.read("docProps/core.xml").decode("utf-8")
        core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{date_iso}{_FIXED_TIME}\3", core)
        replace["docProps/core.xml"] = core.encode("utf-8")
    return normalise_zip(data, replace)


def finish_deck(data: bytes, plan: DeckPlan, extra: list[tuple[str, str]] | None = None) -> bytes:
    """Rewrite properties (core, app, custom: the marking and ``extra``) and normalise the package bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = set(source.namelist())
    replace = {"docProps/core.xml": _core_xml(plan), "docProps/app.xml": _app_xml(plan)}
    custom = list(custom_properties(plan, template_label_properties(source, plan.properties.label_id)).items())
    custom += list(extra or [])
    if custom:
        ct, rels = _add_custom_part(source.read("[Content_Types].xml"), source.read("_rels/.rels"))
        replace.update({"[Content_Types].xml": ct, "_rels/.rels": rels, "docProps/custom.xml": _custom_xml(custom)})
    for name in names:
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            replace[name] = _normalise_embedded_workbook(source.read(name), plan.properties.date_iso)
    return normalise_zip(data, replace)
