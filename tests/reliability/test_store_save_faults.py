"""Saving store edits: a failed or interrupted write leaves the record file intact."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store.writer import FieldEdit, StoreWriteError, apply_edits, atomic_write_text


@pytest.fixture
def area_file(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    return store / "areas" / "02-strong-borders.yaml"


def _edit() -> list[FieldEdit]:
    return [FieldEdit("frontex-regulation-revision", "status", "ongoing")]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_disk_full_half_way_keeps_the_file(area_file: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    before = area_file.read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> NoReturn:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(f"briefing_builder.store.writer.os.{failing}", disk_full)
    with pytest.raises(StoreWriteError, match="unchanged"):
        atomic_write_text(area_file, "changed: true\n")
    assert area_file.read_bytes() == before
    assert sorted(p.name for p in area_file.parent.iterdir() if p.name.startswith(".")) == []


def test_folder_vanished_gives_a_message_not_a_traceback(area_file: Path) -> None:
    target = area_file.parent / "gone" / "x.yaml"
    with pytest.raises(StoreWriteError, match="could not be written"):
        atomic_write_text(target, "x: 1\n")


def test_apply_edits_failure_leaves_no_partial_file(area_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = area_file.read_bytes()
    monkeypatch.setattr("briefing_builder.store.writer.os.replace",
                        lambda *_a: (_ for _ in ()).throw(OSError(errno.EACCES, "Permission denied")))
    with pytest.raises(StoreWriteError):
        apply_edits(area_file, _edit())
    assert area_file.read_bytes() == before
