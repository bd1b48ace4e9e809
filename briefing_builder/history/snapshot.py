"""The store as it was at a commit, written out as a folder the ordinary loader reads.

Used by ``changes`` (the earlier state) and ``build --as-of`` (the deck as it was). The
folder is temporary and private; the store itself is never touched.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from briefing_builder.history.repository import StoreHistory
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_store


def write_snapshot(history: StoreHistory, commit_id: str, folder: Path) -> Path:
    """Write every file of ``commit_id`` under ``folder``; returns ``folder``."""
    commit = history.commit(commit_id.encode("ascii"))
    made: set[str] = set()
    for rel, blob in history.files_at(commit).items():
        target = folder / rel
        parent = os.path.dirname(rel)
        if parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        target.write_bytes(history.read_blob(blob))
    return folder


@contextmanager
def snapshot(history: StoreHistory, commit_id: str) -> Iterator[Path]:
    """A temporary folder holding the store as it was at ``commit_id`` (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="briefing-builder-snapshot-") as tmp:
        yield write_snapshot(history, commit_id, Path(tmp) / history.store.name)


@contextmanager
def catalog_at(history: StoreHistory, commit_id: str) -> Iterator[Catalog]:
    """The store loaded as it was at ``commit_id``."""
    with snapshot(history, commit_id) as folder:
        yield load_store(folder)
