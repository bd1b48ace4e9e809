"""Write output files safely and reproducibly.

* :func:`normalise_zip` rewrites an OOXML package with fixed entry dates and a stable
  entry order (``[Content_Types].xml`` first), so the same input gives the same bytes.
* :func:`atomic_write` (from :mod:`briefing_builder.ooxml.atomic_files`, the one atomic
  write) writes next to the target and renames over it only when the whole file is on disk:
  a failure never leaves a half-written file over a good one.
* :func:`write_together` does the same for files that belong together (a deck and its
  annex): both or neither replace the previous ones, and two exports into one folder never
  interleave (see :mod:`briefing_builder.render.folder_lock`).
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing_builder.ooxml.atomic_files import (
    STALE_SECONDS,
    OutputError,
    atomic_write,
    discard,
    explain,
    stage,
    sweep_stale,
    sync_folder,
)
from briefing_builder.render.folder_lock import LOCK_NAME, FolderBusy, FolderLock

__all__ = ["FIXED_ZIP_DATE", "STALE_SECONDS", "OutputError", "atomic_write", "normalise_zip", "settle_folder",
           "write_together"]

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes, replace: dict[str, bytes] | None = None, drop: set[str] | None = None) -> bytes:
    """Return ``data`` (a zip) with fixed dates, parts replaced or dropped, content types first."""
    replace = replace or {}
    drop = drop or set()
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n not in drop]
    names += [n for n in replace if n not in names]
    names = list(dict.fromkeys(names))
    names.sort(key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = replace[name] if name in replace else source.read(name)
            info = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write files that belong together (a deck and its annex) into one folder, as a pair.

    Either all of them replace the previous files or none does: each is first written in
    full to a temporary file; then, holding the folder's :class:`FolderLock` (so that two
    exports into one folder never interleave), a journal is written, the previous files are
    kept aside and the new ones renamed into place. If any rename fails (a file held open
    by Excel on Windows, say), the files already replaced are put back. An export killed
    during the renames leaves its journal in the lock file; the next write into the folder
    (or :func:`settle_folder`) puts the previous files back before doing anything else.
    Raises :class:`OutputError`.
    """
    targets = [Path(path) for path, _ in files]
    folder = targets[0].parent
    assert all(t.parent == folder for t in targets), "files written together share one folder"
    staged: list[Path] = []
    try:
        for path, data in zip(targets, (data for _, data in files)):
            staged.append(stage(path, data))
        with _locked(folder) as lock:
            _replace_together(lock, list(zip(staged, targets)))
    finally:
        for tmp in staged:
            discard(tmp)
    sync_folder(folder)
    for path in targets:
        sweep_stale(path)


def settle_folder(folder: Path) -> None:
    """Put back the previous files of a pair write that was killed half-way in ``folder``."""
    if (Path(folder) / LOCK_NAME).exists():
        with _locked(Path(folder)):
            pass


@contextmanager
def _locked(folder: Path) -> Iterator[FolderLock]:
    """The folder's lock, after undoing whatever a killed holder left half done."""
    try:
        with FolderLock(folder) as lock:
            journal = lock.read_journal()
            if journal:
                _roll_back(_parse_journal(journal))
                lock.write_journal(b"")
            yield lock
    except FolderBusy:
        raise OutputError(f"Another export is writing into {folder} right now. Wait for it to finish "
                          "and try again, or choose another output folder.") from None
    except OSError as exc:
        raise OutputError(explain(folder / LOCK_NAME, exc)) from exc


@dataclass(frozen=True)
class _Step:
    """One file of a pair write: its new content (staged), its place and its previous content."""

    staged: Path
    target: Path
    backup: Path | None


def _replace_together(lock: FolderLock, pairs: list[tuple[Path, Path]]) -> None:
    steps = [_Step(tmp, target, _backup_name(target) if target.exists() else None) for tmp, target in pairs]
    lock.write_journal(json.dumps([[str(s.staged), str(s.target), str(s.backup) if s.backup else None]
                                   for s in steps]).encode("utf-8"))
    current = steps[0].target
    try:
        for step in steps:
            current = step.target
            if step.backup is not None:
                _keep_aside(step.target, step.backup)
        for step in steps:
            current = step.target
            os.replace(step.staged, step.target)
    except BaseException as exc:
        _roll_back(steps)
        lock.write_journal(b"")
        if isinstance(exc, OSError):
            raise OutputError(explain(current, exc) + _others_kept(current, steps)) from exc
        raise
    lock.write_journal(b"")  # the commit point: from here on the new files stand
    for step in steps:
        if step.backup is not None:
            discard(step.backup)


def _keep_aside(target: Path, backup: Path) -> None:
    """A second name (or, where links are not possible, a copy) for the previous file."""
    try:
        os.link(target, backup)
    except OSError:
        shutil.copyfile(target, backup)


def _roll_back(steps: list[_Step]) -> None:
    """Undo a pair write: previous files back in place, new files of no previous one removed.

    A previous file that cannot be put back stays under its hidden backup name: never lost.
    """
    for step in reversed(steps):
        try:
            if step.staged.exists():  # never renamed into place: the target is still the previous file
                discard(step.staged)
            elif step.backup is not None and step.backup.exists():
                os.replace(step.backup, step.target)
            elif step.backup is None:  # there was no file before
                step.target.unlink(missing_ok=True)
            if step.backup is not None:
                discard(step.backup)  # gone once put back (a rename between two links of a file keeps both)
        except OSError:
            pass


def _parse_journal(data: bytes) -> list[_Step]:
    try:
        entries = json.loads(data.decode("utf-8"))
        return [_Step(Path(tmp), Path(target), Path(backup) if backup else None) for tmp, target, backup in entries]
    except (ValueError, TypeError):
        return []  # a journal cut short by the kill: nothing was renamed before it was complete


def _backup_name(target: Path) -> Path:
    return target.with_name(f".{target.stem[:40]}.{secrets.token_hex(4)}.previous.tmp")


def _others_kept(failed: Path, steps: list[_Step]) -> str:
    others = [s.target.name for s in steps if s.target != failed]
    return f" {', '.join(others)} {'was' if len(others) == 1 else 'were'} not replaced either." if others else ""
