"""The update of one Excel table of a returned annex, row by row, at the XML level.

:class:`TableUpdate` matches the table's rows to the plan's on the ``ID`` column, writes
store changes into our cells (keeping a delegation's proposals and conflicts, noted),
marks rows no longer in the pack, adds new records inside the table and grows the table,
its autoFilter, the sheet dimension and the data validation and conditional format ranges
that ran to its last row. See :mod:`briefing_builder.annex.update` for the whole update.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from lxml import etree

from briefing_builder.annex.baseline import Row
from briefing_builder.annex.cells import StyleBook, has_content, set_cell
from briefing_builder.annex.checks import check_space, check_table
from briefing_builder.annex.merge import RowProblem, Verdict, classify, row_identities
from briefing_builder.annex.package import Package
from briefing_builder.annex.plan import ANNEX_ID_HEADER, UPDATE_NOTE_HEADER, SheetSpec
from briefing_builder.annex.update_report import SheetSummary, UpdateRefused
from briefing_builder.annex.workbook import (
    PLAIN,
    Comparable,
    Grid,
    M,
    Reader,
    TableInfo,
    col_letters,
    format_range,
    normalise,
    parse_range,
    plain,
    planned,
    whole,
)
from briefing_builder.compose import wording

#: How a note saying the row is no longer in the pack begins, in any catalogue's language.
REMOVED_NOTES = wording.label_openings("annex_note_removed")
#: How our notes of something still to decide begin; cleared once nothing is pending.
PENDING_NOTES = wording.label_openings("annex_note_proposal_kept", "annex_note_conflict", "annex_note_unverified",
                                       "annex_note_not_updated")
X14 = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}"
XM = "{http://schemas.microsoft.com/office/excel/2006/main}"


@dataclass
class Sheet:
    """A worksheet being updated: its root, its cell grid, and whether it must be rewritten."""

    root: etree._Element
    grid: Grid
    changed: bool = False


class TableUpdate:
    """The update of one table (one plan sheet)."""

    def __init__(self, package: Package, reader: Reader, book: StyleBook, spec: SheetSpec, table: TableInfo,
                 sheet: Sheet, tables: list[TableInfo], on: dt.date, sent: dict[str, Row] | None,
                 kept: dict[str, Row], language: str = "en") -> None:
        self.package, self.reader, self.book, self.spec = package, reader, book, spec
        self.table, self.sheet, self.grid, self.tables, self.on = table, sheet, sheet.grid, tables, on
        self.sent, self.kept = sent, kept  # what was sent (None: no baseline); what is "sent" after the update
        self.language = language  # of the annex: its notes are written in it
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
                    self._note(r, note_col, self._label("annex_note_unknown_id", id=rid))
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

    def _label(self, key: str, **fields: str) -> str:
        """The note ``key`` in the annex's language, ``{date}`` the update's day in its style."""
        return wording.label(key, self.language).format(date=wording.long_date(self.on, self.language), **fields)

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
                    spec: SheetSpec) -> dict[int, RowProblem]:
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

    def _untrusted(self, r: int, note_col: int | None, why: RowProblem) -> None:
        text = self._label("annex_note_not_updated", why=why.words(self.language))
        if self._note_text(r, note_col) != text:
            self._note(r, note_col, text)
        self.summary.refused += 1

    def _update_row(self, r: int, row: tuple[Any, ...], columns: list[tuple[int, int]], note_col: int | None) -> None:
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
            verdict = classify(sent.get(key) if sent else None, have, want, sent is not None, status=key == "status")
            if verdict in (Verdict.SAME, Verdict.STORE):
                kept[key] = want
                if have != want:  # a store change, or formatting a re-save dropped: written back
                    set_cell(self._column_cell(r, col), want, self.book)
                    self.sheet.changed = True
                if verdict is Verdict.STORE:
                    changed.append(header)
            elif verdict is Verdict.PROPOSAL:
                kept_theirs.append(self._label("annex_note_proposal_kept", column=header))
                self.summary.proposals += 1
            else:
                what = "annex_note_conflict" if verdict is Verdict.CONFLICT else "annex_note_unverified"
                kept_theirs.append(self._label(what, column=header,
                                               value=plain(want) or wording.label("annex_note_empty", self.language)))
                self.summary.conflicts += 1
        if sent is not None or rid not in self.kept:
            self.kept[rid] = {k: v for k, v in kept.items() if v is not None}
        was_removed = self._note_text(r, note_col).startswith(REMOVED_NOTES)
        parts = ([self._label("annex_note_updated", columns=", ".join(changed))] if changed else []) + kept_theirs
        if changed:
            self.summary.updated += 1
            self.summary.fields.update(changed)
        current = self._note_text(r, note_col)
        if parts and (changed or current != "; ".join(parts)):
            self._note(r, note_col, "; ".join(parts))
        elif was_removed:
            self._note(r, note_col, self._label("annex_note_restored"))
        elif not parts and current.startswith(PENDING_NOTES):
            self._note(r, note_col, None)  # the proposal was applied (or the row is trusted again): nothing pending
        if was_removed:
            self.summary.restored += 1

    def _mark(self, r: int, note_col: int | None) -> None:
        if not self._note_text(r, note_col).startswith(REMOVED_NOTES):
            self._note(r, note_col, self._label("annex_note_removed"))
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

    def _column_cell(self, r: int, col: int) -> etree._Element:
        """The ``<c>`` at (r, col); one created here takes the format of the column's other data
        cells (an empty cell was sent without one: a value written in it would lose the wrap)."""
        created = col not in self.grid.cells(r)
        c = self._cell(r, col)
        if created and c.get("s") is None:
            style = next((other.get("s") for row in range(self.table.first_data_row, self.table.last_data_row + 1)
                          if (other := self.grid.cells(row).get(col)) is not None and other.get("s")), None)
            if style:
                c.set("s", style)
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

    def _add_row(self, r: int, row: tuple[Any, ...], template: int, id_col: int, columns: list[tuple[int, int]],
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
        self._note(r, note_col, self._label("annex_note_added"))
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
