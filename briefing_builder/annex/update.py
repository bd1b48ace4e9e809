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

import datetime as dt
from pathlib import Path

from briefing_builder.annex.baseline import PROPERTY, Baseline, baseline_sheet_xml, find_baseline
from briefing_builder.annex.cells import StyleBook
from briefing_builder.annex.package import AnnexFileError, Package, open_package, write_package
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.table_update import Sheet, TableUpdate, table_bottom
from briefing_builder.annex.update_report import SheetSummary, UpdateRefused, UpdateReport
from briefing_builder.annex.update_workbook import grow_defined_names, refresh_cover
from briefing_builder.annex.workbook import (
    Grid,
    Reader,
    TableInfo,
    check_pack,
    custom_property,
    find_table,
    not_an_annex,
    workbook_sheets,
    workbook_tables,
)
from briefing_builder.ooxml.builder import reserialised_part
from briefing_builder.render.output import atomic_write
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused

__all__ = ["SheetSummary", "UpdateRefused", "UpdateReport", "update_annex", "update_package"]

_OURS = ("id", "text", "status")


def update_annex(path: Path, plan: AnnexPlan, out: Path | None = None, on: dt.date | None = None,
                 catalog: Catalog | None = None, force_pack: bool = False,
                 package: Package | None = None) -> UpdateReport:
    """Update the annex at ``path`` from ``plan``; write ``out`` (default: ``path``) atomically.

    ``catalog`` (the store the plan came from) lets the update find the baseline's sidecar
    copy when the workbook lost its own. Raises :class:`AnnexFileError` (including
    :class:`UpdateRefused`) before writing anything, and ``OutputError`` when the target
    cannot be written. An annex made for another pack is refused unless ``force_pack``. ``package``:
    the file at ``path`` when the caller has already opened it (it is then not read again).
    """
    package = package if package is not None else open_package(path)
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
    sheets: dict[str, Sheet] = {}
    changed_tables: dict[str, TableInfo] = {}
    summaries: list[SheetSummary] = []
    grown: list[tuple[TableInfo, int, int]] = []  # (table, old last data row, new last data row)
    for spec in plan.sheets:
        headers = [c.header for c in spec.columns if c.kind in _OURS]
        table = find_table(tables, spec.table_name, headers)
        if table is None and spec.name not in {sheet.name for sheet in workbook_sheets(package)}:
            if spec.rows:  # left out when it was empty: the rows it would now have cannot be added
                summaries.append(SheetSummary(spec.name, spec.table_name, notes=[
                    (f"the sheet '{spec.name}' is not in this workbook (it had no rows when the annex was made); "
                     f"its {len(spec.rows)} row(s) are not added — export the annex again to have them")]))
            continue
        if table is None:
            raise UpdateRefused(f"{package.path}: the table '{spec.table_name}' (sheet '{spec.name}') is missing — "
                                "it was deleted, renamed or converted to a range. The update adds and matches "
                                "rows inside that table, so it cannot go on; restore the table (Insert › Table, "
                                f"name '{spec.table_name}') or update a copy that still has it.")
        sheet = sheets.get(table.sheet.part)
        if sheet is None:
            root = package.xml(table.sheet.part)
            sheet = sheets[table.sheet.part] = Sheet(root, Grid(root))
        table_sent = sent.tables.get(spec.table_name, {}) if sent is not None else None
        table_kept = kept.tables.setdefault(spec.table_name, dict(table_sent or {}))
        job = TableUpdate(package, reader, book, spec, table, sheet, tables, on, table_sent, table_kept,
                          plan.properties.language)
        old_last = table.last_data_row
        summary, grew = job.run()
        if grew:
            changed_tables[table.part] = table
            grown.append((table, old_last, table_bottom(table.root)))
        summaries.append(summary)
    replaced: dict[str, bytes] = {}
    for part, sheet in sheets.items():
        if sheet.changed:
            replaced[part] = reserialised_part(sheet.root)
    for part, table in changed_tables.items():
        replaced[part] = reserialised_part(table.root)
    workbook_root = package.xml(package.workbook_part)
    if grown and grow_defined_names(workbook_root, grown):
        replaced[package.workbook_part] = reserialised_part(workbook_root)
    cover = refresh_cover(package, reader, book, plan, summaries)
    if cover is not None:
        replaced[cover[0]] = cover[1]
    if book.changed and reader.styles_part and reader.styles.root is not None:
        replaced[reader.styles_part] = reserialised_part(reader.styles.root)
    notes = [] if sent is not None and sent.source == "workbook" else [found.message]
    if sent is not None and found.part is not None and (kept.tables != sent.tables or found.stale):
        replaced[found.part] = baseline_sheet_xml(package.xml(found.part), kept, plan.properties.language)
    elif sent is not None and found.part is None:
        notes.append("The updated workbook has no baseline of its own; a later import compares it with the "
                     "copy kept next to the pack.")
    untouched = [name for name in package.names if name not in replaced]
    report = UpdateReport(summaries, sorted(replaced), untouched, package.macros, notes)
    return write_package(package, replaced), report
