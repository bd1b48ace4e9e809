"""Editing the library: forms validated with the schema, round-trip writes, conflicts, undo."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from ruamel.yaml import YAML

from briefing_builder.store import load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.form_fields import points_to_text, text_to_points
from briefing_builder.ui.record_form import RecordForm

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow
    from tests.ui.conftest import OpenWindow


AREA = Path("areas") / "04-return-readmission.yaml"
MEASURE = "readmission-by-third-countries"
OLD_TEXT = 'text: "**Improving readmission by third countries**"'


def snapshot(root: Path) -> dict[Path, bytes]:
    """Bytes of every file of the store."""
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def changed_files(root: Path, before: dict[Path, bytes]) -> set[Path]:
    """Files added, removed or changed since ``before``."""
    after = snapshot(root)
    return {p for p in set(before) | set(after) if before.get(p) != after.get(p)}


def with_form(monkeypatch: pytest.MonkeyPatch, fill: Callable[[RecordForm], None]) -> list[RecordForm]:
    """Make the form seam fill the form instead of showing it; accept it when it validates."""
    shown: list[RecordForm] = []

    def run(parent: object, form: RecordForm) -> bool:
        shown.append(form)
        fill(form)
        return form.validate()
    monkeypatch.setattr(dialogs, "run_form", run)
    return shown


def measure_keys(path: Path, record_id: str) -> list[str]:
    """Keys of a measure in file order."""
    doc = YAML().load(path.read_text(encoding="utf-8"))
    return list(next(m for m in doc["measures"] if m["id"] == record_id))


@pytest.fixture
def commented(store_copy: Path) -> Path:
    """The store copy with an end-of-line comment inside the measure that gets edited."""
    area = store_copy / AREA
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("countries: [nigeria, kazakhstan, syria, afghanistan]",
                                 "countries: [nigeria, kazakhstan, syria, afghanistan]  # keep this comment"),
                    encoding="utf-8")
    return store_copy


def test_edit_measure_keeps_comments_key_order_and_other_files(open_window: OpenWindow, commented: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(commented)
    area = commented / AREA
    keys = measure_keys(area, MEASURE)
    before = snapshot(commented)
    original = area.read_text(encoding="utf-8")

    def fill(form: RecordForm) -> None:
        assert form.fields["id"].editor.isEnabled() is False  # ids stay stable
        form.fields["text"].editor.setPlainText("**Improving readmission** by third countries")
        form.fields["status"].set_value("ongoing")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("measure", MEASURE)

    assert changed_files(commented, before) == {AREA}
    text = area.read_text(encoding="utf-8")
    assert "# keep this comment" in text and text.startswith("# Priority area 4")
    assert 'text: "**Improving readmission** by third countries"' in text
    assert measure_keys(area, MEASURE) == [*keys[:3], "status", *keys[3:]]  # new key after the scalars
    removed = [line for line in original.splitlines() if line not in text.splitlines()]
    added = [line for line in text.splitlines() if line not in original.splitlines()]
    assert removed == [f"    {OLD_TEXT}"]
    assert added == ['    text: "**Improving readmission** by third countries"', "    status: ongoing"]
    # the store reloaded: library and catalog show the change, the pack keeps its sections
    measure = next(m for m in window.editor.catalog.areas["return-readmission"].measures if m.id == MEASURE)
    assert measure.text == "**Improving readmission** by third countries" and measure.status.value == "ongoing"
    node = next(c for r in window.library.models["areas"].roots for c in r.children if c.record_id == MEASURE)
    assert node.columns[0].startswith("Improving readmission by third")
    assert not window.editor.catalog.diagnostics


def test_form_errors_speak_like_validate(window: MainWindow, store_copy: Path) -> None:
    """The located wording of ``validate`` (store/errors.py), not pydantic's developer text."""
    catalog = window.editor.catalog
    consultation = next(iter(catalog.consultations.values()))
    form = RecordForm("consultation", catalog, consultation)
    form.fields["ms_count"].editor.setText("nine")
    shown = form.fields["ms_count"].error.text()
    assert not form.ok_button.isEnabled()
    assert "Input should be" not in shown and "unable to parse" not in shown, shown
    assert shown == "expected a whole number (e.g. 9), got 'nine'"
    path = store_copy / catalog.origins[consultation.id].path.relative_to(catalog.root)
    path.write_text(path.read_text(encoding="utf-8").replace(f"ms_count: {consultation.ms_count}",
                                                             "ms_count: nine"), encoding="utf-8")
    said = [d.message for d in load_store(store_copy).diagnostics if "ms_count" in d.message]
    assert said == [f"ms_count: {shown}"]  # validate says the same, located


