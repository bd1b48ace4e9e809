"""The app's history: asked once, exports recorded, changes since the last export shown and marked;
what the app says about syncing (the History dock's words, an export by its name and day, a new
shared store made only once confirmed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing_builder.cli import main
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs

TIMEOUT_MS = 120_000


@pytest.fixture(autouse=True)
def no_git_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "git").exists()]
    monkeypatch.setenv("PATH", os.pathsep.join(kept))
    assert shutil.which("git") is None


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []

    def ask(parent, store):  # noqa: ANN001, ANN202
        seen.append(store)
        return True

    monkeypatch.setattr(dialogs, "ask_keep_history", ask)
    monkeypatch.setattr(dialogs, "export_done", lambda *args: dialogs.ExportChoice.CLOSE)
    return seen


def _export(window, qtbot, out: Path) -> object:  # noqa: ANN001
    with qtbot.waitSignal(window.exporter.finished, timeout=TIMEOUT_MS), \
            qtbot.waitSignal(window.exporter.succeeded, timeout=TIMEOUT_MS) as blocker:
        assert window.start_export(out)
    return blocker.args[0]


def _refresh(window, qtbot) -> None:  # noqa: ANN001
    actions = window.history_actions
    qtbot.waitUntil(lambda: not actions.runner.running, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        actions.show_changes()


def test_the_app_asks_once_then_records_every_export(open_window, qtbot, store_copy: Path, tmp_path: Path,  # noqa: ANN001
                                                     asked: list[Path]) -> None:
    window = open_window(store_copy)
    first = _export(window, qtbot, tmp_path / "one")
    second = _export(window, qtbot, tmp_path / "two")
    assert asked == [store_copy]
    assert first.export is not None and second.export is not None and first.export.tag != second.export.tag
    qtbot.waitUntil(lambda: not window.history_actions.runner.running, timeout=TIMEOUT_MS)


def test_a_no_is_remembered_and_nothing_is_recorded(open_window, qtbot, store_copy: Path, tmp_path: Path,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = []
    monkeypatch.setattr(dialogs, "ask_keep_history", lambda parent, store: answers.append(False) or False)
    monkeypatch.setattr(dialogs, "export_done", lambda *args: dialogs.ExportChoice.CLOSE)
    window = open_window(store_copy)
    assert _export(window, qtbot, tmp_path / "one").export is None
    assert _export(window, qtbot, tmp_path / "two").export is None
    assert answers == [False] and not (store_copy / ".git").exists()


def test_the_sample_store_is_never_asked_about(window, qtbot, tmp_path: Path, asked: list[Path]) -> None:  # noqa: ANN001
    assert _export(window, qtbot, tmp_path / "out").export is None
    assert asked == []


def test_changes_since_the_last_export_are_listed_and_marked(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                             tmp_path: Path, asked: list[Path]) -> None:
    window = open_window(store_copy)
    _export(window, qtbot, tmp_path / "one")
    area = store_copy / "areas" / "04-return-readmission.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("system for return**", "system for returns**"),
                    encoding="utf-8")
    window.set_catalog(load_store(store_copy))
    _refresh(window, qtbot)
    dock = window.history_actions.dock
    assert "1 changed, 0 added, 0 removed" in dock.summary.text()
    item = dock.changes.topLevelItem(0)
    assert item.text(0) == "Changed" and "returns" in item.text(1)
    dock.changes.setCurrentItem(item)
    assert "line-through" in dock.diff.toHtml() and "returns" in dock.diff.toPlainText()
    model = window.library.models["areas"]
    area_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2)
                    == "return-readmission")
    measure = model.index(0, 0, model.index(area_row, 0))
    assert measure.data(Qt.ItemDataRole.FontRole).bold()
    outline = window.outline.model
    marked = [r for r in range(outline.rowCount()) if outline.index(r).data(Qt.ItemDataRole.FontRole) is not None]
    assert [outline.index(r).data() for r in marked] == [outline.index(marked[0]).data()] and len(marked) == 1
    assert dock.entries.topLevelItemCount() == 2  # the export and the start of the history


def _sync_and_review(window, qtbot, monkeypatch: pytest.MonkeyPatch, review) -> None:  # noqa: ANN001
    """Sync from the app; ``review`` plays the user in the conflicts' review dialog."""
    monkeypatch.setattr(dialogs, "run_form", review)
    actions = window.history_actions
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        assert actions.sync()
    qtbot.waitUntil(lambda: not actions.runner.running and actions.dock.conflicts.topLevelItemCount() == 0,
                    timeout=TIMEOUT_MS)


