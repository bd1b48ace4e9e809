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

from lxml import etree

from briefing_builder import __version__
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.ooxml.builder import element, part_bytes
from briefing_builder.ooxml.namespaces import REL_CUSTOM_PROPERTIES
from briefing_builder.ooxml.package_parts import (
    core_properties,
    properties_root,
    w3c_date,
    with_override,
    with_relationship,
)
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.render.output import normalise_zip

_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FIXED_TIME = "T00:00:00Z"


def _core_xml(plan: DeckPlan) -> bytes:
    p = plan.properties
    stamp = p.date_iso + _FIXED_TIME
    root = core_properties(dcmitype=True, children=[
        element("dc:title", text=p.title), element("dc:subject", text=p.subject),
        element("dc:creator", text=p.author), element("cp:keywords", text=p.keywords),
        element("dc:language", text=p.language),
        element("dc:identifier", text=p.reference) if p.reference else None,
        element("cp:category", text=p.marking), element("cp:contentStatus", text=p.marking),
        element("cp:lastModifiedBy", text=f"Briefing Builder {__version__}"), element("cp:revision", text="1"),
        w3c_date("dcterms:created", stamp), w3c_date("dcterms:modified", stamp),
    ])
    return part_bytes(root)


def _vector(kind: str, values: list[etree._Element]) -> etree._Element:
    return element("vt:vector", {"size": len(values), "baseType": kind}, values, text="" if not values else None)


def _app_xml(plan: DeckPlan) -> bytes:
    titles = [s.title for s in plan.slides]
    notes = sum(1 for s in plan.slides if s.notes)
    root = properties_root("ep", [
        element("ep:TotalTime", text="0"), element("ep:Application", text=f"Briefing Builder {__version__}"),
        element("ep:PresentationFormat", text="On-screen Show"), element("ep:Slides", text=str(len(titles))),
        element("ep:Notes", text=str(notes)), element("ep:HiddenSlides", text="0"),
        element("ep:HeadingPairs", children=[_vector("variant", [
            element("vt:variant", children=[element("vt:lpstr", text="Slide Titles")]),
            element("vt:variant", children=[element("vt:i4", text=str(len(titles)))])])]),
        element("ep:TitlesOfParts", children=[_vector("lpstr", [element("vt:lpstr", text=t) for t in titles])]),
        element("ep:ScaleCrop", text="false"), element("ep:LinksUpToDate", text="false"),
        element("ep:SharedDoc", text="false"), element("ep:HyperlinksChanged", text="false"),
        element("ep:AppVersion", text="16.0000"),
    ])
    return part_bytes(root)


def _custom_xml(properties: list[tuple[str, str]]) -> bytes:
    root = properties_root("custom")
    for pid, (name, value) in enumerate(properties, start=2):
        root.append(element("custom:property", {"fmtid": "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "pid": pid,
                                                "name": name}, [element("vt:lpwstr", text=value)]))
    return part_bytes(root)


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
    return (with_override(content_types, "/docProps/custom.xml", _CUSTOM_CT),
            with_relationship(rels, REL_CUSTOM_PROPERTIES, "docProps/custom.xml"))


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
