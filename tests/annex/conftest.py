"""Fixtures of the annex tests: a writable copy of the bundled store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A copy of the bundled store under ``tmp_path`` (imports and applies write into it)."""
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    return root