def test_sync_from_the_app_shows_conflicts_and_resolves_them(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.cli import main

    remote = tmp_path / "shared.git"
    assert main(["sync", "--store", str(store_copy), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    ben = tmp_path / "ben" / "milestones.yaml"
    ben.write_text(ben.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", "Frontex: Ben's"),
                   encoding="utf-8")
    assert main(["sync", "--store", str(tmp_path / "ben")]) == 0
    mine = store_copy / "milestones.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", "Frontex: Anna's"),
                    encoding="utf-8")
    reviews: list[tuple[list[tuple[str, ...]], str]] = []

    def review(parent, form):  # noqa: ANN001, ANN202 — the user reads both values and takes theirs
        rows = [tuple(item.text(c) for c in range(1, 8)) for item, _edit in form.items]
        form.edits.setCurrentItem(form.items[0][0])
        reviews.append((rows, form.detail.toPlainText()))
        form.set_accepted(0, True)
        return True
    _sync_and_review(open_window(store_copy), qtbot, monkeypatch, review)
    assert reviews
    [(rows, detail)] = reviews
    assert rows == [("conflict", "frontex-regulation-revision-2026", "title", "Revision of the Frontex regulation",
                     "Frontex: Anna's", "Frontex: Ben's", rows[0][6])]
    assert rows[0][6].startswith("milestones.yaml:") and "theirs: Frontex: Ben's" in detail
    assert load_store(store_copy).milestones["frontex-regulation-revision-2026"].title == "Frontex: Ben's"
    assert main(["sync", "--store", str(tmp_path / "ben")]) == 0  # the merge was sent: Ben gets it
    assert load_store(tmp_path / "ben").milestones["frontex-regulation-revision-2026"].title == "Frontex: Ben's"


def test_conflicts_resolved_field_by_field_in_the_review(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.cli import main

    remote = tmp_path / "shared.git"
    assert main(["sync", "--store", str(store_copy), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    for store, who in ((tmp_path / "ben", "Ben"), (store_copy, "Anna")):
        path = store / "milestones.yaml"
        text = path.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", f"Frontex: {who}")
        path.write_text(text.replace('body: "Frontex"', f'body: "Frontex ({who})"', 1), encoding="utf-8")
        if who == "Ben":
            assert main(["sync", "--store", str(store)]) == 0
    choices: list[int] = []

    def review(parent, form):  # noqa: ANN001, ANN202 — theirs for the title, mine for the body
        for index, (_item, edit) in enumerate(form.items):
            form.set_accepted(index, edit.column == "title")
            choices.append(index)
        assert "theirs: 1, mine: 1" in form.apply_button.text().replace("&", "")
        return True
    _sync_and_review(open_window(store_copy), qtbot, monkeypatch, review)
    assert len(choices) == 2
    milestone = load_store(store_copy).milestones["frontex-regulation-revision-2026"]
    assert (milestone.title, milestone.body) == ("Frontex: Ben", "Frontex (Anna)")


def test_sync_offline_says_so_and_work_goes_on(open_window, qtbot, store_copy: Path, tmp_path: Path,  # noqa: ANN001
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: str(tmp_path / "no-share" / "x" / "store.git"))
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window = open_window(store_copy)
    with qtbot.waitSignal(window.history_actions.runner.finished, timeout=TIMEOUT_MS):
        assert window.history_actions.sync()
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert "cannot be reached" in errors[0] and "work on" in errors[0]
    assert window.isEnabled() and window.export_action.isEnabled()
    assert not (store_copy / ".git").exists()  # no history started for a share that did not answer


def test_saving_a_pack_read_before_an_export_keeps_the_exports_entry(store_copy: Path, tmp_path: Path) -> None:
    from briefing_builder.cli import main
    from briefing_builder.pack.document import read_pack, save_pack

    path = store_copy / "packs" / "jha-counsellors-2026-01-12.yaml"
    opened = read_pack(path)  # the app has the pack open
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store_copy), "--out", str(tmp_path / "o"),
                 "--no-annex"]) == 0
    tag = read_pack(path).exports[0].tag
    save_pack(opened.model_copy(update={"meeting": opened.meeting.model_copy(update={"venue": "Brussels"})}), path)
    saved = read_pack(path)
    assert [e.tag for e in saved.exports] == [tag] and saved.meeting.venue == "Brussels"


def test_a_changes_section_is_added_and_edited_in_the_app(open_window, store_copy: Path) -> None:  # noqa: ANN001
    window = open_window(store_copy)
    editor = window.editor
    assert editor.add_blank("changes")
    index = next(i for i, s in enumerate(editor.pack.sections) if s.type == "changes")
    form = window.inspector.section
    form.show_section(index)
    assert "Changes section" in form.heading.text()
    since = form.widgets["since"]
    since.setText("2026-01-12")
    since.editingFinished.emit()
    assert editor.pack.sections[index].since == "2026-01-12"


def _shared(store_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """``store_copy`` shared through a bare folder, and a colleague's clone of it."""
    from briefing_builder.cli import main

    remote = tmp_path / "shared.git"
    assert main(["sync", "--store", str(store_copy), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    return remote, tmp_path / "ben"


def test_sync_on_open_and_close_is_off_by_default(open_window, qtbot, store_copy: Path, tmp_path: Path,  # noqa: ANN001
                                                  settings) -> None:  # noqa: ANN001
    from briefing_builder.cli import main

    _, ben = _shared(store_copy, tmp_path)
    edit_file = ben / "countries" / "egypt.yaml"
    edit_file.write_text(edit_file.read_text(encoding="utf-8").replace("value: 15", "value: 16"), encoding="utf-8")
    assert main(["sync", "--store", str(ben)]) == 0
    window = open_window(store_copy)
    qtbot.wait(300)
    assert not window.history_actions.runner.running and not window.history_actions.auto_sync_action.isChecked()
    assert "value: 15" in (store_copy / "countries" / "egypt.yaml").read_text(encoding="utf-8")


def test_with_the_setting_a_store_syncs_when_opened_and_when_closed(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                                    tmp_path: Path, settings) -> None:  # noqa: ANN001
    from briefing_builder.cli import main

    _, ben = _shared(store_copy, tmp_path)
    theirs = ben / "countries" / "egypt.yaml"
    theirs.write_text(theirs.read_text(encoding="utf-8").replace("value: 15", "value: 16"), encoding="utf-8")
    assert main(["sync", "--store", str(ben)]) == 0
    settings.sync_on_open_close = True
    window = open_window(store_copy)
    actions = window.history_actions
    assert actions.auto_sync_action.isChecked()
    qtbot.waitUntil(lambda: "value: 16" in (store_copy / "countries" / "egypt.yaml").read_text(encoding="utf-8"),
                    timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not actions.runner.running, timeout=TIMEOUT_MS)
    mine = store_copy / "milestones.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", "Frontex: Anna"),
                    encoding="utf-8")
    window.editor.undo_stack.setClean()
    window.close()
    assert window.isVisible()  # waits for the sync
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    assert main(["sync", "--store", str(ben)]) == 0
    assert load_store(ben).milestones["frontex-regulation-revision-2026"].title == "Frontex: Anna"


def test_sync_on_open_offline_says_so_in_the_status_bar_and_work_goes_on(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                                        tmp_path: Path, settings,  # noqa: ANN001
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    remote, _ = _shared(store_copy, tmp_path)
    remote.rename(tmp_path / "unmounted")  # the share is not there today
    infos: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: infos.append(message))
    settings.sync_on_open_close = True
    window = open_window(store_copy)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "Not synced on opening" in bar.currentMessage(), timeout=TIMEOUT_MS)
    assert "cannot be reached" in bar.currentMessage() and "work on" in bar.currentMessage()
    assert window.isEnabled() and window.export_action.isEnabled()
    qtbot.waitUntil(lambda: not window.history_actions.runner.running, timeout=TIMEOUT_MS)
    window.editor.undo_stack.setClean()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    assert infos and "cannot be reached" in infos[0]  # told once more when closing, then closed


def test_conflicts_left_open_are_shown_when_the_store_is_opened(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                               tmp_path: Path, settings) -> None:  # noqa: ANN001
    from briefing_builder.cli import main

    _, ben = _shared(store_copy, tmp_path)
    for store, who in ((ben, "Ben"), (store_copy, "Anna")):
        path = store / "milestones.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", who),
                        encoding="utf-8")
    assert main(["sync", "--store", str(ben)]) == 0 and main(["sync", "--store", str(store_copy)]) == 1
    settings.sync_on_open_close = True
    window = open_window(store_copy)
    qtbot.waitUntil(lambda: window.history_actions.dock.conflicts.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    assert "wait for your choice" in window.statusBar().currentMessage()
    assert window.history_actions.dock.review_button.isEnabled() and not window.history_actions.runner.running


def test_closing_with_unsaved_edits_asks_once_then_syncs_and_closes(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                                   tmp_path: Path, settings,  # noqa: ANN001
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.cli import main

    _, ben = _shared(store_copy, tmp_path)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda parent, name: asked.append(name) or dialogs.SaveChoice.DISCARD)
    settings.sync_on_open_close = True
    window = open_window(store_copy)
    qtbot.waitUntil(lambda: not window.history_actions.runner.running, timeout=TIMEOUT_MS)
    egypt = store_copy / "countries" / "egypt.yaml"
    egypt.write_text(egypt.read_text(encoding="utf-8").replace("value: 15", "value: 16"), encoding="utf-8")
    window.outline.select(4)
    window.outline.down_action.trigger()  # an unsaved edit of the open pack
    assert window.isWindowModified()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    assert len(asked) == 1
    assert main(["sync", "--store", str(ben)]) == 0
    assert "value: 16" in (ben / "countries" / "egypt.yaml").read_text(encoding="utf-8")


def _conflict(store: Path, tmp_path: Path) -> None:
    """``store`` shared with a colleague who changed the same milestone title; its sync left a conflict."""
    remote = tmp_path / "shared.git"
    assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    for folder, who in ((tmp_path / "ben", "Ben"), (store, "Anna")):
        path = folder / "milestones.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Revision of the Frontex regulation",
                                                                 f"Frontex: {who}"), encoding="utf-8")
    assert main(["sync", "--store", str(tmp_path / "ben")]) == 0
    assert main(["sync", "--store", str(store)]) == 1


