"""Crash safety: unsaved pack edits are autosaved to a recovery file and offered back.

Each window session writes ``session-<pid>-<n>.json`` in the recovery folder (next to the
settings file, else the app data location) a couple of seconds after the last edit, while
the pack has unsaved changes, and holds a ``QLockFile`` beside it. A clean save, a discard or
a normal close removes the file. At start-up, recovery files whose lock is no longer held —
their app crashed or was killed — are offered back through :mod:`dialogs`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError
from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer

from briefing_builder.ooxml.atomic_files import OutputError, atomic_write_text
from briefing_builder.pack import document as pd
from briefing_builder.store.schema import Pack
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.settings import AppSettings

AUTOSAVE_MS = 2000
FORMAT = "briefing-builder-recovery"
_sessions = itertools.count(1)


def recovery_dir(settings: AppSettings) -> Path:
    """The folder for recovery files: beside an ini settings file, else the app data location."""
    store = settings.qsettings
    if store.format() == QSettings.Format.IniFormat and store.fileName():
        return Path(store.fileName()).parent / "recovery"
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


@dataclass(frozen=True)
class Recovery:
    """An orphaned recovery file: the pack it holds, the file it belonged to, when it was written."""

    file: Path
    pack: Pack
    original: Path | None
    saved_at: str

    def describe(self) -> str:
        """A sentence for the restore question."""
        where = f"“{self.original.name}”" if self.original else f"the unsaved pack “{self.pack.id}”"
        return (f"Briefing Builder did not close normally. Unsaved changes to {where} "
                f"(autosaved {self.saved_at}) can be restored.")

    def discard(self) -> None:
        """Delete the recovery file and its lock."""
        for path in (self.file, self.file.with_suffix(".lock")):
            with contextlib.suppress(OSError):
                path.unlink()


def write_recovery(file: Path, pack: Pack, original: Path | None) -> None:
    """Write ``pack`` (and the file it belongs to) to ``file`` with the one atomic write (fsynced).

    Raises :class:`~briefing_builder.ooxml.atomic_files.OutputError` when it cannot be written.
    """
    data = {"format": FORMAT, "version": 1, "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "original": str(original) if original else None, "pack": pd.dump_pack(pack)}
    atomic_write_text(file, json.dumps(data, ensure_ascii=False, indent=1))


def read_recovery(file: Path) -> Recovery | None:
    """The recovery held in ``file``, or None when it is not a readable recovery file."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        pack = Pack.model_validate(yaml.safe_load(data["pack"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError, ValidationError):
        return None
    original = Path(data["original"]) if data.get("original") else None
    return Recovery(file, pack, original, str(data.get("saved_at", "")).replace("T", " "))


def orphaned(folder: Path) -> list[Recovery]:
    """Recovery files no running session holds, newest first (unreadable ones are removed)."""
    found = []
    for file in sorted(folder.glob("session-*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        lock = QLockFile(str(file.with_suffix(".lock")))
        lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        if not lock.tryLock(0):
            continue  # another window or process is alive and owns it
        lock.unlock()
        recovery = read_recovery(file)
        if recovery is None:
            Recovery(file, Pack.model_construct(), None, "").discard()
            continue
        found.append(recovery)
    return found


class Autosave(QObject):
    """Autosaves the editor's pack while it has unsaved changes; cleans up on save and close."""

    def __init__(self, editor: PackEditor, folder: Path, parent: QObject | None = None,
                 interval_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.editor = editor
        self.folder = Path(folder)
        self.file = self.folder / f"session-{os.getpid()}-{next(_sessions)}.json"
        self.error: str | None = None
        self._lock: QLockFile | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        editor.packChanged.connect(self.schedule)
        # the stack is still clean while the first command's redo() emits packChanged: its index moves after
        editor.undo_stack.indexChanged.connect(self.schedule)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)

    def schedule(self) -> None:
        """Autosave after the interval (restarted by every change)."""
        if not self.editor.undo_stack.isClean():
            self.timer.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def save_now(self) -> bool:
        """Write the recovery file now if there are unsaved changes; True when written."""
        self.timer.stop()
        if self.editor.undo_stack.isClean():
            self.discard()
            return False
        try:
            if self._lock is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._lock = QLockFile(str(self.file.with_suffix(".lock")))
                self._lock.setStaleLockTime(0)
                self._lock.tryLock(0)
            write_recovery(self.file, self.editor.pack, self.editor.document.path)
        except (OSError, OutputError) as exc:  # a full or read-only disk must not interrupt editing
            self.error = str(exc)
            return False
        self.error = None
        return True

    def discard(self) -> None:
        """Remove this session's recovery file (saved, discarded or closed cleanly)."""
        self.timer.stop()
        with contextlib.suppress(OSError):
            self.file.unlink()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def orphans(self) -> list[Recovery]:
        """Recovery files left by sessions that ended without closing (not this one's)."""
        return [r for r in orphaned(self.folder) if r.file != self.file] if self.folder.is_dir() else []
