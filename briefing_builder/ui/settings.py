"""Persistent settings: recent packs, last store, last output folder, window layout.

:func:`updated_recent` is the plain rule for the recent list (newest first, no duplicates,
at most :data:`MAX_RECENT`, missing files dropped); :class:`AppSettings` stores it in
``QSettings``. Tests pass their own ``QSettings`` (an ini file in a temporary folder).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


def _history_key(store: Path) -> str:
    """A settings key per store folder (a hash: paths hold separators settings keys must not)."""
    return "history/" + hashlib.sha1(_key(store).encode("utf-8")).hexdigest()[:16]


def _key(path: Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except OSError:
        return str(path)


def updated_recent(recent: list[Path], opened: Path | None = None, cap: int = MAX_RECENT) -> list[Path]:
    """``recent`` with ``opened`` first, duplicates and missing files removed, at most ``cap``."""
    items = ([Path(opened)] if opened else []) + [Path(p) for p in recent]
    seen: set[str] = set()
    out: list[Path] = []
    for path in items:
        key = _key(path)
        if key in seen or not Path(key).is_file():
            continue
        seen.add(key)
        out.append(Path(key))
    return out[:cap]


class AppSettings:
    """Typed access to the app's ``QSettings``."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.qsettings = store or QSettings()

    # ----------------------------------------------------------------- recent packs

    def recent_packs(self) -> list[Path]:
        """Recently used pack files that still exist, newest first."""
        raw = self.qsettings.value("recent/packs", [])
        values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        return updated_recent([Path(p) for p in values if isinstance(p, str) and p])

    def add_recent_pack(self, path: Path) -> list[Path]:
        """Put ``path`` first in the recent list and return the new list."""
        recent = updated_recent(self.recent_packs(), path)
        self.qsettings.setValue("recent/packs", [str(p) for p in recent])
        return recent

    def clear_recent_packs(self) -> None:
        """Forget every recent pack."""
        self.qsettings.setValue("recent/packs", [])

    # ----------------------------------------------------------------- folders

    def _path(self, key: str) -> Path | None:
        value = self.qsettings.value(key, "")
        return Path(value) if isinstance(value, str) and value else None

    @property
    def last_store(self) -> Path | None:
        """The store folder used last time."""
        return self._path("store/last")

    @last_store.setter
    def last_store(self, path: Path | None) -> None:
        self.qsettings.setValue("store/last", str(path) if path else "")

    @property
    def last_output(self) -> Path | None:
        """The folder the last export went to."""
        return self._path("export/last_folder")

    @last_output.setter
    def last_output(self, path: Path | None) -> None:
        self.qsettings.setValue("export/last_folder", str(path) if path else "")

    @property
    def first_start(self) -> bool:
        """True until the app has been closed once."""
        return not self.qsettings.value("app/started", False, type=bool)

    def mark_started(self) -> None:
        """Remember that the app has run."""
        self.qsettings.setValue("app/started", True)

    # ----------------------------------------------------------------- history

    def history_choice(self, store: Path) -> bool | None:
        """The user's answer to "keep a history of this store?" (``None``: not asked yet)."""
        value = self.qsettings.value(_history_key(store), "")
        return {"yes": True, "no": False}.get(str(value))

    def set_history_choice(self, store: Path, keep: bool) -> None:
        """Remember the answer for ``store`` (the app asks once)."""
        self.qsettings.setValue(_history_key(store), "yes" if keep else "no")

    @property
    def sync_on_open_close(self) -> bool:
        """Whether the app syncs a store with its shared store when it opens and closes it (off by default)."""
        return str(self.qsettings.value("history/sync_on_open_close", "no")) == "yes"

    @sync_on_open_close.setter
    def sync_on_open_close(self, on: bool) -> None:
        self.qsettings.setValue("history/sync_on_open_close", "yes" if on else "no")

    # ----------------------------------------------------------------- layout

    def state(self, key: str) -> QByteArray | None:
        """A saved geometry/state blob (window, dock layout, splitter)."""
        value = self.qsettings.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        """Save a geometry/state blob."""
        self.qsettings.setValue(f"layout/{key}", value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.qsettings.sync()
