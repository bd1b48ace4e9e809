"""The one atomic file write: a failure never leaves a half-written file over a good one.

:func:`atomic_write` (bytes) and :func:`atomic_write_text` (UTF-8 text) write to a temporary
file in the target's folder, flush and fsync it, rename it over the target and fsync the
folder, so that after a crash or power cut the target is either its previous content or the
complete new one. Temporary files a killed process could not remove are swept by the next
write into that folder once they are :data:`STALE_SECONDS` old. Used by the deck and annex
writers (through :mod:`briefing_builder.render.output`), the store writer and the app's
recovery files. Every failure is an :class:`OutputError` whose message names the file and
what to do; the :class:`OSError` behind it is its ``__cause__``.
"""

from __future__ import annotations

import errno
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from briefing_builder.errors import BriefingError

#: A temporary file this old is the remains of a killed write, not one in progress.
STALE_SECONDS = 15 * 60


class OutputError(BriefingError):
    """A file could not be written; the message says which and what to do."""


def atomic_write(path: Path, data: bytes, before_replace: Callable[[], None] | None = None,
                 create_folder: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`OutputError` with a clear message.

    The bytes go to a temporary file in the same folder, are flushed to the disk, and only
    then replace ``path``: whatever fails (a full disk, a write error, the process killed),
    ``path`` is either its previous content or the complete new one, and the temporary file
    is removed. ``before_replace`` runs just before the rename (it may raise to leave ``path``
    alone, e.g. when someone saved it meanwhile). A replaced file keeps its permissions; a
    new one gets the usual ``rw-r--r--`` (not the private mode of temporary files). With
    ``create_folder`` false, a missing folder is an error rather than made (a store folder
    that vanished must not come back holding one file).
    """
    path = Path(path)
    tmp = stage(path, data, create_folder)
    with removed_on_failure(tmp, path):
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    sync_folder(path.parent)
    sweep_stale(path)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, atomically (see :func:`atomic_write`)."""
    atomic_write(path, text.encode("utf-8"))


def refuse_unwritable(path: Path) -> None:
    """Raise :class:`OutputError` when ``path`` could not be written now: it is a folder, a read-only
    file, or in a folder that is not writable (a missing folder is made when written)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder, so the file cannot be written there; rename or move the folder, "
                          "or choose another output folder.")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path} is read-only. Make it writable or choose another file name.")
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise OutputError(f"Cannot create the folder {path.parent}: {folder} is a file. Choose another output folder.")
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder} cannot be written to, so {path.name} cannot be written; "
                          "choose another output folder.")


def stage(path: Path, data: bytes, create_folder: bool = True) -> Path:
    """``data`` in a complete, fsynced temporary file next to ``path`` (its folder made if asked); its name."""
    try:
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(explain(path, exc)) from exc
        raise OutputError(f"Cannot create the folder {path.parent}: {exc.strerror}. "
                          "Choose another output folder.") from exc
    try:
        previous = path.stat()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise OutputError(explain(path, exc)) from exc
    if previous is not None and not os.access(path, os.W_OK):
        raise OutputError(f"{path} is read-only. Make it writable or choose another file name.")
    try:
        # A short prefix: the temporary name must not be longer than the file's own.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(explain(path, exc)) from exc
    tmp = Path(tmp_name)
    with removed_on_failure(tmp, path), os.fdopen(fd, "wb") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), (previous.st_mode & 0o777) if previous is not None else 0o644)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return tmp


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (a rename into it) to the disk; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # Windows: a folder cannot be opened; NTFS journals the rename itself
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse to sync a folder; the file itself is synced
    finally:
        os.close(fd)


@contextmanager
def removed_on_failure(tmp: Path, path: Path) -> Iterator[None]:
    """Remove ``tmp`` if the block fails; an OS error becomes an :class:`OutputError` about ``path``."""
    try:
        yield
    except OSError as exc:
        discard(tmp)
        raise OutputError(explain(path, exc)) from exc
    except BaseException:
        discard(tmp)
        raise


def sweep_stale(path: Path) -> None:
    """Remove the temporary files a killed write (SIGKILL, power cut) left next to ``path``."""
    cutoff = time.time() - STALE_SECONDS
    try:
        for old in path.parent.glob(f".{glob.escape(path.stem[:40])}.*.tmp"):
            if old.stat().st_mtime < cutoff:
                old.unlink()
    except OSError:
        pass


def discard(tmp: Path) -> None:
    """Remove ``tmp`` if it is there; a folder that is gone leaves nothing to clean."""
    with suppress(OSError):
        tmp.unlink(missing_ok=True)


def explain(path: Path, exc: OSError) -> str:
    """What went wrong writing ``path``, and what to do, in the user's words."""
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
