"""What the app's history panel shows, worked out without Qt (on a worker thread).

One :class:`Overview` per refresh: the changes of the open pack since its last export (or
why there are none to show), the records and sections to mark, and the history entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_builder.history.changes import ChangeReport, changed_sections
from briefing_builder.history.exports import Point
from briefing_builder.history.log import Entry, history_entries
from briefing_builder.history.record_merge import Conflict
from briefing_builder.history.repository import HistoryError
from briefing_builder.history.service import changes_since, history_for
from briefing_builder.history.sync import pending_conflicts
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack


@dataclass(frozen=True)
class Overview:
    """The open pack's changes since its last export, and the store's history."""

    has_history: bool
    message: str  # what the panel says above the list
    report: ChangeReport | None = None
    entries: tuple[Entry, ...] = ()
    #: (record kind, id) of every added or changed record, to mark in the library.
    marked: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    #: Indexes of the pack's sections showing a changed record, to mark in the outline.
    sections: frozenset[int] = field(default_factory=frozenset)
    #: Sync conflicts waiting for a choice.
    conflicts: tuple[Conflict, ...] = ()


def since(point: Point) -> str:
    """"Since …" for people: an export by its name and the day it was made (in local time), any
    other point by its label and day."""
    if point.export is not None:
        made = point.export.when.astimezone()
        return f"Since {point.export.summary} (made on {made.day} {made:%B %Y}, {made:%H:%M})"
    return f"Since {point.label} ({point.day.day} {point.day:%B %Y})"


def overview(catalog: Catalog, pack: Pack, limit: int = 200) -> Overview:
    """The overview of ``pack`` in ``catalog`` (never raises for a missing or empty history)."""
    try:
        history = history_for(catalog.root)
    except HistoryError as exc:
        return Overview(False, str(exc))
    if history is None:
        return Overview(False, "This store keeps no history yet. It starts with the first export "
                               "(you are asked once), or with History › Save point.")
    entries = tuple(history_entries(history, limit))
    conflicts = tuple(pending_conflicts(history))
    try:
        report, point = changes_since(catalog, pack)
    except HistoryError as exc:
        return Overview(True, str(exc), entries=entries, conflicts=conflicts)
    counts = report.counts()
    message = (f"{since(point)}: {counts['changed']} changed, {counts['added']} added, "
               f"{counts['removed']} removed.")
    marked = frozenset((r.record, r.id) for r in report.records if r.kind != "removed")
    return Overview(True, message, report, entries, marked, frozenset(changed_sections(pack, catalog, report)),
                    conflicts)
