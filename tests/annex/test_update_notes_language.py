"""The notes an annex update writes are in the annex's language, dates included.

A French annex goes out, the store and the pack change, and the delegation's copy is
updated twice, the way a counsellor does between meetings: every note in the "Note de mise à
jour" column (added, updated, no longer in the pack, back in the pack, not updated, unknown
ID) and the cover's row counts are French with French dates, and a note written in English
by an earlier update is still recognised.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from briefing_builder.annex.service import export_annex, update_file
from briefing_builder.compose import wording
from briefing_builder.store import load_store
from tests.annex.returns import after_the_meeting

PACK = "jha-counsellors-2026-01-12-fr"
FIRST, SECOND = dt.date(2026, 3, 1), dt.date(2026, 4, 1)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NOTE = "Note de mise à jour"


def _english_note_words() -> list[str]:
    """The fixed words of every English update note, as the catalogue writes them."""
    words = []
    for key, text in wording.catalogue("en").items():
        if key.startswith(("annex_note_", "annex_why_")) and key not in wording.catalogue("fr"):
            pytest.fail(f"{key} has no French label")
        if key.startswith(("annex_note_", "annex_why_")):
            words += [part.strip(" :;,.()'") for part in re.split(r"\{\w+\}", text) if len(part.strip()) > 3]
    return [w for w in words if w]


def _notes(path: Path, rows: bool = False) -> dict[str, str]:
    """The measures' update notes by record ID (``rows``: by row number)."""
    ws = openpyxl.load_workbook(path)["Mesures"]
    col = [c.value for c in ws[1]].index(NOTE) + 1
    return {str(r if rows else ws.cell(r, 1).value): str(ws.cell(r, col).value) for r in range(2, ws.max_row + 1)
            if ws.cell(r, col).value}


def _duplicate_and_mistype_ids(path: Path) -> None:
    """The delegation copies a row's ID onto another and types an ID that was never sent."""
    book = openpyxl.load_workbook(path)
    ws = book["Mesures"]
    ws.cell(3, 1).value = ws.cell(2, 1).value
    ws.cell(ws.max_row, 1).value = "mesure-inventee"
    book.save(path)


def test_every_update_note_of_a_french_annex_is_french_with_french_dates(store: Path, tmp_path: Path) -> None:
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(load_store(store).packs[PACK], load_store(store), sent, dt.date(2026, 1, 10))
    _duplicate_and_mistype_ids(sent)
    after_the_meeting(store, PACK, "**Improving readmission** by partner countries", '    text: "A new measure"\n')
    catalog = load_store(store)
    update_file(sent, catalog.packs[PACK], catalog, on=FIRST)
    notes = _notes(sent)
    assert notes["readmission-by-third-countries"] == "Mis à jour le 1 mars 2026 : Mesure, Statut"
    assert notes["brand-new-measure"] == "Ajouté le 1 mars 2026"
    assert notes["control-of-access"] == "Hors du dossier depuis le 1 mars 2026"
    assert notes["mesure-inventee"].startswith("ID inconnu « mesure-inventee »")
    duplicated = [text for text in _notes(sent, rows=True).values() if text.startswith("Non mis à jour : ")]
    assert len(duplicated) == 2 and all("figure aussi en ligne(s)" in text for text in duplicated), notes
    english = _english_note_words()
    for rid, text in notes.items():
        assert not ISO_DATE.search(text), (rid, text)
        assert [w for w in english if w in text] == [], (rid, text)
    cover = [str(c.value) for row in openpyxl.load_workbook(sent)["Page de garde"].iter_rows() for c in row
             if c.value]
    assert any(re.search(r"\d ne figurant plus dans le dossier\)", line) for line in cover), cover

    pack = store / "packs" / f"{PACK}.yaml"  # the strong-borders measures come back
    pack.write_text(pack.read_text(encoding="utf-8").replace("    measures: []\n", ""), encoding="utf-8")
    catalog = load_store(store)
    update_file(sent, catalog.packs[PACK], catalog, on=SECOND)
    assert _notes(sent)["control-of-access"] == "De nouveau dans le dossier le 1 avril 2026"


def test_a_note_an_earlier_update_wrote_in_english_is_still_understood(store: Path, tmp_path: Path) -> None:
    sent = tmp_path / "annexe-FR.xlsx"
    catalog = load_store(store)
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    ws = book["Mesures"]
    col = [c.value for c in ws[1]].index(NOTE) + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "control-of-access")
    ws.cell(row, col).value = "Not in the pack since 2026-02-01"  # as an English-speaking version wrote it
    book.save(sent)
    update_file(sent, catalog.packs[PACK], catalog, on=FIRST)
    assert _notes(sent)["control-of-access"] == "De nouveau dans le dossier le 1 mars 2026"


def test_an_english_annex_dates_its_notes_in_english(store: Path, tmp_path: Path) -> None:
    sent = tmp_path / "annex-NL.xlsx"
    pack_id = "jha-counsellors-2026-01-12"
    catalog = load_store(store)
    export_annex(catalog.packs[pack_id], catalog, sent, dt.date(2026, 1, 10))
    pack = store / "packs" / f"{pack_id}.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("    area: strong-borders\n",
                                                             "    area: strong-borders\n    measures: []\n"),
                    encoding="utf-8")
    catalog = load_store(store)
    update_file(sent, catalog.packs[pack_id], catalog, on=FIRST)
    ws = openpyxl.load_workbook(sent)["Measures"]
    col = [c.value for c in ws[1]].index("Update note") + 1
    assert {ws.cell(r, col).value for r in range(2, ws.max_row + 1)} >= {"Not in the pack since 1 March 2026"}
