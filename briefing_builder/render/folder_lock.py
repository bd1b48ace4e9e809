"""One writer at a time in an output folder: an operating-system lock on a small file.

Two exports into the same folder (two app windows, the app and a script, a double click)
must not interleave their files. :class:`FolderLock` holds ``.briefing-builder.lock`` in the
folder with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows); the system releases it when
its process dies, so a killed export never blocks the next one. The file also carries the
journal of the writes under way (see :func:`briefing_builder.render.output.write_together`),
so that the next writer can undo what a killed one left half done. It is removed when the
lock is released.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from briefing_builder.errors import BriefingError, Location

LOCK_NAME = ".briefing-builder.lock"
#: How long a second export waits for the first one to finish writing its files.
WAIT_SECONDS = 60.0
_POLL_SECONDS = 0.05


class FolderBusy(BriefingError):
    """Another export kept the folder locked for longer than :data:`WAIT_SECONDS`."""


class FolderLock:
    """``with FolderLock(folder) as lock:`` — exclusive, between processes and threads."""

    def __init__(self, folder: Path, wait: float = WAIT_SECONDS) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        deadline = time.monotonic() + self.wait
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            if _try_lock(fd):
                if _same_file(fd, self.path):
                    self._fd = fd
                    return self
                _unlock(fd)  # the previous holder removed the file after we opened it
            os.close(fd)
            if time.monotonic() > deadline:
                raise FolderBusy("another export is writing into this folder right now",
                                 Location(self.path.parent),
                                 "Wait for it to finish and try again, or choose another output folder.")
            time.sleep(_POLL_SECONDS)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            _remove(self.path)  # while locked: a waiter then sees a new file and retries
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            _remove(self.path)  # fails harmlessly while another export holds the file open

    def read_journal(self) -> bytes:
        """What an earlier holder wrote and did not clear (it was killed half-way)."""
        assert self._fd is not None
        os.lseek(self._fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(self._fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)

    def write_journal(self, data: bytes) -> None:
        """Replace the journal with ``data`` and flush it to the disk."""
        assert self._fd is not None
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, data)
        os.fsync(self._fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
