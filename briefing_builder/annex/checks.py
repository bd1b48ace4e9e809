"""What the annex update refuses, checked before anything is written.

``job`` is the update of one table (:class:`~.table_update.TableUpdate`): it has the
``table``, the ``sheet`` root, the ``grid``, all ``tables`` and ``refuse(what)``, which makes
the :class:`~.update_report.UpdateRefused` error naming the file, sheet and table.

Refused, with what and why: a table linked to an XML map or query (a refresh would undo the
update); no header row (columns cannot be recognised); a total row (new rows would have to
push it down); no ``ID`` column (rows cannot be matched); merged cells crossing the table
(rows cannot be matched or added through them); an array formula spilling into the table
or the rows new records need; another table, or any value, in those rows.
"""

from __future__ import annotations

from typing import Any

from briefing_builder.annex.cells import has_content
from briefing_builder.annex.plan import ANNEX_ID_HEADER
from briefing_builder.annex.workbook import M, TableInfo, col_letters, parse_range


def check_table(job: Any, table: TableInfo) -> None:
    """Refuse tables whose shape the update cannot keep."""
    if table.root.get("tableType") in ("xml", "queryTable"):
        raise job.refuse("it is linked to an XML map or an external query, which would overwrite the update.")
    if table.header_rows != 1:
        raise job.refuse("its header row is switched off, so its columns cannot be recognised. Switch the header "
                         "row back on (Table Design › Header Row) and update again.")
    if table.totals_rows:
        raise job.refuse("it has a total row, which new rows would have to push down. Switch it off (Table Design "
                         "› Total Row), update, then switch it back on.")
    if table.column(ANNEX_ID_HEADER) is None:
        raise job.refuse(f"its '{ANNEX_ID_HEADER}' column is missing, so rows cannot be matched to records. "
                         "Restore the column (it holds each record's id).")


def check_space(job: Any, new_bottom: int, fresh_rows: set[int]) -> None:
    """Refuse merged cells or array formulas over the table, and anything in the rows new records need."""
    table = job.table
    top, bottom = table.top, new_bottom
    root = job.sheet.root

    def overlaps(ref: str) -> bool:
        try:
            t, left, b, right = parse_range(ref)
        except ValueError:
            return False
        return t <= bottom and b >= top and left <= table.right and right >= table.left

    merged = root.find(M + "mergeCells")
    for node in merged if merged is not None else ():
        if overlaps(node.get("ref", "")):
            raise job.refuse(f"the merged cells {node.get('ref')} cross the table; rows cannot be matched or "
                             "added through merged cells. Unmerge them and update again.")
    for f in root.iter(M + "f"):
        if f.get("t") in ("array", "dataTable") and f.get("ref") and overlaps(f.get("ref", "")):
            where = f.getparent().get("r") if f.getparent() is not None else "?"
            raise job.refuse(f"the array formula in {where} spills over {f.get('ref')}, into the table or the rows "
                             "new records need; updating would break it. Move the formula away from the table.")
    for other in job.tables:
        if other is not table and other.sheet.part == table.sheet.part and other.top <= bottom \
                and other.bottom > table.bottom and other.left <= table.right and other.right >= table.left:
            raise job.refuse(f"the table '{other.name}' sits below it, in the rows new records need. "
                             f"Move it down by {bottom - table.bottom} row(s) or more and update again.")
    for r in sorted(fresh_rows):
        cells = job.grid.cells(r)
        for col, c in cells.items():
            if table.left <= col <= table.right and has_content(c):
                raise job.refuse(f"cell {col_letters(col)}{r} below the table holds something, and new records "
                                 f"need rows {min(fresh_rows)}–{max(fresh_rows)}. Move it down (or insert "
                                 f"{len(fresh_rows)} table rows yourself) and update again.")
