"""What the app says about syncing and the changes since an export: the app's own words (the
History dock), an export by its name and day, and a new shared store made only once confirmed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs

TIMEOUT_MS = 120_000


@pytest.fixture(autouse=True)
def no_git_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "git").exists()]
    monkeypatch.setenv("PATH", os.pathsep.join(kept))
    assert shutil.which("git") is None


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
