"""New content and removals read from a deck: offered with where they go, written only when accepted."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.util import Emu

from briefing_builder.cli import main
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from briefing_builder.store.schema import AreaSection
from tests.deckimport.decks import store_and_deck
from tests.deckimport.test_deck_import import _edit as _edited
from tests.deckimport.test_deck_import import _slide
from tests.sample_store import sample_store_copy

PACK = "jha-counsellors-2026-01-12"
PARTNERS = "strategy-partners-briefing"
AREA5 = Path("areas") / "05-labour-mobility-legal-pathways.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"



def _body(slide: Any) -> Any:
    return max((sh for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title),
               key=lambda sh: len(sh.text_frame.text))


def _typed_after(paragraph: Any, text: str, level: int = 0) -> None:
    """A paragraph typed after ``paragraph`` as PowerPoint does (Enter at its end: same formatting)."""
    new = copy.deepcopy(paragraph._p)
    for run in new.findall(f"{A}r")[1:]:
        new.remove(run)
    new.find(f"{A}r/{A}t").text = text
    rpr = new.find(f"{A}r/{A}rPr")
    if rpr is not None:
        rpr.attrib.pop("b", None)
    ppr = new.find(f"{A}pPr")
    if ppr is not None:
        ppr.set("lvl", str(level))
    paragraph._p.addnext(new)


def _deleting(starts: str, slide: str = "5.") -> Callable[[Deck], None]:
    """An edit deleting the paragraph starting with ``starts`` on the slide titled ``slide``…"""
    def delete(prs: Deck) -> None:
        body = _body(_slide(prs, slide))
        paragraph = next(p for p in body.text_frame.paragraphs if p.text.startswith(starts))
        paragraph._p.getparent().remove(paragraph._p)
    return delete


def _import(store: Path, deck: Path, *args: str) -> int:
    return main(["deck", "import", str(deck), "--store", str(store), *args])


def _measure_ids(store: Path, area: str = "labour-mobility-legal-pathways") -> list[str]:
    return [m.id for m in load_store(store).areas[area].measures]


def _new_measure_typed(prs: Deck) -> None:
    body = _body(_slide(prs, "5."))
    first = body.text_frame.paragraphs[0]
    _typed_after(first, "Fast-track visas for researchers")
    _typed_after(body.text_frame.paragraphs[1], "Pilot in three member states", level=1)


def test_a_bullet_typed_under_a_measure_is_offered_as_a_new_measure_after_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    edited = _edited(deck, _new_measure_typed)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert _import(store, edited) == 0
    out = capsys.readouterr().out
    assert "new:1: new measure (slide 8) “Fast-track visas for researchers” |   Pilot in three member states" in out
    assert "after “labour-mobility-talent-attraction” (05-labour-mobility-legal-pathways.yaml)" in out
    assert "to apply: --accept new:1" in out
    assert _import(store, edited, "--apply") == 0  # not named: not added
    assert (store / AREA5).read_text(encoding="utf-8") == before
    assert _import(store, edited, "--apply", "--accept", "new:1") == 0
    ids = _measure_ids(store)
    assert ids[:3] == ["labour-mobility-talent-attraction", "fast-track-visas-for-researchers",
                       "global-race-for-talent"]
    added = load_store(store).areas["labour-mobility-legal-pathways"].measures[1]
    assert [p.text for p in added.sub_points] == ["Pilot in three member states"]
    after = (store / AREA5).read_text(encoding="utf-8")
    assert after.startswith(before.split("  - id: global-race-for-talent")[0])  # comments and the rest kept
    # the next deck carries it, and importing the same deck again offers nothing more
    catalog = load_store(store)
    again = build_pack(catalog.packs[PACK], catalog, tmp_path / "out2", annex=False).deck
    assert "Fast-track visas for researchers" in "".join(
        sh.text_frame.text for s in Presentation(str(again)).slides for sh in s.shapes if sh.has_text_frame)


def test_a_new_slide_is_offered_as_a_free_text_section_where_it_stands(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    def add(prs: Deck) -> None:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Next steps"
        frame = slide.placeholders[1].text_frame
        frame.text = "Agree the roadmap"
        sub = frame.add_paragraph()
        sub.text, sub.level = "Council conclusions in June", 1
        ids = prs.slides._sldIdLst
        ids.insert(9, ids[-1])  # put it before the closing slide

    edited = _edited(deck, add)
    assert _import(store, edited) == 0
    out = capsys.readouterr().out
    assert "new:1: new section (slide 10) “Next steps” | Agree the roadmap |   Council conclusions in June" in out
    assert "after section 9 (area “financial-operational-support”)" in out
    assert _import(store, edited, "--apply", "--accept", "new:1") == 0
    pack = load_store(store).packs[PACK]
    assert [s.type for s in pack.sections][-3:] == ["area", "text", "closing"]
    text = pack.sections[-2]
    assert text.title == "Next steps" and text.bullets[0].text == "Agree the roadmap"  # type: ignore[union-attr]
    assert text.bullets[0].sub_points[0].text == "Council conclusions in June"  # type: ignore[union-attr]


def test_a_text_box_added_on_an_area_slide_is_offered_as_new_measures_of_that_area(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)

    def box(prs: Deck) -> None:
        slide = _slide(prs, "1.")
        frame = slide.shapes.add_textbox(Emu(400000), Emu(400000), Emu(4000000), Emu(600000)).text_frame
        frame.text = "Joint visa policy review"

    edited = _edited(deck, box)
    assert _import(store, edited) == 0
    out = capsys.readouterr().out
    assert "new measure (slide" in out and "“Joint visa policy review”" in out and "last" in out
    assert _import(store, edited, "--apply", "--accept", "new:1") == 0
    catalog = load_store(store)
    assert catalog.areas["migration-diplomacy"].measures[-1].text == "Joint visa policy review"
    section = next(s for s in catalog.packs[PARTNERS].sections if isinstance(s, AreaSection)
                   and s.area == "migration-diplomacy")
    assert section.measures is not None and section.measures[-1] == "joint-visa-policy-review"


def test_a_deleted_measure_is_removed_only_when_accepted_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    edited = _edited(deck, _deleting("Tackle"))
    assert _import(store, edited, "--apply") == 0
    out = capsys.readouterr().out
    assert "remove:illegal-employment-exploitation: remove measure (slide 8)" in out
    assert "illegal-employment-exploitation" in _measure_ids(store)  # --apply alone removes nothing
    assert _import(store, edited, "--apply", "--accept", "remove:illegal-employment-exploitation") == 0
    assert "illegal-employment-exploitation" not in _measure_ids(store)


def test_a_measure_another_pack_lists_is_not_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    edited = _edited(deck, _deleting("Use of leverages", "1."))
    assert _import(store, edited, "--apply", "--accept", "remove:leverages-and-incentives") == 0
    out = capsys.readouterr().out
    assert "not applicable: the pack(s) strategy-partners-briefing still list it" in out
    assert "leverages-and-incentives" in _measure_ids(store, "migration-diplomacy")


def test_a_deleted_sub_point_is_applied_only_when_accepted_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    edited = _edited(deck, _deleting("Simplification"))
    assert _import(store, edited, "--apply") == 0
    assert "removes sub-points: applied only with --accept global-race-for-talent:sub_points" in capsys.readouterr().out
    catalog = load_store(store)
    measure = next(m for m in catalog.areas["labour-mobility-legal-pathways"].measures
                   if m.id == "global-race-for-talent")
    assert len(measure.sub_points) == 2
    assert _import(store, edited, "--apply", "--accept", "global-race-for-talent:sub_points") == 0
    measure = next(m for m in load_store(store).areas["labour-mobility-legal-pathways"].measures
                   if m.id == "global-race-for-talent")
    assert [p.text for p in measure.sub_points] == ["Comprehensive approach to include EU industry and employers."]


def test_an_area_file_saved_since_the_import_read_it_is_not_overwritten(tmp_path: Path) -> None:
    from briefing_builder.deckimport.apply import apply_deck
    from briefing_builder.deckimport.compare import read_changes

    store, deck = store_and_deck(tmp_path)
    changes = read_changes(_edited(deck, _new_measure_typed), load_store(store))
    path = store / AREA5
    path.write_text(path.read_text(encoding="utf-8") + "# the counsellor's note\n", encoding="utf-8")
    report = apply_deck(changes, [], changes.structure)
    assert report.added == [] and "changed since the deck was read" in report.refused[0][1]
    assert path.read_text(encoding="utf-8").endswith("# the counsellor's note\n")


def _strip_baseline_chunks(deck: Path) -> Path:
    """The deck with its baseline's chunks dropped (its deck id kept), as a careless tool might."""
    from lxml import etree

    from tests.zip_parts import rewrite_file, xml_edit

    out = deck.with_name("stripped.pptx")

    def without_chunks(root: etree._Element) -> None:
        for prop in list(root):
            if prop.get("name", "").startswith("BriefingBuilderBaseline"):
                root.remove(prop)

    return rewrite_file(deck, out, {"docProps/custom.xml": xml_edit(without_chunks)})


