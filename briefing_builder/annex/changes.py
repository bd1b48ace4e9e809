"""Read a returned annex back: what delegations said, and what they changed in our columns.

``briefing-builder annex import ANNEX.xlsx`` opens the workbook safely
(:mod:`.package`), re-plans the annex of the pack it was made for (the ``Pack`` document
property, or ``--pack``) and compares each of our cells three ways — what was **sent**
(the workbook's :mod:`.baseline`, else its sidecar copy), what came **back**, and what the
**store** says now (:func:`~.merge.classify`):

* a **proposal** — the delegation changed the cell, the store did not: offered for apply;
* a **conflict** — both changed it, differently: shown with the three values, applied only
  when chosen (``--accept``);
* a store change alone is not proposed; formatting a re-save dropped is not an edit;
* without any baseline, a difference is **unverified** (applied only when chosen).

Rich text is turned back into markup with :func:`~briefing_builder.markup.to_markup`.
Only cells that map to one store field can be applied (measure text, status, lead,
timeline; a card's name, ISO code, region, relationship, last-reviewed date; a
milestone's title, body, status; a theme's title and summary); derived cells and text with
cross-references or links are reported as "not applied". Rows whose ID cannot be trusted
(duplicated, sorted apart from their content — :func:`~.merge.row_identities`) and rows
not in the pack are listed as unmatched and used for nothing. Delegation input (their
columns and cell notes) is collected per record id.

The change set's types live in :mod:`.change_set`, the safe apply in :mod:`.change_apply`;
both are imported here too, so that ``annex.changes`` stays the one entry point of the
read-back for the app and the deck import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lxml import etree

from briefing_builder.annex.baseline import PROPERTY, Baseline, find_baseline
from briefing_builder.annex.change_apply import ApplyReport, apply_changes, apply_selected
from briefing_builder.annex.change_set import ChangeSet, Choice, DelegationInput, FieldChange
from briefing_builder.annex.changed_since import is_changed_since_header
from briefing_builder.annex.feedback import received
from briefing_builder.annex.headers import canonical_header, status_labels, status_value
from briefing_builder.annex.markup_edit import edited_markup
from briefing_builder.annex.merge import Verdict, classify, row_identities
from briefing_builder.annex.package import NS_MAIN, AnnexFileError, Package, open_package
from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    MAIN_GOALS_ID_SUFFIX,
    AnnexPlan,
)
from briefing_builder.annex.planner import TABLE_NAMES, plan_annex
from briefing_builder.annex.sheet_columns import STATUS_VALUES
from briefing_builder.annex.workbook import (
    EMPTY_CELL,
    Cell,
    Grid,
    Reader,
    annex_pack_id,
    check_pack,
    col_letters,
    custom_property,
    find_table,
    not_an_annex,
    plain,
    planned,
    split_ref,
    workbook_tables,
)
from briefing_builder.errors import Do, Hint, Location
from briefing_builder.markup import Run, parse_markup, to_markup
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused
from briefing_builder.store.localised import (
    BASE_LANGUAGE,
    LANGUAGES,
    LocalText,
    is_localised,
    language_code,
    text_in,
)
from briefing_builder.store.writer import file_hash, record_line

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

__all__ = ["EDITABLE", "ApplyReport", "ChangeSet", "Choice", "DelegationInput", "FieldChange", "apply_changes",
           "apply_selected", "read_changes"]


def read_changes(path: Path, catalog: Catalog, pack_id: str | None = None, plan: AnnexPlan | None = None,
                 package: Package | None = None, force_pack: bool = False) -> ChangeSet:
    """Compare the returned annex at ``path`` with the store (see module doc).

    ``plan`` (the pack's annex planned from ``catalog``) and ``package`` (the workbook,
    already opened) save the work when many returns of one pack are read. A ``pack_id`` other
    than the one the annex was made for is refused unless ``force_pack``.
    """
    with gc_paused():  # hundreds of thousands of small objects stay alive: collections would find nothing
        return _read_changes(path, catalog, pack_id, plan, package, force_pack)


def _read_changes(path: Path, catalog: Catalog, pack_id: str | None, plan: AnnexPlan | None,
                  package: Package | None, force_pack: bool) -> ChangeSet:
    package = package or open_package(path)
    why = not_an_annex(package, list(TABLE_NAMES))
    if why:
        raise AnnexFileError(why)
    if pack_id:
        check_pack(package, pack_id, force_pack)
    pack_id = pack_id or annex_pack_id(package)
    if not pack_id:
        raise AnnexFileError("the workbook does not say which pack it was made for (its 'Pack' property is gone);",
                             Location(Path(path)), Hint("say which pack it was made for.", Do.CHOOSE_PACK))
    if pack_id not in catalog.packs:
        raise AnnexFileError(f"this workbook was made for the pack '{pack_id}', which the store {catalog.root} "
                             "does not have;",
                             Location(Path(path)),
                             Hint("use the store that has it.", Do.CHOOSE_STORE, (("pack", pack_id),)))
    if plan is None or plan.pack_id != pack_id:
        plan = plan_annex(catalog.packs[pack_id], catalog, dt.date.today(), row_heights=False,
                          received=received(catalog.root, pack_id, catalog.packs[pack_id].meeting.language))
    changes = ChangeSet(Path(path), pack_id)
    reader = Reader(package)
    found = find_baseline(package, reader, catalog, pack_id, custom_property(package, PROPERTY))
    changes.baseline = found.message
    _compare(package, reader, plan, catalog, changes, found.baseline)
    for path_ in {e.path for e in changes.edits if e.path is not None}:
        changes.file_hashes[path_] = file_hash(path_)
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


def _compare(package: Package, reader: Reader, plan: AnnexPlan, catalog: Catalog, changes: ChangeSet,
             baseline: Baseline | None) -> None:
    tables = workbook_tables(package)
    records = _records(catalog)
    for spec in plan.sheets:
        table = find_table(tables, spec.table_name, [c.header for c in spec.columns if c.kind in ("id", "text")])
        id_col = table.column(ANNEX_ID_HEADER) if table is not None else None
        if table is None or id_col is None:
            changes.unmatched.append(f"sheet '{spec.name}': its table '{spec.table_name}' (with an "
                                     f"'{ANNEX_ID_HEADER}' column) is missing; nothing read from it")
            continue
        grid = Grid(package.read_xml(table.sheet.part))
        notes = _cell_notes(package, table.sheet.part)
        ours = {canonical_header(c.header).lower() for c in spec.columns}
        theirs = [(canonical_header(h), col) for h, col in table.sheet_headers()
                  if (canonical_header(h).lower() not in ours and not is_changed_since_header(h))
                  or canonical_header(h) in (DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER)]
        columns = [(i, c, table.column(c.header)) for i, c in enumerate(spec.columns) if c.kind in ("text", "status")]
        planned_rows = {str(row[0]): row for row in spec.rows}
        sheet = table.sheet.name
        sent_table = baseline.tables.get(spec.table_name, {}) if baseline is not None else None
        read_rows: list[tuple[int, str, dict[str, Cell], dict[str, str]]] = []
        for r in range(table.first_data_row, table.last_data_row + 1):
            cells = grid.cells(r)

            def read(col: int | None, cells: dict[int, etree._Element] = cells) -> Cell:
                c = cells.get(col) if col is not None else None
                return reader.cell(c) if c is not None else EMPTY_CELL
            record_id = plain(read(id_col).comparable()).strip()
            said = {}
            for h, col in theirs:
                if col in cells:
                    text = _said(reader.cell(cells[col]))
                    if text:
                        said[h] = text
            if notes:
                for col in range(table.left, table.right + 1):
                    note = notes.get((r, col))
                    if note:
                        said[f"note on {col_letters(col)}{r}"] = note
            row = planned_rows.get(record_id)
            if row is None:
                if said and record_id:
                    changes.inputs.append(DelegationInput(record_id, f"{sheet}!{r}", said))
                if record_id or said or any(read(col).kind != "empty" for _, _, col in columns):
                    what = (f"id '{record_id}' is not in the pack" + (" any more" if record_id in records else
                                                                       " nor in the store")
                            if record_id else "it has no id" + (f" ({'; '.join(said.values())[:80]})" if said else ""))
                    changes.unmatched.append(f"{sheet} row {r}: {what}")
                continue
            read_rows.append((r, record_id, {column.key: read(col) for _, column, col in columns
                                             if col is not None}, said))
        reference = sent_table if sent_table is not None else {
            str(row[0]): {c.key: planned(row[i]) for i, c, _ in columns} for row in spec.rows}
        untrusted = row_identities([(r, rid, {k: c.comparable() for k, c in cells_.items()})
                                    for r, rid, cells_, _ in read_rows], reference)
        for r, record_id, cells_, said in read_rows:
            if r in untrusted:
                changes.unmatched.append(f"{sheet} row {r}: {untrusted[r]}")
                continue
            if said:
                changes.inputs.append(DelegationInput(record_id, f"{sheet}!{r}", said))
            row = planned_rows[record_id]
            sent_row = sent_table.get(record_id) if sent_table is not None else None
            for index, column, column_at in columns:
                if column_at is None:
                    continue
                cell = cells_[column.key]
                sent = sent_row.get(column.key) if sent_row is not None else None
                verdict = classify(sent, cell.comparable(), planned(row[index]), sent_row is not None,
                                   status=EDITABLE.get((spec.table_name, column.key), ("", ""))[1] == "status")
                if verdict is Verdict.STORE:
                    changes.store_changes += 1
                if verdict in (Verdict.SAME, Verdict.STORE):
                    continue
                change = _change(spec.table_name, column.key, column.header, record_id, row[index],
                                 cell, f"{sheet}!{col_letters(column_at)}{r}", records, catalog,
                                 plan.properties.language)
                change.kind = verdict
                in_shown_language(change, plan.properties.language, catalog.meta.language)
                markup = EDITABLE.get((spec.table_name, column.key), ("", ""))[1] == "markup"
                if markup and change.field and cell.kind == "text":  # the store's bold kept where words were
                    change.new = change.value = edited_markup(change.old, cell.comparable())
                    if change.new == change.old:
                        continue  # only the cell's format differs (a row's format copied): nothing to propose
                change.sent = _markup(sent) if markup else plain(sent)
                changes.edits.append(change)


def in_shown_language(change: FieldChange, language: str, store_language: str = BASE_LANGUAGE,
                      document: str = "annex") -> None:
    """An edit of a text shown in ``language`` (the annex's or deck's) is written in the language the
    cell showed: the store's text in ``language`` when it has one (then the old value is that text);
    else the text shown instead — another language's, a fallback — is the one reworded, so the edit
    replaces it in *that* language (``change.language``) and ``change.language_note`` says so: the
    words were typed over, say, the English, and the French translation is still to be written. A
    plain text of the store's own language is simply replaced. ``document`` names what showed it."""
    if change.model is None or not change.field or not is_localised(type(change.model), change.field):
        return
    stored = getattr(change.model, change.field, None)
    code, own = language_code(language), language_code(store_language)
    if isinstance(stored, LocalText):
        text, found = text_in(stored, language)
        if found:
            change.old, change.language = text, code
            return
        shown = BASE_LANGUAGE if BASE_LANGUAGE in stored.translations else next(iter(stored.translations), own)
        change.language = shown
        change.language_note = fallback_note(code, shown, document)
    elif code != own:
        change.language_note = fallback_note(code, own, document)


