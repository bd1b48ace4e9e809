"""The annex prints legibly and is easy to fill in; an update keeps the cover and names right."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from briefing_builder.annex.headers import position_labels
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.sheet_columns import PRINT_WIDTH_CHARS
from briefing_builder.annex.update import update_annex
from briefing_builder.annex.writer import annex_bytes
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.annex.returns import PACK, build, edit_part, load, printed_pixels
from tests.sample_store import sample_store_copy

A4_LANDSCAPE_PT = 842
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _printed_pt(ws: openpyxl.worksheet.worksheet.Worksheet) -> float:
    """The size 11 pt text prints at when the sheet is fitted to one page wide (Excel's arithmetic)."""
    pixels = printed_pixels(ws)
    margins = (ws.page_margins.left + ws.page_margins.right) * 72
    return 11 * min(1.0, (A4_LANDSCAPE_PT - margins) / (pixels * 0.75))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    root = tmp_path_factory.mktemp("print")
    store = sample_store_copy(root)
    return load(build(store, root / "out"))


def test_every_data_sheet_prints_its_text_at_9_pt_or_more(book: openpyxl.Workbook) -> None:
    for name in ("Measures", "Country cards", "Milestones"):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
        assert _printed_pt(ws) >= 9, name


def test_column_widths_stay_within_the_print_budget() -> None:
    catalog = load_store(sample_store_dir())
    for pack in catalog.packs.values():
        for sheet in plan_annex(pack, catalog, dt.date(2026, 1, 10)).sheets:
            assert sum(c.width for c in sheet.columns) <= PRINT_WIDTH_CHARS, (pack.id, sheet.name)


def test_the_id_column_shows_every_id_in_full(book: openpyxl.Workbook) -> None:
    ws = book["Measures"]
    ids = [ws.cell(r, 1) for r in range(2, ws.max_row + 1)]
    width = ws.column_dimensions["A"].width
    for cell in ids:
        assert cell.alignment.wrap_text or len(cell.value) <= width, cell.value
        lines = -(-len(cell.value) // int(width))  # characters per line, at worst
        assert ws.row_dimensions[cell.row].height >= 15 * min(lines, 2), cell.value
    assert ws.cell(2, 1).font.sz is None or ws.cell(2, 1).font.sz >= 10


def test_the_position_has_a_drop_down_in_the_pack_language() -> None:
    catalog = load_store(sample_store_dir())
    pack = catalog.packs[PACK]
    french = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"language": "fr"})})
    book = openpyxl.load_workbook(io.BytesIO(annex_bytes(plan_annex(french, catalog, dt.date(2026, 1, 10)))))
    ws = book["Mesures"]  # the sheet's name in the pack's language too
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert '"' + ",".join(position_labels("fr")) + '"' in lists
    assert position_labels("fr") == ("soutien", "réserve d'examen", "opposition", "pas de position")


def test_the_empty_ms_input_sheet_is_left_out_and_an_update_says_what_it_cannot_add(tmp_path: Path) -> None:
    catalog = load_store(sample_store_dir())
    plan = plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10))
    if "MS input" in [s.name for s in plan.sheets]:
        plan = dataclasses.replace(plan, sheets=tuple(s for s in plan.sheets if s.name != "MS input"))
    path = tmp_path / "annex.xlsx"
    path.write_bytes(annex_bytes(plan))
    assert "MS input" not in openpyxl.load_workbook(path).sheetnames
    with_input = plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 2, 1))
    if not any(s.name == "MS input" and s.rows for s in with_input.sheets):
        pytest.skip("the reference pack has no consultation")
    report = update_annex(path, with_input, on=dt.date(2026, 2, 1))
    assert any("the sheet 'MS input' is not in this workbook" in note for s in report.sheets for note in s.notes)


def test_a_fixed_range_defined_name_grows_with_its_table(tmp_path: Path) -> None:
    catalog = load_store(sample_store_dir())
    plan = plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10))
    measures = plan.sheet("Measures")
    last = len(measures.rows) + 1
    data = annex_bytes(dataclasses.replace(plan, sheets=(dataclasses.replace(measures, rows=measures.rows[:-1]),)
                                           + plan.sheets[1:]))
    path = tmp_path / "annex.xlsx"
    path.write_bytes(data)

    def add_names(root: etree._Element) -> None:
        names = root.find(NS + "definedNames")
        if names is None:
            names = etree.SubElement(root, NS + "definedNames")
        etree.SubElement(names, NS + "definedName", name="NL_texts").text = f"Measures!$C$2:$C${last - 1}"
        etree.SubElement(names, NS + "definedName", name="NL_other").text = "'Country cards'!$B$2:$B$3"
    edit_part(path, "xl/workbook.xml", add_names)
    update_annex(path, plan, on=dt.date(2026, 2, 1))
    names = openpyxl.load_workbook(path).defined_names
    assert names["NL_texts"].attr_text == f"Measures!$C$2:$C${last}"
    assert names["NL_other"].attr_text == "'Country cards'!$B$2:$B$3"
