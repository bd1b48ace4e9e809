"""Child process for test_kill: a CLI build whose file writes are slowed down and announced.

Run as ``python -m tests.reliability.kill_child STORE OUT``. Each write prints ``WRITING
<name>`` and then writes the file in 40 flushed chunks, 5 ms apart, so that the parent can
kill the process while a file is half on disk; each completed replace prints ``REPLACED
<name>`` and pauses 0.2 s, so that a kill can land between the renames of a pair. Nothing
else is changed: the real :func:`write_together` does the work.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from briefing_builder.cli import REFERENCE_PACK, main

_real_fdopen, _real_replace = os.fdopen, os.replace


class _SlowFile:
    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        print("WRITING", flush=True)
        step = max(1, len(data) // 40)
        for start in range(0, len(data), step):
            self._handle.write(data[start: start + step])
            self._handle.flush()
            time.sleep(0.005)
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _SlowFile:
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._handle.__exit__(*exc)


def _fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
    return _SlowFile(_real_fdopen(fd, *args, **kwargs))


def _replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
    _real_replace(src, dst, *args, **kwargs)
    print(f"REPLACED {Path(os.fsdecode(dst)).name}", flush=True)
    time.sleep(0.2)


if __name__ == "__main__":
    os.fdopen = _fdopen  # type: ignore[assignment]
    os.replace = _replace  # type: ignore[assignment]
    print("STARTED", flush=True)
    sys.exit(main(["build", REFERENCE_PACK, "--store", sys.argv[1], "--out", sys.argv[2]]))
