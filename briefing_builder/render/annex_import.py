"""Read a returned annex back: what delegations said, and what they changed in our columns.

``briefing-builder annex import ANNEX.xlsx`` opens the workbook safely
(:mod:`.annex_package`), re-plans the annex of the pack it was made for (the ``Pack``
document property, or ``--pack``) and compares each row, matched by ``ID``, with the plan:

* **delegation input** — the "Delegation comments" and "Delegation position" cells, any
  column a delegation added and the cell comments (notes) on the row, per record id. These are reported, never written to the store
  (a future ``feedback/<pack-id>/<delegation>.yaml`` beside the pack would keep them);
* **edits to store fields** — a cell of ours that differs from what the store gives now.
  Rich text is turned back into markup with :func:`~briefing_builder.markup.to_markup` and
  shown as ``- old`` / ``+ new`` with the record's ``file:line``. Only cells that map to
  one store field can be applied (measure text, status, lead, timeline; a card's name,
  ISO code, region, relationship, last-reviewed date; a milestone's title, body, status;
  a theme's title and summary); derived cells (area, sub-points, sources…) and text with
  cross-references or links (the annex shows them as names) are reported as "not applied";
* **rows that cannot be matched** — no id, or an id not in the pack.

A cell is "edited" when it differs from the store *now*: if the store changed after the
annex was sent out, review the change set before ``--apply``. Formula-looking text is
read as text and written to YAML as a quoted string; a real formula is never applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_builder.compose.annex_plan import (
    ANNEX_ID_HEADER, DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER, MAIN_GOALS_ID_SUFFIX, AnnexPlan,
)
from briefing_builder.compose.annex_planner import STATUS_VALUES, plan_annex
from briefing_builder.markup import Run, parse_markup, to_markup
from briefing_builder.render.annex_package import NS_MAIN, AnnexFileError, Package, open_package
from briefing_builder.render.annex_workbook import (
    Cell, Grid, Reader, col_letters, find_table, plain, planned, split_ref, workbook_tables,
)
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.writer import FieldEdit, FieldValue, apply_edits, record_line

# (table name, plan column key) → (store field, kind)
EDITABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("Measures", "measure"): ("text", "markup"), ("Measures", "status"): ("status", "status"),
    ("Measures", "lead"): ("lead", "lines"), ("Measures", "timeline"): ("timeline", "text"),
    ("CountryCards", "country"): ("name", "text"), ("CountryCards", "iso"): ("iso_code", "text"),
    ("CountryCards", "region"): ("region", "text"), ("CountryCards", "relationship"): ("relationship", "text"),
    ("CountryCards", "last_reviewed"): ("last_reviewed", "date"),
    ("Milestones", "milestone"): ("title", "text"), ("Milestones", "body"): ("body", "text"),
    ("Milestones", "status"): ("status", "status"),
    ("MSInput", "theme"): ("title", "text"), ("MSInput", "summary"): ("summary", "markup"),
}
_REQUIRED = {"text", "name", "iso_code", "region", "relationship", "title", "summary"}


@dataclass
class FieldChange:
    """One cell of ours that differs from the store."""

    record_id: str
    where: str  # Sheet!C12
    column: str
    old: str
    new: str
    path: Path | None = None
    line: int | None = None
    field: str | None = None
    value: FieldValue = None
    reason: str = ""  # why it cannot be applied ("" = it can)

    @property
    def applicable(self) -> bool:
        """True when ``--apply`` writes this change."""
        return not self.reason and self.path is not None and self.field is not None


@dataclass
class DelegationInput:
    """What a delegation wrote on one record's row (their columns only)."""

    record_id: str
    where: str
    values: dict[str, str]


@dataclass
class ChangeSet:
    """Everything an import found in one returned annex."""

    annex: Path
    pack_id: str
    edits: list[FieldChange] = field(default_factory=list)
    inputs: list[DelegationInput] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def lines(self, base: Path | None = None) -> list[str]:
        """A readable report: a diff per edited field, then delegation input, then unmatched rows."""
        base = base or Path.cwd()
        out = [f"Annex {self.annex} (pack {self.pack_id})",
               f"Edits to store fields: {len(self.edits)} ({sum(e.applicable for e in self.edits)} can be applied)"]
        for edit in self.edits:
            where = _short(edit.path, base) + (f":{edit.line}" if edit.line else "") if edit.path else "?"
            out.append(f"  {where}  {edit.record_id} · {edit.column} ({edit.where})")
            out.extend(f"    - {line}" for line in (edit.old.splitlines() or [""]))
            out.extend(f"    + {line}" for line in (edit.new.splitlines() or [""]))
            if edit.reason:
                out.append(f"    not applied: {edit.reason}")
        out.append(f"Delegation comments and positions: {len(self.inputs)} row(s)")
        for item in self.inputs:
            values = " · ".join(f"{k}: {v}" for k, v in item.values.items())
            out.append(f"  {item.record_id} ({item.where}): {values}")
        out.append(f"Rows not matched: {len(self.unmatched)}")
        out.extend(f"  {line}" for line in self.unmatched)
        return out


