"""The one way tests copy the bundled sample store: a writable copy, so the sample is never written."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_builder.paths import sample_store_dir


def sample_store_copy(folder: Path) -> Path:
    """A fresh copy of the bundled sample store at ``folder / "store"``; its path."""
    root = folder / "store"
    shutil.copytree(sample_store_dir(), root)
    return root
