"""Updating a delegation's copy of the annex: everything they added survives, byte for byte."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import openpyxl
import pytest
from lxml import etree
from openpyxl.worksheet.worksheet import Worksheet

from briefing_builder.annex.package import AnnexFileError
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.update import UpdateRefused, update_annex
from briefing_builder.annex.writer import annex_bytes
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.annex.returns import after_the_meeting
from tests.fixtures.annex.delegation import ADDED_HEADER, delegation_copy
from tests.sample_store import sample_store_copy
from tests.zip_parts import parts_of, rewrite_file, rewrite_package, xml_edit

PACK = "jha-counsellors-2026-01-12"
BUILT = dt.date(2026, 1, 10)
ON = dt.date(2026, 3, 1)
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MEASURES = "xl/worksheets/sheet2.xml"
BASELINE = "xl/worksheets/sheet7.xml"
COVER = "xl/worksheets/sheet1.xml"
NEW_TEXT = "=cmd|' /C calc'!A0 a new measure"


def _plan(root: Path) -> AnnexPlan:
    catalog = load_store(root)
    assert not catalog.errors
    return plan_annex(catalog.packs[PACK], catalog, ON)


@pytest.fixture(scope="module")
def original() -> AnnexPlan:
    catalog = load_store(sample_store_dir())
    return plan_annex(catalog.packs[PACK], catalog, BUILT)


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> AnnexPlan:
    """The store after the meeting: a measure reworded and given a status, one new measure
    (formula-like text), and the pack no longer showing the strong-borders measures."""
    root = sample_store_copy(tmp_path_factory.mktemp("store"))
    after_the_meeting(root, PACK, "**Improving readmission** by ~~third~~ partner countries",
                      f'    text: "{NEW_TEXT}"\n    status: planned\n')
    return _plan(root)


@pytest.fixture(scope="module")
def copy_bytes(original: AnnexPlan) -> bytes:
    return delegation_copy(original)


@pytest.fixture
def copy_path(tmp_path: Path, copy_bytes: bytes) -> Path:
    path = tmp_path / "annex-NL.xlsx"
    path.write_bytes(copy_bytes)
    return path


def _load(path: Path | bytes) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about the x14 extensions it cannot model
        return openpyxl.load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path)


def _row_of(ws: Worksheet, record_id: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == record_id:
            return row[0].row
    raise AssertionError(record_id)


@pytest.fixture
def updated(copy_path: Path, changed: AnnexPlan, tmp_path: Path) -> Path:
    out = tmp_path / "annex-NL-updated.xlsx"
    update_annex(copy_path, changed, out, ON)
    return out


def test_only_the_parts_the_update_must_touch_change(copy_bytes: bytes, updated: Path) -> None:
    before, after = parts_of(copy_bytes), parts_of(updated.read_bytes())
    assert list(before) == list(after)
    differing = {name for name in before if before[name] != after[name]}
    # the Measures sheet and its table (grown); styles for the quote-prefixed new text
    # the hidden baseline sheet (the new record is now "sent" too) and the cover (its row counts)
    assert differing == {MEASURES, "xl/tables/table1.xml", "xl/styles.xml", BASELINE, COVER}
    for kept in ("xl/comments1.xml", "xl/drawings/drawing1.xml", "xl/drawings/vmlDrawing1.vml",
                 "xl/charts/chart1.xml", "xl/media/image1.png", "xl/workbook.xml", "xl/sharedStrings.xml",
                 "xl/worksheets/sheet6.xml"):
        assert before[kept] == after[kept], kept


def test_every_cell_the_delegation_wrote_is_still_there(copy_bytes: bytes, updated: Path,
                                                       original: AnnexPlan) -> None:
    before, after = _load(copy_bytes), _load(updated)
    assert after.sheetnames == before.sheetnames
    for name in before.sheetnames:
        if name in ("Measures", "Annex baseline", "Cover"):
            continue
        assert [[c.value for c in row] for row in before[name].iter_rows()] == \
            [[c.value for c in row] for row in after[name].iter_rows()], name
    old, new = before["Measures"], after["Measures"]
    theirs = [i + 1 for i, c in enumerate(original.sheet("Measures").columns) if c.kind == "delegation"]
    theirs.append(len(original.sheet("Measures").columns) + 1)  # the column they added
    rows = len(original.sheet("Measures").rows) + 1
    for col in theirs:
        for r in range(1, rows + 1):
            assert old.cell(r, col).value == new.cell(r, col).value, (r, col)
            assert (old.cell(r, col).comment or None) == (new.cell(r, col).comment or None)
    cover = [[c.value for c in row] for row in after["Cover"].iter_rows()]
    assert ["Measures", "The measures shown in the pack, in pack order. (25 rows, 4 no longer in the pack)"] in cover
    assert [r for r in cover if r[0] != "Measures"] == \
        [[c.value for c in row] for row in before["Cover"].iter_rows() if row[0].value != "Measures"]
    comments = [(c.coordinate, c.comment.text) for row in new.iter_rows() for c in row if c.comment]
    assert ("C4", "NL: we need to discuss this wording") in comments and len(comments) == 2
    assert "NL_positions" in after.defined_names
    assert new.cell(1, len(original.sheet("Measures").columns) + 1).value == ADDED_HEADER


def test_changed_fields_are_rewritten_and_the_delegation_fill_stays(updated: Path, changed: AnnexPlan) -> None:
    ws = _load(updated)["Measures"]
    spec = changed.sheet("Measures")
    r = _row_of(ws, "readmission-by-third-countries")
    assert ws.cell(r, spec.column_index("measure") + 1).value == "Improving readmission by third partner countries"
    assert ws.cell(r, spec.column_index("status") + 1).value == "ongoing"
    assert ws.cell(r, spec.column_index("update_note") + 1).value == "Updated on 1 March 2026: Measure, Status"
    xml = zipfile.ZipFile(updated).read(MEASURES).decode("utf-8")
    cell = xml[xml.index(f'<c r="C{r}"'):]
    cell = cell[:cell.index("</c>")]
    assert "<strike/>" in cell and "<b/>" in cell and 't="inlineStr"' in cell  # rich text kept as runs
    coloured = _row_of(ws, "leverages-and-incentives")
    assert ws.cell(coloured, 3).fill.fgColor.rgb.endswith("FFFF00")  # rewritten, fill kept


def test_new_records_are_added_inside_the_table_with_ranges_extended(updated: Path, changed: AnnexPlan) -> None:
    book = _load(updated)
    ws = book["Measures"]
    spec = changed.sheet("Measures")
    rows = 25 + 1  # 24 records + header, then one new record
    last = openpyxl.utils.get_column_letter(len(spec.columns) + 1)
    assert ws.tables["Measures"].ref == f"A1:{last}{rows}"
    assert ws.tables["Measures"].autoFilter.ref == f"A1:{last}{rows}"
    assert ws.cell(rows, 1).value == "brand-new-measure"
    measure = ws.cell(rows, spec.column_index("measure") + 1)
    assert measure.value == NEW_TEXT and measure.data_type == "s" and measure.quotePrefix
    assert ws.cell(rows, spec.column_index("update_note") + 1).value == "Added on 1 March 2026"
    assert ws.cell(rows, spec.column_index("sources") + 1).style_id == ws.cell(rows - 1,
                                                                              spec.column_index("sources") + 1).style_id
    xml = zipfile.ZipFile(updated).read(MEASURES).decode("utf-8")
    assert "<f>" not in xml
    status = openpyxl.utils.get_column_letter(spec.column_index("status") + 1)
    position = openpyxl.utils.get_column_letter(spec.column_index("delegation_position") + 1)
    assert f'sqref="{status}2:{status}{rows}"' in xml  # our drop-down and their conditional format
    assert f'sqref="{last}2:{last}{rows}"' in xml  # their data bar on their column
    assert f"<xm:sqref>{position}2:{position}{rows}</xm:sqref>" in xml  # their cross-sheet list (x14)
    assert f"<xm:sqref>{last}2:{last}{rows}</xm:sqref>" in xml  # the data bar's x14 half
    assert "x14:sparklineGroup" in zipfile.ZipFile(updated).read("xl/worksheets/sheet6.xml").decode("utf-8")


def test_records_no_longer_in_the_pack_are_marked_not_deleted(updated: Path, changed: AnnexPlan) -> None:
    ws = _load(updated)["Measures"]
    note = changed.sheet("Measures").column_index("update_note") + 1
    for record_id in ("control-of-access", "border-technology", "frontex-regulation-revision",
                      "new-eibm-strategy"):
        r = _row_of(ws, record_id)
        assert ws.cell(r, note).value == "Not in the pack since 1 March 2026"
        assert ws.cell(r, 3).value  # the text is still there
    untouched = _row_of(ws, "pact-foundation")
    assert ws.cell(untouched, note).value is None


def test_a_second_update_changes_nothing(updated: Path, changed: AnnexPlan, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    report = update_annex(updated, changed, again, dt.date(2026, 4, 1))
    assert report.rewritten == []
    assert parts_of(again.read_bytes()) == parts_of(updated.read_bytes())
    assert report.sheets[0].marked == 4 and report.sheets[0].updated == 0 and report.sheets[0].added == 0


def test_in_place_update_and_summary(copy_path: Path, changed: AnnexPlan) -> None:
    report = update_annex(copy_path, changed, on=ON)
    text = "\n".join(report.lines())
    assert "Measures: 1 row(s) updated" in text and "1 added, 4 marked" in text
    assert "comments" in text and "charts" in text and "pictures" in text
    assert _load(copy_path)["Measures"].tables["Measures"].ref.endswith("26")


def test_an_empty_table_gets_its_first_rows_in_the_placeholder_row(original: AnnexPlan, changed: AnnexPlan,
                                                                   tmp_path: Path) -> None:
    spec = original.sheet("MS input")
    empty = dataclasses.replace(original, sheets=tuple(dataclasses.replace(s, rows=()) if s is spec else s
                                                       for s in original.sheets))
    path = tmp_path / "empty.xlsx"
    path.write_bytes(annex_bytes(empty))
    update_annex(path, changed, on=ON)
    ws = _load(path)["MS input"]
    rows = len(changed.sheet("MS input").rows)
    assert ws.tables["MSInput"].ref == f"A1:H{rows + 1}"
    assert ws.cell(2, 1).value == changed.sheet("MS input").rows[0][0]


def _merge(root: etree._Element) -> None:
    merged = etree.Element(NS + "mergeCells", count="1")
    etree.SubElement(merged, NS + "mergeCell", ref="B3:C3")
    root.find(NS + "sheetData").addnext(merged)


def _array_formula(root: etree._Element) -> None:
    row = etree.SubElement(root.find(NS + "sheetData"), NS + "row", r="26")
    c = etree.SubElement(row, NS + "c", r="D26")
    etree.SubElement(c, NS + "f", t="array", ref="D26:D27").text = "TRANSPOSE(A1:B1)"


def _below(root: etree._Element) -> None:
    row = etree.SubElement(root.find(NS + "sheetData"), NS + "row", r="26")
    c = etree.SubElement(row, NS + "c", r="B26", t="inlineStr")
    etree.SubElement(etree.SubElement(c, NS + "is"), NS + "t").text = "Total"


@pytest.mark.parametrize(("edit", "message"), [
    (_merge, "merged cells B3:C3 cross the table"),
    (_array_formula, "array formula in D26 spills over D26:D27"),
    (_below, "cell B26 below the table holds something"),
])
def test_what_cannot_be_kept_is_refused_and_nothing_is_written(copy_bytes: bytes, changed: AnnexPlan,
                                                              tmp_path: Path, edit: Callable[[etree._Element], None],
                                                              message: str) -> None:
    path = tmp_path / "odd.xlsx"
    path.write_bytes(rewrite_package(copy_bytes, {MEASURES: xml_edit(edit)}))
    before = path.read_bytes()
    with pytest.raises(UpdateRefused, match=message) as caught:
        update_annex(path, changed, on=ON)
    assert "Nothing was written" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["odd.xlsx"]  # no temporary file left


def test_a_missing_table_is_refused(copy_bytes: bytes, changed: AnnexPlan, tmp_path: Path) -> None:
    path = rewrite_file(copy_bytes, tmp_path / "renamed.xlsx", {  # Milestones, renamed and its ID header changed
        "xl/tables/table3.xml": lambda content: content.replace(
            b'name="Milestones" displayName="Milestones"', b'name="Dates" displayName="Dates"').replace(
            b'name="ID"', b'name="Ref"')})
    with pytest.raises(UpdateRefused, match=r"table 'Milestones' .* is missing"):
        update_annex(path, changed, tmp_path / "out.xlsx", on=ON)
    assert not (tmp_path / "out.xlsx").exists()


def test_macros_are_kept_byte_for_byte(original: AnnexPlan, changed: AnnexPlan, tmp_path: Path) -> None:
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # stands in for a VBA project
    path = tmp_path / "annex.xlsm"
    path.write_bytes(delegation_copy(original, macros=vba))
    with pytest.raises(AnnexFileError, match=r"write the update to a \.xlsm file"):
        update_annex(path, changed, tmp_path / "annex.xlsx", on=ON)
    report = update_annex(path, changed, on=ON)
    assert report.macros and "Macros (vbaProject.bin) kept unchanged." in report.lines()
    assert zipfile.ZipFile(path).read("xl/vbaProject.bin") == vba


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_write_failing_half_way_keeps_the_returned_annex(copy_bytes: bytes, changed: AnnexPlan, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    from briefing_builder.render.output import OutputError

    path = tmp_path / "returned.xlsx"
    path.write_bytes(copy_bytes)

    def disk_full(*_args: object, **_kwargs: object) -> NoReturn:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(f"briefing_builder.render.output.os.{failing}", disk_full)
    with pytest.raises(OutputError, match="disk is full"):
        update_annex(path, changed, on=ON)
    assert path.read_bytes() == copy_bytes
    assert [p.name for p in tmp_path.iterdir()] == ["returned.xlsx"]
