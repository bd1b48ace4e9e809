"""A French pack's annex goes out in French and comes back read: its sheets, headers and
drop-down are French, and a delegation's comments and position typed in it are imported and
kept by an update, after the workbook was re-saved by openpyxl or LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from briefing_builder.annex.headers import position_labels
from briefing_builder.annex.service import (
    apply_return,
    compile_files,
    export_annex,
    keep_feedback,
    read_return,
    update_file,
)
from briefing_builder.store import load_store

from .returns import resave

PACK = "jha-counsellors-2026-01-12-fr"
ROW_ID = "readmission-by-third-countries"


def _type(path: Path, sheet: str, typed: dict[str, str]) -> None:
    """Type ``typed`` (header → text) on the row of ``ROW_ID`` in ``sheet``, as a delegation does."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ROW_ID)
    for header, text in typed.items():
        ws.cell(row, headers.index(header) + 1).value = text
    book.save(path)


def _type_like_a_delegation(path: Path) -> None:
    _type(path, "Mesures", {"Commentaires de la délégation": "Nous soutenons la réadmission.",
                            "Position de la délégation": "réserve d'examen",
                            "Statut": "en cours"})  # from the French drop-down


@pytest.mark.parametrize("tool", ["openpyxl", "libreoffice"])
def test_a_french_annex_is_read_back_after_a_delegation_edits_it(store: Path, tmp_path: Path, tool: str) -> None:
    if tool == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    catalog = load_store(store)
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    assert book.sheetnames[:2] == ["Page de garde", "Mesures"]
    hidden = book[book.sheetnames[-1]]
    assert (hidden.title, hidden.sheet_state) == ("Annexe – état envoyé", "veryHidden")  # named in French too
    assert hidden["A1"].value.startswith("Annexe – état envoyé, relu par Briefing Builder")
    headers = [c.value for c in book["Mesures"][1]]
    assert headers[:3] == ["ID", "Domaine", "Mesure"] and "Commentaires de la délégation" in headers
    lists = {dv.formula1 for dv in book["Mesures"].data_validations.dataValidation if dv.type == "list"}
    assert '"' + ",".join(position_labels("fr")) + '"' in lists
    assert '"proposé,prévu,en cours,adopté,mis en œuvre"' in lists  # the status drop-down
    assert book["Mesures"].cell(2, 2).value == "1. Diplomatie migratoire"  # the area's French title

    _type_like_a_delegation(sent)
    resave(sent, tool, tmp_path)

    changes = read_return(sent, catalog)
    assert changes.baseline.startswith("Compared with what was sent (the baseline inside the workbook)")
    (said,) = [i for i in changes.inputs if i.record_id == ROW_ID]
    assert dict(said.values) == {"Delegation comments": "Nous soutenons la réadmission.",
                                 "Delegation position": "réserve d'examen"}  # as typed; kept as the one value:
    assert [(e.record_id, e.field, e.value) for e in changes.edits] == [(ROW_ID, "status", "ongoing")]
    assert changes.unmatched == []
    kept = keep_feedback(changes, catalog, "FR")
    assert kept is not None and "Nous soutenons la réadmission." in kept.read_text(encoding="utf-8")
    assert "position: scrutiny reservation" in kept.read_text(encoding="utf-8")

    update_file(sent, catalog.packs[PACK], catalog, out=tmp_path / "updated.xlsx", on=dt.date(2026, 1, 11))
    ws = openpyxl.load_workbook(tmp_path / "updated.xlsx")["Mesures"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ROW_ID)
    assert ws.cell(row, headers.index("Commentaires de la délégation") + 1).value == "Nous soutenons la réadmission."


def test_a_french_annex_sent_with_the_english_baseline_sheet_name_is_still_read(store: Path, tmp_path: Path) -> None:
    """Annexes sent before the hidden sheet's name was translated: "Annex baseline" in a French workbook."""
    catalog = load_store(store)
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    hidden = book["Annexe – état envoyé"]
    hidden.title = "Annex baseline"
    hidden["A1"].value = "Annex baseline — what was sent, read back by Briefing Builder. Do not edit."
    book.save(sent)
    _type_like_a_delegation(sent)
    changes = read_return(sent, catalog)
    assert changes.baseline.startswith("Compared with what was sent (the baseline inside the workbook)")
    assert [(e.record_id, e.field, e.kind.value) for e in changes.edits] == [(ROW_ID, "status", "proposal")]
    update_file(sent, catalog.packs[PACK], catalog, out=tmp_path / "updated.xlsx", on=dt.date(2026, 1, 11))
    assert "Annex baseline" in openpyxl.load_workbook(tmp_path / "updated.xlsx").sheetnames  # kept, read again:
    assert read_return(tmp_path / "updated.xlsx", catalog).baseline.startswith("Compared with what was sent (the")


