"""What an annex update refuses before writing anything: table shapes it cannot keep.

The annex is the reference pack's, edited in a spreadsheet tool (openpyxl, as Excel's table
settings do) the way a delegation may leave it; the update brings it a new measure, so it
needs one more row. Merged cells, array formulas and values below the table are in
``test_update.py``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.update import UpdateRefused, update_annex
from briefing_builder.annex.writer import annex_bytes
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.sample_store import sample_store_copy

PACK = "jha-counsellors-2026-01-12"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnnexPlan, AnnexPlan]:
    """The annex as sent, and the pack after the store gained one measure."""
    sent = load_store(sample_store_dir())
    root = sample_store_copy(tmp_path_factory.mktemp("store"))
    area = root / "areas" / "04-return-readmission.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        "  - id: common-european-return-system",
        '  - id: return-hubs\n    text: "Return hubs in third countries"\n\n  - id: common-european-return-system'),
        encoding="utf-8")
    now = load_store(root)
    return (plan_annex(sent.packs[PACK], sent, dt.date(2026, 1, 10)),
            plan_annex(now.packs[PACK], now, dt.date(2026, 3, 1)))


def _measures(book: openpyxl.Workbook) -> tuple[Worksheet, Table]:
    sheet = book["Measures"]
    return sheet, sheet.tables["Measures"]


def _totals(book: openpyxl.Workbook) -> None:
    _measures(book)[1].totalsRowCount = 1


def _no_header(book: openpyxl.Workbook) -> None:
    _measures(book)[1].headerRowCount = 0


def _no_id(book: openpyxl.Workbook) -> None:
    sheet, table = _measures(book)
    sheet["A1"] = "Ref"
    table.tableColumns[0].name = "Ref"


def _xml_map(book: openpyxl.Workbook) -> None:
    _measures(book)[1].tableType = "xml"


def _table_below(book: openpyxl.Workbook) -> None:
    sheet, _table = _measures(book)
    below = sheet.max_row + 1
    sheet.cell(below, 1, "Note")
    sheet.cell(below, 2, "Said")
    sheet.cell(below + 1, 1, "x")
    sheet.cell(below + 1, 2, "y")
    sheet.add_table(Table(displayName="Notes", ref=f"A{below}:B{below + 1}"))


@pytest.mark.parametrize(("edit", "message"), [
    (_totals, (r"it has a total row, which new rows would have to push down\. Switch it off \(Table Design › Total "
              r"Row\), update, then switch it back on")),
    (_no_header, (r"its header row is switched off, so its columns cannot be recognised\. Switch the header row "
                 r"back on \(Table Design › Header Row\)")),
    (_no_id, r"its 'ID' column is missing, so rows cannot be matched to records\. Restore the column"),
    (_xml_map, r"it is linked to an XML map or an external query, which would overwrite the update"),
    (_table_below, (r"the table 'Notes' sits below it, in the rows new records need\. Move it down by 1 row\(s\) or "
                   r"more and update again")),
], ids=["total row", "no header row", "no ID column", "XML map", "table below"])
def test_a_table_the_update_cannot_keep_is_refused_saying_what_to_do_and_nothing_is_written(
        plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path, edit: Callable[[openpyxl.Workbook], None],
        message: str) -> None:
    sent, now = plans
    path = tmp_path / "annex-NL.xlsx"
    path.write_bytes(annex_bytes(sent))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    before = path.read_bytes()
    with pytest.raises(UpdateRefused, match=message) as refused:
        update_annex(path, now, on=dt.date(2026, 3, 1))
    said = str(refused.value)
    assert said.startswith(f"{path}, sheet 'Measures', table 'Measures': ") and said.endswith("Nothing was written.")
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["annex-NL.xlsx"]


def test_the_same_workbook_without_those_edits_is_updated(plans: tuple[AnnexPlan, AnnexPlan], tmp_path: Path) -> None:
    sent, now = plans
    path = tmp_path / "annex-NL.xlsx"
    path.write_bytes(annex_bytes(sent))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        openpyxl.load_workbook(path).save(path)  # the same tool's re-save alone is no reason to refuse
    report = update_annex(path, now, on=dt.date(2026, 3, 1))
    measures = next(s for s in report.sheets if s.table == "Measures")
    assert measures.added == 1
