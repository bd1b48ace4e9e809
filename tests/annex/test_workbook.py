"""Reading a workbook at the XML level: references, cells and their rich text, tables, the pack it was made for.

The workbooks are written by XlsxWriter (as Excel writes them: shared strings, rich strings,
cell formats) and edited the way other tools leave them (rows without numbers, a column
inserted, a French header row).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from lxml import etree

from briefing_builder.annex.headers import column_header
from briefing_builder.annex.package import AnnexFileError, open_package
from briefing_builder.annex.workbook import (
    Grid,
    M,
    Reader,
    check_pack,
    col_letters,
    col_number,
    find_table,
    format_range,
    not_an_annex,
    parse_range,
    plain,
    planned,
    split_ref,
    workbook_sheets,
    workbook_tables,
)
from briefing_builder.markup import Run
from tests.zip_parts import rewrite_package

BOLD, ITALIC, PLAIN = (True, False, False, False), (False, True, False, False), (False, False, False, False)


def test_column_letters_and_numbers_agree_over_excels_whole_width() -> None:
    assert (col_number("A"), col_number("ab"), col_number("XFD")) == (1, 28, 16384)
    assert all(col_number(col_letters(n)) == n for n in range(1, 16385))
    assert split_ref("$B$12") == (12, 2)
    assert parse_range("K25:A1") == (1, 1, 25, 11) and parse_range("C3") == (3, 3, 3, 3)
    assert format_range(*parse_range("A1:K25")) == "A1:K25"
    for bad in ("B", "12", "A1B", "R1C1", ""):
        with pytest.raises(ValueError, match="not a cell reference"):
            split_ref(bad)


def _cells_workbook(path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Measures")
    bold, italic = workbook.add_format({"bold": True}), workbook.add_format({"italic": True})
    sheet.write_rich_string("A1", "Talent ", bold, "Pool", " pilot")
    sheet.write("A2", "Whole cell bold", bold)
    sheet.write_datetime("A3", dt.datetime(2026, 1, 12), workbook.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_number("A4", 45000, workbook.add_format({"num_format": '"Day" 0'}))  # a quoted d: no date
    sheet.write_number("A5", 41.5)
    sheet.write_boolean("A6", True)
    sheet.write_formula("A7", "=A5*2", None, 83)
    sheet.write_formula("A8", '="x"&"y"', italic, "xy")
    sheet.write_number("A9", 3_000_000, workbook.add_format({"num_format": "yyyy-mm-dd"}))  # past 9999-12-31
    sheet.write_string("A10", "Tab\there\x07")
    workbook.close()
    return path


def _read(path: Path) -> dict[str, object]:
    package = open_package(path)
    reader = Reader(package)
    sheet = workbook_sheets(package)[0]
    grid = Grid(package.xml(sheet.part))
    return {f"A{r}": reader.cell(grid.cells(r)[1]) for r in grid.rows}


def test_cells_written_as_excel_writes_them_read_back_as_the_plan_would_write_them(tmp_path: Path) -> None:
    cells = _read(_cells_workbook(tmp_path / "cells.xlsx"))
    value = {ref: cell.comparable() for ref, cell in cells.items()}  # type: ignore[attr-defined]
    assert value["A1"] == ((PLAIN, "Talent "), (BOLD, "Pool"), (PLAIN, " pilot"))
    assert value["A1"] == planned((Run("Talent "), Run("Pool", bold=True), Run(" pilot")))
    assert value["A2"] == ((BOLD, "Whole cell bold"),)  # the cell's bold font is the text's
    assert value["A3"] == dt.date(2026, 1, 12) == planned(dt.datetime(2026, 1, 12))
    assert value["A4"] == 45000.0 and value["A5"] == 41.5 == planned(41.5)
    assert value["A6"] == ((PLAIN, "TRUE"),)
    assert cells["A7"].kind == "formula" and cells["A7"].formula == "A5*2" and value["A7"] == 83.0  # type: ignore[attr-defined]
    assert cells["A8"].kind == "formula" and value["A8"] == ((ITALIC, "xy"),)  # type: ignore[attr-defined]
    assert value["A9"] == 3_000_000.0  # beyond Excel's last date it stays a number (Excel shows ####)
    assert value["A10"] == ((PLAIN, "Tab here"),)
    assert [plain(value[ref]) for ref in ("A1", "A3", "A5")] == ["Talent Pool pilot", "2026-01-12", "41.5"]  # type: ignore[arg-type]


def test_rows_and_cells_written_without_references_are_numbered_in_order(tmp_path: Path) -> None:
    path = _cells_workbook(tmp_path / "cells.xlsx")

    def unnumbered(sheet: bytes) -> bytes:
        root = etree.fromstring(sheet)
        for row in root.iter(M + "row"):
            if row.get("r") in ("2", "3"):
                del row.attrib["r"]
                for c in row:
                    del c.attrib["r"]
        return etree.tostring(root)

    edited = tmp_path / "unnumbered.xlsx"
    edited.write_bytes(rewrite_package(path, {"xl/worksheets/sheet1.xml": unnumbered}))
    cells = _read(edited)
    assert list(cells)[:4] == ["A1", "A2", "A3", "A4"]
    assert cells["A2"].comparable() == ((BOLD, "Whole cell bold"),)  # type: ignore[attr-defined]


def _tables_workbook(path: Path, comments: str = "Delegation comments", second: str | None = None,
                     properties: dict[str, str] | None = None) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Measures")
    headers = ["ID", "Measure", comments] + ([second] if second else [])
    sheet.add_table(0, 0, 2, len(headers) - 1, {"name": "Measures", "columns": [{"header": h} for h in headers]})
    sheet.write_row(1, 0, ["fast-track", "Fast-track visas", "NL: agreed"])
    workbook.add_worksheet("Notes").write("A1", "not a table")
    if properties:
        workbook.set_custom_property("Pack", properties["Pack"])
    workbook.close()
    return path


def test_tables_are_found_through_their_sheets_with_the_headers_the_sheet_shows(tmp_path: Path) -> None:
    package = open_package(_tables_workbook(tmp_path / "annex.xlsx"))
    assert [s.name for s in workbook_sheets(package)] == ["Measures", "Notes"]
    (table,) = workbook_tables(package)
    assert (table.name, table.sheet.name, table.top, table.left, table.bottom, table.right) == (
        "Measures", "Measures", 1, 1, 3, 3)
    assert table.headers == ["ID", "Measure", "Delegation comments"]
    assert (table.first_data_row, table.last_data_row) == (2, 3)
    assert table.column("delegation COMMENTS") == 3 and table.column("Position") is None
    assert table.sheet_headers() == [("ID", 1), ("Measure", 2), ("Delegation comments", 3)]


def test_a_french_header_row_is_read_by_its_english_header(tmp_path: Path) -> None:
    french = column_header("Delegation comments", "fr")
    assert french != "Delegation comments"
    package = open_package(_tables_workbook(tmp_path / "annexe.xlsx", comments=french))
    tables = workbook_tables(package)
    assert tables[0].column("Delegation comments") == 3
    assert find_table(tables, "Mesures", ["ID", "Delegation comments"]) is tables[0]


def test_a_header_given_twice_is_refused_naming_the_sheet_and_both_cells(tmp_path: Path) -> None:
    package = open_package(_tables_workbook(tmp_path / "twice.xlsx", second="Delegation Comments "))
    (table,) = workbook_tables(package)
    with pytest.raises(AnnexFileError, match=r"sheet 'Measures', table 'Measures': the header 'Delegation comments' "
                                             r"appears in 2 columns \(C1, D1\)"):
        table.column("Delegation comments")


def test_a_table_is_found_by_name_or_else_by_its_headers_but_never_by_a_guess(tmp_path: Path) -> None:
    tables = workbook_tables(open_package(_tables_workbook(tmp_path / "annex.xlsx")))
    assert find_table(tables, "MEASURES", []) is tables[0]
    assert find_table(tables, "Renamed", ["ID", "Measure"]) is tables[0]
    assert find_table(tables, "Renamed", ["ID", "Owner"]) is None
    assert find_table(tables + tables, "Renamed", ["ID"]) is None  # two candidates: neither


def test_a_workbook_made_for_another_pack_is_refused_unless_forced(tmp_path: Path) -> None:
    package = open_package(_tables_workbook(tmp_path / "annex.xlsx", properties={"Pack": "scifa-2026-03-04"}))
    check_pack(package, "scifa-2026-03-04")
    check_pack(package, "jha-counsellors-2026-01-12", force=True)
    with pytest.raises(AnnexFileError, match="made for the pack 'scifa-2026-03-04', not 'jha-counsellors-2026-01-12'"):
        check_pack(package, "jha-counsellors-2026-01-12")


def test_a_workbook_with_no_annex_table_or_property_is_told_it_is_not_an_annex(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Budget").add_table("A1:B3", {"name": "Budget", "columns": [{"header": "Line"},
                                                                                     {"header": "EUR"}]})
    workbook.close()
    why = not_an_annex(open_package(path), ["Measures", "Milestones"])
    assert why is not None and why.startswith(f"{path}: this workbook is not an annex made by Briefing Builder")
    assert "(Measures, Milestones)" in why
    assert not_an_annex(open_package(_tables_workbook(tmp_path / "ours.xlsx")), ["Milestones"]) is None  # ID column


def test_text_excel_escaped_reads_as_excel_shows_it(tmp_path: Path) -> None:
    """Excel writes a pasted carriage return as ``_x000D_`` and a typed ``_x…_`` with its underscore escaped."""
    path = _tables_workbook(tmp_path / "annex.xlsx")
    pasted = tmp_path / "pasted.xlsx"
    pasted.write_bytes(rewrite_package(path, {"xl/sharedStrings.xml": lambda strings: strings.replace(
        b"NL: agreed", b"NL: agreed_x000D_\nwith a reserve on _x005F_x0041_")}))
    package = open_package(pasted)
    grid = Grid(package.xml(workbook_sheets(package)[0].part))
    reader = Reader(package)
    assert reader.cell(grid.cells(2)[3]).comparable() == ((PLAIN, "NL: agreed\nwith a reserve on _x0041_"),)
    assert reader.text(grid.cells(2)[3]) == "NL: agreed\r\nwith a reserve on _x0041_"