def test_an_edit_in_a_french_annex_changes_the_french_text_of_a_translated_measure(store: Path,
                                                                                  tmp_path: Path) -> None:
    area = store / "areas" / "04-return-readmission.yaml"
    english = '    text: "**Improving readmission by third countries**"'
    area.write_text(area.read_text(encoding="utf-8").replace(english, (
        '    text:\n      en: "**Improving readmission by third countries**"\n'
        '      fr: "**Améliorer la réadmission par les pays tiers**"')), encoding="utf-8")
    catalog = load_store(store)
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    ws = book["Mesures"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ROW_ID)
    assert str(ws.cell(row, 3).value) == "Améliorer la réadmission par les pays tiers"  # the French, shown
    ws.cell(row, 3).value = "Améliorer la réadmission par les pays partenaires"
    book.save(sent)

    changes = read_return(sent, catalog)
    (edit,) = changes.edits
    assert (edit.record_id, edit.field, edit.language) == (ROW_ID, "text", "fr")
    assert edit.old == "**Améliorer la réadmission par les pays tiers**"  # what the French annex showed
    apply_return(changes, [edit])
    text = area.read_text(encoding="utf-8")
    assert '      en: "**Improving readmission by third countries**"\n' in text  # the English untouched
    assert "Améliorer la réadmission par les pays partenaires" in text
    reloaded = load_store(store).areas["return-readmission"].measures[1].text
    assert reloaded.translations["en"] == "**Improving readmission by third countries**"
    assert "partenaires" in reloaded.translations["fr"]


def test_french_and_english_returns_are_compiled_together(store: Path, tmp_path: Path) -> None:
    """One delegation answers in the French annex, another in an English annex sent before."""
    catalog = load_store(store)
    french = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, french, dt.date(2026, 1, 10))
    _type_like_a_delegation(french)
    english = tmp_path / "annex-NL.xlsx"
    pack = catalog.packs[PACK]  # the same pack, its annex as the app wrote it before it was translated
    export_annex(pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"language": "en"})}),
                 catalog, english, dt.date(2026, 1, 10))
    _type(english, "Measures", {"Delegation position": "support", "Delegation comments": "We support it."})

    compilation = compile_files(catalog.packs[PACK], catalog, [french, english], tmp_path / "compiled.xlsx",
                                dt.date(2026, 1, 12))
    used = compilation.used
    assert set(used) == {"FR", "NL"}
    said = {code: [(e.record, e.position, e.comments) for e in read.feedback.entries]
            for code, read in used.items() if read.feedback is not None}
    assert said["FR"] == [(ROW_ID, "scrutiny reservation", "Nous soutenons la réadmission.")]  # one value
    assert said["NL"] == [(ROW_ID, "support", "We support it.")]
    book = openpyxl.load_workbook(tmp_path / "compiled.xlsx")  # a French pack's compilation: in French
    assert book.sheetnames == ["Compilation", "Positions", "Sans réponse", "Retours"]
    assert [c.value for c in book["Positions"][1]] == ["ID", "Fiche", "réserve d'examen", "soutien"]
    ws = book["Compilation"]
    assert [c.value for c in ws[1]] == ["ID", "Feuille", "Fiche", "FR position", "FR commentaires",
                                        "NL position", "NL commentaires"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ROW_ID)
    assert [ws.cell(row, c).value for c in (2, 4, 6)] == ["Mesures", "réserve d'examen", "soutien"]
    assert ws.oddFooter.center.text == "Commentaires reçus — page &P de &N"
    assert [c.value for c in book["Sans réponse"][1]] == ["Délégation"]
    assert [c.value for c in book["Retours"][1]] == ["Fichier", "Délégation", "Dernier enregistrement",
                                                     "Propositions", "Conflits", "Problème"]
    assert book.properties.title.startswith("Commentaires reçus — Stratégie européenne")
    saved = [str(book["Retours"].cell(r, 3).value) for r in (2, 3)]
    assert all(re.fullmatch(r"\d{1,2} [a-zéû]+ 20\d\d", day) for day in saved), saved  # "1 décembre 2026"


