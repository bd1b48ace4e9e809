"""The columns every data sheet of the annex shares, around the columns of its records.

Every data sheet starts with the ``ID`` column (the record's stable store id, which an import
of the returned annex matches rows on) and ends with our "Update note" column, empty when the
annex is built and written by ``annex update``, then the two empty delegation columns. When
delegations' feedback on the pack is kept in the store (earlier returns imported), a "Comments
received" column before the update note shows, per row, each delegation's position and comment;
the "Changed since" column goes there too (:func:`.changed_since.with_changed_column`).

Column widths add up to at most :data:`PRINT_WIDTH_CHARS`, so a sheet printed one page wide on
A4 landscape keeps its text at 9 pt or more: a column added makes the widest wrapped ones narrower.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from briefing_builder.annex.headers import position_labels, status_labels
from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    COMMENTS_RECEIVED_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    UPDATE_NOTE_HEADER,
    CellValue,
    ColumnSpec,
    SheetSpec,
)
from briefing_builder.store.schema import Status

#: Column widths are chosen so that a data sheet's columns add up to at most this many
#: characters: printed one page wide on A4 landscape, its 11 pt text is then at least 9 pt.
PRINT_WIDTH_CHARS = 170
#: The store's status values, in the order of the status drop-down.
STATUS_VALUES: tuple[str, ...] = tuple(status.value for status in Status)
#: How many of our columns end every sheet once the update note is in: the note, the delegation's two.
_AFTER_OURS = 3


def id_column() -> ColumnSpec:
    """The first column of every data sheet: the record's store id."""
    return ColumnSpec("id", ANNEX_ID_HEADER, 14, kind="id")  # wraps at the hyphens: every id shows in full


def status_column(language: str) -> ColumnSpec:
    """A record's status, with the drop-down of the statuses in ``language``."""
    return ColumnSpec("status", "Status", 11, wrap=False, kind="status",
                      validation=status_labels(STATUS_VALUES, language))


def delegation_columns(language: str = "en", comments: float = 16) -> tuple[ColumnSpec, ...]:
    """The two columns a delegation fills in, last on every sheet: its comments (``comments``
    characters wide) and its position, chosen from the drop-down in ``language``."""
    return (ColumnSpec("delegation_comments", DELEGATION_COMMENTS_HEADER, comments, kind="delegation"),
            ColumnSpec("delegation_position", DELEGATION_POSITION_HEADER, 12, kind="delegation",
                       validation=position_labels(language)))


def with_note_column(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with the empty "Update note" column inserted before the delegation columns."""
    at = len(sheet.columns) - 2  # before the two delegation columns
    note = ColumnSpec("update_note", UPDATE_NOTE_HEADER, 11, kind="note")
    return replace(sheet, columns=sheet.columns[:at] + (note,) + sheet.columns[at:],
                   rows=tuple(row[:at] + (None,) + row[at:] for row in sheet.rows))


def with_column_before_note(sheet: SheetSpec, column: ColumnSpec,
                            cells: Mapping[str, CellValue], notes: Mapping[str, str] | None = None) -> SheetSpec:
    """``sheet`` (with its update note) with ``column`` before the update note, each row's cell
    from ``cells`` by the row's id, and, when ``notes`` are given, the update notes from them;
    its widths brought back within the print budget."""
    at = len(sheet.columns) - _AFTER_OURS

    def row_of(row: tuple[CellValue, ...]) -> tuple[CellValue, ...]:
        rid = str(row[0])
        note = row[at] if notes is None else notes.get(rid)
        return row[:at] + (cells.get(rid), note) + row[at + 1:]
    return within_print_budget(replace(sheet, columns=sheet.columns[:at] + (column,) + sheet.columns[at:],
                                       rows=tuple(row_of(row) for row in sheet.rows)))


def with_received_column(sheet: SheetSpec, received: Mapping[str, str]) -> SheetSpec:
    """``sheet`` with a "Comments received" column before the update note, when any of its
    records has comments from delegations (what earlier returns said, kept in the store)."""
    if not any(str(row[0]) in received for row in sheet.rows):
        return sheet
    return with_column_before_note(sheet, ColumnSpec("comments_received", COMMENTS_RECEIVED_HEADER, 18), received)


def within_print_budget(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with its widest wrapped columns narrowed until all fit :data:`PRINT_WIDTH_CHARS`."""
    widths = [c.width for c in sheet.columns]
    while sum(widths) > PRINT_WIDTH_CHARS:
        widest = max((i for i, c in enumerate(sheet.columns) if c.wrap and c.kind in ("text", "delegation")),
                     key=lambda i: widths[i])
        widths[widest] -= 1
    return replace(sheet, columns=tuple(replace(c, width=w) for c, w in zip(sheet.columns, widths)))
