"""The one API of the store's history, used by the CLI, the export pipeline, the app and the
benchmarks: record an export, list changes since one, open the store as it was.

Failures are :class:`~.repository.HistoryError` with a message for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing_builder.compose.change_list import ChangeList
from briefing_builder.history.changes import ChangeReport, pack_changes
from briefing_builder.history.exports import Export, Point, exports, record, resolve
from briefing_builder.history.pack_subset import subset_catalogs
from briefing_builder.history.repository import HistoryError, StoreHistory, open_history, start_history
from briefing_builder.history.slides import change_list
from briefing_builder.history.snapshot import catalog_at, catalog_then
from briefing_builder.paths import is_sample_store
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused
from briefing_builder.store.schema import ChangesSection, Pack

__all__ = ["AsOf", "ChangeReport", "Export", "HistoryError", "Point", "as_of", "changes_in_folder", "changes_since",
           "export_recorded", "history_for", "kept_file", "open_conflicts_note", "section_changes"]


def history_for(store: Path, start: bool = False) -> StoreHistory | None:
    """The store's history; with ``start`` (the user agreed) one is started if there is none.
    Always ``None`` for the bundled sample store."""
    if is_sample_store(store):
        return None
    history = open_history(store)
    if history is None and start:
        history = start_history(store)
    return history


def kept_file(store: Path, rel: str) -> tuple[bytes, str] | None:
    """The newest content the history holds of the store file ``rel`` (even if deleted since),
    with where it was found (an export's tag or a commit id); ``None`` when it never held it."""
    history = history_for(store)
    if history is None:
        return None
    seen: set[str] = set()
    candidates = [(e.commit, e.tag) for e in reversed(exports(history))]
    candidates += [(c.id.decode(), c.id.decode()[:10]) for c in history.walk()]
    for commit, where in candidates:
        if commit in seen:
            continue
        seen.add(commit)
        blob = history.files_at(history.commit(commit.encode("ascii"))).get(rel)
        if blob is not None:
            return history.read_blob(blob), where
    return None


def export_recorded(catalog: Catalog, pack: Pack, generated_on: dt.date, annex: bool,
                    start: bool = False) -> Export | None:
    """Record an export of ``pack`` built from ``catalog`` (commit, tag, pack file entry);
    ``None`` when the store keeps no history (and ``start`` does not ask for one)."""
    history = history_for(catalog.root, start)
    if history is None:
        return None
    return record(history, pack, catalog.pack_path(pack.id), generated_on, annex)


@dataclass(frozen=True)
class AsOf:
    """The store as it was at a point: its catalog, the pack then, and the point."""

    catalog: Catalog
    pack: Pack
    point: Point

    @property
    def generated_on(self) -> dt.date:
        """The date the original export was made (the annex carries it)."""
        export = self.point.export
        return (export.generated_on if export and export.generated_on else self.point.day)


@contextmanager
def as_of(store: Path, pack_id: str, spec: str) -> Iterator[AsOf]:
    """The store as it was at ``spec`` (an export, a date, a ref) with the pack as it was then.

    A date on which the pack was exported means that day's last export."""
    history = _history(store)
    point = _export_of_day(history, pack_id, spec) or resolve(history, pack_id, spec)
    with catalog_at(history, point.commit) as catalog:
        pack = catalog.packs.get(pack_id)
        if pack is None:
            raise HistoryError(f"Pack {pack_id} did not exist then ({point.label}); name a later export or date.")
        yield AsOf(catalog, pack, point)


def _export_of_day(history: StoreHistory, pack_id: str, spec: str) -> Point | None:
    try:
        day = dt.date.fromisoformat(spec)
    except ValueError:
        return None
    that_day = [e for e in exports(history, pack_id) if e.generated_on == day]
    return resolve(history, pack_id, that_day[-1].tag) if that_day else None


def _history(store: Path) -> StoreHistory:
    history = history_for(store)
    if history is None and is_sample_store(store):
        raise HistoryError("The bundled sample store is read-only and keeps no history; copy it to a folder of "
                           "your own first.")
    if history is None:
        raise HistoryError(f"The store {store} keeps no history yet: it starts with its first export "
                           "(build without --no-history).")
    return history


def changes_since(catalog: Catalog, pack: Pack, since: str | None = None, until: Point | None = None,
                  store: Path | None = None) -> tuple[ChangeReport, Point]:
    """What changed in ``pack``'s records from ``since`` (default: its last export before
    ``until``) to ``catalog`` (the store now, or as it was at ``until``). ``store`` is the
    store folder holding the history (default ``catalog.root``).

    The garbage collector is paused meanwhile: after a large store's load (itself made with it
    paused) its first collections would walk every record again and free nothing."""
    with gc_paused():
        return _changes_since(catalog, pack, since, until, store)


def _changes_since(catalog: Catalog, pack: Pack, since: str | None, until: Point | None,
                   store: Path | None) -> tuple[ChangeReport, Point]:
    history = _history(store or catalog.root)
    before = until.export if until is not None else None
    point = resolve(history, pack.id, since, before)
    if until is None and catalog.root.resolve() == history.store.resolve():
        then = catalog_then(history, point.commit, catalog)  # only the files that differ are read
        return pack_changes(then.packs.get(pack.id), then, pack, catalog, point.label, "the store now"), point
    with catalog_at(history, point.commit) as then:
        report = pack_changes(then.packs.get(pack.id), then, pack, catalog, point.label,
                              until.label if until else "the store now")
    return report, point


def changes_in_folder(store: Path, pack_id: str, since: str | None = None) -> tuple[ChangeReport, Point] | None:
    """What :func:`changes_since` gives for the pack ``pack_id`` of the store folder ``store``, from
    only the files the pack depends on (:mod:`.pack_subset`): ``changes`` on a large store without
    loading all of it. ``None`` when the whole store has to be loaded (then call
    :func:`changes_since`, which also words every refusal)."""
    history = history_for(store)
    if history is None:
        return None
    with gc_paused():
        try:
            point = resolve(history, pack_id, since)
        except HistoryError:
            return None
        with subset_catalogs(history, point.commit, pack_id) as found:
            if found is None or pack_id not in found[0].packs:
                return None
            now, then = found
            return pack_changes(then.packs.get(pack_id), then, now.packs[pack_id], now, point.label,
                                "the store now"), point


def section_changes(catalog: Catalog, pack: Pack, until: Point | None = None,
                    store: Path | None = None) -> dict[int, ChangeList]:
    """The list of each ``type: changes`` section of ``pack`` (marked unavailable where the
    history cannot give one: the slide says so)."""
    out: dict[int, ChangeList] = {}
    for index, section in enumerate(pack.sections):
        if not isinstance(section, ChangesSection):
            continue
        try:
            report, point = changes_since(catalog, pack, section.since, until, store)
        except HistoryError:
            out[index] = ChangeList(None, unavailable=True)
            continue
        out[index] = change_list(report, point.day, pack.meeting.language)
    return out


def open_conflicts_note(store: Path) -> str | None:
    """The build note for a store whose last sync left conflicts open (``None`` when none are):
    the deck shows this store's values, which the team's may not be."""
    from briefing_builder.history.sync import pending_conflicts

    history = history_for(store)
    open_ones = pending_conflicts(history) if history is not None else []
    if not open_ones:
        return None
    records = ", ".join(sorted({c.record or c.path for c in open_ones}))
    return (f"{len(open_ones)} sync conflict(s) are open ({records}): this deck shows your values for them, which "
            "may not be the team's. Resolve them (sync --take, or History › Review and resolve…) and export again.")