def fallback_note(language: str, shown: str, document: str = "annex") -> str:
    """Why an edit made in a ``language`` document is stored in the ``shown`` language instead."""
    name, other = LANGUAGES.get(language, language), LANGUAGES.get(shown, shown)
    return (f"stored as {other}: the {name} {document} showed the {other} text; add a {name} translation in "
            f"the {name} tab")


def _said(cell: Cell) -> str:
    """What a delegation wrote in a cell, as text; a formula as its text too (kept, not lost)."""
    text = plain(cell.comparable()).strip()
    if cell.kind == "formula":
        return f"={cell.formula}" + (f" (shows: {text})" if text else "")
    return text


def _change(table: str, key: str, header: str, record_id: str, value: Any, cell: Cell, where: str,
            records: dict[str, tuple[Any, str]], catalog: Catalog, language: str = "en") -> FieldChange:
    change = _field_change(table, key, header, record_id, value, cell, where, records, catalog, language)
    if cell.kind == "formula":  # shown as typed, never as an empty cell (which reads like a deletion)
        change.new = _said(cell)
    return change


def _field_change(table: str, key: str, header: str, record_id: str, value: Any, cell: Cell, where: str,
                  records: dict[str, tuple[Any, str]], catalog: Catalog, language: str = "en") -> FieldChange:
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
        area = catalog.origins.get(record_id.removesuffix(MAIN_GOALS_ID_SUFFIX))
        if area is not None:  # said where, though not applied
            change.path, change.line = area.path, area.line
    elif mapped is None or found is None:
        change.reason = f"'{header}' is made from several store fields; edit them in the store by hand"
    if mapped is None or found is None:
        return change
    field_name, kind = mapped
    change.field = field_name
    change.model = found[0]
    old = getattr(found[0], field_name, None)
    if kind == "markup":
        change.old, change.new = str(old or ""), _markup(cell.comparable())
        change.value = change.new
        if any(run.ref is not None or run.link for run in parse_markup(str(old or ""))):
            change.reason = change.reason or ("the store text has cross-references or links, which the annex "
                                              "shows as plain names; edit it by hand")
    elif kind == "lines":
        change.old = "\n".join(old or [])
        change.value = [line.strip() for line in new_text.splitlines() if line.strip()]
    elif kind == "status":
        change.old = old.value if old is not None else ""
        change.value = status_value(new_text) or None  # typed in the annex's language
        if change.value is not None and change.value not in STATUS_VALUES:
            listed = status_labels(STATUS_VALUES, language)  # the drop-down's words, and the store's
            words = ", ".join(dict.fromkeys((*listed, *STATUS_VALUES)))
            change.reason = change.reason or f"not a status (one of {words})"
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


def _markup(value: Any) -> str:
    """A cell's rich text (comparable fragments) as store markup."""
    if not isinstance(value, tuple):
        return plain(value)
    return to_markup(tuple(Run(text, bold=b, italic=i, strike=s) for (b, i, s, _u), text in value))
