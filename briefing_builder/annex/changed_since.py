"""The annex's "Changed since <last meeting>" column and update notes, from the change set.

The same :class:`~briefing_builder.history.changes.ChangeReport` the ``changes`` command and
the ``type: changes`` slide use, turned into :class:`ChangedSince`: per row id of a record
shown now (added or changed; a removed record has no row), its changed fields as one line
each (removed and added words in marks, the store's own strikethrough as it is) and an update note ("New", or
"Changed: status, text"). The header names the earlier export's meeting date in the pack's
language; :func:`is_changed_since_header` knows it again in a returned workbook (any date,
any language), so an import never takes that column for a delegation's input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

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


def changed_since(report: ChangeReport, since: dt.date, language: str) -> ChangedSince:
    """``report`` as the annex's column and notes (see the module doc)."""
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
    return ChangedSince(header, notes, details)


def annex_changes(catalog: Catalog, pack: Pack, until: Point | None = None,
                  store: Path | None = None) -> ChangedSince | None:
    """The annex's changes of ``pack`` since its last export (before ``until``, for a rebuild as
    it was; ``store``: the folder whose history to read, default the catalog's); ``None`` when the store keeps
    no history or has no earlier export."""
    from briefing_builder.history.service import HistoryError, changes_since

    try:
        report, point = changes_since(catalog, pack, None, until, store)
    except HistoryError:
        return None
    return changed_since(report, point.day, pack.meeting.language)
