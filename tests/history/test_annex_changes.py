"""The annex's "Changed since <last meeting>" column and update notes, from the store's history."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from briefing_builder.annex.changed_since import is_changed_since_header
from briefing_builder.cli import main
from tests.annex.returns import libreoffice_resave, run_cli, type_into, where, without_part
from tests.history.conftest import edit

PACK = "jha-counsellors-2026-01-12"
MEASURE = "common-european-return-system"


def _build(store: Path, out: Path, *extra: str) -> Path:
    assert main(["build", PACK, "--store", str(store), "--out", str(out), *extra]) == 0
    return out / f"{PACK}-annex.xlsx"


def _rows(annex: Path, sheet: str = "Measures") -> tuple[list[str], dict[str, list[Any]]]:
    ws = openpyxl.load_workbook(annex, rich_text=True)[sheet]
    header = [str(c.value) for c in ws[1]]
    return header, {str(row[0].value): [c.value for c in row] for row in ws.iter_rows(min_row=2)}


def _markup_free(cell: Iterable[Any]) -> str:
    return "".join(getattr(block, "text", block) for block in cell)


def _struck(cell: Iterable[Any]) -> list[str]:
    return [block.text for block in cell if getattr(getattr(block, "font", None), "strike", False)]


def test_the_second_export_says_what_changed_since_the_first(store: Path, tmp_path: Path) -> None:
    first = _build(store, tmp_path / "one")
    header, _ = _rows(first)
    assert not any(is_changed_since_header(h) for h in header)  # nothing to compare with yet
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    second = _build(store, tmp_path / "two")
    header, rows = _rows(second)
    assert "Changed since 12 January 2026" in header
    at = header.index("Changed since 12 January 2026")
    assert header[at + 1] == "Update note"
    cell = rows[MEASURE][at]
    assert "[removed: return] [added: returns]" in _markup_free(cell), _markup_free(cell)
    assert not _struck(cell)  # the marks say what went; nothing is struck through
    assert rows[MEASURE][at + 1] == "Changed: text"
    assert all(row[at] is None and row[at + 1] is None for rid, row in rows.items() if rid != MEASURE)
    countries, _ = _rows(second, "Country cards")
    assert not any(is_changed_since_header(h) for h in countries)  # a sheet with no changed row: no column


def test_without_history_the_annex_is_as_before(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    _build(store, tmp_path / "one")
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    edit(copy / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    with_history = _build(store, tmp_path / "two", "--no-history")
    without = _build(copy, tmp_path / "plain", "--no-history")
    assert "Changed since 12 January 2026" in _rows(with_history)[0]
    assert not any(is_changed_since_header(h) for h in _rows(without)[0])


def test_a_return_of_that_annex_keeps_the_column_out_of_the_delegations_input(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _build(store, tmp_path / "one")
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    annex = _build(store, tmp_path / "two")
    book = openpyxl.load_workbook(annex)
    sheet = book["Measures"]
    header = [str(c.value) for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == MEASURE:
            row[header.index("Delegation comments")].value = "FR: agreed"
    returned = tmp_path / "FR.xlsx"
    book.save(returned)
    capsys.readouterr()
    assert main(["annex", "import", str(returned), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Delegation comments: FR: agreed" in out and "Changed since" not in out
    kept = (store / "feedback" / PACK / "FR.yaml").read_text(encoding="utf-8")
    assert "agreed" in kept and "Changed since" not in kept


def test_the_header_is_recognised_in_each_language() -> None:
    assert is_changed_since_header("Changed since 12 January 2026")
    assert is_changed_since_header("Modifié depuis le 12 janvier 2026")
    assert not is_changed_since_header("Changed")
    assert not is_changed_since_header("Delegation comments")


def test_the_stores_own_strikethrough_shows_as_it_is_and_added_words_are_marked(store: Path, tmp_path: Path) -> None:
    _build(store, tmp_path / "one")
    area = store / "areas" / "02-strong-borders.yaml"
    edit(area, '"**Revision of the Frontex regulation in 2026**"',
         '"**Revision of the ~~Frontex~~ Frontex and Europol regulation in 2026**"')
    header, rows = _rows(_build(store, tmp_path / "two"))
    cell = rows["frontex-regulation-revision"][header.index("Changed since 12 January 2026")]
    text = _markup_free(cell)
    assert "[added: " in text and "Europol" in text.split("[added: ", 1)[1], text
    assert "[removed:" not in text  # nothing was removed
    assert _struck(cell) == ["Frontex"], _struck(cell)  # the store's own struck word, as the store has it


FRONTEX = "frontex-regulation-revision"
SOFFICE = shutil.which("soffice")  # found before the history tests take git (and so /usr/bin) off the PATH
COLUMN = "Changed since 12 January 2026"


def _sent_then_edited(store: Path, tmp_path: Path) -> Path:
    """The second export's annex (it says the return measure changed since the first), returned by
    a delegation that typed a comment and wrote in one "Changed since" cell; then, in the store,
    the return measure's edit undone and the Frontex measure edited."""
    _build(store, tmp_path / "one")
    area = store / "areas" / "04-return-readmission.yaml"
    edit(area, "system for return**", "system for returns**")
    annex = _build(store, tmp_path / "two")
    returned = tmp_path / "FR.xlsx"
    shutil.copyfile(annex, returned)
    type_into(returned, "Measures", {where(returned, "Measures", MEASURE, "Delegation comments"): "FR: agreed",
                                     where(returned, "Measures", "border-technology", COLUMN): "FR: see our note"})
    edit(area, "system for returns**", "system for return**")
    edit(store / "areas" / "02-strong-borders.yaml", "Revision of the Frontex regulation in 2026",
         "Revision of the Frontex regulation in 2027")
    return returned


