"""The workbook-level parts an annex update touches besides its tables.

:func:`grow_defined_names` extends fixed-range defined names that ran to a grown table's
last row; :func:`refresh_cover` brings the cover sheet's row counts up to date.
"""

from __future__ import annotations

import re

from lxml import etree

from briefing_builder.annex.cells import StyleBook, set_cell
from briefing_builder.annex.package import Package
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.update_report import SheetSummary
from briefing_builder.annex.workbook import (
    PLAIN,
    Grid,
    M,
    Reader,
    TableInfo,
    col_number,
    normalise,
    plain,
    workbook_sheets,
)
from briefing_builder.annex.writer import contents_text
from briefing_builder.ooxml.builder import reserialised_part

_NAME_REF = re.compile(r"(?P<sheet>'(?:[^']|'')+'|[A-Za-z0-9_.]+)!(?P<c1>\$?[A-Z]{1,3})(?P<r1>\$?\d+)"
                       r"(?::(?P<c2>\$?[A-Z]{1,3})(?P<r2>\$?\d+))?")


def grow_defined_names(workbook: etree._Element, grown: list[tuple[TableInfo, int, int]]) -> bool:
    """Extend defined names whose fixed range ran to a grown table's last row (True if any changed).

    A name like ``Measures!$C$2:$C$25`` (a delegation's list source, a print area) would
    otherwise stop short of the rows the update added.
    """
    changed = False
    for node in workbook.iter(M + "definedName"):
        text = node.text or ""

        def extend(match: re.Match[str]) -> str:
            sheet = match.group("sheet")
            name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
            if match.group("r2") is None:
                return match.group(0)
            top, bottom = int(match.group("r1").lstrip("$")), int(match.group("r2").lstrip("$"))
            left, right = col_number(match.group("c1").lstrip("$")), col_number(match.group("c2").lstrip("$"))
            for table, old_last, new_last in grown:
                if name == table.sheet.name and bottom == old_last and table.top <= top <= old_last \
                        and left <= table.right and right >= table.left:
                    dollar = "$" if match.group("r2").startswith("$") else ""
                    return f"{sheet}!{match.group('c1')}{match.group('r1')}:{match.group('c2')}{dollar}{new_last}"
            return match.group(0)
        new = _NAME_REF.sub(extend, text)
        if new != text:
            node.text = new
            changed = True
    return changed


def refresh_cover(package: Package, reader: Reader, book: StyleBook, plan: AnnexPlan,
                  summaries: list[SheetSummary]) -> tuple[str, bytes] | None:
    """The cover sheet with each data sheet's row count brought up to date (``None``: nothing to change)."""
    sheet = next((s for s in workbook_sheets(package) if s.name == plan.cover.sheet_name), None)
    if sheet is None:
        return None
    root = package.xml(sheet.part)
    grid = Grid(root)
    specs = {spec.name: spec for spec in plan.sheets}
    counts = {summary.sheet: summary for summary in summaries}
    changed = False
    for r in sorted(grid.rows):
        cells = grid.cells(r)
        if 1 not in cells or 2 not in cells:
            continue
        name = plain(reader.cell(cells[1]).comparable())
        summary, spec = counts.get(name), specs.get(name)
        if summary is None or spec is None:
            continue
        text = contents_text(spec.description, summary.rows, summary.marked, plan.properties.language)
        if plain(reader.cell(cells[2]).comparable()) != text:
            set_cell(cells[2], normalise([(PLAIN, text)]), book, cell_font=True)
            changed = True
    return (sheet.part, reserialised_part(root)) if changed else None
