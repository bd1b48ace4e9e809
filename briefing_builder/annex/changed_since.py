"""The annex's "Changed since <last meeting>" column and update notes, from the change set.

The same :class:`~briefing_builder.history.changes.ChangeReport` the ``changes`` command and
the ``type: changes`` slide use, turned into :class:`ChangedSince`: per row id of a record
shown now (added or changed; a removed record has no row), its changed fields as one line
each (the slide's wording, deleted words struck through) and an update note ("New", or
"Changed: status, text"). The header names the earlier export's meeting date in the pack's
language; :func:`is_changed_since_header` knows it again in a returned workbook (any date,
any language), so an import never takes that column for a delegation's input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_builder.compose import wording
from briefing_builder.compose.change_list import word
from briefing_builder.markup import Run
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack

if TYPE_CHECKING:  # pragma: no cover — the history (and dulwich) loads only when a store keeps one
    from briefing_builder.history.changes import ChangeReport
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


def changed_since(report: ChangeReport, since: dt.date, language: str) -> ChangedSince:
    """``report`` as the annex's column and notes (see the module doc)."""
    from briefing_builder.history.slides import detail_runs

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
