"""Update a returned (or the counsellor's own) annex from the store, losing nothing.

``briefing-builder annex update ANNEX.xlsx --pack PACK`` re-plans the pack's annex and
edits the workbook **at the package level** (zip + lxml): openpyxl's load-and-save would
drop shapes, sparklines, x14 extensions and threaded comments (PITFALLS 13). For each data
sheet of the plan, its Excel table is found through the table parts (by name, else by
headers) and:

* rows are matched on the ``ID`` column (a duplicated ID, or a row whose content belongs
  to another ID, is left alone and noted); each cell of our columns is compared three ways
  with what was sent (:mod:`.baseline`) and the store now (:func:`.merge.classify`): a
  store change is written (the cell keeps its format), a delegation's *proposal* or a
  *conflict* is kept in the cell and noted ("proposal kept in …", "conflict in …, the
  store now says: …"); a delegation's columns — ours named "Delegation …" and any column
  they added — are never written;
* records new to the pack are added **inside** the table, after its last row: the table's
  ``ref`` and autoFilter grow, data validations and conditional formats (plain and x14)
  that ran to the table's last row are extended, each new cell takes the format of the
  cell above, and a delegation's calculated column gets its formula;
* records no longer in the pack are **marked, not deleted**: the row's "Update note" cell
  says ``Not in the pack since <date>`` (and is cleared if the record comes back); an ID
  that was never sent (mistyped) says ``Unknown ID '<id>'…`` instead. New and
  changed rows get ``Added on <date>`` / ``Updated on <date>: <columns>`` there too.

The baseline sheet is rewritten with what the rows now hold as "sent" (a proposal keeps
the old sent value, so a later import still finds it), the cover's row counts are brought
up to date, and fixed-range defined names that ran to a grown table's last row grow with
it. Only the worksheets and tables that change (and ``xl/styles.xml`` if a format variant
is needed, ``xl/workbook.xml`` if a name grew) are rewritten; every other part keeps its
bytes. What cannot be kept is refused
before anything is written — see :mod:`.checks`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from briefing_builder.annex.baseline import PROPERTY, Baseline, Row, baseline_sheet_xml, find_baseline
from briefing_builder.annex.cells import StyleBook, has_content, set_cell
from briefing_builder.annex.checks import check_space, check_table
from briefing_builder.annex.merge import Verdict, classify, row_identities
from briefing_builder.annex.package import AnnexFileError, Package, open_package, write_package
from briefing_builder.annex.plan import ANNEX_ID_HEADER, UPDATE_NOTE_HEADER, AnnexPlan, SheetSpec
from briefing_builder.annex.workbook import (
    M, PLAIN, Comparable, Grid, Reader, TableInfo, col_letters, col_number, check_pack, custom_property, find_table, format_range,
    normalise, not_an_annex, parse_range, plain, planned, whole, workbook_sheets, workbook_tables,
)
from briefing_builder.annex.writer import contents_text
from briefing_builder.render.output import atomic_write
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused

REMOVED_NOTE = "Not in the pack since"
UNKNOWN_NOTE = "Unknown ID"
#: How our notes of something still to decide begin; cleared once nothing is pending.
PENDING_NOTES = ("proposal kept in ", "conflict in ", "unverified change", "Not updated: ")
X14 = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}"
XM = "{http://schemas.microsoft.com/office/excel/2006/main}"
_OURS = ("id", "text", "status")


class UpdateRefused(AnnexFileError):
    """The workbook holds something the update could not keep; nothing was written."""


@dataclass
class SheetSummary:
    """What the update did to one sheet's table."""

    sheet: str
    table: str
    updated: int = 0
    added: int = 0
    marked: int = 0
    restored: int = 0
    proposals: int = 0
    conflicts: int = 0
    refused: int = 0
    rows: int = 0  # rows in the table after the update
    fields: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the command's summary."""
        changed = ", ".join(f"{name} ×{n}" for name, n in sorted(self.fields.items()))
        text = (f"{self.sheet}: {self.updated} row(s) updated" + (f" ({changed})" if changed else "")
                + f", {self.added} added, {self.marked} marked as no longer in the pack")
        if self.restored:
            text += f", {self.restored} back in the pack"
        if self.proposals or self.conflicts:
            text += (f"; kept the delegation's text in {self.proposals} proposal(s) and {self.conflicts} "
                     "conflict(s) (see the Update note)")
        if self.refused:
            text += f"; {self.refused} row(s) not updated (their ID cannot be trusted, see the Update note)"
        return text


