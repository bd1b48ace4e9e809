"""Structural checks for the usual causes of PowerPoint's "repair" prompt.

LibreOffice opens packages PowerPoint would repair or refuse, so a rendered picture proves
nothing about validity. These checks look at the package itself: duplicate zip entries,
parts without a content type, relationships pointing at missing parts, slide parts no
presentation references, duplicate slide ids, duplicate shape ids on a slide, connectors or
animations pointing at no shape on their slide, and XML that does not parse.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter

from lxml import etree

from briefing_builder.ooxml.namespaces import NS, qn
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.render.shape_references import dangling, shape_ids


def check_package(data: bytes) -> list[str]:
    """Problems found in an OOXML package (empty when it is sound)."""
    problems: list[str] = []
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = [info.filename for info in archive.infolist()]
    for name, count in Counter(names).items():
        if count > 1:
            problems.append(f"duplicate zip entry {name} ({count} times)")
    present = set(names)
    xml: dict[str, etree._Element] = {}
    for name in present:
        if name.endswith((".xml", ".rels")):
            try:
                xml[name] = etree.fromstring(archive.read(name), SAFE_PARSER)
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name} is not well-formed XML: {exc}")
    problems += _content_types(xml.get("[Content_Types].xml"), present)
    targets = _relationships(xml, present, problems)
    problems += _orphans(present, targets)
    problems += _slide_ids(xml)
    for name, root in xml.items():
        if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
            ids = Counter(shape_ids(root))
            duplicates = sorted(i for i, n in ids.items() if n > 1)
            if duplicates:
                problems.append(f"{name}: duplicate shape ids {', '.join(duplicates)}")
            missing = dangling(root)
            if missing:
                problems.append(f"{name}: connectors or animations point at no shape (ids {', '.join(missing)})")
    return problems


def _content_types(root: etree._Element | None, present: set[str]) -> list[str]:
    if root is None:
        return ["[Content_Types].xml is missing"]
    defaults = {d.get("Extension", "").lower() for d in root.findall("ct:Default", NS)}
    overrides = {o.get("PartName", "").lstrip("/") for o in root.findall("ct:Override", NS)}
    problems = []
    for name in sorted(present):
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        ext = name.rsplit(".", 1)[-1].lower()
        if name not in overrides and ext not in defaults:
            problems.append(f"{name} has no content type")
    problems.extend(f"content type declared for missing part /{part}" for part in sorted(overrides - present))
    return problems


def _relationships(xml: dict[str, etree._Element], present: set[str], problems: list[str]) -> set[str]:
    targets: set[str] = set()
    for name, root in xml.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        ids = Counter(rel.get("Id") for rel in root.findall("rel:Relationship", NS))
        for rid, count in ids.items():
            if count > 1:
                problems.append(f"{name}: relationship id {rid} used {count} times")
        for rel in root.findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            targets.add(path)
            if path not in present:
                problems.append(f"{name}: relationship {rel.get('Id')} points at missing part {path}")
    return targets


def _orphans(present: set[str], targets: set[str]) -> list[str]:
    return [f"{name} is not referenced by any relationship" for name in sorted(present)
            if name.startswith("ppt/slides/slide") and name.endswith(".xml") and name not in targets]


def _slide_ids(xml: dict[str, etree._Element]) -> list[str]:
    root = xml.get("ppt/presentation.xml")
    if root is None:
        return []
    ids = [el.get("id") for el in root.iter(qn("p:sldId"))]
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    return [f"ppt/presentation.xml: duplicate slide ids {', '.join(duplicates)}"] if duplicates else []
