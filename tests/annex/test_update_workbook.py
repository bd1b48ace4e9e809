"""The workbook-level parts an annex update touches: defined names that ran to a grown table, the cover's counts.

Defined names are the ones delegations make in Excel (a list source, a print area) on a
workbook XlsxWriter wrote; the cover is the app's own, written for the bundled packs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from lxml import etree

from briefing_builder.annex.cells import StyleBook
from briefing_builder.annex.package import open_package, write_package
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.update_report import SheetSummary
from briefing_builder.annex.update_workbook import grow_defined_names, refresh_cover
from briefing_builder.annex.workbook import Grid, M, Reader, plain, workbook_sheets, workbook_tables
from briefing_builder.annex.writer import annex_bytes, contents_text
from briefing_builder.compose import wording
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store

NAMES = {
    "PositionList": "'Member States'' input'!$C$2:$C$7",  # runs to the table's last row: grows
    "Print_Area_Measures": "'Member States'' input'!$A$1:$D$7",  # the whole table: grows
    "Heading": "'Member States'' input'!$A$1:$D$1",  # the header row only: stays
    "Beyond": "'Member States'' input'!$F$2:$F$7",  # beside the table, not over it: stays
    "OneCell": "'Member States'' input'!$B$3",  # a single cell: stays
    "Elsewhere": "Notes!$A$2:$A$7",  # another sheet: stays
}


def _delegations_workbook(path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Member States' input")
    sheet.add_table("A1:D7", {"name": "MSInput", "columns": [{"header": h} for h in ("ID", "Theme", "Position",
                                                                                       "Comments")]})
    workbook.add_worksheet("Notes")
    for name, ref in NAMES.items():
        workbook.define_name(name, "=" + ref)
    workbook.close()
    return path


def test_names_that_ran_to_a_grown_tables_last_row_grow_with_it_and_no_others(tmp_path: Path) -> None:
    package = open_package(_delegations_workbook(tmp_path / "returned.xlsx"))
    (table,) = workbook_tables(package)
    root = package.xml(package.workbook_part)
    assert grow_defined_names(root, [(table, 7, 10)])
    grown = tmp_path / "grown.xlsx"
    grown.write_bytes(write_package(package, {package.workbook_part: etree.tostring(root)}))
    names = {name: defined.attr_text for name, defined in openpyxl.load_workbook(grown).defined_names.items()}
    assert names == {**NAMES, "PositionList": "'Member States'' input'!$C$2:$C$10",
                     "Print_Area_Measures": "'Member States'' input'!$A$1:$D$10"}
    assert not grow_defined_names(package.xml(package.workbook_part), [(table, 3, 5)])  # no name ran to row 3


@pytest.fixture(scope="module")
def catalog_plans() -> dict[str, AnnexPlan]:
    catalog = load_store(sample_store_dir())
    return {pack: plan_annex(catalog.packs[pack], catalog, dt.date(2026, 1, 10))
            for pack in ("jha-counsellors-2026-01-12", "jha-counsellors-2026-01-12-fr")}


def _cover_after(plan: AnnexPlan, tmp_path: Path, extra_rows: int) -> dict[str, str] | None:
    """The cover's contents column after an update that found ``extra_rows`` more rows in the first data sheet."""
    path = tmp_path / f"{plan.pack_id}.xlsx"
    path.write_bytes(annex_bytes(plan))
    package = open_package(path)
    reader = Reader(package)
    first = plan.sheets[0]
    summaries = [SheetSummary(s.name, s.table_name, rows=len(s.rows) + (extra_rows if s is first else 0))
                 for s in plan.sheets]
    changed = refresh_cover(package, reader, StyleBook(reader.styles), plan, summaries)
    if changed is None:
        return None
    package.parts[changed[0]] = changed[1]
    grid = Grid(package.xml(changed[0]))
    texts = {}
    for r in sorted(grid.rows):
        cells = grid.cells(r)
        if 1 in cells and 2 in cells:
            texts[plain(reader.cell(cells[1]).comparable())] = plain(reader.cell(cells[2]).comparable())
    return {sheet.name: texts[sheet.name] for sheet in plan.sheets}


def test_the_cover_counts_follow_the_tables_and_an_unchanged_cover_is_left_alone(
        catalog_plans: dict[str, AnnexPlan], tmp_path: Path) -> None:
    plan = catalog_plans["jha-counsellors-2026-01-12"]
    assert _cover_after(plan, tmp_path, 0) is None
    cover = _cover_after(plan, tmp_path, 2)
    assert cover is not None
    first = plan.sheets[0]
    assert cover[first.name] == contents_text(first.description, len(first.rows) + 2)
    assert cover[first.name].endswith(f"({len(first.rows) + 2} rows)")
    assert all(cover[s.name] == contents_text(s.description, len(s.rows)) for s in plan.sheets[1:])


def test_a_french_annexs_cover_counts_stay_in_french(catalog_plans: dict[str, AnnexPlan], tmp_path: Path) -> None:
    plan = catalog_plans["jha-counsellors-2026-01-12-fr"]
    cover = _cover_after(plan, tmp_path, 1)
    assert cover is not None
    first = plan.sheets[0]
    words = wording.label("annex_rows", "fr").format(n=len(first.rows) + 1)
    assert cover[first.name].endswith(f"({words})"), cover[first.name]


def test_a_workbook_whose_cover_was_deleted_is_updated_without_one(catalog_plans: dict[str, AnnexPlan],
                                                                  tmp_path: Path) -> None:
    plan = catalog_plans["jha-counsellors-2026-01-12"]
    path = tmp_path / "annex.xlsx"
    path.write_bytes(annex_bytes(plan))
    package = open_package(path)
    workbook = package.xml(package.workbook_part)
    sheets = workbook.find(M + "sheets")
    assert sheets is not None
    sheets.remove(next(s for s in sheets if s.get("name") == plan.cover.sheet_name))
    package.parts[package.workbook_part] = etree.tostring(workbook)
    assert plan.cover.sheet_name not in [s.name for s in workbook_sheets(package)]
    reader = Reader(package)
    assert refresh_cover(package, reader, StyleBook(reader.styles), plan, []) is None
