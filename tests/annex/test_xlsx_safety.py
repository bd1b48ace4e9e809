"""Cell text, sheet and table names, links, headers and properties made safe for Excel.

Checked against what the other tools do with the same input: XlsxWriter's own name rules,
openpyxl's refusal of control characters, and links and headers read back from a saved file.
"""

from __future__ import annotations

import io
import warnings

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.exceptions import IllegalCharacterError

from briefing_builder.annex import xlsx_safety
from briefing_builder.store.schema import MAX_CELL_CHARS


def test_text_openpyxl_refuses_is_cleaned_keeping_line_breaks() -> None:
    typed = "Readmission\x07 rate\r\n2024:\t41 %\x00\rsource: Eurostat\ufffe"
    book = openpyxl.Workbook()
    with pytest.raises(IllegalCharacterError):
        book.active["A1"] = typed
    cleaned = xlsx_safety.clean_cell_text(typed)
    assert cleaned == "Readmission rate\n2024: 41 %\nsource: Eurostat"
    book.active["A1"] = cleaned
    saved = io.BytesIO()
    book.save(saved)
    assert openpyxl.load_workbook(saved).active["A1"].value == cleaned


def test_text_longer_than_a_cell_holds_is_cut_with_an_ellipsis() -> None:
    assert xlsx_safety.clean_cell_text("x" * MAX_CELL_CHARS) == "x" * MAX_CELL_CHARS  # exactly the limit: kept
    cut = xlsx_safety.clean_cell_text("x" * (MAX_CELL_CHARS + 10))
    assert len(cut) == MAX_CELL_CHARS and cut.endswith("x…")


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+32 2 123", "-1", "@SUM(A1)", "\tindent", "\nline"])
def test_text_a_spreadsheet_may_run_as_a_formula_is_recognised(text: str) -> None:
    assert xlsx_safety.formula_like(text)


@pytest.mark.parametrize("text", ["Return and readmission", "1 = 1", " =spaced", "", "€100"])
def test_ordinary_text_is_not_taken_for_a_formula(text: str) -> None:
    assert not xlsx_safety.formula_like(text)


@pytest.mark.parametrize("name", ["Measures", "MS input", "Mesures d'accompagnement", "x" * 31, "Ü", "a*", "x[1]",
                                  "a:b", "a?", "a/b", "a\\b", "'quoted", "ends'", "x" * 32])
def test_sheet_names_are_refused_exactly_where_xlsxwriter_refuses_them(name: str) -> None:
    workbook = xlsxwriter.Workbook(io.BytesIO())
    try:
        workbook.add_worksheet(name)
        accepted = True
    except xlsxwriter.exceptions.InvalidWorksheetName:
        accepted = False
    if accepted:
        xlsx_safety.check_sheet_name(name)
    else:
        with pytest.raises(ValueError, match="invalid worksheet name"):
            xlsx_safety.check_sheet_name(name)


@pytest.mark.parametrize("name", ["", "History", "history"])
def test_names_excel_itself_refuses_for_a_sheet_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match=repr(name)):  # Excel reserves "History"; a sheet needs a name
        xlsx_safety.check_sheet_name(name)


@pytest.mark.parametrize("name", ["A1", "c12", "XFD1048576", "R1C1", "C", "1abc", "has space", ""])
def test_table_names_that_read_as_cell_references_or_break_the_rules_are_refused(name: str) -> None:
    with warnings.catch_warnings(record=True) as warned:  # XlsxWriter only warns, and writes a broken table
        warnings.simplefilter("always")
        if name:
            xlsxwriter.Workbook(io.BytesIO()).add_worksheet().add_table("A1:B3", {"name": name})
    assert warned or not name
    with pytest.raises(ValueError, match="invalid table name"):
        xlsx_safety.check_table_name(name)


@pytest.mark.parametrize("name", ["Measures", "MS_input", "Ms.Input", "_x", "\\tbl", "Table_1"])
def test_ordinary_table_names_pass(name: str) -> None:
    xlsx_safety.check_table_name(name)


def test_a_sheet_link_reaches_a_sheet_whose_name_has_an_apostrophe() -> None:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    cover = workbook.add_worksheet("Cover")
    workbook.add_worksheet("Member States' input")
    cover.write_url("A1", xlsx_safety.sheet_link("Member States' input"), string="Go")
    workbook.close()
    link = openpyxl.load_workbook(buffer)["Cover"]["A1"].hyperlink
    assert link is not None and link.location == "'Member States'' input'!A1"


def test_an_ampersand_in_a_header_is_printed_not_read_as_a_code() -> None:
    text = xlsx_safety.header_footer_text("R&D\tand\nreturns &B")
    assert text == "R&&D and returns &&B"
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    workbook.add_worksheet("Measures").set_header("&L" + text)
    workbook.close()
    header = openpyxl.load_workbook(buffer)["Measures"].oddHeader.left
    assert header.text == "R&&D and returns &&B" and not header.font  # no bold switched on by "&B"


def test_a_header_cut_to_its_budget_never_splits_an_escaped_ampersand() -> None:
    for budget in range(1, 12):
        cut = xlsx_safety.header_footer_text("A&B&C&D&E&F", budget)
        assert len(cut) <= budget
        body = cut.removesuffix("…")
        assert (len(body) - len(body.rstrip("&"))) % 2 == 0, (budget, cut)
    assert xlsx_safety.header_footer_text("short", 10) == "short"


def test_a_header_built_from_long_texts_is_shortened_until_excel_keeps_it() -> None:
    meeting, marking = "Strategic Committee on Immigration, Frontiers and Asylum " * 6, "LIMITE & internal " * 10

    def build(budget: int | None) -> str:
        return f"&L{xlsx_safety.header_footer_text(meeting, budget)}&R{xlsx_safety.header_footer_text(marking, budget)}"

    text = xlsx_safety.fitted_header_footer(build)
    assert len(text) <= xlsx_safety.MAX_EXCEL_TEXT and text.startswith("&LStrategic") and "&R" in text
    assert xlsx_safety.fitted_header_footer(lambda _budget: "&Cshort") == "&Cshort"


def test_a_property_value_is_cleaned_and_cut_to_what_excel_keeps() -> None:
    assert xlsx_safety.property_text("Pack\x01 jha-2026") == "Pack jha-2026"
    long = xlsx_safety.property_text("y" * 400)
    assert len(long) == xlsx_safety.MAX_EXCEL_TEXT and long.endswith("…")
