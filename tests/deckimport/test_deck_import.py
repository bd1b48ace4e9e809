"""Decks edited the ways people edit them (python-pptx, LibreOffice) report exactly their edits."""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as Deck

from briefing_builder.annex.changes import apply_changes
from briefing_builder.annex.merge import Verdict
from briefing_builder.deckimport.changes import DeckChanges, NotImportable
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.store import load_store
from tests.deckimport.decks import store_and_deck

PACK = "jha-counsellors-2026-01-12"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
AREA5 = "areas/05-labour-mobility-legal-pathways.yaml"



@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    return store_and_deck(tmp_path, PACK)


def _slide(prs: Deck, starts: str) -> Any:
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith(starts))


def _body(slide: Any) -> Any:
    return next(sh for sh in slide.shapes if (sh.has_text_frame and sh != slide.shapes.title
                and "Talent" in sh.text_frame.text) or "talent" in sh.text_frame.text)


def _para(shape: Any, contains: str) -> Any:
    return next(p for p in shape.text_frame.paragraphs if contains in "".join(r.text for r in p.runs))


def _edit(deck: Path, change: Callable[[Deck], None]) -> Path:
    prs = Presentation(str(deck))
    change(prs)
    out = deck.with_name("edited.pptx")
    prs.save(str(out))
    return out


def _reword(old: str, new: str) -> Callable[[Deck], None]:
    """An edit replacing ``old`` by ``new`` in the "global race for talent" measure on slide 8."""
    def change(prs: Deck) -> None:
        p = _para(_body(_slide(prs, "5.")), "global race")
        p.runs[0].text = p.runs[0].text.replace(old, new)
    return change


def _copy_slide(prs: Deck, source: Any) -> Any:
    """Append a copy of ``source`` (its shapes, as PowerPoint's Duplicate Slide copies them)."""
    duplicate = prs.slides.add_slide(source.slide_layout)
    for shape in list(duplicate.shapes):
        shape._element.getparent().remove(shape._element)
    for shape in source.shapes:
        duplicate.shapes._spTree.append(copy.deepcopy(shape._element))
    return duplicate


def _changes(store: Path, deck: Path) -> DeckChanges:
    return read_changes(deck, load_store(store))


def _summary(changes: DeckChanges) -> list[tuple[str, str, str]]:
    return [(e.record_id, e.field or "", e.kind.value) for e in changes.edits]


def test_an_unedited_resave_by_python_pptx_reports_nothing(exported: tuple[Path, Path]) -> None:
    store, deck = exported
    changes = _changes(store, _edit(deck, lambda prs: None))
    assert changes.edits == [] and changes.deleted == [] and changes.new_content == []