def _retype(sent: Path, sheet: str, column: int, text: str) -> str:
    """Type ``text`` over the cell of ``ROW_ID`` in ``column`` (openpyxl); return what it showed."""
    book = openpyxl.load_workbook(sent)
    ws = book[sheet]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ROW_ID)
    shown = str(ws.cell(row, column).value)
    ws.cell(row, column).value = text
    book.save(sent)
    return shown


def _apply_the_one_edit(sent: Path, store: Path) -> Any:
    """Read the return ``sent``, apply its one edit; the edited measure as the store now has it."""
    changes = read_return(sent, load_store(store))
    (edit,) = changes.edits
    apply_return(changes, [edit])
    return load_store(store).areas["return-readmission"].measures[1]


@pytest.mark.parametrize("tool", ["openpyxl", "libreoffice"])
def test_a_reword_of_the_english_shown_in_a_french_annex_is_stored_as_english_and_said(
        store: Path, tmp_path: Path, tool: str) -> None:
    """The measure has no French text: the French annex showed its English, the delegation reworded
    that English; the reword replaces the English (not a French translation), and the report says so."""
    if tool == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    catalog = load_store(store)
    sent = tmp_path / "annexe-FR.xlsx"
    export_annex(catalog.packs[PACK], catalog, sent, dt.date(2026, 1, 10))
    assert _retype(sent, "Mesures", 3, "Improving readmission by partner countries") \
        == "Improving readmission by third countries"  # no French yet: the English shown
    resave(sent, tool, tmp_path)
    changes = read_return(sent, load_store(store))
    (edit,) = changes.edits
    note = ("stored as English: the French annex showed the English text; add a French translation in the "
            "French tab")
    assert edit.language_note == note and f"    {note}" in changes.lines()
    report = apply_return(changes, [edit])
    assert any(line.endswith(note) for line in report.lines())
    measure = load_store(store).areas["return-readmission"].measures[1]
    assert measure.text == "**Improving readmission by partner countries**"  # the English reworded, kept bold
    assert not getattr(measure.text, "translations", {}).get("fr")  # no English words filed as French


def test_a_reword_of_the_french_shown_in_an_english_annex_is_stored_as_french(store: Path, tmp_path: Path) -> None:
    area = store / "areas" / "04-return-readmission.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        '    text: "**Improving readmission by third countries**"',
        '    text:\n      fr: "**Améliorer la réadmission par les pays tiers**"'), encoding="utf-8")
    catalog = load_store(store)
    sent = tmp_path / "annex-EN.xlsx"
    export_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, sent, dt.date(2026, 1, 10))
    assert _retype(sent, "Measures", 3, "Améliorer la réadmission par les pays partenaires") \
        == "Améliorer la réadmission par les pays tiers"
    changes = read_return(sent, load_store(store))
    assert changes.edits[0].language_note.startswith("stored as French: the English annex showed the French text")
    measure = _apply_the_one_edit(sent, store)
    assert measure.text.translations == {"fr": "**Améliorer la réadmission par les pays partenaires**"}


def test_a_retyped_cell_keeps_the_stores_bold_label_and_not_a_copied_cell_bold(store: Path,
                                                                               tmp_path: Path) -> None:
    catalog = load_store(store)
    sent = tmp_path / "annex-EN.xlsx"
    export_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, sent, dt.date(2026, 1, 10))
    book = openpyxl.load_workbook(sent)
    ws = book["Measures"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["leverages-and-incentives"], 3).value = "Use of leverages and incentives: visa, trade, funds."
    bold = ws.cell(rows["cooperation-with-third-countries"], 3)
    bold.font = openpyxl.styles.Font(bold=True)  # a format that came with a sorted row
    bold.value = "Cooperation with partner countries on the whole route"
    book.save(sent)
    changes = read_return(sent, catalog)
    apply_return(changes, changes.edits)
    measures = {m.id: m for m in load_store(store).areas["migration-diplomacy"].measures}
    assert measures["leverages-and-incentives"].text == "**Use of leverages and incentives:** visa, trade, funds."
    assert not measures["cooperation-with-third-countries"].text.startswith("**Cooperation with partner")
