"""The shared store's paths played on the real app (see :mod:`tests.realdisplay.scenarios`).

The store keeps a history (the once-per-store question answered "Keep a history"), is shared
through a bare repository in a folder (the team's share) and a colleague's clone edits the
same field: the sync from the History menu opens the review dialog, the user takes their value
and the merge goes back to the share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.realdisplay.driver import Driver, ScenarioFailed
from tests.realdisplay.scenarios import _export, _started

MILESTONES = "milestones.yaml"
MILESTONE = "frontex-regulation-revision-2026"
TITLE = "Revision of the Frontex regulation"


def _retitle(store: Path, title: str) -> None:
    """What a person does in an editor: change the milestone's title and save the file."""
    path = store / MILESTONES
    path.write_text(path.read_text(encoding="utf-8").replace(TITLE, title), encoding="utf-8")


def _share_and_edit_there(workdir: Path) -> None:
    """The team's share (a bare repository made by the first sync), Ben's clone, his edit sent."""
    from briefing_builder.cli import main

    share = workdir / "share"
    share.mkdir()
    if main(["sync", "--store", str(workdir / "store"), "--remote", str(share / "jha-store.git"), "--create"]) != 0:
        raise ScenarioFailed("the first sync to the share failed")
    if main(["clone", str(share / "jha-store.git"), str(workdir / "ben")]) != 0:
        raise ScenarioFailed("Ben's clone failed")
    _retitle(workdir / "ben", "Frontex: Ben's wording")
    if main(["sync", "--store", str(workdir / "ben")]) != 0:
        raise ScenarioFailed("Ben's sync failed")


def _ben_receives(workdir: Path) -> str:
    from briefing_builder.cli import main
    from briefing_builder.store import load_store

    if main(["sync", "--store", str(workdir / "ben")]) != 0:
        raise ScenarioFailed("Ben's second sync failed")
    return load_store(workdir / "ben").milestones[MILESTONE].title


def _review_class() -> type:
    from briefing_builder.ui.history_review import SyncReview

    return SyncReview


def sync_conflict_review(d: Driver) -> Iterator[Any]:
    """Export (keeping a history), share, both edit one title, sync from the menu, take theirs."""
    window = yield from _started(d)
    out = d.workdir / "out"
    out.mkdir()
    yield from _export(d, window, out, replace=False, history_answer="Keep a history")
    store = d.workdir / "store"
    if not (store / ".git").is_dir():
        raise ScenarioFailed("answering 'Keep a history' started no history")
    yield lambda: _share_and_edit_there(d.workdir)
    yield lambda: _retitle(store, "Frontex: Anna's wording")
    yield ("wait", "the app to read Anna's edit",
           lambda: window.editor.catalog.milestones[MILESTONE].title == "Frontex: Anna's wording")
    yield window.history_actions.sync_action.trigger
    review = yield ("wait", "the sync conflicts review", lambda: d.dialog(_review_class(), "Sync conflicts"), 120.0)
    rows = [(edit.record_id, edit.column, edit.sent, edit.old, edit.new) for _item, edit in review.items]
    if rows != [(MILESTONE, "title", TITLE, "Frontex: Anna's wording", "Frontex: Ben's wording")]:
        raise ScenarioFailed(f"the review shows {rows}")
    d.note(f"review at {review.frameGeometry().getRect()} with {rows}")
    yield lambda: review.set_accepted(0, True)
    yield lambda: d.click(review.apply_button)
    yield ("wait", "the review to close", lambda: d.closed(review))
    yield ("wait", "their title in the store, the merge done",
           lambda: "Frontex: Ben's wording" in (store / MILESTONES).read_text(encoding="utf-8")
           and not window.history_actions.runner.running
           and window.history_actions.dock.conflicts.topLevelItemCount() == 0, 120.0)
    title = yield ("wait", "Ben to receive the merge", lambda: _ben_receives(d.workdir))
    if title != "Frontex: Ben's wording":
        raise ScenarioFailed(f"Ben's store says {title!r}")
    d.note("merge sent and received; quitting")
    d.finish()
    yield d.key("Ctrl+Q")


def sync_when_closing(d: Driver) -> Iterator[Any]:
    """Keep a history, share the store (Ben retitles a milestone there), switch on "Sync when a
    store is opened and closed", edit a figure, Ctrl+Q: the app merges and sends before it ends."""
    window = yield from _started(d)
    out = d.workdir / "out"
    out.mkdir()
    yield from _export(d, window, out, replace=False, history_answer="Keep a history")
    yield lambda: _share_and_edit_there(d.workdir)
    action = window.history_actions.auto_sync_action
    yield action.trigger  # History › Sync when a store is opened and closed
    if not (action.isChecked() and window.settings.sync_on_open_close):
        raise ScenarioFailed("the setting did not switch on")
    egypt = d.workdir / "store" / "countries" / "egypt.yaml"
    yield lambda: egypt.write_text(egypt.read_text(encoding="utf-8").replace("value: 15", "value: 16", 1),
                                   encoding="utf-8")
    yield ("wait", "the app to read Anna's edit",
           lambda: window.editor.catalog.countries["egypt"].key_figures[0].value == 16)
    d.note("quitting: the sync runs first")
    d.finish()
    yield d.key("Ctrl+Q")
