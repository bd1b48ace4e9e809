"""The annex's "Changed since <last meeting>" column and update notes, from the change set.

The same :class:`~briefing_builder.history.changes.ChangeReport` the ``changes`` command and
the ``type: changes`` slide use, turned into :class:`ChangedSince`: per row id of a record
shown now (added or changed; a removed record has no row), its changed fields as one line
each (removed and added words in marks, the store's own strikethrough as it is) and an update note ("New", or
"Changed: status, text"). The header names the earlier export's meeting date in the pack's
language; :func:`is_changed_since_header` knows it again in a returned workbook (any date,
any language), so an import never takes that column for a delegation's input. A sheet with a row
that changed gets the column before its update note (:func:`with_changed_column`), and those rows' notes.

The workbook keeps the tag of the export its column compares with (the custom property
:data:`SINCE_PROPERTY`). An ``annex update`` (:func:`update_changes`) compares with that same
export again, up to the store now — the column goes on saying what changed since the last meeting,
as its header does, including what changed after the annex was sent — in exactly the tables that
have the column; the table update writes it as any of our columns (a cell a delegation wrote in
is kept). Where it cannot (no history, the export gone) the column stays as it was sent, and the
update's report says why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_builder.annex.package import Package
from briefing_builder.annex.plan import ColumnSpec, SheetSpec
from briefing_builder.annex.sheet_columns import with_column_before_note
from briefing_builder.annex.workbook import custom_property, workbook_tables
from briefing_builder.compose import wording
from briefing_builder.compose.change_list import word
from briefing_builder.markup import Run, parse_markup
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack

if TYPE_CHECKING:  # pragma: no cover — the history (and dulwich) loads only when a store keeps one
    from briefing_builder.history.changes import ChangeReport, FieldChange
    from briefing_builder.history.exports import Point

#: The "Changed since <date>" column's header, per language (English otherwise).
CHANGED_SINCE_HEADERS = {"en": "Changed since {date}", "fr": "Modifié depuis le {date}",
                         "de": "Geändert seit dem {date}"}
_CHANGED_SINCE = re.compile("|".join(re.escape(h).replace(re.escape("{date}"), ".+")
                                     for h in CHANGED_SINCE_HEADERS.values()), re.IGNORECASE)
#: The workbook's custom document property naming the export its "Changed since" column compares with.
SINCE_PROPERTY = "ChangedSince"


def changed_since_header(date_text: str, language: str) -> str:
    """The "Changed since 12 January 2026" header in ``language``."""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    return CHANGED_SINCE_HEADERS.get(lang, CHANGED_SINCE_HEADERS["en"]).format(date=date_text)


def is_changed_since_header(header: str) -> bool:
    """Whether ``header`` is one of ours (any date, any language): a return's copy of that
    column is what we sent, never a delegation's input."""
    return _CHANGED_SINCE.fullmatch(header.strip()) is not None


@dataclass(frozen=True)
class ChangedSince:
    """What changed in the pack's records since its last export, per annex row id."""

    header: str  # "Changed since 12 January 2026"
    notes: Mapping[str, str] = field(default_factory=dict)  # row id → update note ("Changed: status")
    details: Mapping[str, tuple[Run, ...]] = field(default_factory=dict)  # row id → the changed fields
    since: str | None = None  # the tag of the export compared with (kept in the workbook)
    #: An update's tables that have the column (it is planned in exactly these, changed rows or not);
    #: ``None`` for an export: the tables with a changed row.
    tables: frozenset[str] | None = None

    def in_table(self, table_name: str, row_ids: Iterable[str]) -> bool:
        """Whether the table ``table_name`` with rows ``row_ids`` gets the column."""
        if self.tables is not None:
            return table_name in self.tables
        return any(rid in self.details for rid in row_ids)


def with_changed_column(sheet: SheetSpec, changed: ChangedSince | None) -> SheetSpec:
    """``sheet`` (with its update note) with a "Changed since …" column before the update note and
    the notes filled, when :meth:`ChangedSince.in_table` says it gets the column."""
    if changed is None or not changed.in_table(sheet.table_name, (str(row[0]) for row in sheet.rows)):
        return sheet
    return with_column_before_note(sheet, ColumnSpec("changed_since", changed.header, 20), changed.details,
                                   changed.notes)


#: The words that mark what a change added and removed in the column, per language.
_MARKS = {"en": ("added", "removed"), "fr": ("ajouté", "supprimé"), "de": ("hinzugefügt", "entfernt")}


def _marks(language: str) -> tuple[str, str]:
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    return _MARKS.get(lang, _MARKS["en"])


