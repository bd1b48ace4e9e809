"""Faults during export: a full disk, a write failing half-way, a read-only or locked file,
the store folder vanishing. The previous deck and annex always stay intact, no temporary
file is left behind, and the user gets a message instead of a traceback.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from briefing_builder.cli import main
from briefing_builder.pipeline import BuildError, build_pack
from briefing_builder.render import output
from briefing_builder.store import StoreNotFound, load_store
from tests.reliability.helpers import REFERENCE_PACK, assert_sound_deck, copy_store, deck_titles

DECK = f"{REFERENCE_PACK}.pptx"
ANNEX = f"{REFERENCE_PACK}-annex.xlsx"


class Previous:
    """A store and an output folder holding a good deck and annex from an earlier build."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = copy_store(tmp_path / "store")
        self.out = tmp_path / "out"
        catalog = load_store(self.root)
        build_pack(catalog.packs[REFERENCE_PACK], catalog, self.out)
        self.deck = (self.out / DECK).read_bytes()
        self.annex = (self.out / ANNEX).read_bytes()
        # Change the content so that a new build would write different bytes.
        pack = self.root / "packs" / f"{REFERENCE_PACK}.yaml"
        pack.write_text(pack.read_text(encoding="utf-8").replace('title: "Thank you"', 'title: "Merci"'),
                        encoding="utf-8")
        self.catalog = load_store(self.root)

    def build(self) -> Any:
        return build_pack(self.catalog.packs[REFERENCE_PACK], self.catalog, self.out)

    def assert_intact(self, deck: bool = True, annex: bool = True) -> None:
        names = sorted(p.name for p in self.out.iterdir())
        assert names == sorted([DECK, ANNEX]), f"left behind: {names}"
        if deck:
            assert (self.out / DECK).read_bytes() == self.deck
        if annex:
            assert (self.out / ANNEX).read_bytes() == self.annex


@pytest.fixture
def previous(tmp_path: Path) -> Previous:
    return Previous(tmp_path)


def _fail_on_call(n: int, error: BaseException) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a function so that its ``n``-th call (1-based) raises ``error``."""
    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        calls = {"n": 0}

        def fake(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == n:
                raise error
            return real(*args, **kwargs)
        return fake
    return wrap


class _HalfWriter:
    """A file object that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle: Any, error: OSError) -> None:
        self._handle, self._error = handle, error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._handle.__exit__(*exc)


ENOSPC = OSError(errno.ENOSPC, "No space left on device")
EIO = OSError(errno.EIO, "Input/output error")


@pytest.mark.parametrize("which", [1, 2], ids=["deck", "annex"])
@pytest.mark.parametrize("fault", ["half-written (disk full)", "half-written (I/O error)", "fsync", "replace",
                                   "interrupted"])
def test_write_failure_keeps_previous_files(previous: Previous, monkeypatch: pytest.MonkeyPatch,
                                            fault: str, which: int) -> None:
    """The ``which``-th file of the export (1 the deck, 2 the annex) fails; neither replaces its
    previous file (the deck and the annex are written as a pair)."""
    if fault.startswith("half-written"):
        error = ENOSPC if "disk full" in fault else EIO
        real_fdopen = os.fdopen
        calls = {"n": 0}

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            calls["n"] += 1
            return _HalfWriter(handle, error) if calls["n"] == which else handle
        monkeypatch.setattr(output.os, "fdopen", fdopen)
    elif fault == "fsync":
        monkeypatch.setattr(output.os, "fsync", _fail_on_call(which, ENOSPC)(os.fsync))
    elif fault == "replace":
        monkeypatch.setattr(output.os, "replace", _fail_on_call(which, OSError(errno.EXDEV, "Cross-device link"))(
            os.replace))
    else:
        monkeypatch.setattr(output.os, "fsync", _fail_on_call(which, KeyboardInterrupt())(os.fsync))
    failing = DECK if which == 1 else ANNEX
    if fault == "interrupted":
        with pytest.raises(KeyboardInterrupt):
            previous.build()
    else:
        with pytest.raises(BuildError) as info:
            previous.build()
        message = str(info.value)
        assert failing in message and "Traceback" not in message
        if "disk full" in fault or fault == "fsync":
            assert "disk is full" in message and "unchanged" in message
    # Both files are the previous ones: a new deck never stands next to an old annex.
    previous.assert_intact(deck=True, annex=True)


