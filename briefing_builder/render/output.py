"""Write output files safely and reproducibly.

* :func:`normalise_zip` rewrites an OOXML package with fixed entry dates and a stable
  entry order (``[Content_Types].xml`` first), so the same input gives the same bytes.
* :func:`atomic_write` writes next to the target and renames over it only when the whole
  file is on disk: a failure never leaves a half-written file over a good one.
* :func:`write_together` does the same for files that belong together (a deck and its
  annex): both or neither replace the previous ones, and two exports into one folder never
  interleave (see :mod:`briefing_builder.render.folder_lock`).
"""

from __future__ import annotations

import errno
import glob
import io
import json
import os
import secrets
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from briefing_builder.errors import BriefingError
from briefing_builder.render.folder_lock import LOCK_NAME, FolderBusy, FolderLock

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class OutputError(BriefingError):
    """A file could not be written; the message says which and what to do."""


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


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`OutputError` with a clear message.

    The bytes go to a temporary file in the same folder, are flushed to the disk, and only
    then replace ``path``: whatever fails (a full disk, a write error, the process killed),
    ``path`` is either its previous content or the complete new one, and the temporary file
    is removed (temporary files a killed process could not remove are swept by the next
    write, once they are :data:`STALE_SECONDS` old). A replaced file keeps its permissions;
    a new one gets the usual ``rw-r--r--`` (not the private mode of temporary files).
    """
    path = Path(path)
    tmp = _stage(path, data)
    with _removed_on_failure(tmp, path):
        os.replace(tmp, path)
    _sweep_stale(path)


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
            staged.append(_stage(path, data))
        with _locked(folder) as lock:
            _replace_together(lock, list(zip(staged, targets)))
    finally:
        for tmp in staged:
            _discard(tmp)
    for path in targets:
        _sweep_stale(path)


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
        raise OutputError(_explain(folder / LOCK_NAME, exc)) from exc


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
            raise OutputError(_explain(current, exc) + _others_kept(current, steps)) from exc
        raise
    lock.write_journal(b"")  # the commit point: from here on the new files stand
    for step in steps:
        if step.backup is not None:
            _discard(step.backup)


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
                _discard(step.staged)
            elif step.backup is not None and step.backup.exists():
                os.replace(step.backup, step.target)
            elif step.backup is None:  # there was no file before
                step.target.unlink(missing_ok=True)
            if step.backup is not None:
                _discard(step.backup)  # gone once put back (a rename between two links of a file keeps both)
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


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a complete, flushed temporary file next to ``path``; its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(_explain(path, exc)) from exc
        raise OutputError(f"Cannot create the folder {path.parent}: {exc.strerror}. Choose another output folder.") from exc
    try:
        previous = path.stat()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise OutputError(_explain(path, exc)) from exc
    if previous is not None and not os.access(path, os.W_OK):
        raise OutputError(f"{path} is read-only. Make it writable or choose another file name.")
    try:
        # A short prefix: the temporary name must not be longer than the file's own.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_explain(path, exc)) from exc
    tmp = Path(tmp_name)
    with _removed_on_failure(tmp, path):
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), (previous.st_mode & 0o777) if previous is not None else 0o644)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return tmp


@contextmanager
def _removed_on_failure(tmp: Path, path: Path) -> Iterator[None]:
    """Remove ``tmp`` if the block fails; an OS error becomes an :class:`OutputError` about ``path``."""
    try:
        yield
    except OSError as exc:
        _discard(tmp)
        raise OutputError(_explain(path, exc)) from exc
    except BaseException:
        _discard(tmp)
        raise


#: A temporary file this old is the remains of a killed export, not one in progress.
STALE_SECONDS = 15 * 60


def _sweep_stale(path: Path) -> None:
    """Remove the temporary files a killed export (SIGKILL, power cut) left next to ``path``."""
    cutoff = time.time() - STALE_SECONDS
    try:
        for old in path.parent.glob(f".{glob.escape(path.stem[:40])}.*.tmp"):
            if old.stat().st_mtime < cutoff:
                old.unlink()
    except OSError:
        pass


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # the folder itself may be gone; nothing is left to clean then
        pass


def _explain(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: {path} was not written (the previous file, if any, is unchanged). Free some space."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return (f"{path} is locked or not writable — is it open in PowerPoint or Excel? Close it and try again, "
                "or choose another file name.")
    if exc.errno == errno.EROFS:
        return f"{path} is on a read-only disk. Choose another output folder."
    if exc.errno == errno.ENAMETOOLONG:
        return (f"The path {path} is too long ({len(str(path))} characters) for this system. "
                "Choose an output folder with a shorter path.")
    if exc.errno == errno.ENOENT:
        return f"The folder {path.parent} disappeared while {path.name} was written. Choose the output folder again."
    return f"Could not write {path}: {exc.strerror or exc}. The previous file, if any, is unchanged."