@dataclass
class UpdateReport:
    """The per-sheet summaries and which parts were rewritten or kept byte for byte."""

    sheets: list[SheetSummary]
    rewritten: list[str]
    kept: list[str]
    macros: bool = False
    #: What the user must know about the baseline (gone, taken from the sidecar copy).
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary printed by ``annex update``."""
        out = list(self.notes) + [summary.line() for summary in self.sheets]
        out += [f"  note: {note}" for summary in self.sheets for note in summary.notes]
        kinds = sorted({_kind(name) for name in self.kept} - {""})
        out.append(f"Rewritten: {', '.join(self.rewritten) or 'nothing'}; kept byte for byte: "
                   f"{len(self.kept)} other part(s)" + (f" ({', '.join(kinds)})" if kinds else "") + ".")
        if self.macros:
            out.append("Macros (vbaProject.bin) kept unchanged.")
        return out


def _kind(name: str) -> str:
    for needle, kind in (("vbaProject", "macros"), ("threadedComments", "threaded comments"),
                         ("comments", "comments"), ("charts/", "charts"), ("drawings/", "drawings and shapes"),
                         ("media/", "pictures"), ("worksheets/sheet", "other sheets"), ("styles", "styles"),
                         ("workbook.xml", "defined names"), ("sharedStrings", "shared strings")):
        if needle in name:
            return kind
    return ""


@dataclass
class _Sheet:
    root: etree._Element
    grid: Grid
    changed: bool = False


def update_annex(path: Path, plan: AnnexPlan, out: Path | None = None, on: dt.date | None = None,
                 catalog: Catalog | None = None, force_pack: bool = False) -> UpdateReport:
    """Update the annex at ``path`` from ``plan``; write ``out`` (default: ``path``) atomically.

    ``catalog`` (the store the plan came from) lets the update find the baseline's sidecar
    copy when the workbook lost its own. Raises :class:`AnnexFileError` (including
    :class:`UpdateRefused`) before writing anything, and ``OutputError`` when the target
    cannot be written. An annex made for another pack is refused unless ``force_pack``.
    """
    package = open_package(path)
    check_pack(package, plan.pack_id, force_pack)
    target = Path(out) if out is not None else Path(path)
    if package.macros and target.suffix.lower() != ".xlsm":
        raise AnnexFileError(f"{path} has macros; write the update to a .xlsm file so Excel keeps opening it "
                             f"(not {target.name}).")
    data, report = update_package(package, plan, on or dt.date.today(), catalog)
    atomic_write(target, data)
    return report


def update_package(package: Package, plan: AnnexPlan, on: dt.date,
                   catalog: Catalog | None = None) -> tuple[bytes, UpdateReport]:
    """The updated package bytes and the report (see module doc); nothing is written here."""
    with gc_paused():  # tens of thousands of short-lived element proxies: collections would dominate
        return _update_package(package, plan, on, catalog)


def _update_package(package: Package, plan: AnnexPlan, on: dt.date,
                    catalog: Catalog | None) -> tuple[bytes, UpdateReport]:
    why = not_an_annex(package, [spec.table_name for spec in plan.sheets])
    if why:
        raise AnnexFileError(why)
    reader = Reader(package)
    book = StyleBook(reader.styles)
    tables = workbook_tables(package)
    found = find_baseline(package, reader, catalog, plan.pack_id, custom_property(package, PROPERTY))
    sent = found.baseline
    kept = Baseline(plan.pack_id, read=sent.read if sent is not None else {})  # the rows' "sent" after this update
    sheets: dict[str, _Sheet] = {}
    changed_tables: dict[str, TableInfo] = {}
    summaries: list[SheetSummary] = []
    grown: list[tuple[TableInfo, int, int]] = []  # (table, old last data row, new last data row)
    for spec in plan.sheets:
        headers = [c.header for c in spec.columns if c.kind in _OURS]
        table = find_table(tables, spec.table_name, headers)
        if table is None and spec.name not in {sheet.name for sheet in workbook_sheets(package)}:
            if spec.rows:  # left out when it was empty: the rows it would now have cannot be added
                summaries.append(SheetSummary(spec.name, spec.table_name, notes=[
                    f"the sheet '{spec.name}' is not in this workbook (it had no rows when the annex was made); "
                    f"its {len(spec.rows)} row(s) are not added — export the annex again to have them"]))
            continue
        if table is None:
            raise UpdateRefused(f"{package.path}: the table '{spec.table_name}' (sheet '{spec.name}') is missing — "
                                "it was deleted, renamed or converted to a range. The update adds and matches "
                                "rows inside that table, so it cannot go on; restore the table (Insert › Table, "
                                f"name '{spec.table_name}') or update a copy that still has it.")
        sheet = sheets.get(table.sheet.part)
        if sheet is None:
            root = package.xml(table.sheet.part)
            sheet = sheets[table.sheet.part] = _Sheet(root, Grid(root))
        table_sent = sent.tables.get(spec.table_name, {}) if sent is not None else None
        table_kept = kept.tables.setdefault(spec.table_name, dict(table_sent or {}))
        job = _TableUpdate(package, reader, book, spec, table, sheet, tables, on, table_sent, table_kept)
        old_last = table.last_data_row
        summary, grew = job.run()
        if grew:
            changed_tables[table.part] = table
            grown.append((table, old_last, table_bottom(table.root)))
        summaries.append(summary)
    replaced: dict[str, bytes] = {}
    for part, sheet in sheets.items():
        if sheet.changed:
            replaced[part] = _xml(sheet.root)
    for part, table in changed_tables.items():
        replaced[part] = _xml(table.root)
    workbook_root = package.xml(package.workbook_part)
    if grown and grow_defined_names(workbook_root, grown):
        replaced[package.workbook_part] = _xml(workbook_root)
    cover = refresh_cover(package, reader, book, plan, summaries)
    if cover is not None:
        replaced[cover[0]] = cover[1]
    if book.changed and reader.styles_part and reader.styles.root is not None:
        replaced[reader.styles_part] = _xml(reader.styles.root)
    notes = [] if sent is not None and sent.source == "workbook" else [found.message]
    if sent is not None and found.part is not None and (kept.tables != sent.tables or found.stale):
        replaced[found.part] = baseline_sheet_xml(package.xml(found.part), kept)
    elif sent is not None and found.part is None:
        notes.append("The updated workbook has no baseline of its own; a later import compares it with the "
                     "copy kept next to the pack.")
    untouched = [name for name in package.names if name not in replaced]
    report = UpdateReport(summaries, sorted(replaced), untouched, package.macros, notes)
    return write_package(package, replaced), report


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class _TableUpdate:
    """The update of one table (one plan sheet)."""

    def __init__(self, package: Package, reader: Reader, book: StyleBook, spec: SheetSpec, table: TableInfo,
                 sheet: _Sheet, tables: list[TableInfo], on: dt.date, sent: dict[str, Row] | None,
                 kept: dict[str, Row]) -> None:
        self.package, self.reader, self.book, self.spec = package, reader, book, spec
        self.table, self.sheet, self.grid, self.tables, self.on = table, sheet, sheet.grid, tables, on
        self.sent, self.kept = sent, kept  # what was sent (None: no baseline); what is "sent" after the update
        self.keys = {index: column.key for index, column in enumerate(spec.columns)}
        self.read: dict[int, dict[str, Comparable]] = {}
        self.summary = SheetSummary(table.sheet.name, table.name)
        self.where = f"{package.path}, sheet '{table.sheet.name}', table '{table.name}'"

    def refuse(self, what: str) -> UpdateRefused:
        return UpdateRefused(f"{self.where}: {what} Nothing was written.")

    def run(self) -> tuple[SheetSummary, bool]:
        table, spec = self.table, self.spec
        check_table(self, table)
        id_col = table.column(ANNEX_ID_HEADER)
        assert id_col is not None
        note_col = table.column(UPDATE_NOTE_HEADER)
        columns: list[tuple[int, int]] = []  # (plan index, sheet column)
        for index, column in enumerate(spec.columns):
            if column.kind not in ("text", "status"):
                continue
            where = table.column(column.header)
            if where is None:
                self.summary.notes.append(f"{table.sheet.name}: column '{column.header}' is missing; not updated")
            else:
                columns.append((index, where))
        rows_by_id: dict[str, list[int]] = {}
        empty: set[int] = set()
        for r in range(table.first_data_row, table.last_data_row + 1):
            cells = self.grid.cells(r)
            c = cells.get(id_col)
            record_id = plain(self.reader.cell(c).comparable()).strip() if c is not None else ""
            if record_id:
                rows_by_id.setdefault(record_id, []).append(r)
            elif not any(has_content(cells[k]) for k in cells if table.left <= k <= table.right):
                empty.add(r)
        free: list[int] = []  # empty rows at the end of the table (a new table's placeholder row)
        r = table.last_data_row
        while r in empty:
            free.insert(0, r)
            r -= 1
        plan_ids = {str(row[0]) for row in spec.rows}
        new_rows = [row for row in spec.rows if str(row[0]) not in rows_by_id]
        stale = [rid for rid in rows_by_id if rid not in plan_ids]
        if stale and note_col is None:
            raise self.refuse(f"{len(stale)} row(s) are no longer in the pack (e.g. '{stale[0]}') and would be "
                              f"marked in the '{UPDATE_NOTE_HEADER}' column, which this table does not have "
                              "(an annex made by an earlier version). Rebuild the annex, or delete those rows "
                              "yourself and update again.")
        placed = free[:len(new_rows)]
        start = table.last_data_row + 1
        placed += list(range(start, start + len(new_rows) - len(placed)))
        new_bottom = max([table.last_data_row] + placed)
        check_space(self, new_bottom, set(placed) - set(free))
        untrusted = self._identities(rows_by_id, columns, spec)
        for row in spec.rows:
            for r in rows_by_id.get(str(row[0]), ()):
                if r in untrusted:
                    self._untrusted(r, note_col, untrusted[r])
                else:
                    self._update_row(r, row, columns, note_col)
        for rid in stale:
            for r in rows_by_id[rid]:
                if self.sent is not None and rid not in self.sent:  # never sent: a mistyped or invented ID
                    self._note(r, note_col, f"{UNKNOWN_NOTE} '{rid}': it was never in this annex; check the ID")
                    self.summary.marked += 1
                else:
                    self._mark(r, note_col)
        template = table.last_data_row
        for r, row in zip(placed, new_rows):
            self._add_row(r, row, template, id_col, columns, note_col)
        self.summary.rows = sum(len(numbers) for numbers in rows_by_id.values()) + len(new_rows)
        grew = new_bottom > table.last_data_row
        if grew:
            self._grow(new_bottom)
        return self.summary, grew

    def _note(self, r: int, note_col: int | None, text: str | None) -> None:
        if note_col is None:
            return
        c = self._cell(r, note_col)
        set_cell(c, normalise([(PLAIN, text)]) if text else None, self.book, cell_font=True)
        self.sheet.changed = True

    def _note_text(self, r: int, note_col: int | None) -> str:
        c = self.grid.cells(r).get(note_col) if note_col is not None else None
        return plain(self.reader.cell(c).comparable()) if c is not None else ""

    def _returned(self, r: int, columns: list[tuple[int, int]]) -> dict[str, Comparable]:
        """Our cells of row ``r`` as returned, by column key."""
        cells = self.grid.cells(r)
        out: dict[str, Comparable] = {}
        for index, col in columns:
            c = cells.get(col)
            out[self.keys[index]] = self.reader.cell(c).comparable() if c is not None else None
        return out

    def _identities(self, rows_by_id: dict[str, list[int]], columns: list[tuple[int, int]],
                    spec: SheetSpec) -> dict[int, str]:
        """Rows whose ID cannot be trusted (see :func:`.merge.row_identities`)."""
        planned_ids = {str(row[0]) for row in spec.rows}
        rows = [(r, rid, self._returned(r, columns)) for rid, numbers in rows_by_id.items() if rid in planned_ids
                for r in numbers]
        self.read = {r: values for r, _, values in rows}  # reused by _update_row
        if self.sent is not None:
            reference = self.sent
        else:
            keys = [(index, self.keys[index]) for index, _ in columns]
            reference = {str(row[0]): {key: planned(row[index]) for index, key in keys} for row in spec.rows}
        return row_identities(rows, reference)

    def _untrusted(self, r: int, note_col: int | None, why: str) -> None:
        text = f"Not updated: {why}"
        if self._note_text(r, note_col) != text:
            self._note(r, note_col, text)
        self.summary.refused += 1

    def _update_row(self, r: int, row: tuple, columns: list[tuple[int, int]], note_col: int | None) -> None:
        cells = self.grid.cells(r)
        rid = str(row[0])
        sent = self.sent.get(rid) if self.sent is not None else None
        kept: Row = dict(sent or {})
        changed: list[str] = []
        kept_theirs: list[str] = []
        for index, col in columns:
            key, header = self.keys[index], self.spec.columns[index].header
            want = planned(row[index])
            c = cells.get(col)
            have = self.read[r][key] if r in self.read else self.reader.cell(c).comparable() if c is not None else None
            verdict = classify(sent.get(key) if sent else None, have, want, sent is not None)
            if verdict in (Verdict.SAME, Verdict.STORE):
                kept[key] = want
                if have != want:  # a store change, or formatting a re-save dropped: written back
                    set_cell(self._cell(r, col), want, self.book)
                    self.sheet.changed = True
                if verdict is Verdict.STORE:
                    changed.append(header)
            elif verdict is Verdict.PROPOSAL:
                kept_theirs.append(f"proposal kept in {header}")
                self.summary.proposals += 1
            else:
                what = "conflict" if verdict is Verdict.CONFLICT else "unverified change (no baseline)"
                kept_theirs.append(f"{what} in {header}, the store now says: {plain(want) or '(empty)'}")
                self.summary.conflicts += 1
        if sent is not None or rid not in self.kept:
            self.kept[rid] = {k: v for k, v in kept.items() if v is not None}
        was_removed = self._note_text(r, note_col).startswith(REMOVED_NOTE)
        parts = ([f"Updated on {self.on.isoformat()}: " + ", ".join(changed)] if changed else []) + kept_theirs
        if changed:
            self.summary.updated += 1
            self.summary.fields.update(changed)
        current = self._note_text(r, note_col)
        if parts and (changed or current != "; ".join(parts)):
            self._note(r, note_col, "; ".join(parts))
        elif was_removed:
            self._note(r, note_col, f"Back in the pack on {self.on.isoformat()}")
        elif not parts and current.startswith(PENDING_NOTES):
            self._note(r, note_col, None)  # the proposal was applied (or the row is trusted again): nothing pending
        if was_removed:
            self.summary.restored += 1

    def _mark(self, r: int, note_col: int | None) -> None:
        if not self._note_text(r, note_col).startswith(REMOVED_NOTE):
            self._note(r, note_col, f"{REMOVED_NOTE} {self.on.isoformat()}")
        self.summary.marked += 1

    def _cell(self, r: int, col: int) -> etree._Element:
        """The ``<c>`` at (r, col), created in column order when absent."""
        cells = self.grid.cells(r)
        c = cells.get(col)
        if c is not None:
            return c
        row = self._row(r)
        c = etree.Element(M + "c", r=f"{col_letters(col)}{r}")
        later = sorted(k for k in cells if k > col)
        if later:
            cells[later[0]].addprevious(c)
        else:
            row.append(c)
        self.grid.forget(r)
        self.sheet.changed = True
        return c

    def _row(self, r: int) -> etree._Element:
        row = self.grid.rows.get(r)
        if row is None:
            row = etree.Element(M + "row", r=str(r))
            numbers = sorted(self.grid.rows)
            at = bisect.bisect(numbers, r)
            if at < len(numbers):
                self.grid.rows[numbers[at]].addprevious(row)
            else:
                self.grid.data.append(row)
            self.grid.rows[r] = row
        return row

    def _add_row(self, r: int, row: tuple, template: int, id_col: int, columns: list[tuple[int, int]],
                 note_col: int | None) -> None:
        table = self.table
        source = self.grid.rows.get(template)
        target = self._row(r)
        for attribute in ("s", "customFormat"):
            if source is not None and source.get(attribute) is not None:
                target.set(attribute, source.get(attribute, ""))
        above = self.grid.cells(template)
        formulas = _calculated_columns(table)
        for col in range(table.left, table.right + 1):
            style = above[col].get("s") if col in above else None
            if style or col in formulas:
                c = self._cell(r, col)
                if style:
                    c.set("s", style)
                if col in formulas:
                    etree.SubElement(c, M + "f").text = formulas[col]
        set_cell(self._cell(r, id_col), planned(str(row[0])), self.book)
        for index, col in columns:
            set_cell(self._cell(r, col), planned(row[index]), self.book)
        self._note(r, note_col, f"Added on {self.on.isoformat()}")
        self.kept[str(row[0])] = {self.keys[index]: v for index, _ in columns
                                  if (v := planned(row[index])) is not None}
        self.summary.added += 1
        self.sheet.changed = True

    def _grow(self, new_bottom: int) -> None:
        """Grow the table, its autoFilter and sort ranges, the sheet dimension, DV and CF ranges."""
        table = self.table
        old_last = table.last_data_row
        bottom = new_bottom + table.totals_rows
        ref = format_range(table.top, table.left, bottom, table.right)
        table.root.set("ref", ref)
        for node in table.root.iter(M + "autoFilter", M + "sortState"):
            top, left, _, right = parse_range(node.get("ref", ref))
            node.set("ref", format_range(top, left, bottom if node.tag == M + "autoFilter" else new_bottom, right))
        dimension = self.sheet.root.find(M + "dimension")
        if dimension is not None:
            top, left, old_bottom, right = parse_range(dimension.get("ref", "A1"))
            dimension.set("ref", format_range(top, left, max(old_bottom, bottom), max(right, table.right)))
        root = self.sheet.root
        for node in root.iter(M + "dataValidation", M + "conditionalFormatting", X14 + "dataValidation",
                              X14 + "conditionalFormatting"):
            if node.get("sqref"):
                node.set("sqref", _extend(node.get("sqref", ""), table, old_last, new_bottom))
            for ref in node.iterchildren(XM + "sqref"):
                if ref.text:
                    ref.text = _extend(ref.text, table, old_last, new_bottom)
        self.sheet.changed = True


def _extend(sqref: str, table: TableInfo, old_last: int, new_last: int) -> str:
    """Ranges of ``sqref`` that ran from inside the table's rows to its last row, extended."""
    out = []
    for ref in sqref.split():
        try:
            top, left, bottom, right = parse_range(ref)
        except ValueError:
            out.append(ref)
            continue
        if bottom == old_last and table.first_data_row <= top <= old_last and left <= table.right \
                and right >= table.left:
            ref = format_range(top, left, new_last, right)
        out.append(ref)
    return " ".join(out)


def _calculated_columns(table: TableInfo) -> dict[int, str]:
    """``{sheet column: formula}`` of the table's calculated columns (a delegation's formulas)."""
    out: dict[int, str] = {}
    columns = table.root.find(M + "tableColumns")
    for offset, column in enumerate(columns if columns is not None else ()):
        formula = column.find(M + "calculatedColumnFormula")
        if formula is not None and formula.text and column.get("array") not in ("1", "true"):
            out[table.left + offset] = formula.text
    return out


def table_bottom(root: etree._Element) -> int:
    """The last data row of a table part (after an update grew it)."""
    _, _, bottom, _ = parse_range(root.get("ref", "A1"))
    return bottom - whole(root.get("totalsRowCount"))


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
        text = contents_text(spec.description, summary.rows, summary.marked)
        if plain(reader.cell(cells[2]).comparable()) != text:
            set_cell(cells[2], normalise([(PLAIN, text)]), book, cell_font=True)
            changed = True
    return (sheet.part, _xml(root)) if changed else None
