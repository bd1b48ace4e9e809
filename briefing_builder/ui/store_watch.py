"""Loading a store and watching its files: changes on disk reload it (debounced).

:class:`StoreWatcher` watches the store folder, its record folders and every YAML file; a
burst of changes (an editor saving, a ``git pull``) triggers one reload after a short quiet
period. The loaded catalog is delivered by ``reloaded``; a store that disappeared gives
``failed`` with a readable message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from briefing_builder.store import Catalog, StoreNotFound, load_store
from briefing_builder.store.loader import RECORD_FOLDERS

DEBOUNCE_MS = 300


def watched_paths(root: Path) -> list[str]:
    """The folders and YAML files of a store whose changes matter."""
    paths = [root, *(root / folder for folder in RECORD_FOLDERS)]
    files = [root / "store.yaml", root / "milestones.yaml"]
    for folder in RECORD_FOLDERS:
        if (root / folder).is_dir():
            files.extend(sorted((root / folder).glob("*.y*ml")))
    return [str(p) for p in [*paths, *files] if p.exists()]


class StoreWatcher(QObject):
    """Reloads the store when its files change."""

    reloaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._timer.timeout.connect(self.reload)

    def watch(self, root: Path) -> None:
        """Watch the store at ``root`` (stops watching the previous one)."""
        self.root = Path(root)
        self._rewatch()

    def _rewatch(self) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        if self.root is not None:
            paths = watched_paths(self.root)
            if paths:
                self._watcher.addPaths(paths)

    def _changed(self, _path: str) -> None:
        self._timer.start()

    def reload(self) -> Catalog | None:
        """Load the store again now; emits ``reloaded`` or ``failed``."""
        if self.root is None:
            return None
        try:
            catalog = load_store(self.root)
        except StoreNotFound as exc:
            self.failed.emit(str(exc))
            return None
        except OSError as exc:
            self.failed.emit(f"The store {self.root} cannot be read: {exc.strerror or exc}.")
            return None
        self._rewatch()  # editors that replace files drop them from the watch list
        self.reloaded.emit(catalog)
        return catalog
