"""Positions and statuses from any catalogue language (and apostrophe, œ/oe, case variants) mean one value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from briefing_builder.annex.feedback import drop_down_position, is_drop_down_position
from briefing_builder.annex.headers import position_labels, status_value
from briefing_builder.annex.service import apply_return, export_annex, read_return, update_file
from briefing_builder.compose import wording
from briefing_builder.store import load_store
from tests.sample_store import sample_store_copy

PACK = "jha-counsellors-2026-01-12-fr"


@pytest.mark.parametrize(("typed", "value"), [
    ("soutien", "support"), ("réserve d’examen", "scrutiny reservation"), ("réserve d'examen", "scrutiny reservation"),
    ("  OPPOSITION ", "oppose"), ("Pas de position", "no position"), ("Support", "support"),
    ("abstention", "abstention")])
def test_a_position_in_any_catalogue_language_is_one_value(typed: str, value: str) -> None:
    assert drop_down_position(typed) == value
    assert is_drop_down_position(drop_down_position(typed)) == (value != "abstention")


def test_the_french_positions_come_from_the_label_catalogue() -> None:
    assert position_labels("fr-BE") == tuple(wording.catalogue("fr")[f"position_{k}"] for k in
                                       ("support", "scrutiny_reservation", "oppose", "no_position"))


@pytest.mark.parametrize(("typed", "value"), [
    ("Mis en oeuvre", "implemented"), ("MIS EN ŒUVRE", "implemented"), ("en cours", "ongoing"),
    ("Ongoing", "ongoing"), ("Adopté", "adopted")])
def test_a_status_in_any_catalogue_language_is_the_stores_word(typed: str, value: str) -> None:
    assert status_value(typed) == value


def _french_annex_with_status(tmp_path: Path, status: str) -> tuple[Path, Path]:
    """A store copy and its French annex with ``status`` typed in one measure's Statut cell."""
    store = sample_store_copy(tmp_path)
    catalog = load_store(store)
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    ws = book["Mesures"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "readmission-by-third-countries")
    ws.cell(row, headers.index("Statut") + 1).value = status
    book.save(sent)
    return store, sent


def test_an_english_status_typed_in_a_french_annex_is_no_conflict_after_apply(tmp_path: Path) -> None:
    store, sent = _french_annex_with_status(tmp_path, "ongoing")
    catalog = load_store(store)
    changes = read_return(sent, catalog)
    apply_return(changes, changes.edits)
    catalog = load_store(store)
    again = read_return(sent, catalog)
    assert again.edits == []
    out = tmp_path / "updated.xlsx"
    update_file(sent, catalog.packs[PACK], catalog, out=out, on=dt.date(2026, 1, 11))
    ws = openpyxl.load_workbook(out)["Mesures"]
    headers = [c.value for c in ws[1]]
    note_col = headers.index("Note de mise à jour") + 1
    notes = [ws.cell(r, note_col).value or "" for r in range(2, ws.max_row + 1)]
    assert not [n for n in notes if "conflict" in n or "conflit" in n]


def test_comments_received_show_a_kept_position_in_the_annexs_language(tmp_path: Path) -> None:
    from briefing_builder.annex.feedback import received

    folder = tmp_path / "feedback" / PACK
    folder.mkdir(parents=True)
    (folder / "NL.yaml").write_text("delegation: NL\nentries:\n- record: r1\n  position: support\n"
                                    "  comments: ok\n- record: r2\n  position: soutien\n", encoding="utf-8")
    assert received(tmp_path, PACK, "fr") == {"r1": "NL: soutien — ok", "r2": "NL: soutien"}
    assert received(tmp_path, PACK) == {"r1": "NL: support — ok", "r2": "NL: support"}


def test_a_status_refused_in_a_french_annex_lists_the_french_words(tmp_path: Path) -> None:
    store, sent = _french_annex_with_status(tmp_path, "bientôt")
    (edit,) = read_return(sent, load_store(store)).edits
    assert "mis en œuvre" in edit.reason and "implemented" in edit.reason


def test_a_french_annex_update_notes_in_french(tmp_path: Path) -> None:
    store, sent = _french_annex_with_status(tmp_path, "adopté")
    catalog = load_store(store)
    out = tmp_path / "updated.xlsx"
    update_file(sent, catalog.packs[PACK], catalog, out=out, on=dt.date(2026, 1, 11))
    ws = openpyxl.load_workbook(out)["Mesures"]
    headers = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    note = ws.cell(rows["readmission-by-third-countries"], headers.index("Note de mise à jour") + 1).value
    assert note == "proposition conservée dans Statut"


def test_a_main_goals_proposal_says_which_file_it_is_in(tmp_path: Path) -> None:
    store, sent = _french_annex_with_status(tmp_path, "")
    book = openpyxl.load_workbook(sent)
    ws = book["Mesures"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "migration-diplomacy/main-goals")
    ws.cell(row, 3).value = "Objectifs principaux : prévenir les arrivées irrégulières"
    book.save(sent)
    (edit,) = read_return(sent, load_store(store)).edits
    assert edit.path == store / "areas" / "01-migration-diplomacy.yaml" and edit.line
    assert not edit.applicable and "by hand" in edit.reason