def test_sync_with_an_open_conflict_points_to_the_history_dock(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                               tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _conflict(store_copy, tmp_path)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window = open_window(store_copy)
    actions = window.history_actions
    qtbot.waitUntil(lambda: not actions.runner.running, timeout=TIMEOUT_MS)
    assert not actions.sync()
    qtbot.wait(200)
    said = window.statusBar().currentMessage() + " ".join(errors)
    assert "Review and resolve…" in said and "--take" not in said and "sync --take" not in said, said
    assert actions.dock.tabs.currentIndex() == 2 and actions.dock.conflicts.topLevelItemCount() == 1


def test_the_dock_names_the_export_and_the_day_it_was_made(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                           tmp_path: Path) -> None:
    import datetime as dt

    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store_copy), "--out", str(tmp_path / "o"),
                 "--no-annex"]) == 0
    area = store_copy / "areas" / "04-return-readmission.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("system for return**", "system for returns**"),
                    encoding="utf-8")
    window = open_window(store_copy)
    window.set_catalog(load_store(store_copy))
    actions = window.history_actions
    qtbot.waitUntil(lambda: not actions.runner.running, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        actions.show_changes()
    text = actions.dock.summary.text()
    today = dt.datetime.now().astimezone()
    assert text.startswith("Since Export jha-counsellors-2026-01-12 — deck (made on "
                           f"{today.day} {today:%B %Y}"), text
    assert "export/" not in text and "12 January 2026" not in text


def test_a_new_shared_store_is_made_only_once_confirmed(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote = tmp_path / "share" / "jha-store.git"
    remote.parent.mkdir()
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: str(remote))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": asked.append(message)
                        or answers.pop(0))
    window = open_window(store_copy)
    actions = window.history_actions
    qtbot.waitUntil(lambda: not actions.runner.running, timeout=TIMEOUT_MS)
    assert not actions.sync()  # declined: nothing made
    assert not remote.exists() and str(remote) in asked[0]
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        assert actions.sync()
    qtbot.waitUntil(lambda: "Made a new shared store" in window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    assert (remote / "HEAD").is_file()


def test_sync_to_a_share_read_only_for_me_says_so_and_keeps_my_edits(open_window, qtbot, store_copy: Path,  # noqa: ANN001
                                                                      tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from briefing_builder.history import sync as sync_module

    remote = tmp_path / "shared.git"
    assert main(["sync", "--store", str(store_copy), "--remote", str(remote), "--create"]) == 0

    def push(*args: object, **kwargs: object) -> None:  # the share's files refuse my write (tests run as root)
        raise PermissionError(errno.EACCES, "Permission denied", str(remote / "objects" / "pack"))

    monkeypatch.setattr(sync_module.porcelain, "push", push)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    mine = store_copy / "milestones.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace("Revision of the Frontex regulation", "Frontex: Anna's"),
                    encoding="utf-8")
    window = open_window(store_copy)
    with qtbot.waitSignal(window.history_actions.runner.finished, timeout=TIMEOUT_MS):
        assert window.history_actions.sync()
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert "the shared store is read-only for you; your changes are kept here" in errors[0], errors
    assert "cannot be reached" not in errors[0]
    assert "Frontex: Anna's" in mine.read_text(encoding="utf-8")
    assert window.isEnabled() and window.export_action.isEnabled()
