"""Files written as a pair (:func:`write_together`): both or neither replace the previous ones."""

from __future__ import annotations

import errno
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from briefing_builder.render import output
from briefing_builder.render.folder_lock import LOCK_NAME, FolderLock
from briefing_builder.render.output import OutputError, settle_folder, write_together


def _pair(folder: Path) -> tuple[Path, Path]:
    return folder / "pack.pptx", folder / "pack-annex.xlsx"


def _previous(folder: Path) -> tuple[Path, Path]:
    deck, annex = _pair(folder)
    folder.mkdir(exist_ok=True)
    deck.write_bytes(b"old deck")
    annex.write_bytes(b"old annex")
    return deck, annex


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_both_files_replace_the_previous_ones(tmp_path: Path) -> None:
    deck, annex = _previous(tmp_path)
    write_together([(deck, b"new deck"), (annex, b"new annex")])
    assert (deck.read_bytes(), annex.read_bytes()) == (b"new deck", b"new annex")
    assert _names(tmp_path) == ["pack-annex.xlsx", "pack.pptx"]


def test_an_annex_held_open_keeps_the_previous_deck_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a workbook open in Excel: the deck already renamed goes back."""
    deck, annex = _previous(tmp_path)
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == annex:
            raise PermissionError(errno.EACCES, "Access is denied")
        real(src, dst)
    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError) as info:
        write_together([(deck, b"new deck"), (annex, b"new annex")])
    assert str(info.value).startswith(f"{annex} is locked or not writable — is it open in PowerPoint or Excel?")
    assert "pack.pptx was not replaced either" in str(info.value)
    assert (deck.read_bytes(), annex.read_bytes()) == (b"old deck", b"old annex")
    assert _names(tmp_path) == ["pack-annex.xlsx", "pack.pptx"]


def test_a_first_pair_that_fails_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck, annex = _pair(tmp_path)
    real = os.replace
    monkeypatch.setattr(output.os, "replace", lambda src, dst: (_ for _ in ()).throw(
        OSError(errno.EIO, "Input/output error")) if Path(dst) == annex else real(src, dst))
    with pytest.raises(OutputError):
        write_together([(deck, b"new deck"), (annex, b"new annex")])
    assert _names(tmp_path) == []


def test_a_pair_write_killed_between_the_renames_is_undone_by_the_next_write(tmp_path: Path) -> None:
    """What a SIGKILL leaves: the journal in the lock file, the new deck in place, the annex staged."""
    deck, annex = _previous(tmp_path)
    deck_backup, annex_backup = tmp_path / ".pack.1.previous.tmp", tmp_path / ".pack-annex.2.previous.tmp"
    staged_deck, staged_annex = tmp_path / ".pack.a.tmp", tmp_path / ".pack-annex.b.tmp"
    os.link(deck, deck_backup)
    os.link(annex, annex_backup)
    staged_deck.write_bytes(b"killed deck")
    staged_annex.write_bytes(b"killed annex")
    os.replace(staged_deck, deck)  # the deck's rename happened, the annex's did not
    (tmp_path / LOCK_NAME).write_text(json.dumps([[str(staged_deck), str(deck), str(deck_backup)],
                                                  [str(staged_annex), str(annex), str(annex_backup)]]))
    settle_folder(tmp_path)
    assert (deck.read_bytes(), annex.read_bytes()) == (b"old deck", b"old annex")
    assert _names(tmp_path) == ["pack-annex.xlsx", "pack.pptx"]


def test_a_journal_cut_short_is_ignored(tmp_path: Path) -> None:
    deck, annex = _previous(tmp_path)
    (tmp_path / LOCK_NAME).write_text('[["/x", ')
    write_together([(deck, b"new deck"), (annex, b"new annex")])
    assert (deck.read_bytes(), annex.read_bytes()) == (b"new deck", b"new annex")
    assert LOCK_NAME not in _names(tmp_path)


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    deck, annex = _previous(tmp_path)
    order: list[str] = []
    with FolderLock(tmp_path):
        thread = threading.Thread(target=lambda: (write_together([(deck, b"B deck"), (annex, b"B annex")]),
                                                  order.append("B written")))
        thread.start()
        time.sleep(0.3)
        order.append("A done")
        assert deck.read_bytes() == b"old deck"  # B is waiting, it has not replaced anything
    thread.join(10)
    assert order == ["A done", "B written"]
    assert (deck.read_bytes(), annex.read_bytes()) == (b"B deck", b"B annex")


def test_a_folder_locked_too_long_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck, annex = _previous(tmp_path)
    monkeypatch.setattr("briefing_builder.render.folder_lock.WAIT_SECONDS", 0.2)
    monkeypatch.setattr(FolderLock.__init__, "__defaults__", (0.2,))
    with FolderLock(tmp_path), pytest.raises(OutputError, match=r"Another export is writing into .* right now"):
        write_together([(deck, b"new deck"), (annex, b"new annex")])
    assert (deck.read_bytes(), annex.read_bytes()) == (b"old deck", b"old annex")
    assert _names(tmp_path) == ["pack-annex.xlsx", "pack.pptx"]