def test_an_update_says_what_changed_since_the_same_earlier_export_up_to_the_store_now(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returned = _sent_then_edited(store, tmp_path)
    out, _ = run_cli(capsys, "annex", "update", str(returned), "--pack", PACK, "--store", str(store))
    header, rows = _rows(returned)
    assert COLUMN in header, header  # the same export compared with, so the same header
    at = header.index(COLUMN)
    frontex = _markup_free(rows[FRONTEX][at] or ())
    assert "[removed: 2026] [added: 2027]" in frontex, frontex  # edited after the annex was sent
    assert rows[MEASURE][at] is None  # its edit was undone: no longer changed since 12 January
    assert rows[MEASURE][header.index("Delegation comments")] == "FR: agreed"
    assert _markup_free(rows["border-technology"][at]) == "FR: see our note"  # what the delegation wrote stays
    assert "proposal kept in " + COLUMN in rows["border-technology"][header.index("Update note")]
    assert "left as it was sent" not in out
    cells = openpyxl.load_workbook(returned)["Measures"]
    written = next(row[at] for row in cells.iter_rows(min_row=2) if row[0].value == FRONTEX)
    assert written.alignment.wrap_text and written.alignment.vertical == "top"  # as the column's other cells


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_an_update_of_a_libreoffice_resave_still_knows_the_export_it_compares_with(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    returned = _sent_then_edited(store, tmp_path)
    with monkeypatch.context() as office:  # LibreOffice on the PATH for the re-save only (git is next to it)
        office.setenv("PATH", str(Path(str(SOFFICE)).parent))
        libreoffice_resave(returned, tmp_path)
    run_cli(capsys, "annex", "update", str(returned), "--pack", PACK, "--store", str(store))
    header, rows = _rows(returned)
    assert "[added: 2027]" in _markup_free(rows[FRONTEX][header.index(COLUMN)] or ())


def test_an_update_without_the_history_leaves_the_column_as_sent_and_says_why(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returned = _sent_then_edited(store, tmp_path)
    shutil.rmtree(store / ".git")
    out, _ = run_cli(capsys, "annex", "update", str(returned), "--pack", PACK, "--store", str(store))
    header, rows = _rows(returned)
    assert "[added: returns]" in _markup_free(rows[MEASURE][header.index(COLUMN)])  # as sent
    assert f"The '{COLUMN}' column was left as it was sent" in out, out
    assert "keeps no history" in out, out


def test_an_update_of_a_workbook_that_lost_its_custom_properties_leaves_the_column_and_says_why(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    returned = without_part(_sent_then_edited(store, tmp_path), "docProps/custom.xml", tmp_path / "FR-plain.xlsx")
    out, _ = run_cli(capsys, "annex", "update", str(returned), "--pack", PACK, "--store", str(store))
    header, rows = _rows(returned)
    assert "[added: returns]" in _markup_free(rows[MEASURE][header.index(COLUMN)])  # as sent
    assert "does not say which export it compares with" in out, out
    assert rows[MEASURE][header.index("Delegation comments")] == "FR: agreed"
