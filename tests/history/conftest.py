"""History tests: a copy of the sample store in a temporary folder, and no git executable.

Every test here runs with ``PATH`` stripped of any folder holding a ``git`` program, so
the history works through dulwich alone, as on a locked-down laptop with no git.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_builder.cli import main


@pytest.fixture(autouse=True)
def no_git_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every PATH folder that holds a git executable (asserted gone)."""
    kept = [d for d in os.environ.get("PATH", "").split(os.pathsep)
            if d and not (Path(d) / "git").exists() and not (Path(d) / "git.exe").exists()]
    monkeypatch.setenv("PATH", os.pathsep.join(kept))
    assert shutil.which("git") is None


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def team(store: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Anna's store shared through a new bare remote folder, and Ben's clone of it."""
    remote = tmp_path / "share" / "jha-store.git"
    remote.parent.mkdir()
    assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    return store, tmp_path / "ben", remote
