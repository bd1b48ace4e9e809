"""Content types and relationships: built from elements, a part added once with the next free id."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from briefing_builder.ooxml.namespaces import REL_CUSTOM_PROPERTIES
from briefing_builder.ooxml.package_parts import (
    content_types_part,
    relationships_part,
    with_override,
    with_relationship,
)
from briefing_builder.ooxml.xml import parse_part

CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _pptx_parts() -> tuple[bytes, bytes]:
    buffer = io.BytesIO()
    Presentation().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return package.read("[Content_Types].xml"), package.read("_rels/.rels")


def test_a_relationships_part_lists_each_relationship_in_order() -> None:
    root = parse_part(relationships_part([("rId1", "urn:t1", "a & b.xml"), ("rId2", "urn:t2", "c.xml")]))
    assert [(r.get("Id"), r.get("Target")) for r in root] == [("rId1", "a & b.xml"), ("rId2", "c.xml")]


def test_content_types_put_defaults_before_overrides() -> None:
    root = parse_part(content_types_part({"xml": "application/xml"}, {"/ppt/p.xml": "x+xml"}))
    assert [node.tag.rsplit("}", 1)[1] for node in root] == ["Default", "Override"]


def test_a_custom_part_is_added_to_a_python_pptx_package_once() -> None:
    types, rels = _pptx_parts()
    added_types = with_override(types, "/docProps/custom.xml", CUSTOM_CT)
    added_rels = with_relationship(rels, REL_CUSTOM_PROPERTIES, "docProps/custom.xml")
    assert added_types.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    ids = [r.get("Id") for r in parse_part(added_rels)]
    assert ids[-1] == f"rId{max(int(i[3:]) for i in ids[:-1]) + 1}"
    assert with_override(added_types, "/docProps/custom.xml", CUSTOM_CT) == added_types
    assert with_relationship(added_rels, REL_CUSTOM_PROPERTIES, "docProps/custom.xml") == added_rels
