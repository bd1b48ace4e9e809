"""The deck writer: structure, reproducibility, properties, links, furniture, atomic writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.render.deck_writer import write_deck
from briefing_builder.render.output import OutputError
from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import OpenedTemplate, open_template
from briefing_builder.store import Catalog
from briefing_builder.store.schema import Pack
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template, sample_catalog


@pytest.mark.parametrize("pack_id", [REFERENCE_PACK, DEMO_PACK])
@pytest.mark.parametrize("template", ["briefing-16x9", "briefing-4x3"])
def test_decks_are_structurally_sound(pack_id: str, template: str) -> None:
    _, data = build(pack_id, bundled_template(template))
    assert check_package(data) == []


def test_two_builds_are_byte_identical() -> None:
    _, first = build(DEMO_PACK)
    _, second = build(DEMO_PACK)
    assert first == second


def test_zip_entries_have_fixed_dates_and_content_types_first() -> None:
    _, data = build()
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_document_properties_come_from_the_pack() -> None:
    plan, data = build(DEMO_PACK)
    prs = Presentation(io.BytesIO(data))
    core = prs.core_properties
    assert core.title == "Asylum and migration strategy: working with partner countries"
    assert core.author == sample_catalog().meta.name
    assert core.category == "LIMITE"
    assert "Steve Canny" not in (core.author + core.last_modified_by)
    archive = zipfile.ZipFile(io.BytesIO(data))
    app = archive.read("docProps/app.xml").decode()
    assert f"<Slides>{len(plan.slides)}</Slides>" in app
    assert "Classification" in archive.read("docProps/custom.xml").decode()


def test_marking_footer_and_slide_number_on_every_slide() -> None:
    _plan, data = build(DEMO_PACK)
    prs = Presentation(io.BytesIO(data))
    for number, slide in enumerate(prs.slides, start=1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert "LIMITE" in texts, number
        assert any(t.startswith("Working Party on External Aspects") for t in texts), number
        numbers = [f for f in slide.shapes._spTree.iter(qn("a:fld")) if f.get("type") == "slidenum"]
        assert [f.findtext(qn("a:t")) for f in numbers] == [str(number)]


def test_every_slide_has_a_unique_title_and_notes_carry_record_ids() -> None:
    _plan, data = build(DEMO_PACK)
    prs = Presentation(io.BytesIO(data))
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title else None for slide in prs.slides]
    assert None not in titles
    assert len(set(titles)) == len(titles)
    area_notes = prs.slides[3].notes_slide.notes_text_frame.text
    assert "area migration-diplomacy" in area_notes


def test_cross_references_jump_to_their_slide() -> None:
    _plan, data = build(REFERENCE_PACK)
    prs = Presentation(io.BytesIO(data))
    slide = prs.slides[3]
    jumps = []
    for link in slide.shapes._spTree.iter(qn("a:hlinkClick")):
        assert link.get("action") == "ppaction://hlinksldjump"
        target = slide.part.related_part(link.get(qn("r:id")))
        jumps.append(prs.slides.index(target.slide) + 1 if hasattr(target, "slide") else None)
    assert jumps == [7, 8]


def test_chart_and_table_have_alt_text() -> None:
    _, data = build(DEMO_PACK)
    prs = Presentation(io.BytesIO(data))
    described = [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type is not None
                 and (shape.has_chart or shape.has_table)]
    assert described
    for shape in described:
        assert shape._element.find(".//" + qn("p:cNvPr")).get("descr")


def test_no_empty_placeholders_remain() -> None:
    _, data = build(DEMO_PACK)
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.has_text_frame:
                assert shape.text_frame.text.strip(), (slide.slide_id, shape.name)


def test_control_characters_never_reach_the_xml(tmp_path: Path) -> None:
    catalog = sample_catalog()
    pack = catalog.packs[REFERENCE_PACK]
    meeting = pack.meeting.model_copy(update={"title": "Strategy\x01 update\x0b"})
    _plan, data = build(REFERENCE_PACK, catalog=_with_pack(catalog, pack.model_copy(update={"meeting": meeting})))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/slide1.xml").decode()
    assert "Strategy update" in xml and "_x0001_" not in xml and "\x01" not in xml
    core = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml"))  # well-formed
    assert "\x01" not in "".join(core.itertext())


def _with_pack(catalog: Catalog, pack: Pack) -> Catalog:
    import copy

    clone = copy.copy(catalog)
    clone.packs = dict(catalog.packs)
    clone.packs[pack.id] = pack
    return clone


def _reference_plan() -> tuple[DeckPlan, OpenedTemplate]:
    catalog = sample_catalog()
    opened = open_template(bundled_template())
    return plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry), opened


def test_write_refuses_read_only_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan, opened = _reference_plan()
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous good deck")
    target.chmod(0o444)
    # Root ignores permission bits; make the check see the file as others would.
    monkeypatch.setattr("briefing_builder.render.output.os.access", lambda path, mode: Path(path) != target)
    with pytest.raises(OutputError, match="read-only"):
        write_deck(plan, opened, target)
    assert target.read_bytes() == b"previous good deck"


def test_failed_write_leaves_previous_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan, opened = _reference_plan()
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous good deck")

    def disk_full(*_args: object, **_kwargs: object) -> NoReturn:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing_builder.render.output.os.fsync", disk_full)
    with pytest.raises(OutputError, match="disk is full"):
        write_deck(plan, opened, target)
    assert target.read_bytes() == b"previous good deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_store_default_marking_applies_when_the_pack_has_none() -> None:
    import copy

    catalog = copy.copy(sample_catalog())
    catalog.meta = catalog.meta.model_copy(update={"default_marking": "RESTREINT UE/EU RESTRICTED"})
    plan, data = build(REFERENCE_PACK, catalog=catalog)
    assert {slide.marking for slide in plan.slides} == {"RESTREINT UE/EU RESTRICTED"}
    assert Presentation(io.BytesIO(data)).core_properties.category == "RESTREINT UE/EU RESTRICTED"
    assert not any(note.kind == "no-marking" for note in plan.warnings)
