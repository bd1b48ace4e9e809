"""What an Excel annex contains, independent of any spreadsheet library.

An :class:`AnnexPlan` is made by :func:`briefing_builder.annex.planner.plan_annex`
and written by :mod:`briefing_builder.annex.writer`. These are plain frozen
dataclasses: no I/O and no openpyxl/XlsxWriter here.

A cell value (:data:`CellValue`) is one of

* ``tuple[Run, ...]`` — rich text (bold/italic/struck runs; ``"\\n"`` inside a run's text
  is a line break in the cell),
* ``str`` — plain text, always written as text (never as a formula),
* ``int`` / ``float`` — a number,
* ``datetime.date`` — a date,
* ``None`` — an empty cell.

The constants below name the columns a later *import* of a returned annex matches on: each
data sheet's first column is :data:`ANNEX_ID_HEADER` holding the stable store id of the
row's record, and the last two are the delegation's columns, preceded by our
:data:`UPDATE_NOTE_HEADER` column (empty when the annex is built).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from briefing_builder.brand import brand_settings
from briefing_builder.markup import Run

ANNEX_ID_HEADER = "ID"
"""Header of the first column of every data sheet: the record's stable store id."""
DELEGATION_COMMENTS_HEADER = "Delegation comments"
"""Header of the free-text column a delegation fills in."""
DELEGATION_POSITION_HEADER = "Delegation position"
"""Header of the column where a delegation states its position."""
COMMENTS_RECEIVED_HEADER = "Comments received"
"""Header of our column with what delegations said in earlier returns (when there were any)."""
UPDATE_NOTE_HEADER = "Update note"
"""Header of our column, just before the delegation columns, where ``annex update`` notes
what it did to a row ("Added …", "Updated …: Status", "Not in the pack since …")."""
MAIN_GOALS_ID_SUFFIX = "/main-goals"
"""An area's *main goals* row on the Measures sheet has the id ``<area-id>/main-goals``
(``/`` cannot occur in a store id, so it never collides with a measure id)."""

ColumnKind = Literal["id", "text", "status", "delegation", "note"]
RichText = tuple[Run, ...]
CellValue = RichText | str | int | float | dt.date | None


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a data sheet.

    ``width`` is in characters (Excel's unit); ``validation`` is the list of allowed values
    offered as a drop-down on the whole column of the table, or ``None``.
    """

    key: str
    header: str
    width: float = 20.0
    wrap: bool = True
    hidden: bool = False
    kind: ColumnKind = "text"
    validation: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SheetSpec:
    """A data sheet, written as one Excel table with a header row.

    ``name`` is the worksheet name (at most 31 characters), ``table_name`` the Excel table
    name (unique in the workbook). Each row has one value per column, in column order.
    """

    name: str
    table_name: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[tuple[CellValue, ...], ...] = ()
    description: str = ""
    #: Height in points of each row (parallel to ``rows``); empty = let the application decide.
    row_heights: tuple[float, ...] = ()

    def column_index(self, key: str) -> int:
        """0-based position of the column with ``key``; ``KeyError`` when absent."""
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)


@dataclass(frozen=True)
class CoverSpec:
    """The first sheet: what the annex is for and what it contains.

    ``meeting_lines`` are ``(label, value)`` pairs (meeting, body, date, venue…);
    ``contents`` are the names of the data sheets, linked from the cover.
    """

    title: str
    meeting_lines: tuple[tuple[str, str], ...]
    marking: str | None
    store_name: str
    store_version: str | None
    generated_on: dt.date
    contents: tuple[str, ...]
    notes: tuple[str, ...] = ()
    sheet_name: str = "Cover"


@dataclass(frozen=True)
class PageMarking:
    """The markings of every printed annex page, and the banner row of classified data sheets.

    ``header`` and ``footer`` map an Excel section (``L``, ``C``, ``R``) to its text.
    """

    header: tuple[tuple[str, str], ...] = ()
    footer: tuple[tuple[str, str], ...] = ()
    banner: str = ""
    colour: str = field(default_factory=lambda: brand_settings().marking_colour)
    reference: str = ""


@dataclass(frozen=True)
class AnnexProperties:
    """Document properties of the workbook (File › Info in Excel)."""

    title: str
    subject: str
    author: str
    keywords: str
    marking: str | None
    language: str = "en"
    comments: str = ""
    reference: str = ""
    #: ``MSIP_Label_<id>_*`` properties when the store maps the marking to a sensitivity label.
    label: tuple[tuple[str, str], ...] = ()
    #: The tag of the export the "Changed since" column compares with ("" when no sheet has one).
    changed_since: str = ""


@dataclass(frozen=True)
class AnnexPlan:
    """Everything needed to write one pack's annex workbook, in sheet order."""

    pack_id: str
    cover: CoverSpec
    sheets: tuple[SheetSpec, ...]
    properties: AnnexProperties
    warnings: tuple[str, ...] = field(default=())
    page: PageMarking = field(default_factory=PageMarking)

    def sheet(self, name: str) -> SheetSpec:
        """The data sheet called ``name``; ``KeyError`` when absent."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)
