"""Applying a returned annex's edits while someone else saves the same record file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefing_builder.annex import service
from briefing_builder.store import writer
from briefing_builder.store.loader import load_store
from tests.annex.returns import build, type_into, where

AREA = "areas/02-strong-borders.yaml"
MEASURE = "new-eibm-strategy"
THEIR_LINE = "# saved by a colleague while the import was being applied\n"


def _changes(store: Path, tmp_path: Path) -> service.ChangeSet:
    annex = build(store, tmp_path / "out")
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Measure"): "A new wording"})
    changes = service.read_return(annex, load_store(store))
    assert len(changes.proposals) == 1
    return changes


def _colleague_saves(path: Path) -> str:
    """Another editor saves the file with one more line (atomically, as editors do)."""
    text = path.read_text(encoding="utf-8") + THEIR_LINE
    tmp = path.with_suffix(".colleague")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


def test_a_file_saved_after_the_import_read_it_is_not_overwritten(store: Path, tmp_path: Path) -> None:
    changes = _changes(store, tmp_path)
    theirs = _colleague_saves(store / AREA)
    report = service.apply_return(changes)
    assert report.written == []
    assert report.refused and "changed since the annex was read" in report.refused[0][1]
    assert (store / AREA).read_text(encoding="utf-8") == theirs


def test_a_save_while_apply_is_writing_loses_no_line(store: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The colleague's save lands after apply read the file and before it renames its own
    version over it: the apply notices and leaves their file alone."""
    changes = _changes(store, tmp_path)
    original = writer.read_text_file
    saved: list[str] = []

    def read_then_colleague_saves(path: Path) -> writer.TextFile:
        content = original(path)
        saved.append(_colleague_saves(Path(path)))
        return content
    monkeypatch.setattr(writer, "read_text_file", read_then_colleague_saves)
    report = service.apply_return(changes)
    assert saved and report.written == []
    assert "someone saved it while the edits were being written" in report.refused[0][1]
    assert (store / AREA).read_text(encoding="utf-8") == saved[-1]
    assert not list((store / "areas").glob(".*.tmp"))


def test_concurrent_saves_never_lose_a_colleague_line(store: Path, tmp_path: Path) -> None:
    """A colleague saving in a loop while the apply runs: every line they wrote is still there."""
    changes = _changes(store, tmp_path)
    path = store / AREA
    stop = threading.Event()
    count = [0]

    def keep_saving() -> None:
        while not stop.is_set():
            _colleague_saves(path)
            count[0] += 1
    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        service.apply_return(changes)
    finally:
        stop.set()
        thread.join()
    assert path.read_text(encoding="utf-8").count(THEIR_LINE) == count[0]
