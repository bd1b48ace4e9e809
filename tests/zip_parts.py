"""Read, rewrite and build OOXML packages in memory, the way a person or another tool edits a saved file.

The one place the tests copy a package with some parts changed, dropped or added: decks,
templates and workbooks alike. Every part not named keeps its bytes (and its zip entry's
compression and date).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from lxml import etree

BytesEdit = Callable[[bytes], bytes]
TextEdit = Callable[[str], str]
Package = bytes | Path


def _bytes(data: Package) -> bytes:
    return data.read_bytes() if isinstance(data, Path) else data


def parts_of(data: Package) -> dict[str, bytes]:
    """Every part of the package (bytes or a file), by name, in zip order."""
    with zipfile.ZipFile(io.BytesIO(_bytes(data))) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rewrite_package(data: Package, edits: Mapping[str, BytesEdit | None],
                    added: Iterable[tuple[str, bytes | str]] = ()) -> bytes:
    """``data`` with each part named in ``edits`` edited (``None`` drops it) and ``added`` appended.

    An added name may repeat an existing one: that makes the duplicate zip entry some damaged
    files have.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_bytes(data))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                edit = edits[info.filename]
                if edit is None:
                    continue
                content = edit(content)
            target.writestr(info, content)
        _add(target, added)
    return out.getvalue()


def rewrite_parts(data: Package, edits: Mapping[str, TextEdit | None],
                  added: Iterable[tuple[str, bytes | str]] = ()) -> bytes:
    """As :func:`rewrite_package`, each edit taking and giving the part as UTF-8 text."""
    return rewrite_package(data, {name: None if edit is None else _as_text(edit) for name, edit in edits.items()},
                           added)


def rewrite_file(source: Package, target: Path, edits: Mapping[str, BytesEdit | None],
                 added: Iterable[tuple[str, bytes | str]] = ()) -> Path:
    """:func:`rewrite_package` of ``source`` written to ``target`` (which may be ``source`` itself)."""
    target.write_bytes(rewrite_package(source, edits, added))
    return target


def xml_edit(edit: Callable[[etree._Element], None]) -> BytesEdit:
    """A part edit that changes the parsed XML in place and writes it back with its declaration."""
    def apply(content: bytes) -> bytes:
        root = etree.fromstring(content)
        edit(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return apply


def package(parts: Mapping[str, bytes | str], added: Iterable[tuple[str, bytes | str]] = (),
            compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip package made of ``parts`` (then ``added``, names possibly repeated), as a tool might write one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for name, content in parts.items():
            target.writestr(name, content)
        _add(target, added)
    return out.getvalue()


def _add(target: zipfile.ZipFile, added: Iterable[tuple[str, bytes | str]]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name" is wanted here
        for name, content in added:
            target.writestr(name, content)


def _as_text(edit: TextEdit) -> BytesEdit:
    return lambda content: edit(content.decode("utf-8")).encode("utf-8")