def test_validation_blocks_invalid_status_and_iso_code(window: MainWindow) -> None:
    catalog = window.editor.catalog
    card = RecordForm("country", catalog, catalog.countries["nigeria"])
    assert card.ok_button.isEnabled()
    card.fields["iso_code"].editor.setText("ng")
    assert not card.ok_button.isEnabled() and card.record() is None
    assert "two capital letters" in card.fields["iso_code"].error.text()
    card.fields["iso_code"].editor.setText("NG")
    assert card.ok_button.isEnabled() and card.fields["iso_code"].error.text() == ""

    measure = RecordForm("measure", catalog, catalog.areas["return-readmission"].measures[1])
    measure.fields["status"].set_value("finished")  # e.g. typed into a file by hand
    assert not measure.ok_button.isEnabled()
    assert "proposed" in measure.fields["status"].error.text()

    new = RecordForm("milestone", catalog, None)
    new.fields["id"].editor.setText("frontex-regulation-revision-2026")
    new.fields["title"].editor.setText("Twice")
    assert "already used" in new.fields["id"].error.text()
    new.fields["id"].editor.setText("Bad Id")
    assert "lower-case" in new.fields["id"].error.text()
    new.fields["id"].editor.setText("fresh-milestone")
    assert not new.ok_button.isEnabled() and "date" in new.summary.text()  # needs a date or a period
    new.fields["period"].editor.setText("2027")
    assert new.ok_button.isEnabled()
    for form in (card, measure, new):
        form.deleteLater()