def test_the_baseline_is_kept_next_to_the_pack_and_in_the_stores_history(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.history.service import kept_file

    store = sample_store_copy(tmp_path)
    catalog = load_store(store)
    deck = build_pack(catalog.packs[PACK], catalog, tmp_path / "out", annex=False, history="start").deck
    [copy_file] = (store / "packs" / ".deck-baselines").iterdir()
    rel = copy_file.relative_to(store).as_posix()
    kept = kept_file(store, rel)
    assert kept is not None and kept[0] == copy_file.read_bytes() and kept[1].startswith("export/")
    stripped = _strip_baseline_chunks(_edited(deck, _new_measure_typed))
    assert _import(store, stripped) == 0
    assert "the baseline in the copy kept next to the pack" in capsys.readouterr().out
    copy_file.unlink()
    assert _import(store, stripped) == 0
    out = capsys.readouterr().out
    assert "the baseline in the copy kept in the store's history (export/" in out
    assert "new:1: new measure (slide 8) “Fast-track visas for researchers”" in out


def test_a_deck_of_a_pack_this_store_lacks_is_refused_in_words(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    (store / "packs" / f"{PACK}.yaml").unlink()
    assert _import(store, deck) == 1
    err = capsys.readouterr().err
    assert f"was exported for the pack '{PACK}', which the store" in err and "Traceback" not in err


def test_a_measure_deleted_in_the_deck_but_reworded_in_the_store_since_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    edited = _edited(deck, _deleting("Tackle"))
    path = store / AREA5
    path.write_text(path.read_text(encoding="utf-8").replace("Tackle **illegal", "Fight **illegal"), encoding="utf-8")
    assert _import(store, edited, "--apply", "--accept", "remove:illegal-employment-exploitation") == 0
    assert "not applicable: a conflict: the store changed this measure since" in capsys.readouterr().out
    assert "Fight **illegal" in path.read_text(encoding="utf-8")  # the newer edit is not lost
    assert "illegal-employment-exploitation" in _measure_ids(store)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_after_a_libreoffice_save_a_typed_measure_is_still_offered_and_the_renaming_told(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess

    store, deck = store_and_deck(tmp_path)
    edited = _edited(deck, _new_measure_typed)
    saved = tmp_path / "libreoffice"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pptx", "--outdir", str(saved), str(edited)],
                   check=True, capture_output=True, timeout=240)
    resaved = saved / edited.name
    assert _import(store, resaved, "--apply", "--accept", "new:1") == 0
    out = capsys.readouterr().out
    assert "lost the names the app gave them (LibreOffice renames shapes" in out
    assert "Edits: 0 " in out and "new:1: new measure (slide 8) “Fast-track visas for researchers”" in out
    assert _measure_ids(store)[1] == "fast-track-visas-for-researchers"


def test_importing_the_same_deck_again_offers_nothing_already_added(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    edited = _edited(deck, _new_measure_typed)
    assert _import(store, edited, "--apply", "--accept", "new:1") == 0
    capsys.readouterr()
    assert _import(store, edited) == 0
    assert "New and removed records (applied only when accepted by name): 0" in capsys.readouterr().out
    assert _measure_ids(store).count("fast-track-visas-for-researchers") == 1


def test_an_accept_that_names_nothing_writes_nothing_and_says_so(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    edited = _edited(deck, _new_measure_typed)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert _import(store, edited, "--apply", "--accept", "new:7") == 2
    err = capsys.readouterr().err
    assert "--accept new:7: names no edit, new or removed record of this deck" in err and "Traceback" not in err
    assert (store / AREA5).read_text(encoding="utf-8") == before


def test_a_new_slide_with_a_title_too_long_for_the_library_is_not_applicable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    def add(prs: Deck) -> None:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Long " * 120
        slide.placeholders[1].text_frame.text = "One point"

    before = (store / "packs" / f"{PACK}.yaml").read_text(encoding="utf-8")
    assert _import(store, _edited(deck, add), "--apply", "--accept", "new:1") == 0
    assert "not applicable: the slide's title is longer than 500 characters" in capsys.readouterr().out
    assert (store / "packs" / f"{PACK}.yaml").read_text(encoding="utf-8") == before


def test_a_bullet_typed_next_to_a_reworded_measure_does_not_take_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.realdisplay.scenarios import _counsellor_edit

    store, deck = store_and_deck(tmp_path)
    edited = _counsellor_edit(deck, tmp_path / "edited.pptx")  # reworded, typed before it, another deleted
    assert _import(store, edited, "--apply", "--accept", "global-race-for-talent:text", "--accept", "new:1") == 0
    out = capsys.readouterr().out
    assert "most attractive [-place-] {+destination+} in the global race" in out
    measures = {m.id: m.text for m in load_store(store).areas["labour-mobility-legal-pathways"].measures}
    assert list(measures)[:3] == ["labour-mobility-talent-attraction", "fast-track-visas-for-researchers",
                                  "global-race-for-talent"]
    assert measures["global-race-for-talent"].startswith("Ambition to become the most attractive destination")
    assert "illegal-employment-exploitation" in measures


@pytest.mark.parametrize("where", ["within its slide", "to another slide"])
def test_a_measure_moved_in_the_deck_is_neither_removed_nor_added(tmp_path: Path, where: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    def move(prs: Deck) -> None:
        paragraphs = _body(_slide(prs, "5.")).text_frame.paragraphs
        tackle = next(p for p in paragraphs if p.text.startswith("Tackle"))
        if where == "within its slide":
            paragraphs[0]._p.addprevious(tackle._p)
        else:
            _body(_slide(prs, "4.")).text_frame.paragraphs[-1]._p.addnext(tackle._p)

    assert _import(store, _edited(deck, move)) == 0
    out = capsys.readouterr().out
    assert "New and removed records (applied only when accepted by name): 0" in out
    assert "Moved in the deck (the library's order is kept): 1" in out
    assert "the measure 'illegal-employment-exploitation' moved within the deck" in out
    assert "New content, not in the library: 0" in out


def test_a_duplicated_slide_retyped_with_new_text_edits_no_record(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from tests.deckimport.test_deck_import import _copy_slide

    store, deck = store_and_deck(tmp_path)

    def duplicate(prs: Deck) -> None:
        copy_ = _copy_slide(prs, _slide(prs, "5."))  # Duplicate Slide, used as a layout for new content
        frame = _body(copy_).text_frame
        for paragraph in frame.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        frame.paragraphs[0].runs[0].text = "Seasonal workers scheme evaluated in 2027"
        for run in frame.paragraphs[0].runs[1:]:
            run.text = ""

    before = (store / AREA5).read_text(encoding="utf-8")
    assert _import(store, _edited(deck, duplicate), "--apply") == 0
    out = capsys.readouterr().out
    assert "Edits: 0 " in out  # the measures of slide 8 are not rewritten by the copy's new text
    assert "new:1: new measure (slide 11) “Seasonal workers scheme evaluated in 2027”" in out
    assert (store / AREA5).read_text(encoding="utf-8") == before


def test_two_bullets_typed_after_a_measure_keep_their_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)

    def two(prs: Deck) -> None:
        first = next(p for p in _body(_slide(prs, "1.")).text_frame.paragraphs
                     if p.text.startswith("Cooperation with third countries"))
        _typed_after(first, "Second new measure")
        _typed_after(first, "First new measure")

    assert _import(store, _edited(deck, two), "--apply", "--accept", "new:1", "--accept", "new:2") == 0
    catalog = load_store(store)
    ids = [m.id for m in catalog.areas["migration-diplomacy"].measures]
    first = ids.index("cooperation-with-third-countries")
    assert ids[first + 1:first + 3] == ["first-new-measure", "second-new-measure"]
    section = next(s for s in catalog.packs[PARTNERS].sections if isinstance(s, AreaSection)
                   and s.area == "migration-diplomacy")
    assert section.measures is not None
    assert section.measures[:3] == ["cooperation-with-third-countries", "first-new-measure", "second-new-measure"]


def test_a_bullet_typed_above_the_first_measure_of_a_slide_goes_before_it(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)

    def above(prs: Deck) -> None:
        slide = _slide(prs, "2.")
        first = _body(slide).text_frame.paragraphs[0]  # this slide shows no main goals: a measure comes first
        _typed_after(first, "placeholder")
        typed = _body(slide).text_frame.paragraphs[1]._p
        first._p.addprevious(typed)
        typed.find(f"{A}r/{A}t").text = "Visa leverage reviewed yearly"

    assert _import(store, _edited(deck, above), "--apply", "--accept", "new:1") == 0
    out = capsys.readouterr().out
    assert "“Visa leverage reviewed yearly”" in out and "New content, not in the library: 0" in out
    catalog = load_store(store)
    ids = [m.id for m in catalog.areas["return-readmission"].measures]
    assert ids[ids.index("visa-leverage-reviewed-yearly") + 1] == "readmission-by-third-countries"
    section = next(s for s in catalog.packs[PARTNERS].sections if getattr(s, "area", "") == "return-readmission")
    assert section.measures == ["visa-leverage-reviewed-yearly", "readmission-by-third-countries"]  # type: ignore[union-attr]


def test_a_text_box_copied_to_another_slide_is_no_edit_and_what_is_typed_in_it_is_offered_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)

    def paste(typed: bool) -> Callable[[Deck], None]:
        def change(prs: Deck) -> None:
            source = _body(_slide(prs, "5."))
            _slide(prs, "2.").shapes._spTree.append(copy.deepcopy(source._element))  # copy, paste on slide 5
            if typed:
                pasted = _body(_slide(prs, "2."))
                assert pasted.name == source.name  # the copy keeps the key in its name
                _typed_after(pasted.text_frame.paragraphs[0], "Fast-track visas for researchers")
        return change

    assert _import(store, _edited(deck, paste(False))) == 0
    out = capsys.readouterr().out
    assert "Edits: 0 " in out and "New and removed records (applied only when accepted by name): 0" in out
    assert "New content, not in the library: 0" in out
    assert _import(store, _edited(deck, paste(True))) == 0
    out = capsys.readouterr().out
    assert out.count("new measure (slide 5) “Fast-track visas for researchers”") == 1 and "new:2" not in out