def test_a_reworded_measure_is_one_edit_and_apply_writes_exactly_it(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    reword = _reword("most attractive place", "most attractive destination")

    changes = _changes(store, _edit(deck, reword))
    assert _summary(changes) == [("global-race-for-talent", "text", "proposal")]
    assert "[-place-] {+destination+}" in changes.lines()[4]
    before = (store / AREA5).read_text()
    report = apply_changes(changes)
    assert report.written == [store / AREA5]
    after = (store / AREA5).read_text()
    assert after == before.replace("most attractive place", "most attractive destination")
    again = _changes(store, deck.with_name("edited.pptx"))
    assert again.edits == []  # the store now says what the deck says: nothing left to apply


def test_bold_and_strike_come_back_as_markup(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def style(prs: Deck) -> None:
        shape = _body(_slide(prs, "5."))
        p = _para(shape, "Tackle")
        run = p.runs[-1]
        before, _, after = run.text.rpartition("enforcement")
        run.text = before
        struck, rest = copy.deepcopy(run._r), copy.deepcopy(run._r)
        run._r.addnext(struck)
        struck.addnext(rest)
        struck.find(f"{A}t").text, rest.find(f"{A}t").text = "enforcement", after
        struck.find(f"{A}rPr").set("strike", "sngStrike")
        last = _para(shape, "Comprehensive approach to promote").runs[-1]
        last.text = last.text.replace("across EU policies", "across **EU** policies")  # typed asterisks stay text
        _para(shape, "Comprehensive approach to promote").runs[-1].font.italic = True

    changes = _changes(store, _edit(deck, style))
    news = {e.record_id: e.new for e in changes.edits}
    assert news == {
        "illegal-employment-exploitation": "Tackle **illegal employment, abuse and exploitation**: assessment of the "
        "Employer Sanctions Directive; mandate of the European Labour Authority; ~~enforcement~~.",
        "integration": "**Comprehensive approach to promote/support integration** *by better connecting efforts "
        "across \\*\\*EU\\*\\* policies.*"}
    apply_changes(changes)
    measures = {m.id: m for a in load_store(store).areas.values() for m in a.measures}
    assert measures["illegal-employment-exploitation"].text == news["illegal-employment-exploitation"]


def test_deleted_reordered_and_added_sub_points(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def points(prs: Deck) -> None:
        shape = _body(_slide(prs, "5."))
        first, second = _para(shape, "Comprehensive approach to include"), _para(shape, "Simplification")
        second._p.addprevious(second._p)  # no-op guard
        first._p.addprevious(second._p)  # reorder
        added = copy.deepcopy(first._p)
        first._p.addnext(added)
        added.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}t")[0].text = "A new sub-point."
        measure = _para(shape, "Tackle")
        measure._p.getparent().remove(measure._p)  # a whole bullet deleted

    changes = _changes(store, _edit(deck, points))
    assert _summary(changes) == [("global-race-for-talent", "sub_points", "proposal")]
    assert changes.edits[0].value == [
        ("Simplification and acceleration to address existing bottlenecks, including facility skills "
         "portability/recognition/validation while ensuring quality standards."),
        "Comprehensive approach to include EU industry and employers.", "A new sub-point."]
    assert [(c.kind.value, c.record_id) for c in changes.structure] == [
        ("remove measure", "illegal-employment-exploitation")]
    assert changes.chosen_structure() == []  # a removal is applied only when accepted by name
    apply_changes(changes)
    catalog = load_store(store)
    assert any(m.id == "illegal-employment-exploitation" for a in catalog.areas.values() for m in a.measures)


def test_moved_copied_and_added_slides(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def slides(prs: Deck) -> None:
        ids = prs.slides._sldIdLst
        ids.append(ids[2])  # move slide 3 to the end
        layout = prs.slide_layouts[1]
        extra = prs.slides.add_slide(layout)
        extra.shapes.title.text = "Our own slide"
        extra.placeholders[1].text_frame.text = "Something the library does not have."
        _copy_slide(prs, _slide(prs, "4."))

    changes = _changes(store, _edit(deck, slides))
    assert changes.edits == []
    assert changes.new_content == []
    [added] = changes.structure  # offered as a free-text slide, after the (moved) agenda it now follows
    assert (added.kind.value, added.where, added.text, added.points) == (
        "new section", "slide 11", "Our own slide", [(0, "Something the library does not have.")])
    assert "after section 3 (agenda “Six priority areas”)" in added.place


def test_a_deleted_slide_is_reported_and_the_store_keeps_it(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def drop(prs: Deck) -> None:
        ids = prs.slides._sldIdLst
        ids.remove(ids[6])

    changes = _changes(store, _edit(deck, drop))
    assert changes.edits == [] and len(changes.deleted) == 1 and "slide 7" in changes.deleted[0]


def test_an_edit_of_a_field_the_store_changed_since_is_a_conflict_never_applied(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    reword = _reword("Ambition", "Aim")

    edited = _edit(deck, reword)
    path = store / AREA5
    path.write_text(path.read_text().replace("Ambition to become", "Ambition to be"))
    changes = _changes(store, edited)
    assert _summary(changes) == [("global-race-for-talent", "text", "conflict")]
    report = apply_changes(changes)
    assert report.written == [] and "Ambition to be" in path.read_text()


def test_generated_text_is_never_an_edit(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def generated(prs: Deck) -> None:
        agenda = _slide(prs, "Six")
        body = next(sh for sh in agenda.shapes if sh.has_text_frame and sh != agenda.shapes.title)
        body.text_frame.paragraphs[0].runs[0].text = "1) Migration diplomacy"

    assert _changes(store, _edit(deck, generated)).edits == []


def test_a_deck_not_made_by_the_app_or_stripped_is_told_so(exported: tuple[Path, Path], tmp_path: Path) -> None:
    store, deck = exported
    foreign = tmp_path / "foreign.pptx"
    Presentation().save(str(foreign))
    with pytest.raises(NotImportable, match="was not made by Briefing Builder"):
        _changes(store, foreign)

    def strip(prs: Deck) -> None:
        part = prs.part.package.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties")
        part._blob = part.blob.replace(b"BriefingBuilderBaseline", b"Other")

    stripped = _edit(deck, strip)
    assert _changes(store, stripped).edits == []  # the copy of the baseline kept next to the pack stands in
    shutil.rmtree(store / "packs" / ".deck-baselines")
    with pytest.raises(NotImportable, match="provenance was stripped"):
        _changes(store, stripped)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_round_trip_reports_nothing_then_exactly_an_edit(exported: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    store, deck = exported

    reword = _reword("most attractive place", "most attractive destination")

    def reword_and_retitle(prs: Deck) -> None:
        reword(prs)
        title = _slide(prs, "5.").shapes.title.text_frame.paragraphs[0].runs[0]
        title.text = title.text.replace("legal pathways", "legal routes")

    edits = [("labour-mobility-legal-pathways", "slide_title", "proposal"),
             ("global-race-for-talent", "text", "proposal")]
    for source, expected in ((deck, []), (_edit(deck, reword_and_retitle), edits)):
        out = tmp_path / f"lo-{source.stem}"
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pptx", "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
        changes = _changes(store, out / source.name)
        assert _summary(changes) == expected and changes.new_content == [] and changes.deleted == []
        assert changes.levels == []  # LibreOffice drops lvl="1" from paragraphs without bullets, keeps their indent


PARTNERS = "strategy-partners-briefing"


@pytest.fixture
def partners(tmp_path: Path) -> tuple[Path, Path]:
    return store_and_deck(tmp_path, PARTNERS)


def test_a_table_cell_edit_is_reported_with_its_field_line(partners: tuple[Path, Path]) -> None:
    store, deck = partners

    def cell(prs: Deck) -> None:
        table = next(sh for s in prs.slides for sh in s.shapes if sh.has_table).table
        run = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
        run.text = run.text.replace("irregular arrivals", "irregular crossings")
        table.cell(1, 1).text_frame.paragraphs[0].runs[0].text = "21 thousand"  # generated from value + unit

    changes = _changes(store, _edit(deck, cell))
    edit, value, unit = changes.edits
    assert (edit.field, edit.kind) == ("key_figures.0.label", Verdict.PROPOSAL)
    assert "irregular crossings" in edit.new and edit.applicable
    # the Value cell, made from value, unit and the illustrative mark, is read back into its two fields
    assert [(e.column, e.new, e.value, e.applicable) for e in (value, unit)] == [
        ("key figure 1 · value", "21", 21, True), ("key figure 1 · unit", "thousand", "thousand", True)]
    assert value.path is not None and value.line is not None
    assert value.path.read_text(encoding="utf-8").splitlines()[value.line - 1].strip() == "value: 20"
    assert changes.new_content == [] and changes.deleted == []


def test_a_cooperation_area_added_to_a_country_card_is_a_list_edit(partners: tuple[Path, Path]) -> None:
    store, deck = partners
    catalog = load_store(store)

    def add(prs: Deck) -> None:
        for slide in prs.slides:
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                paragraphs = shape.text_frame.paragraphs
                for index, p in enumerate(paragraphs):
                    if p.level == 1 and index + 1 < len(paragraphs) and paragraphs[index + 1].level == 0:
                        new = copy.deepcopy(p._p)
                        p._p.addnext(new)
                        new.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}t")[0].text = \
                            "Police cooperation"
                        for extra in new.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}r")[1:]:
                            new.remove(extra)
                        return

    changes = _changes(store, _edit(deck, add))
    (edit,) = changes.edits
    card = catalog.countries[edit.record_id]
    assert edit.field == "cooperation_areas" and edit.value == [*map(str, card.cooperation_areas), "Police cooperation"]
    apply_changes(changes)
    assert load_store(store).countries[edit.record_id].cooperation_areas[-1] == "Police cooperation"


def test_a_consultation_theme_summary_edit(exported: tuple[Path, Path]) -> None:
    store, deck = exported
    catalog = load_store(store)
    theme = next(iter(catalog.consultations.values())).themes[0]

    def reword(prs: Deck) -> None:
        for slide in prs.slides:
            for shape in slide.shapes:
                for p in shape.text_frame.paragraphs if shape.has_text_frame else []:
                    if "".join(r.text for r in p.runs).startswith("→ "):
                        p.runs[-1].text = p.runs[-1].text + " Agreed."
                        return

    changes = _changes(store, _edit(deck, reword))
    assert _summary(changes) == [(theme.id, "summary", "proposal")]
    assert changes.edits[0].new.endswith(" Agreed.") and not changes.edits[0].new.startswith("→")


def test_a_copied_slide_edited_reports_the_edit_once(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    def copy_and_edit(prs: Deck) -> None:
        duplicate = _copy_slide(prs, _slide(prs, "5."))
        p = _para(_body(duplicate), "global race")
        p.runs[0].text = p.runs[0].text.replace("Ambition", "Aim")

    changes = _changes(store, _edit(deck, copy_and_edit))
    assert _summary(changes) == [("global-race-for-talent", "text", "proposal")]
    assert changes.edits[0].where == "slide 11" and changes.new_content == []


def test_footers_markings_and_slide_numbers_are_never_edits(partners: tuple[Path, Path]) -> None:
    store, deck = partners

    def furniture(prs: Deck) -> None:
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame and shape.name.startswith(("Footer", "Marking", "Slide Number")):
                    for p in shape.text_frame.paragraphs:
                        for run in p.runs:
                            run.text = run.text + " (edited)"

    changes = _changes(store, _edit(deck, furniture))
    assert changes.edits == [] and changes.new_content == [] and changes.deleted == []


def test_typographic_quotes_typed_in_the_deck_reach_the_store(exported: tuple[Path, Path]) -> None:
    store, deck = exported

    quote = _reword("global race for talent", "\u201cglobal race for talent\u201d")

    (edit,) = _changes(store, _edit(deck, quote)).edits
    assert "\u201cglobal race for talent\u201d" in edit.new and "\u201cglobal race for talent\u201d" in str(edit.value)


def test_an_edit_of_the_packs_own_text_is_listed_not_proposed_for_the_library(partners: tuple[Path, Path]) -> None:
    store, deck = partners

    def reword(prs: Deck) -> None:
        p = _para(next(sh for sh in _slide(prs, "Points for discussion").shapes
                       if sh.has_text_frame and "Which partnerships" in sh.text_frame.text), "Which partnerships")
        p.runs[0].text = p.runs[0].text.replace("prioritise", "favour")

    changes = _changes(store, _edit(deck, reword))
    assert changes.edits == [] and changes.deleted == []
    (line,) = changes.new_content
    assert "the pack's own text" in line and "favour" in line and "edit it in the pack" in line
