"""Any value in any cell, and valid-but-unusual XML, is read or refused with a message — never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from briefing_builder.cli import main
from tests.annex.returns import PACK, SHEET_PARTS, build, edit_part, load, type_into, where
from tests.sample_store import sample_store_copy

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MEASURE = "new-eibm-strategy"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("robust")
    store = sample_store_copy(root)
    return store, build(store, root / "out")


def _card(path: Path) -> str:
    return str(load(path)["Country cards"].cell(2, 1).value)


def _typed(sheet: str, header: str, typed: object,
           record: Callable[[Path], str] = lambda p: MEASURE) -> Callable[[Path], None]:
    return lambda p: type_into(p, sheet, {where(p, sheet, record(p), header): typed})


def _odd_cells(root: etree._Element) -> None:
    cells = [c for c in root.iter(NS + "c") if c.get("r", "").startswith("C")][2:9]
    kinds = [("e", None, "#N/A"), ("b", None, "1"), (None, "1+1", "2"), ("str", '"a"&"b"', "ab"),
             ("s", None, "99999"), ("n", None, "abc"), ("d", None, "2026-01-01T00:00:00")]
    for c, (kind, formula, value) in zip(cells, kinds):
        for child in list(c):
            c.remove(child)
        c.attrib.pop("t", None)
        if kind:
            c.set("t", kind)
        if formula:
            etree.SubElement(c, NS + "f").text = formula
        etree.SubElement(c, NS + "v").text = value


def _odd_styles(root: etree._Element) -> None:
    cells = [c for c in root.iter(NS + "c") if c.get("r", "").startswith("C")]
    for c, s in zip(cells[1:], ("9999", "abc", "-3")):
        c.set("s", s)


def _odd_refs(root: etree._Element) -> None:
    cells = list(root.iter(NS + "c"))
    cells[20].set("r", "$C$3")
    del cells[21].attrib["r"]
    cells[22].set("r", "zz")
    rows = list(root.iter(NS + "row"))
    rows[3].set("r", "x")
    rows[4].set("r", "0")


CASES = {
    "a huge number in a date cell": _typed("Country cards", "Last reviewed", 1e308, _card),
    "a large number in a date cell": _typed("Country cards", "Last reviewed", 99999999999, _card),
    "a negative number in a date cell": _typed("Country cards", "Last reviewed", -5, _card),
    "a number in a text cell": _typed("Measures", "Timeline", 2029),
    "a number in the status": _typed("Measures", "Status", 3),
    "a 32,767-character text": _typed("Measures", "Measure", "y" * 32_767),
    "errors, booleans, formulas, dangling shared strings": lambda p: edit_part(p, SHEET_PARTS["Measures"], _odd_cells),
    "cell style ids out of range or not numbers": lambda p: edit_part(p, SHEET_PARTS["Measures"], _odd_styles),
    "odd cell and row references": lambda p: edit_part(p, SHEET_PARTS["Measures"], _odd_refs),
    "a table ref with dollar signs": lambda p: edit_part(p, "xl/tables/table1.xml",
                                                         lambda r: r.set("ref", "$" + r.get("ref").replace(":", ":$"))),
}


@pytest.mark.parametrize("case", list(CASES))
def test_unusual_cells_never_give_a_traceback(case: str, exported: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    store, annex = exported
    path = tmp_path / "returned.xlsx"
    shutil.copyfile(annex, path)
    CASES[case](path)
    for command in (["annex", "import", str(path), "--store", str(store)],
                    ["annex", "update", str(path), "--pack", PACK, "--store", str(store), "--out",
                     str(tmp_path / "updated.xlsx")]):
        status = main(command)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        assert status == 0 or captured.err.strip(), (command, captured.err)


def test_a_number_typed_into_a_date_cell_is_refused_naming_the_cell(exported: tuple[Path, Path], tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    store, annex = exported
    path = tmp_path / "returned.xlsx"
    shutil.copyfile(annex, path)
    card = _card(path)
    cell = where(path, "Country cards", card, "Last reviewed")
    type_into(path, "Country cards", {cell: 1e308})
    assert main(["annex", "import", str(path), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert f"{card} · Last reviewed (Country cards!{cell})" in out and "not applied: not a date" in out


def test_a_workbook_that_was_never_an_annex_is_told_so(exported: tuple[Path, Path], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    store, _ = exported
    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Budget 2026"
    book.save(path)
    for command in (["annex", "import", str(path), "--store", str(store)],
                    ["annex", "update", str(path), "--pack", PACK, "--store", str(store)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "this workbook is not an annex made by Briefing Builder" in err and "table was deleted" not in err
