"""Crash safety: unsaved edits autosaved, offered back after a simulated crash, removed on save and close."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from briefing_builder.ui.autosave import orphaned, read_recovery, recovery_dir, write_recovery

if TYPE_CHECKING:
    from briefing_builder.ui.settings import AppSettings


if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow
    from tests.ui.conftest import OpenWindow


def _recovery_files(settings) -> list[Path]:  # noqa: ANN001
    folder = recovery_dir(settings)
    return sorted(folder.glob("session-*.json")) if folder.is_dir() else []


def test_recovery_after_a_simulated_crash(open_window: OpenWindow, settings: AppSettings, qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first = open_window(None)
    assert recovery_dir(settings).parent == tmp_path  # beside the (test) settings file
    first.outline.select(6)
    first.outline.up_action.trigger()  # "Return and readmission" above "Asylum and migration system"
    first.inspector.meeting.marking.setCurrentText("LIMITE")
    first.inspector.meeting.marking.lineEdit().editingFinished.emit()
    edited = first.editor.pack
    qtbot.waitUntil(lambda: bool(_recovery_files(settings)), timeout=10_000)  # the debounced autosave
    [file] = _recovery_files(settings)
    assert read_recovery(file).pack == edited
    assert orphaned(file.parent) == []  # this session is alive and holds the lock
    kept = tmp_path / "kept.json"
    shutil.copy(file, kept)

    first.editor.undo_stack.setClean()
    first.close()  # a clean close removes the file…
    assert _recovery_files(settings) == []
    shutil.copy(kept, file)  # …a crash would have left it behind (and its owner is gone)

    asked: list[str] = []

    def restore(parent, description: str) -> bool:  # noqa: ANN001
        asked.append(description)
        return True

    monkeypatch.setattr(dialogs, "ask_restore", restore)
    second = open_window(None)
    assert asked and "did not close normally" in asked[0] and "jha-counsellors-2026-01-12" in asked[0]
    assert second.editor.pack == edited
    assert second.isWindowModified()  # still unsaved: closing will ask
    assert _recovery_files(settings) == []  # offered once only
    second.undo_action.trigger()  # the restore is one undoable step
    assert second.editor.pack != edited


def test_declined_recovery_is_discarded(open_window: OpenWindow, settings: AppSettings, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.pack.document import new_pack

    folder = recovery_dir(settings)
    write_recovery(folder / "session-999999-1.json", new_pack(), tmp_path / "gone.yaml")
    (folder / "session-999999-2.json").write_text("not json", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, description: False)
    window = open_window(None)
    assert window.editor.pack.id == "jha-counsellors-2026-01-12" and not window.isWindowModified()
    assert list(folder.glob("session-*.json")) == []  # the declined and the unreadable file are gone


def test_saving_removes_the_recovery_file(window: MainWindow, settings: AppSettings, qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window.outline.select(3)
    window.outline.remove_action.trigger()
    assert window.autosave.save_now() and _recovery_files(settings)
    monkeypatch.setattr(dialogs, "save_pack_path", lambda parent, suggested: tmp_path / "saved.yaml")
    assert window.documents.save()
    assert _recovery_files(settings) == []
    assert not window.autosave.save_now()  # nothing unsaved: nothing written


def test_a_recovery_file_is_synced_to_the_disk_before_it_replaces_the_last(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A power cut right after an autosave must not leave an empty recovery file in place of the last one."""
    import os
    import stat

    from briefing_builder.ooxml import atomic_files
    from briefing_builder.pack.document import new_pack

    synced: list[bool] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append(stat.S_ISREG(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(atomic_files.os, "fsync", recording)
    file = tmp_path / "recovery" / "session-1-1.json"
    pack = new_pack()
    write_recovery(file, pack, None)
    assert True in synced, "the recovery file itself was not fsynced"
    recovered = read_recovery(file)
    assert recovered is not None and recovered.pack == pack
    assert not list(file.parent.glob("*.tmp"))


def test_the_first_edit_after_a_start_is_autosaved(window: MainWindow, settings: AppSettings, qtbot: QtBot) -> None:
    """One edit only (the venue typed, then Tab): the recovery file appears after the debounce, not
    only after a second edit (the undo stack is still clean while the first command's redo runs)."""
    window.inspector.meeting.venue.setText("Bruxelles, Justus Lipsius")
    window.inspector.meeting.venue.editingFinished.emit()
    assert window.editor.undo_stack.count() == 1 and window.isWindowModified()
    qtbot.waitUntil(lambda: bool(_recovery_files(settings)), timeout=10_000)
    [file] = _recovery_files(settings)
    assert read_recovery(file).pack.meeting.venue == "Bruxelles, Justus Lipsius"
