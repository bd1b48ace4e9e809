"""What a template must not pass into every briefing: outside links, linked pictures, OLE, ActiveX, DOCTYPEs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.render import deck_writer
from briefing_builder.render.image_size import image_size
from briefing_builder.render.output import OutputError
from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import TemplateError, open_template
from tests.deck_helpers import REFERENCE_PACK, build, sample_catalog
from tests.fixtures.templates import traits
from tests.zip_parts import parts_of, rewrite_package, xml_edit


def test_outside_links_objects_and_controls_never_reach_the_deck(tmp_path: Path) -> None:
    path = traits.make_outside_links(tmp_path)
    warnings = open_template(path).geometry.warnings
    joined = "\n".join(warnings)
    for target in ("http://tracker.example.invalid/pixel.png", "file:///C:/Users/Public/secret.png",
                   "\\\\fileserver\\share\\logo.png", "http://tracker.example.invalid/open"):
        assert sum(target in w for w in warnings) == 1, target
    assert "embeds an object" in joined and "layout 'Title and Content'" in joined
    plan, data = build(REFERENCE_PACK, path)
    assert check_package(data) == []
    parts = parts_of(data)
    assert not any(name.startswith("ppt/embeddings/") for name in parts)
    for name, body in parts.items():
        if name.endswith(".rels"):
            assert b"tracker.example.invalid" not in body and b"fileserver" not in body and b"file:///" not in body
            if not name.startswith("ppt/slides/"):  # slides may link to the pack's own addresses
                assert b'TargetMode="External"' not in body, name
        if name.endswith(".xml"):
            assert b"oleObj" not in body and b"<p:controls" not in body, name
    assert any(n.kind == "template" and "tracker" in n.message for n in plan.warnings)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le"])
def test_a_doctype_is_refused_with_the_part_and_line(tmp_path: Path, encoding: str) -> None:
    path = traits.make_doctype(tmp_path, encoding)
    with pytest.raises(TemplateError) as caught:
        open_template(path)
    message = str(caught.value)
    assert path.name in message and "ppt/slideLayouts/slideLayout2.xml" in message and "(line 2)" in message


def test_a_deck_failing_the_structural_check_is_not_written(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    catalog = sample_catalog()
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the previous good deck")
    opened = open_template(traits.make_libreoffice(tmp_path))
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry)
    good = deck_writer.deck_bytes
    def broken(plan, template):  # noqa: ANN001, ANN202 - a renderer bug: two shapes with one id
        def same_id_twice(slide: etree._Element) -> None:
            ids = slide.findall(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
            ids[1].set("id", ids[0].get("id"))
        return rewrite_package(good(plan, template), {"ppt/slides/slide2.xml": xml_edit(same_id_twice)})
    monkeypatch.setattr(deck_writer, "deck_bytes", broken)
    with pytest.raises(OutputError, match=r"previous deck\.pptx is kept"):
        deck_writer.write_deck(plan, opened, target)
    assert target.read_bytes() == b"the previous good deck"


def _outside_links(parts: dict[str, bytes]) -> list[str]:
    """The relationship parts (other than slides') that point outside the deck."""
    return [name for name, body in parts.items() if name.endswith(".rels") and not name.startswith("ppt/slides/")
            and b'TargetMode="External"' in body]


def test_a_link_in_the_theme_is_removed_with_a_note(tmp_path: Path) -> None:
    path = traits.make_theme_linked_background(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    parts = parts_of(data)
    assert _outside_links(parts) == []
    assert not any(b"tracker.example.invalid" in body for body in parts.values())
    notes = [n.message for n in plan.warnings if "tracker.example.invalid" in n.message]
    assert len(notes) == 1 and "ppt/theme/theme1.xml" in notes[0], notes
    assert check_package(data) == []


def test_a_charts_embedded_workbook_on_a_layout_is_removed_with_a_note(tmp_path: Path) -> None:
    path = traits.make_chart_on_layout(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    parts = parts_of(data)
    assert not any(name.startswith("ppt/embeddings/") for name in parts), sorted(parts)
    notes = [n.message for n in plan.warnings if "ppt/charts/chart" in n.message]
    assert len(notes) == 1 and "workbook" in notes[0] and "layout 'Title and Content'" in notes[0], notes
    assert check_package(data) == []


def test_custom_xml_and_personal_properties_are_removed_with_a_note_each(tmp_path: Path) -> None:
    path = traits.make_personal_data(tmp_path)
    warnings = open_template(path).geometry.warnings
    _plan, data = build(REFERENCE_PACK, path)
    parts = parts_of(data)
    assert not any(b"Jane Doe" in body or b"000 0000" in body for body in parts.values())
    assert not any(name.startswith("customXml/") for name in parts)
    assert sum("customXml/item1.xml" in w for w in warnings) == 1
    assert sum("'Owner'" in w and "'Telephone'" in w for w in warnings) == 1
    assert check_package(data) == []


@pytest.mark.parametrize("make, needle, places", [
    (traits.make_missing_layout, "missing from the file",
     [("ppt/slideMasters/slideMaster1.xml", "a layout (relationship rId")]),
    (traits.make_image_bomb, "20000 × 20 px",
     [("ppt/slideMasters/slideMaster1.xml",), ("layout 'Title and Content'",)]),
], ids=["a layout missing from the file", "a picture too large to draw"])
def test_what_cannot_be_used_is_left_out_with_a_note_naming_each_place(
        tmp_path: Path, make: Callable[[Path], Path], needle: str, places: list[tuple[str, ...]]) -> None:
    path = make(tmp_path)
    warnings = open_template(path).geometry.warnings
    notes = [w for w in warnings if needle in w]
    assert len(notes) == len(places), warnings
    for words in places:
        assert any(all(word in note for word in words) for note in notes), (words, notes)
    _plan, data = build(REFERENCE_PACK, path)
    assert check_package(data) == []


def test_a_picture_too_large_to_draw_leaves_the_deck_with_its_shape_and_the_others_stay(tmp_path: Path) -> None:
    _plan, data = build(REFERENCE_PACK, traits.make_image_bomb(tmp_path))
    parts = parts_of(data)
    sizes = [image_size(body) for name, body in parts.items() if name.startswith("ppt/media/")]
    assert (40, 40) in sizes and (20000, 20) not in sizes, sizes
    master = etree.fromstring(parts["ppt/slideMasters/slideMaster1.xml"])
    assert [el.get("name") for el in master.iter(f"{{{etree.QName(master).namespace}}}cNvPr")
            if el.get("name") in ("Logo", "Band")] == ["Logo"]


@pytest.mark.parametrize("target", ["slideLayout2.xml", "slideLayout1.xml"])
def test_a_layout_whose_master_is_not_a_master_is_named_and_tied_to_its_master(tmp_path: Path, target: str) -> None:
    path = traits.make_layout_loop(tmp_path, target)
    warnings = open_template(path).geometry.warnings
    notes = [w for w in warnings if "ppt/slideLayouts/slideLayout2.xml" in w and "slide master" in w]
    assert len(notes) == 1, warnings
    assert f"ppt/slideLayouts/{target}" in notes[0] and "ppt/slideMasters/slideMaster1.xml" in notes[0]
    _plan, data = build(REFERENCE_PACK, path)
    assert check_package(data) == []
    rels = parts_of(data)["ppt/slideLayouts/_rels/slideLayout2.xml.rels"]
    assert b"../slideMasters/slideMaster1.xml" in rels


def test_printer_settings_are_removed_with_one_note(tmp_path: Path) -> None:
    """Fails before: the printer's binary record (printer and user names) was copied into every deck."""
    path = traits.make_printer_settings(tmp_path)
    assert sum(name.startswith("ppt/printerSettings/") for name in parts_of(path.read_bytes())) == 2
    warnings = [w for w in open_template(path).geometry.warnings if "printer" in w]
    assert len(warnings) == 1
    assert "ppt/printerSettings/printerSettings1.bin, ppt/printerSettings/printerSettings2.bin" in warnings[0]
    _plan, data = build(REFERENCE_PACK, path)
    parts = parts_of(data)
    assert not any("printerSettings" in name for name in parts)
    assert not any(b"printerSettings" in body or b"jane.doe" in body for body in parts.values())
    assert check_package(data) == []
