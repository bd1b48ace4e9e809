"""Locks another write holds, or one an interrupted write left behind, through the real CLI: a
plain message naming the lock file, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.history.repository import STALE_LOCK_SECONDS
from briefing_builder.history.service import history_for
from tests.history.conftest import edit


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_push_while_another_sync_writes_the_share_says_sync_again(team: tuple[Path, Path, Path],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, remote = team
    lock = remote / "refs" / "heads" / "master.lock"
    lock.write_bytes(b"")  # the other sync is writing the branch right now
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    err = capsys.readouterr().err
    assert "Someone else is writing" in err and "sync again in a moment" in err and str(lock) in err, err
    assert "Traceback" not in err and "FileLocked" not in err
    lock.unlink()  # the other sync has finished
    assert main(["sync", "--store", str(anna)]) == 0


def test_a_lock_left_on_the_share_long_ago_is_named_for_deletion(team: tuple[Path, Path, Path],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, remote = team
    lock = remote / "refs" / "heads" / "master.lock"
    lock.write_bytes(b"")
    _age(lock, STALE_LOCK_SECONDS + 600)  # a colleague's laptop lost power mid-push
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    err = capsys.readouterr().err
    assert f"{lock} was left behind" in err and "Delete that file, then sync again" in err, err
    assert "Traceback" not in err


def test_a_lock_left_in_the_store_long_ago_is_removed_and_the_sync_goes_on(team: tuple[Path, Path, Path]) -> None:
    anna, _, _ = team
    lock = anna / ".git" / "refs" / "heads" / "master.lock"
    lock.write_bytes(b"")
    _age(lock, STALE_LOCK_SECONDS + 60)
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    assert main(["sync", "--store", str(anna)]) == 0
    assert not lock.exists()


def test_a_build_under_a_lock_says_the_files_are_written_and_the_export_not_recorded(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store), "--out", str(tmp_path / "one"),
                 "--no-annex"]) == 0
    history = history_for(store)
    assert history is not None
    lock = Path(history.repo.controldir()) / "refs" / "heads" / "master.lock"
    lock.write_bytes(b"")
    capsys.readouterr()
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store), "--out", str(tmp_path / "two")]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert (tmp_path / "two" / "jha-counsellors-2026-01-12.pptx").is_file()
    assert "not recorded in the store's history" in text and "Someone else is writing" in text, text
    assert "files are unchanged" not in text.lower()
