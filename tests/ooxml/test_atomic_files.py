"""The one atomic write, on real files: a crash keeps the old file, leftovers are swept, all is synced."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_builder.ooxml import atomic_files
from briefing_builder.ooxml.atomic_files import STALE_SECONDS, OutputError, atomic_write, atomic_write_text

_KILLED_DURING_RENAME = """
import os, signal, sys
from pathlib import Path
from briefing_builder.ooxml import atomic_files
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
atomic_files.atomic_write(Path(sys.argv[1]), b"new content " * 100_000)
"""


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def test_a_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and not _leftovers(tmp_path)


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "réunion.yaml"
    atomic_write_text(target, "titre: « Sécurité »\n")
    assert target.read_bytes() == "titre: « Sécurité »\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_process_killed_midway_leaves_the_old_file_and_the_next_write_sweeps_its_leftover(tmp_path: Path) -> None:
    target = tmp_path / "annex.xlsx"
    target.write_bytes(b"the good old file")
    child = subprocess.run([sys.executable, "-c", _KILLED_DURING_RENAME, str(target)], check=False)
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"the good old file"
    [leftover] = _leftovers(tmp_path)
    assert leftover.stat().st_size == len(b"new content " * 100_000)

    atomic_write(target, b"second")  # a fresh leftover may belong to a write in progress: kept
    assert leftover.exists()
    old = time.time() - STALE_SECONDS - 60
    os.utime(leftover, (old, old))
    atomic_write(target, b"third")
    assert not leftover.exists() and target.read_bytes() == b"third"


def test_a_failure_while_writing_keeps_the_old_file_and_no_temporary(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    with pytest.raises(OutputError, match=r"The disk is full: .*deck\.pptx was not written"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and not _leftovers(tmp_path)


def test_a_check_before_the_rename_can_keep_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "areas.yaml"
    target.write_text("saved by someone else\n")

    def changed() -> None:
        raise RuntimeError("changed on disk")

    with pytest.raises(RuntimeError):
        atomic_write(target, b"mine", before_replace=changed)
    assert target.read_text() == "saved by someone else\n" and not _leftovers(tmp_path)


def test_the_file_and_its_folder_are_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(atomic_files.os, "fsync", recording)
    atomic_write(tmp_path / "recovery.json", b"{}")
    assert synced == ["file", "folder"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.pptx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_missing_folder_is_made_unless_the_caller_says_not(tmp_path: Path) -> None:
    atomic_write(tmp_path / "new" / "deck.pptx", b"deck")
    assert (tmp_path / "new" / "deck.pptx").read_bytes() == b"deck"
    with pytest.raises(OutputError, match="disappeared"):
        atomic_write(tmp_path / "gone" / "areas.yaml", b"x", create_folder=False)
    assert not (tmp_path / "gone").exists()
