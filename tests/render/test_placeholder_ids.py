"""Placeholders of one layout sharing an idx: the deck's slide furniture inherits from its own kind."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from briefing_builder.render.package_check import check_package
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits
from tests.zip_parts import parts_of

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def _layout_of(parts: dict[str, bytes], slide: str) -> str:
    rels = etree.fromstring(parts[slide.replace("slides/", "slides/_rels/") + ".rels"])
    target = next(rel.get("Target") for rel in rels if rel.get("Type", "").endswith("/slideLayout"))
    return "ppt/" + target.removeprefix("../")


def test_a_slide_number_never_inherits_from_a_body_sharing_its_idx(tmp_path: Path) -> None:
    _plan, data = build(REFERENCE_PACK, traits.make_body_sharing_number_idx(tmp_path))
    assert check_package(data) == []
    parts = parts_of(data)
    checked = 0
    for slide in (name for name in parts if name.startswith("ppt/slides/slide") and name.endswith(".xml")):
        layout = etree.fromstring(parts[_layout_of(parts, slide)])
        ids = [ph.get("idx") for ph in layout.iterfind(".//p:ph", NS) if ph.get("idx") not in (None, "0")]
        assert len(ids) == len(set(ids)), (slide, ids)  # renderers inherit by idx: each names one box
        for ph in etree.fromstring(parts[slide]).iterfind(".//p:ph[@type='sldNum']", NS):
            same = layout.xpath(f".//p:ph[@idx='{ph.get('idx')}']/@type", namespaces=NS)
            assert same == ["sldNum"], (slide, same)
            checked += 1
    assert checked