def test_edit_of_a_file_changed_on_disk_is_not_written(open_window: OpenWindow, store_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    area = store_copy / AREA
    theirs = area.read_text(encoding="utf-8").replace("# Priority area 4", "# Edited elsewhere: area 4")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_reload_store", lambda parent, title, message: asked.append(message) or True)

    def fill(form: RecordForm) -> None:
        area.write_text(theirs, encoding="utf-8")  # another editor saves while the form is open
        form.fields["text"].editor.setPlainText("Mine")
    with_form(monkeypatch, fill)
    assert not window.library_actions.editor.edit("measure", MEASURE)
    assert area.read_text(encoding="utf-8") == theirs
    assert asked and "changed on disk" in asked[0]
    assert window.library_actions.editor.undo_stack.count() == 0


def test_add_and_delete_a_country_card(
        open_window: OpenWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    before = snapshot(store_copy)

    def fill(form: RecordForm) -> None:
        for name, value in (("id", "morocco"), ("iso_code", "MA"), ("name", "Morocco"), ("region", "North Africa"),
                            ("relationship", "Comprehensive partnership"), ("last_reviewed", "2026-02-01")):
            form.fields[name].editor.setText(value)
        form.fields["sources"].editor.setPlainText("Desk note, February 2026")
        figures = form.fields["key_figures"]
        figures.add_row({"label": "Illustrative: returns", "value": 3, "source": "Placeholder",
                         "as_of": "2026-02-01", "illustrative": True})
        figures.editor.item(0, 7).setText("2024=2; 2025=3")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.add("country")
    card_file = Path("countries") / "morocco.yaml"
    assert changed_files(store_copy, before) == {card_file}
    card = window.editor.catalog.countries["morocco"]
    assert card.iso_code == "MA" and card.key_figures[0].illustrative and len(card.key_figures[0].series) == 2
    assert not window.editor.catalog.diagnostics
    assert window.library.models["countries"].rowCount() == 12

    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    assert window.library_actions.editor.delete("country", "morocco")
    assert changed_files(store_copy, before) == set()
    assert "morocco" not in window.editor.catalog.countries
    window.library_actions.editor.undo_stack.undo()  # undo the delete: the card is back
    assert (store_copy / card_file).is_file() and "morocco" in window.editor.catalog.countries


def test_undo_and_redo_of_an_edit_rewrite_the_file(open_window: OpenWindow, store_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    path = store_copy / "milestones.yaml"
    original = path.read_bytes()
    with_form(monkeypatch, lambda form: form.fields["body"].editor.setText("Frontex and COM"))
    library = window.library_actions
    assert library.editor.edit("milestone", "frontex-regulation-revision-2026")
    edited = path.read_bytes()
    assert edited != original and b'body: "Frontex and COM"' in edited
    assert library.undo_action.isEnabled() and "Edit milestone" in library.undo_action.text()
    library.undo_action.trigger()
    assert path.read_bytes() == original
    assert window.statusBar().currentMessage() == \
        "Undid “Edit milestone frontex-regulation-revision-2026”: milestones.yaml restored."
    assert window.editor.catalog.milestones["frontex-regulation-revision-2026"].body == "Frontex"
    library.redo_action.trigger()
    assert path.read_bytes() == edited
    assert window.statusBar().currentMessage().startswith("Redid “Edit milestone")
    assert window.editor.undo_stack.count() == 0  # the pack's history is separate


def test_undo_refuses_to_overwrite_a_file_edited_since(open_window: OpenWindow, store_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    path = store_copy / "milestones.yaml"
    with_form(monkeypatch, lambda form: form.fields["body"].editor.setText("Changed"))
    assert window.library_actions.editor.edit("milestone", "frontex-regulation-revision-2026")
    theirs = path.read_text(encoding="utf-8") + "# a later hand edit\n"
    path.write_text(theirs, encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_reload_store", lambda parent, title, message: False)
    window.library_actions.editor.undo_stack.undo()
    assert path.read_text(encoding="utf-8") == theirs
    assert window.library_actions.editor.undo_stack.count() == 0  # the stale step was dropped


def test_new_measure_milestone_and_theme_join_their_files(open_window: OpenWindow, store_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    before = snapshot(store_copy)
    library = window.library_actions

    def measure(form: RecordForm) -> None:
        assert form.fields["_parent"].value() == "return-readmission"  # the selected area
        form.fields["id"].editor.setText("return-hubs-study")
        form.fields["text"].editor.setPlainText("**Study** on return hubs")
        form.fields["sub_points"].editor.setPlainText("Scope\n- legal basis\n- - case law\nCosts")
        form.fields["countries"].set_checked("nigeria")
    with_form(monkeypatch, measure)
    assert library.editor.add("measure", "return-readmission")
    with_form(monkeypatch, lambda form: (form.fields["id"].editor.setText("pact-review-2027"),
                                         form.fields["title"].editor.setText("Pact review"),
                                         form.fields["date"].editor.setText("2027-06-12")))
    assert library.editor.add("milestone")
    with_form(monkeypatch, lambda form: (form.fields["id"].editor.setText("input-digital"),
                                         form.fields["title"].editor.setText("Digital tools"),
                                         form.fields["summary"].editor.setPlainText("Interoperability first.")))
    assert library.editor.add("theme", "ms-input-2026-01")
    assert changed_files(store_copy, before) == {AREA, Path("milestones.yaml"),
                                                 Path("consultations") / "ms-input-2026-01.yaml"}
    catalog = load_store(store_copy)
    assert not catalog.diagnostics
    new = catalog.areas["return-readmission"].measures[-1]
    assert new.id == "return-hubs-study" and new.countries == ["nigeria"]
    assert new.sub_points[0].sub_points[0].sub_points[0].text == "case law"
    assert catalog.milestones["pact-review-2027"].date.isoformat() == "2027-06-12"
    assert catalog.consultations["ms-input-2026-01"].themes[-1].id == "input-digital"
    area_text = (store_copy / AREA).read_text(encoding="utf-8")
    assert area_text.endswith('"**Study** on return hubs"\n    sub_points:\n'
                              '      - text: "Scope"\n        sub_points:\n          - text: "legal basis"\n'
                              '            sub_points:\n              - "case law"\n      - "Costs"\n'
                              '    countries: [nigeria]\n')  # the schema's key order
    assert "\n\n  - id: return-hubs-study\n" in area_text  # spaced like the measures before it


def test_bundled_store_is_read_only_and_can_be_copied(window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.paths import sample_store_dir

    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_copy_store", lambda parent, reason: offered.append(reason) or None)
    assert not window.library_actions.editor.edit("measure", MEASURE)
    assert offered and "read-only" in offered[0] and str(sample_store_dir()) in offered[0]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")  # a folder in use: copied beside
    monkeypatch.setattr(dialogs, "ask_copy_store", lambda parent, reason: tmp_path / "mine")
    opened: list[tuple[str, object]] = []
    monkeypatch.setattr(dialogs, "run_form", lambda parent, form: opened.append((form.kind, form.editing)) or False)
    assert window.library.select_record("measure", MEASURE)
    window.library_actions.edit_action.trigger()  # F2 on the bundled store: copy, then the edit goes on
    assert opened and opened[0][0] == "measure", "the edit asked for was dropped after the copy"
    assert window.library.selected_records() == [("measure", MEASURE)]  # still selected, in the copy
    copy = tmp_path / "mine" / "briefing-store"
    assert (copy / "store.yaml").is_file() and (tmp_path / "mine" / "notes.txt").read_text() == "mine"
    assert window.editor.catalog.root.resolve() == copy.resolve()  # the copy is open, and editable
    assert window.library_actions.editor.read_only_reason() is None
    assert snapshot(copy) == snapshot(sample_store_dir())


def test_edit_an_area_keeps_its_measures_comments_and_undo(open_window: OpenWindow, store_copy: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    area = store_copy / AREA
    original = area.read_text(encoding="utf-8")
    before = snapshot(store_copy)

    def fill(form: RecordForm) -> None:
        assert form.fields["number"].editor.text() == "4"
        form.fields["slide_title"].editor.setText("Returns and readmission")
        form.fields["main_goals"].editor.setPlainText("A **common** European system for returns.")
        form.fields["number"].editor.setText("zero")
        assert not form.ok_button.isEnabled() and form.fields["number"].error.text()
        form.fields["number"].editor.setText("4")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("area", "return-readmission")
    assert changed_files(store_copy, before) == {AREA}
    text = area.read_text(encoding="utf-8")
    diff = [line for line in difflib.ndiff(original.splitlines(), text.splitlines()) if line[:2] in ("- ", "+ ")]
    # the slide title is in English and French: its English changes, its French stays
    assert diff == ['-   en: "Return and readmission"', '+   en: "Returns and readmission"',
                    '+ main_goals: "A **common** European system for returns."']
    assert 'slide_title:\n  en: "Returns and readmission"\n  fr: "Retour et réadmission"' in text
    assert text.startswith("# Priority area 4")
    reloaded = window.editor.catalog.areas["return-readmission"]
    assert reloaded.display_title == "Returns and readmission" and len(reloaded.measures) == 2
    window.library_actions.undo_action.trigger()
    assert area.read_text(encoding="utf-8") == original


def test_add_and_delete_an_area_and_a_consultation(open_window: OpenWindow, store_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    fills = {"area": {"id": "digital-borders", "number": "7", "title": "Digital borders"},
             "consultation": {"id": "ms-input-2026-06", "title": "Input received in June", "ms_count": "12",
                              "received_by": "2026-06-01"}}

    def fill(form: RecordForm) -> None:
        for name, value in fills[form.kind].items():
            form.fields[name].editor.setText(value)
    with_form(monkeypatch, fill)
    editor = window.library_actions.editor
    assert editor.add("area") and editor.add("consultation")
    assert (store_copy / "areas" / "digital-borders.yaml").is_file()
    assert (store_copy / "consultations" / "ms-input-2026-06.yaml").is_file()
    catalog = window.editor.catalog
    assert catalog.areas["digital-borders"].number == 7 and catalog.consultations["ms-input-2026-06"].ms_count == 12
    assert not catalog.diagnostics
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    assert editor.delete("area", "digital-borders")
    assert not (store_copy / "areas" / "digital-borders.yaml").exists()
    window.library_actions.undo_action.trigger()
    assert (store_copy / "areas" / "digital-borders.yaml").is_file()


def test_sub_point_lines_round_trip(window: MainWindow) -> None:
    measure = window.editor.catalog.areas["migration-diplomacy"].measures[0]
    text = "Top\n- child\n- - grandchild\n- second child\nNext"
    assert points_to_text(RecordForm("measure", window.editor.catalog, measure).record().model_validate(
        {"id": "x", "text": "t", "sub_points": text_to_points(text)}).sub_points) == text


def test_editing_a_heading_measure_keeps_it_a_heading(open_window: OpenWindow, store_copy: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    shown = with_form(monkeypatch, lambda form: form.fields["timeline"].editor.setText("2028–2034 (MFF)"))
    assert window.library_actions.editor.edit("measure", "next-mff")
    assert shown[0].fields["heading"].editor.isChecked()
    measure = next(m for m in window.editor.catalog.areas["financial-operational-support"].measures
                   if m.id == "next-mff")
    assert measure.heading and measure.timeline == "2028–2034 (MFF)"


def test_edit_a_consultation_keeps_its_themes(open_window: OpenWindow, store_copy: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    path = store_copy / "consultations" / "ms-input-2026-01.yaml"
    original = path.read_text(encoding="utf-8")

    def fill(form: RecordForm) -> None:
        assert form.fields["ms_count"].editor.text() == "9"
        form.fields["ms_count"].editor.setText("28")
        assert not form.ok_button.isEnabled()  # at most 27 Member States
        form.fields["ms_count"].editor.setText("11")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("consultation", "ms-input-2026-01")
    text = path.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line not in original.splitlines()] == ["ms_count: 11"]
    consultation = window.editor.catalog.consultations["ms-input-2026-01"]
    assert consultation.ms_count == 11 and len(consultation.themes) == len(load_store(store_copy)
                                                                                .consultations["ms-input-2026-01"].themes)
    assert text.startswith("# Member States' input")


def test_the_french_tab_edits_the_french_beside_the_english(open_window: OpenWindow, store_copy: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    area = store_copy / AREA

    def fill(form: RecordForm) -> None:
        (french,) = form.languages
        assert french.language == "fr" and form.tabs.tabText(1) == "French"
        assert french.fields["title"].editor.text() == "Retours et réadmission"
        assert french.references["title"].text() == "Returns and readmission"  # the English, for reference
        form.fields["title"].editor.setText("Return and readmission policy")
        assert french.references["title"].text() == "Return and readmission policy"  # follows the typing
        french.fields["title"].editor.setText("Politique de retour et de réadmission")
        french.fields["short_title"].editor.setText("")  # no French short title: English in French packs
        french.fields["main_goals"].editor.setPlainText("Un système **commun** de retour.")
        assert not form.ok_button.isEnabled()  # a French main goal with no English one
        assert "English text is empty" in french.fields["main_goals"].error.text()
        form.fields["main_goals"].editor.setPlainText("A **common** return system.")
        assert form.ok_button.isEnabled()
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("area", "return-readmission")
    reloaded = window.editor.catalog.areas["return-readmission"]
    assert reloaded.title.translations == {"en": "Return and readmission policy",
                                           "fr": "Politique de retour et de réadmission"}
    assert reloaded.main_goals.translations == {"en": "A **common** return system.",
                                                "fr": "Un système **commun** de retour."}
    assert type(reloaded.short_title) is str and reloaded.short_title == "Return and readmission"
    assert reloaded.sources[0].translations["fr"].startswith("Présentation")  # not on a tab: kept as it was
    assert "  fr: \"Politique de retour et de réadmission\"" in area.read_text(encoding="utf-8")


def test_a_sub_point_added_above_a_bilingual_one_keeps_each_translation_on_its_item(
        open_window, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    area = store_copy / AREA
    english = ("**Reinforcing the use of incentives and leverages** - Art. 25a of the Visa Code, trade policies, "
               "and incentives.")
    french = "**Renforcer le recours aux incitations et aux leviers** – art. 25 bis du code des visas."
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace(f'      - "{english}"', f'      - en: "{english}"\n        fr: "{french}"'),
                    encoding="utf-8")
    window = open_window(store_copy)

    def fill(form: RecordForm) -> None:
        editor = form.fields["sub_points"].editor
        editor.setPlainText("New first point added by the counsellor\n" + editor.toPlainText())
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("measure", MEASURE)
    catalog = load_store(store_copy)
    assert not [d for d in catalog.diagnostics if d.path == area], catalog.diagnostics
    points = next(m for m in catalog.areas["return-readmission"].measures if m.id == MEASURE).sub_points
    assert [str(p.text) for p in points][:3] == [
        "New first point added by the counsellor",
        ("**Foster cooperation using readmission agreements** – finalisation of negotiations with Nigeria and "
         "Kazakhstan."),
        english]
    translated = [p for p in points if getattr(p.text, "translations", None)]
    assert [p.text.translations for p in translated] == [{"en": english, "fr": french}]
    assert len(points) == 7