def test_disk_full_through_the_cli(previous: Previous, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(output.os, "fsync", _fail_on_call(1, ENOSPC)(os.fsync))
    assert main(["build", REFERENCE_PACK, "--store", str(previous.root), "--out", str(previous.out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing-builder: The disk is full") and "Traceback" not in err
    previous.assert_intact()


def test_no_room_even_for_the_temporary_file(previous: Previous, monkeypatch: pytest.MonkeyPatch) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(BuildError, match="disk is full"):
        previous.build()
    previous.assert_intact()


# ----------------------------------------------------------------------------- read-only, locked


@pytest.mark.parametrize("target", [DECK, ANNEX])
def test_read_only_output_file(previous: Previous, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str], target: str) -> None:
    locked = previous.out / target
    locked.chmod(0o444)
    # Root ignores permission bits: make the check see the file as any other user would.
    real_access = os.access
    monkeypatch.setattr(output.os, "access",
                        lambda path, mode: False if Path(path) == locked else real_access(path, mode))
    assert main(["build", REFERENCE_PACK, "--store", str(previous.root), "--out", str(previous.out)]) == 1
    err = capsys.readouterr().err
    assert f"{locked} is read-only" in err and "Traceback" not in err
    previous.assert_intact(deck=target == DECK)
    assert locked.stat().st_mode & 0o777 == 0o444


def test_file_held_open_elsewhere(previous: Previous, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file PowerPoint holds open (simulated: replace is denied)."""
    monkeypatch.setattr(output.os, "replace", _fail_on_call(1, PermissionError(errno.EACCES, "Access is denied"))(
        os.replace))
    with pytest.raises(BuildError, match="is it open in PowerPoint or Excel"):
        previous.build()
    previous.assert_intact()


def test_read_only_output_folder(previous: Previous, monkeypatch: pytest.MonkeyPatch) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(BuildError, match="not writable"):
        previous.build()
    previous.assert_intact()


def test_read_only_disk(previous: Previous, monkeypatch: pytest.MonkeyPatch) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(BuildError, match="read-only disk"):
        previous.build()


def test_output_path_is_a_file(previous: Previous, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = previous.out.parent / "blocker"
    blocker.write_text("not a folder")
    assert main(["build", REFERENCE_PACK, "--store", str(previous.root), "--out", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err
    assert "Cannot create the folder" in err and "Traceback" not in err


def test_output_name_taken_by_a_folder(previous: Previous) -> None:
    (previous.out / ANNEX).unlink()
    (previous.out / ANNEX).mkdir()
    with pytest.raises(BuildError, match=ANNEX):
        previous.build()
    assert sorted(p.name for p in previous.out.iterdir()) == sorted([DECK, ANNEX])


def test_replaced_file_keeps_its_permissions_and_new_files_are_readable(previous: Previous) -> None:
    (previous.out / DECK).chmod(0o640)
    previous.build()
    assert (previous.out / DECK).stat().st_mode & 0o777 == 0o640
    fresh = previous.out.parent / "fresh"
    build_pack(previous.catalog.packs[REFERENCE_PACK], previous.catalog, fresh)
    assert (fresh / DECK).stat().st_mode & 0o777 == 0o644  # not the 0600 of temporary files


def test_failed_build_then_good_build(previous: Previous, monkeypatch: pytest.MonkeyPatch) -> None:
    """After any of the faults above, the next export works and replaces both files."""
    with monkeypatch.context() as patch:
        patch.setattr(output.os, "fsync", _fail_on_call(1, ENOSPC)(os.fsync))
        with pytest.raises(BuildError):
            previous.build()
    result = previous.build()
    assert_sound_deck(result.deck.read_bytes())
    assert deck_titles(result.deck.read_bytes())[-1] == "Merci"
    openpyxl.load_workbook(io.BytesIO(result.annex.read_bytes()))
    assert sorted(p.name for p in previous.out.iterdir()) == sorted([DECK, ANNEX])


# ----------------------------------------------------------------------------- the store vanishing


def test_load_deleted_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_store(tmp_path / "store")
    shutil.rmtree(root)
    with pytest.raises(StoreNotFound, match="no such folder"):
        load_store(root)
    for command in (["validate"], ["list"], ["build", REFERENCE_PACK]):
        assert main([*command, "--store", str(root)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"briefing-builder: {root}: no such folder") and "Traceback" not in err


def test_store_vanishing_while_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is deleted after the first files were read: the rest become diagnostics."""
    from briefing_builder.store import loader

    root = copy_store(tmp_path / "store")
    real = loader.read_yaml
    calls = {"n": 0}

    def read_yaml(path: Path) -> Any:
        calls["n"] += 1
        if calls["n"] == 4 and root.exists():
            shutil.rmtree(root)
        return real(path)
    monkeypatch.setattr(loader, "read_yaml", read_yaml)
    catalog = load_store(root)
    assert catalog.diagnostics, "records that vanished must be reported, not silently dropped"
    for diagnostic in catalog.diagnostics:
        text = diagnostic.format()
        assert "Traceback" not in text
    assert any("cannot read the file" in d.message for d in catalog.diagnostics)


def test_build_after_the_store_vanished(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What was loaded is in memory: the export still works from it (the app keeps the open pack)."""
    root = copy_store(tmp_path / "store")
    catalog = load_store(root)
    shutil.rmtree(root)
    result = build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out")
    assert_sound_deck(result.deck.read_bytes())
    assert len(deck_titles(result.deck.read_bytes())) == 10


def test_build_after_the_store_vanished_with_a_store_template(tmp_path: Path) -> None:
    """A template kept in the store is gone with it: a clear message, nothing written."""
    root = copy_store(tmp_path / "store")
    (root / "templates").mkdir()
    shutil.copyfile(Path(__file__).parents[2] / "templates" / "briefing-16x9.pptx", root / "templates" / "ours.pptx")
    pack_file = root / "packs" / f"{REFERENCE_PACK}.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        'template: "briefing-16x9"', 'template: "templates/ours.pptx"'), encoding="utf-8")
    catalog = load_store(root)
    shutil.rmtree(root)
    with pytest.raises(BuildError, match="does not exist in the store folder"):
        build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_a_vanished_store(tmp_path: Path) -> None:
    """Exporting into the store's own (deleted) folder recreates it rather than failing half-way."""
    root = copy_store(tmp_path / "store")
    catalog = load_store(root)
    shutil.rmtree(root)
    result = build_pack(catalog.packs[REFERENCE_PACK], catalog, root / "out")
    with zipfile.ZipFile(result.deck) as archive:
        assert archive.testzip() is None


def test_stale_temporary_files_are_swept_fresh_ones_kept(previous: Previous) -> None:
    """A killed export leaves its temporary file; the next export removes it once it is old."""
    stale = previous.out / f".{REFERENCE_PACK}.abcd1234.tmp"
    running = previous.out / f".{REFERENCE_PACK}.efgh5678.tmp"  # maybe another export in progress
    other = previous.out / ".someone-else.abcd1234.tmp"
    for path in (stale, running, other):
        path.write_bytes(b"PK partial")
    old = time.time() - output.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    previous.build()
    assert not stale.exists()
    assert running.exists() and other.exists()