def _short(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def annex_pack_id(package: Package) -> str | None:
    """The ``Pack`` custom document property our writer sets, if the workbook still has it."""
    if "docProps/custom.xml" not in package.parts:
        return None
    for prop in package.xml("docProps/custom.xml"):
        if prop.get("name") == "Pack" and len(prop):
            return (prop[0].text or "").strip() or None
    return None


def read_changes(path: Path, catalog: Catalog, pack_id: str | None = None) -> ChangeSet:
    """Compare the returned annex at ``path`` with the store (see module doc)."""
    package = open_package(path)
    pack_id = pack_id or annex_pack_id(package)
    if not pack_id:
        raise AnnexFileError(f"{path}: the workbook does not say which pack it was made for (its 'Pack' "
                             "property is gone); give the pack with --pack.")
    if pack_id not in catalog.packs:
        raise AnnexFileError(f"{path} was made for the pack '{pack_id}', which the store {catalog.root} does not "
                             "have; give --store or --pack.")
    plan = plan_annex(catalog.packs[pack_id], catalog, dt.date.today())
    changes = ChangeSet(Path(path), pack_id)
    _compare(package, plan, catalog, changes)
    return changes


def _cell_notes(package: Package, sheet_part: str) -> dict[tuple[int, int], str]:
    """``{(row, column): text}`` of the sheet's cell comments (notes)."""
    out: dict[tuple[int, int], str] = {}
    for rel_type, target in package.rels(sheet_part).values():
        if not rel_type.endswith("/comments") or target not in package.parts:
            continue
        for comment in package.xml(target).iter(f"{{{NS_MAIN}}}comment"):
            try:
                where = split_ref(comment.get("ref", ""))
            except ValueError:
                continue
            text = "".join(comment.itertext()).strip()
            out[where] = " ".join(text.split())
    return out


def _records(catalog: Catalog) -> dict[str, tuple[Any, str]]:
    """Each record id → (record, id of the record whose file holds it)."""
    out: dict[str, tuple[Any, str]] = {}
    for area in catalog.areas.values():
        for measure in area.measures:
            out[measure.id] = (measure, measure.id)
    for kind in (catalog.countries, catalog.milestones):
        out.update({rid: (record, rid) for rid, record in kind.items()})
    for consultation in catalog.consultations.values():
        for theme in consultation.themes:
            out[theme.id] = (theme, consultation.id)
    return out


def _compare(package: Package, plan: AnnexPlan, catalog: Catalog, changes: ChangeSet) -> None:
    reader = Reader(package)
    tables = workbook_tables(package)
    records = _records(catalog)
    for spec in plan.sheets:
        table = find_table(tables, spec.table_name, [c.header for c in spec.columns if c.kind in ("id", "text")])
        id_col = table.column(ANNEX_ID_HEADER) if table is not None else None
        if table is None or id_col is None:
            changes.unmatched.append(f"sheet '{spec.name}': its table '{spec.table_name}' (with an "
                                     f"'{ANNEX_ID_HEADER}' column) is missing; nothing read from it")
            continue
        grid = Grid(package.xml(table.sheet.part))
        notes = _cell_notes(package, table.sheet.part)
        ours = {c.header.lower() for c in spec.columns}
        theirs = [(h, table.left + i) for i, h in enumerate(table.headers)
                  if h.lower() not in ours or h in (DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER)]
        columns = [(i, c, table.column(c.header)) for i, c in enumerate(spec.columns) if c.kind in ("text", "status")]
        planned_rows = {str(row[0]): row for row in spec.rows}
        sheet = table.sheet.name
        for r in range(table.first_data_row, table.last_data_row + 1):
            cells = grid.cells(r)

            def read(col: int | None) -> Cell:
                c = cells.get(col) if col is not None else None
                return reader.cell(c) if c is not None else Cell("empty")
            record_id = plain(read(id_col).comparable()).strip()
            said = {h: plain(read(col).comparable()).strip() for h, col in theirs}
            said = {h: v for h, v in said.items() if v}
            for col in range(table.left, table.right + 1):
                note = notes.get((r, col))
                if note:
                    said[f"note on {col_letters(col)}{r}"] = note
            row = planned_rows.get(record_id)
            if said and record_id:
                changes.inputs.append(DelegationInput(record_id, f"{sheet}!{r}", said))
            if row is None:
                if record_id or said or any(read(col).kind != "empty" for _, _, col in columns):
                    what = (f"id '{record_id}' is not in the pack" + (" any more" if record_id in records else
                                                                       " nor in the store")
                            if record_id else "it has no id" + (f" ({'; '.join(said.values())[:80]})" if said else ""))
                    changes.unmatched.append(f"{sheet} row {r}: {what}")
                continue
            for index, column, col in columns:
                if col is None:
                    continue
                cell = read(col)
                if cell.comparable() == planned(row[index]):
                    continue
                changes.edits.append(_change(spec.table_name, column.key, column.header, record_id, row[index],
                                             cell, f"{sheet}!{col_letters(col)}{r}", records, catalog))


def _change(table: str, key: str, header: str, record_id: str, value: Any, cell: Cell, where: str,
            records: dict[str, tuple[Any, str]], catalog: Catalog) -> FieldChange:
    shown = plain(planned(value))
    new_text = plain(cell.comparable())
    change = FieldChange(record_id, where, header, shown, new_text)
    mapped = EDITABLE.get((table, key))
    found = records.get(record_id)
    if found is not None:
        origin = catalog.origins.get(found[1])
        if origin is not None:
            change.path = origin.path
            change.line = origin.line if found[1] == record_id else record_line(origin.path, record_id)
    if cell.kind == "formula":
        change.reason = "the cell holds a formula; type the text instead"
    elif record_id.endswith(MAIN_GOALS_ID_SUFFIX):
        change.reason = "an area's main goals: edit main_goals in the area's file by hand"
    elif mapped is None or found is None:
        change.reason = f"'{header}' is made from several store fields; edit them in the store by hand"
    if mapped is None or found is None:
        return change
    field_name, kind = mapped
    change.field = field_name
    old = getattr(found[0], field_name, None)
    if kind == "markup":
        runs = tuple(Run(text, bold=b, italic=i, strike=s) for (b, i, s, _u), text in (cell.comparable() or ()))
        change.old, change.new = str(old or ""), to_markup(runs)
        change.value = change.new
        if any(run.ref is not None or run.link for run in parse_markup(str(old or ""))):
            change.reason = change.reason or ("the store text has cross-references or links, which the annex "
                                              "shows as plain names; edit it by hand")
    elif kind == "lines":
        change.old = "\n".join(old or [])
        change.value = [line.strip() for line in new_text.splitlines() if line.strip()]
    elif kind == "status":
        change.old = old.value if old is not None else ""
        change.value = new_text.strip() or None
        if change.value is not None and change.value not in STATUS_VALUES:
            change.reason = change.reason or f"not a status (one of {', '.join(STATUS_VALUES)})"
    elif kind == "date":
        change.old = old.isoformat() if old else ""
        got = cell.comparable()
        try:
            change.value = got if isinstance(got, dt.date) else (dt.date.fromisoformat(new_text.strip())
                                                                 if new_text.strip() else None)
        except ValueError:
            change.reason = change.reason or "not a date (write it as 2026-01-12)"
    else:
        change.old = str(old or "")
        change.value = new_text.strip() or None
    if change.value in (None, "", []) and field_name in _REQUIRED:
        change.reason = change.reason or "this field cannot be empty"
    return change


def apply_changes(changes: ChangeSet) -> list[Path]:
    """Write the applicable edits to the store files; return the files that changed.

    Files without an applicable edit are not opened for writing. Raises
    :class:`~briefing_builder.store.writer.StoreWriteError` for a file it cannot edit.
    """
    by_file: dict[Path, list[FieldEdit]] = {}
    for edit in changes.edits:
        if edit.applicable:
            assert edit.path is not None and edit.field is not None
            by_file.setdefault(edit.path, []).append(FieldEdit(edit.record_id, edit.field, edit.value))
    return [path for path, edits in by_file.items() if apply_edits(path, edits)]
