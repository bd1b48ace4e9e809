"""Writing values into a returned workbook's cells: text, rich text, numbers, dates, blanks.

Each cell is written into a workbook XlsxWriter made (with a delegation's yellow fill on it),
the package written back, and the result read with openpyxl as Excel users' tools read it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from lxml import etree
from openpyxl.cell.rich_text import CellRichText

from briefing_builder.annex.cells import DATE_FORMAT_CODE, StyleBook, has_content, set_cell
from briefing_builder.annex.package import Package, open_package, write_package
from briefing_builder.annex.workbook import Comparable, Grid, Reader, Styles, planned
from briefing_builder.markup import Run

YELLOW = "FFFFFF00"


@pytest.fixture
def returned(tmp_path: Path) -> Path:
    """A sheet whose B2:B8 a delegation filled yellow, with a formula in B3 and text in B4."""
    path = tmp_path / "returned.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Measures")
    yellow = workbook.add_format({"bg_color": "#FFFF00"})
    for row in range(1, 8):
        sheet.write_blank(row, 1, None, yellow)
    sheet.write_formula("B3", "=1+1", yellow, 2)
    sheet.write_string("B4", "NL: agreed", yellow)
    workbook.close()
    return path


def _write(path: Path, values: dict[str, Comparable]) -> tuple[openpyxl.Workbook, StyleBook, Package]:
    package = open_package(path)
    reader = Reader(package)
    sheet_part = "xl/worksheets/sheet1.xml"
    root = package.xml(sheet_part)
    grid, book = Grid(root), StyleBook(reader.styles)
    for ref, value in values.items():
        set_cell(grid.cells(int(ref[1:]))[2], value, book)
    replaced = {sheet_part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)}
    if book.changed:
        replaced[reader.styles_part or ""] = etree.tostring(reader.styles.root)
    out = path.with_name("updated.xlsx")
    out.write_bytes(write_package(package, replaced))
    return openpyxl.load_workbook(out, rich_text=True), book, open_package(out)


def test_text_keeps_the_delegations_fill_and_replaces_a_formula(returned: Path) -> None:
    workbook, book, _ = _write(returned, {"B2": planned("Fast-track visas"), "B3": planned("no longer a formula")})
    sheet = workbook["Measures"]
    assert sheet["B2"].value == "Fast-track visas" and sheet["B3"].value == "no longer a formula"
    assert sheet["B2"].fill.fgColor.rgb == YELLOW == sheet["B3"].fill.fgColor.rgb
    assert not book.changed  # plain text needs no new format


def test_text_that_looks_like_a_formula_stays_text_with_a_quote_prefix(returned: Path) -> None:
    workbook, book, _ = _write(returned, {"B2": planned("=HYPERLINK(\"http://evil\")"), "B5": planned("-1 %")})
    sheet = workbook["Measures"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == "=HYPERLINK(\"http://evil\")"
    assert sheet["B2"].quotePrefix and sheet["B5"].quotePrefix and sheet["B2"].fill.fgColor.rgb == YELLOW
    assert book.changed and book.quoted(int(sheet["B2"].style_id)) == sheet["B2"].style_id  # already quoted
    assert sheet["B2"].style_id == sheet["B5"].style_id  # one variant per format, reused


def test_rich_text_becomes_runs_that_do_not_inherit_the_cell_format(returned: Path) -> None:
    value = planned((Run("Talent "), Run("Pool", bold=True), Run(" struck", strike=True)))
    workbook, _, package = _write(returned, {"B4": value})
    cell = workbook["Measures"]["B4"].value
    assert isinstance(cell, CellRichText) and str(cell) == "Talent Pool struck"
    assert [(bool(part.font.b), bool(part.font.strike)) for part in cell] == [(False, False), (True, False),
                                                                               (False, True)]
    grid = Grid(package.xml("xl/worksheets/sheet1.xml"))
    assert Reader(package).cell(grid.cells(4)[2]).comparable() == value  # reads back as written


def test_numbers_and_dates_are_written_as_excel_stores_them(returned: Path) -> None:
    workbook, book, package = _write(returned, {"B2": 3.0, "B5": 0.25, "B6": dt.date(2026, 1, 12)})
    sheet = workbook["Measures"]
    assert (sheet["B2"].value, sheet["B5"].value) == (3, 0.25)
    assert sheet["B6"].value == dt.datetime(2026, 1, 12) and sheet["B6"].number_format == DATE_FORMAT_CODE
    assert sheet["B6"].fill.fgColor.rgb == YELLOW
    assert b"<v>3</v>" in package.read("xl/worksheets/sheet1.xml")  # a whole number without ".0"
    dated = int(sheet["B6"].style_id)
    assert book.dated(dated) == dated  # a date format needs no second variant


def test_a_blank_keeps_the_cell_and_its_format_but_not_its_content(returned: Path) -> None:
    workbook, _, package = _write(returned, {"B3": None, "B4": None})
    sheet = workbook["Measures"]
    assert sheet["B3"].value is None and sheet["B4"].value is None and sheet["B4"].fill.fgColor.rgb == YELLOW
    cells = Grid(package.xml("xl/worksheets/sheet1.xml")).cells(4)
    assert 2 in cells and not has_content(cells[2])


def test_content_is_a_value_or_a_formula_not_a_format(returned: Path) -> None:
    cells = {row: Grid(open_package(returned).xml("xl/worksheets/sheet1.xml")).cells(row).get(2) for row in (2, 3, 4)}
    assert [has_content(c) for c in cells.values() if c is not None] == [False, True, True]


def test_a_date_in_a_workbook_without_styles_is_written_as_its_iso_text() -> None:
    book = StyleBook(Styles(None))
    c = etree.fromstring('<c xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="A1"/>')
    set_cell(c, dt.date(2026, 3, 4), book)
    assert "".join(c.itertext()) == "2026-03-04" and c.get("t") == "inlineStr" and not book.changed
