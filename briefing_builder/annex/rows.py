"""Row heights for the annex, measured like the deck's text.

Excel grows rows with wrapped text when it lays a sheet out, but LibreOffice keeps the
stored (default) height of an .xlsx's rows, so wrapped cells overlap. The planner therefore
stores a height for every row, from the same font metrics the deck uses (Carlito for
Excel's default Calibri 11): the tallest cell's wrapped line count times Excel's 15 pt line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from briefing_builder.annex.plan import CellValue, ColumnSpec, SheetSpec
from briefing_builder.compose.measure import count_lines, text_width
from briefing_builder.markup import Run

FONT = "Calibri"
FONT_PT = 11.0
LINE_PT = 15.0
MAX_ROW_PT = 409.0  # Excel's largest row height
PADDING_PX = 5


def column_width_pt(column: ColumnSpec) -> float:
    """Usable text width of a column in points (Excel: width in characters × 7 px + 5 px)."""
    pixels = column.width * 7 + 5 - 2 * PADDING_PX
    return max(pixels, 1) * 0.75


def _split_lines(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """The runs of each line of a cell (``"\\n"`` inside a run's text starts a new line)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, bold=run.bold, italic=run.italic))
    return [tuple(line) for line in lines]


def _lines(value: CellValue, column: ColumnSpec) -> int:
    """Wrapped line count of a cell, each run measured in its own weight."""
    if value is None or isinstance(value, (int, float, dt.date)) or not column.wrap:
        return 1  # a number or a date is one line
    if isinstance(value, str) and column.kind == "id":
        value = value.replace("-", "- ")  # ids wrap after their hyphens, never inside a word
    runs = (Run(value),) if isinstance(value, str) else tuple(value)
    width = column_width_pt(column)
    total = 0
    for line in _split_lines(runs):
        text = "".join(run.text for run in line)
        if not text or text_width(text, FONT, FONT_PT, any(run.bold for run in line)) <= width:
            total += 1  # the common case: the line fits, no need to wrap it word by word
        else:
            total += count_lines(line, FONT, FONT_PT, width)
    return total


def row_height_pt(row: tuple[CellValue, ...], columns: tuple[ColumnSpec, ...]) -> float:
    """Height in points that shows every wrapped cell of ``row`` in full."""
    lines = max((_lines(value, column) for value, column in zip(row, columns) if not column.hidden), default=1)
    return min(MAX_ROW_PT, lines * LINE_PT)


def with_row_heights(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with a measured height for each of its rows."""
    return replace(sheet, row_heights=tuple(row_height_pt(row, sheet.columns) for row in sheet.rows))
