"""Make returned annexes the way delegations make them, for tests that drive the CLI.

* :func:`build` exports the pack's annex with ``briefing-builder build`` (as a user does);
* :func:`type_into` edits cells at the XML level the way Excel saves a typed cell (an
  inline or shared string replaced, everything else byte for byte);
* :func:`openpyxl_resave` and :func:`libreoffice_resave` re-save a workbook with those
  tools (openpyxl drops rich text runs it reads as plain; LibreOffice rewrites every part);
* :func:`where` finds the cell of a record's column by reading the sheet;
* :func:`without_part` drops one part of a workbook, as tools that lose custom properties do;
* :func:`after_the_meeting` changes a store copy the way the next meeting's preparation does.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from briefing_builder.cli import main
from tests.zip_parts import rewrite_file, xml_edit

PACK = "jha-counsellors-2026-01-12"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET_PARTS = {"Measures": "xl/worksheets/sheet2.xml", "Country cards": "xl/worksheets/sheet3.xml",
               "Milestones": "xl/worksheets/sheet4.xml", "MS input": "xl/worksheets/sheet5.xml"}


def build(store: Path, out: Path) -> Path:
    """Export the reference pack from ``store`` into ``out``; the annex's path."""
    assert main(["build", PACK, "--store", str(store), "--out", str(out)]) == 0
    return out / f"{PACK}-annex.xlsx"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> tuple[str, str]:
    """Run ``briefing-builder ARGS``; its (stdout, stderr), checked for ``status`` and no traceback."""
    capsys.readouterr()
    got = main(list(args))
    captured = capsys.readouterr()
    assert got == status, captured.out + captured.err
    assert "Traceback" not in captured.err
    return captured.out, captured.err


def load(path: Path) -> openpyxl.Workbook:
    """The workbook read by openpyxl (its warnings about extensions silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def where(path: Path, sheet: str, record_id: str, header: str) -> str:
    """The reference (``C5``) of ``record_id``'s cell in the column ``header``."""
    ws = load(path)[sheet]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == record_id:
            return row[headers.index(header)].coordinate
    raise KeyError(record_id)


def value(path: Path, sheet: str, record_id: str, header: str) -> object:
    """What openpyxl reads in ``record_id``'s cell of column ``header``."""
    return load(path)[sheet][where(path, sheet, record_id, header)].value


def _cell(root: etree._Element, ref: str) -> etree._Element:
    for c in root.iter(NS + "c"):
        if c.get("r") == ref:
            return c
    row_number = "".join(ch for ch in ref if ch.isdigit())
    row = next(r for r in root.iter(NS + "row") if r.get("r") == row_number)
    c = etree.SubElement(row, NS + "c", r=ref)
    cells = sorted(row, key=lambda cell: (len(cell.get("r", "")), cell.get("r", "")))
    row[:] = cells
    return c


def edit_part(path: Path, part: str, edit: Callable[[etree._Element], None]) -> None:
    """Change one XML part of the workbook at ``path`` in place; every other part keeps its bytes."""
    rewrite_file(path, path, {part: xml_edit(edit)})


def type_into(path: Path, sheet: str, cells: dict[str, object]) -> None:
    """Type values into ``cells`` (``{"C5": "text" | number | None}``) as Excel saves them."""
    edit_part(path, SHEET_PARTS[sheet], lambda root: _type(root, cells))


def _type(root: etree._Element, cells: dict[str, object]) -> None:
    for ref, typed in cells.items():
        c = _cell(root, ref)
        for child in list(c):
            c.remove(child)
        for attribute in ("t", "cm", "vm"):
            c.attrib.pop(attribute, None)
        if typed is None:
            continue
        if isinstance(typed, (int, float)):
            etree.SubElement(c, NS + "v").text = repr(typed)
            continue
        c.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(c, NS + "is"), NS + "t")
        t.text = str(typed)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def resave(path: Path, tool: str, work: Path) -> None:
    """Re-save ``path`` with ``tool`` ("openpyxl" or "libreoffice")."""
    if tool == "openpyxl":
        openpyxl_resave(path)
    else:
        libreoffice_resave(path, work)


def openpyxl_resave(path: Path) -> None:
    """Load and save ``path`` with openpyxl (rich text runs become plain text)."""
    load(path).save(path)


def libreoffice_resave(path: Path, work: Path) -> None:
    """Re-save ``path`` as .xlsx with LibreOffice (headless, its own profile under ``work``)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    out = work / "lo-out"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    shutil.copyfile(out / path.name, path)


POSITIONS = ("support", "scrutiny reservation", "oppose", "no position")


def delegation_returns(annex: Path, folder: Path, codes: list[str], rows: int = 6) -> list[Path]:
    """One returned copy of ``annex`` per delegation code, each with a position and a comment
    typed on its first ``rows`` measures (``annex-<CODE>.xlsx`` in ``folder``)."""
    ws = load(annex)["Measures"]
    headers = [c.value for c in ws[1]]
    position = openpyxl.utils.get_column_letter(headers.index("Delegation position") + 1)
    comments = openpyxl.utils.get_column_letter(headers.index("Delegation comments") + 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, code in enumerate(codes):
        path = folder / f"annex-{code}.xlsx"
        shutil.copyfile(annex, path)
        typed: dict[str, object] = {}
        for r in range(2, 2 + rows):
            typed[f"{position}{r}"] = POSITIONS[(k + r) % len(POSITIONS)]
            typed[f"{comments}{r}"] = f"{code} on row {r}: comment"
        type_into(path, "Measures", typed)
        paths.append(path)
    return paths


def printed_pixels(ws: openpyxl.worksheet.worksheet.Worksheet) -> int:
    """The width of the sheet's used columns in pixels, as Excel lays them out (``<col>`` ranges
    included: XlsxWriter writes neighbours of one width as one range)."""
    pixels = 0
    for dim in ws.column_dimensions.values():
        lo, hi = dim.min or 1, min(dim.max or dim.min or 1, ws.max_column)
        if lo <= hi and dim.width:
            pixels += (hi - lo + 1) * int(dim.width * 7 + 0.5)  # stored widths hold the padding
    return pixels


def without_part(source: Path, part: str, target: Path) -> Path:
    """``source`` saved to ``target`` without its ``part`` (as a tool that drops, say, custom properties)."""
    return rewrite_file(source, target, {part: None})


def after_the_meeting(store: Path, pack: str, reworded: str, new_measure: str) -> None:
    """The store copy after the meeting: the readmission measure reworded to ``reworded`` (and
    ongoing), a measure ``brand-new-measure`` (``new_measure``: its YAML fields) before the return
    system, and ``pack`` no longer showing the strong-borders measures."""
    area = store / "areas" / "04-return-readmission.yaml"
    text = area.read_text(encoding="utf-8")
    for old, new in (('text: "**Improving readmission by third countries**"',
                      f'text: "{reworded}"\n    status: ongoing'),
                     ("  - id: common-european-return-system",
                      f"  - id: brand-new-measure\n{new_measure}\n  - id: common-european-return-system")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    area.write_text(text, encoding="utf-8")
    pack_file = store / "packs" / f"{pack}.yaml"
    shown = pack_file.read_text(encoding="utf-8")
    assert "    area: strong-borders\n" in shown
    pack_file.write_text(shown.replace("    area: strong-borders\n", "    area: strong-borders\n    measures: []\n"),
                         encoding="utf-8")
