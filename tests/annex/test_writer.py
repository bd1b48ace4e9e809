"""The annex workbook as Excel sees it: read back with openpyxl and from the package XML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import io
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils import get_column_letter

from briefing_builder.annex.plan import ANNEX_ID_HEADER, AnnexPlan, ColumnSpec, SheetSpec
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.writer import annex_bytes, write_annex
from briefing_builder.markup import Run
from briefing_builder.paths import sample_store_dir
from briefing_builder.render import output
from briefing_builder.render.output import OutputError
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_store
from tests.annex.test_planner import tiny_catalog

ON = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


@pytest.fixture(scope="module")
def plan(catalog: Catalog) -> AnnexPlan:
    return plan_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, ON)


@pytest.fixture(scope="module")
def data(plan: AnnexPlan) -> bytes:
    return annex_bytes(plan)


@pytest.fixture(scope="module")
def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), rich_text=True)


def sheet_xml(data: bytes, index: int) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_sheet_names_and_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Cover", "Measures", "Country cards", "Milestones", "MS input", "Annex baseline"]
    assert book["Annex baseline"].sheet_state == "veryHidden"


def test_each_data_sheet_is_one_table_over_all_rows(book: openpyxl.Workbook, plan: AnnexPlan) -> None:
    names = set()
    for spec in plan.sheets:
        ws = book[spec.name]
        assert list(ws.tables) == [spec.table_name]
        table = ws.tables[spec.table_name]
        last = get_column_letter(len(spec.columns))
        assert table.ref == f"A1:{last}{max(len(spec.rows), 1) + 1}"
        assert table.autoFilter is not None and table.tableStyleInfo.showRowStripes
        assert [c.name for c in table.tableColumns] == [c.header for c in spec.columns]
        assert [c.value for c in ws[1]] == [c.header for c in spec.columns]
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (None, 1)  # absent = 1
        assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.right.text
        assert ws.column_dimensions["A"].width < 15 and not ws.column_dimensions["A"].hidden
        header = ws["A1"]
        assert header.font.b and header.font.color.rgb.endswith("FFFFFF")
        assert header.fill.fgColor.rgb.endswith("1F3864")
        names.add(spec.table_name)
    assert len(names) == len(plan.sheets)


def test_status_drop_down_covers_the_table_column(book: openpyxl.Workbook, plan: AnnexPlan) -> None:
    for name, letter in (("Measures", "E"), ("Milestones", "F")):
        ws = book[name]
        assert ws[f"{letter}1"].value == "Status"
        rows = len(plan.sheet(name).rows)
        found = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(found) == 2
        assert str(found[0].sqref) == f"{letter}2:{letter}{rows + 1}"
        assert found[0].formula1 == '"proposed,planned,ongoing,adopted,implemented"'
        position = openpyxl.utils.get_column_letter(len(plan.sheet(name).columns))
        assert str(found[1].sqref) == f"{position}2:{position}{rows + 1}"
        assert found[1].formula1 == '"support,scrutiny reservation,oppose,no position"'
        assert found[1].errorStyle == "information"  # any other text may be typed too


def test_rich_text_survives(book: openpyxl.Workbook, data: bytes) -> None:
    shared = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode("utf-8")
    assert "<strike/>" in shared and "<b/>" in shared
    struck = re.search(r"<r><rPr><strike/>.*?</rPr><t[^>]*>reduce</t></r>", shared)
    assert struck, "the struck 'reduce' of the main goals is not a struck run"
    ws = book["Measures"]
    goals = ws["C2"].value
    assert isinstance(goals, CellRichText)
    blocks = [b for b in goals if not isinstance(b, str)]
    assert any(b.text == "Main goals: " and b.font.b for b in blocks)
    assert any(b.text == "reduce" and b.font.strike for b in blocks)
    # A single bold run cannot be a rich string: it is a bold cell.
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "main-areas-of-cooperation")
    assert row[2].value == "Main areas of cooperation:" and row[2].font.b
    assert str(row[3].value).startswith("– Return and readmission (see 4. Returns and readmission)\n– ")


def test_every_shown_measure_id_once(book: openpyxl.Workbook, catalog: Catalog) -> None:
    ws = book["Measures"]
    assert ws["A1"].value == ANNEX_ID_HEADER
    ids = [c.value for c in ws["A"][1:]]
    for area in catalog.areas.values():
        for measure in area.measures:
            assert ids.count(measure.id) == 1, measure.id
    assert len(ids) == len(set(ids))


def test_cover_links_and_facts(book: openpyxl.Workbook) -> None:
    ws = book["Cover"]
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    assert links == {"Measures": "'Measures'!A1", "Country cards": "'Country cards'!A1",
                     "Milestones": "'Milestones'!A1", "MS input": "'MS input'!A1"}
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    for expected in ("EU long-term asylum and migration management strategy", "2026-01", "12 January 2026",
                     "JHA Counsellors", dt.datetime(2026, 1, 10)):
        assert expected in values


def test_document_properties_and_marking(catalog: Catalog) -> None:
    data = annex_bytes(plan_annex(catalog.packs["strategy-partners-briefing"], catalog, ON))
    book = openpyxl.load_workbook(io.BytesIO(data))
    props = book.properties
    assert props.title.startswith("Asylum and migration strategy") and props.category == "LIMITE"
    assert props.creator and props.keywords and props.description and props.subject
    assert props.created == dt.datetime(2026, 1, 10)
    assert book.custom_doc_props["Classification"].value == "LIMITE"
    ws = book["Measures"]
    # LIMITE at the top right (Council practice), and in the footer beside the page number.
    assert "LIMITE" in ws.oddHeader.right.text and "LIMITE" in ws.oddFooter.right.text
    assert ws["A1"].value == "ID"  # not classified: no banner row above the table
    assert "MS input" not in book.sheetnames  # no consultation in the pack: the empty sheet is left out


def test_formula_like_text_is_stored_as_text(tmp_path: Path) -> None:
    pack, tiny = tiny_catalog("=HYPERLINK(\"http://evil\",\"click\")", lead=["+1+1", "-2", "@SUM(A1)"])
    path = tmp_path / "tiny.xlsx"
    write_annex(plan_annex(pack, tiny, ON), path)
    ws = openpyxl.load_workbook(path)["Measures"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "evil-measure")
    measure, lead = row[2], row[5]
    assert measure.data_type == "s" and measure.value.startswith("=HYPERLINK")
    assert measure.quotePrefix
    assert lead.data_type == "s" and lead.value == "+1+1\n-2\n@SUM(A1)" and lead.quotePrefix
    assert "<f>" not in sheet_xml(path.read_bytes(), 2)


def test_two_builds_are_byte_identical(plan: AnnexPlan, data: bytes, catalog: Catalog) -> None:
    again = plan_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, ON)
    assert again == plan
    assert annex_bytes(again) == data
    next_day_cover = dataclasses.replace(plan.cover, generated_on=ON.replace(day=11))
    other_day = annex_bytes(dataclasses.replace(plan, cover=next_day_cover))
    assert other_day != data


def test_read_only_target_keeps_old_file(tmp_path: Path, plan: AnnexPlan, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(b"old annex")
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # running as root: permissions do not stop us, so simulate the lock
        def locked(src: object, dst: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        monkeypatch.setattr(output.os, "replace", locked)
    with pytest.raises(OutputError):
        write_annex(plan, path)
    assert path.read_bytes() == b"old annex"
    assert [p.name for p in tmp_path.iterdir()] == ["annex.xlsx"]


def test_bad_names_are_refused(plan: AnnexPlan) -> None:
    sheet = plan.sheets[0]
    for bad in (dataclasses.replace(sheet, table_name="A1"), dataclasses.replace(sheet, name="a/b"),
                dataclasses.replace(sheet, name="x" * 32), dataclasses.replace(sheet, table_name="1abc")):
        with pytest.raises(ValueError):
            annex_bytes(dataclasses.replace(plan, sheets=(bad,)))
    with pytest.raises(ValueError):
        annex_bytes(dataclasses.replace(plan, sheets=(sheet, dataclasses.replace(sheet, name="Other"))))


def test_ten_thousand_rows(tmp_path: Path, plan: AnnexPlan) -> None:
    columns = (
        ColumnSpec("id", ANNEX_ID_HEADER, 12, wrap=False, kind="id"),
        ColumnSpec("text", "Text", 40),
        ColumnSpec("plain", "Plain", 20),
        ColumnSpec("status", "Status", 12, kind="status", validation=("proposed", "adopted")),
        ColumnSpec("when", "When", 12),
        ColumnSpec("count", "Count", 8),
        ColumnSpec("comments", "Delegation comments", 30, kind="delegation"),
    )
    rich = (Run("Bold ", bold=True), Run("struck", strike=True), Run(" plain\nsecond line"))
    rows = tuple(
        (f"row-{i}", rich if i % 3 else (Run("only bold", bold=True),), "" if i % 7 == 0 else f"=text {i}",
         "adopted" if i % 2 else None, dt.date(2026, 1, 1 + i % 28), i, None if i % 5 else ())
        for i in range(10_000))
    sheet = SheetSpec("Big", "Big", columns, rows)
    path = tmp_path / "big.xlsx"
    write_annex(dataclasses.replace(plan, sheets=(sheet,),
                                    cover=dataclasses.replace(plan.cover, contents=("Big",))), path)
    package = zipfile.ZipFile(path)
    table = package.read("xl/tables/table1.xml").decode("utf-8")
    assert 'ref="A1:G10001"' in table
    xml = package.read("xl/worksheets/sheet2.xml").decode("utf-8")
    assert xml.count("<row ") == 10_001 and "<f>" not in xml


def test_excel_limits_of_headers_footers_and_properties_hold(plan: AnnexPlan, recwarn: pytest.WarningsRecorder) -> None:
    """Texts longer than Excel's 255-character limits are shortened, never left to library warnings."""
    long = "RESTREINT UE/EU RESTRICTED & " * 14
    page = dataclasses.replace(plan.page, header=(("C", long),), footer=(("L", long), ("R", long)), reference=long)
    props = dataclasses.replace(plan.properties, marking=long, reference=long)
    book = openpyxl.load_workbook(io.BytesIO(annex_bytes(dataclasses.replace(plan, page=page, properties=props))))
    assert not [w for w in recwarn if "255" in str(w.message)], [str(w.message) for w in recwarn]
    assert book.custom_doc_props["Classification"].value.startswith("RESTREINT UE/EU RESTRICTED")
    assert len(book.custom_doc_props["Classification"].value) <= 255
    assert "RESTREINT" in book["Measures"].oddHeader.center.text
