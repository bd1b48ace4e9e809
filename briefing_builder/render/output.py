"""Write output files safely and reproducibly.

* :func:`normalise_zip` rewrites an OOXML package with fixed entry dates and a stable
  entry order (``[Content_Types].xml`` first), so the same input gives the same bytes.
* :func:`atomic_write` writes next to the target and renames over it only when the whole
  file is on disk: a failure never leaves a half-written file over a good one.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class OutputError(Exception):
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
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), (previous.st_mode & 0o777) if previous is not None else 0o644)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(_explain(path, exc)) from exc
    except BaseException:
        _discard(tmp)
        raise
    _sweep_stale(path)


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
