"""Rewrite parts of an OOXML package in memory, the way a person or another tool edits a saved file."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable, Mapping

TextEdit = Callable[[str], str]


def rewrite_parts(data: bytes, edits: Mapping[str, TextEdit | None],
                  added: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """``data`` with each part in ``edits`` edited as UTF-8 text (``None`` drops it) and ``added`` appended.

    Every other part keeps its bytes. An added name may repeat an existing one: that makes the
    duplicate zip entry some damaged files have.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                edit = edits[info.filename]
                if edit is None:
                    continue
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name" is wanted here
            for name, content in added:
                target.writestr(name, content)
    return out.getvalue()