def detail_runs(change: FieldChange, language: str) -> tuple[Run, ...]:
    """One changed field as a line of the column: its name, then the text with what was removed
    and added in ``[removed: …]`` / ``[added: …]`` marks — never struck through, so a strikethrough
    the store itself holds shows as it is in the store."""
    added, removed = _marks(language)
    name = change.label if change.field == "figure" else word(change.field, language)
    out: list[Run] = [Run(f"{name}: ", italic=True)]
    if change.words:
        for piece in change.words:
            if piece.op == "equal":
                out.extend(piece.runs)
                continue
            runs = [r for r in piece.runs if r.text.strip()]
            if runs:
                runs[0] = replace(runs[0], text=runs[0].text.lstrip())
                runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
            lead = "" if not out or out[-1].text[-1:].isspace() else " "
            trail = " " if piece.runs and piece.runs[-1].text[-1:].isspace() else ""
            out += [Run(f"{lead}[{added if piece.op == 'insert' else removed}: "), *runs, Run(f"]{trail}")]
        return tuple(out)
    old, new = (parse_markup(t) if t is not None and change.field in ("text", "sub-point", "title") else
                ((Run(t),) if t is not None else None) for t in (change.old, change.new))
    if old is None:
        return (*out, Run(f"[{added}: "), *(new or ()), Run("]"))
    if new is None:
        return (*out, Run(f"[{removed}: "), *old, Run("]"))
    return (*out, *old, Run(" → "), *new)


def changed_since(report: ChangeReport, since: dt.date, language: str, tag: str | None = None) -> ChangedSince:
    """``report`` as the annex's column and notes (see the module doc), compared with the export ``tag``."""
    header = changed_since_header(wording.long_date(since, language), language)
    notes: dict[str, str] = {}
    details: dict[str, tuple[Run, ...]] = {}
    for record in report.records:
        if record.kind == "removed":
            continue
        if record.kind == "added":
            notes[record.id] = word("added", language)
            details[record.id] = (Run(word("added", language)),)
            continue
        names = dict.fromkeys(word(f.field, language) for f in record.fields)
        notes[record.id] = f"{word('changed', language)}: {', '.join(names)}"
        runs: list[Run] = []
        for index, change in enumerate(record.fields):
            if index:
                runs.append(Run("\n"))
            runs.extend(detail_runs(change, language))
        details[record.id] = tuple(runs)
    return ChangedSince(header, notes, details, tag)


def annex_changes(catalog: Catalog, pack: Pack, until: Point | None = None,
                  store: Path | None = None) -> ChangedSince | None:
    """The annex's changes of ``pack`` since its last export (before ``until``, for a rebuild as
    it was; ``store``: the folder whose history to read, default the catalog's); ``None`` when the store keeps
    no history or has no earlier export."""
    from briefing_builder.history.service import HistoryError

    try:
        return _changes(catalog, pack, None, until, store)
    except HistoryError:
        return None


def _changes(catalog: Catalog, pack: Pack, since: str | None, until: Point | None = None,
             store: Path | None = None) -> ChangedSince:
    from briefing_builder.history.service import changes_since

    report, point = changes_since(catalog, pack, since, until, store)
    return changed_since(report, point.day, pack.meeting.language, point.export.tag if point.export else since)


def update_changes(package: Package, catalog: Catalog, pack: Pack) -> tuple[ChangedSince | None, str | None]:
    """The "Changed since" column an update of ``package`` writes (see the module doc), and a note
    for the update's report when the workbook has the column but it stays as it was sent."""
    from briefing_builder.history.service import HistoryError

    sent = {table.name: header for table in workbook_tables(package)
            for header in (table.header_cells or dict(enumerate(table.headers))).values()
            if is_changed_since_header(header)}
    if not sent:
        return None, None
    header = next(iter(sent.values()))
    tag = custom_property(package, SINCE_PROPERTY)
    if tag is None:
        return None, (f"The '{header}' column was left as it was sent: the workbook does not say which export "
                      "it compares with (it lost its custom properties, or was made by an earlier version).")
    try:
        changed = _changes(catalog, pack, tag)
    except HistoryError as exc:
        return None, f"The '{header}' column was left as it was sent: {exc}"
    kept = frozenset(name for name, text in sent.items() if text.strip().lower() == changed.header.lower())
    if not kept:
        return None, (f"The '{header}' column was left as it was sent: the export it compares with ({tag}) "
                      f"now reads '{changed.header}'.")
    return replace(changed, tables=kept), None
