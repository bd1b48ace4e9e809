"""Write accepted edits back into a store's YAML files, keeping everything else as it was.

Edits go through ruamel.yaml's round-trip mode, which keeps comments, key order, flow
lists and — with ``preserve_quotes`` — each scalar's quoting; the file's indentation is
detected, and lines are never re-wrapped. A replaced value keeps the quoting of the value
it replaces; a new text key is double-quoted, as docs/store-format.md asks.

Some files ruamel cannot reproduce exactly even unedited (it writes ``key:`` for
``key: null``). So the original text is kept and only the lines that differ between the
unedited and the edited dump are spliced into it; if an edited line falls where the
unedited dump already differs from the file, the file is left alone and
:class:`StoreWriteError` says so. A file with no effective change is never written, and
writes are atomic (:func:`write_bytes_atomically`), so an interrupted write leaves the old
file; they keep the file's line endings and encoding and go through symbolic links.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import errno
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from briefing_builder import paths
from briefing_builder.errors import BriefingError, Do, Hint, Location
from briefing_builder.ooxml.atomic_files import OutputError, atomic_write
from briefing_builder.store.errors import error_message
from briefing_builder.store.localised import BASE_LANGUAGE, base_key
from briefing_builder.store.yaml_source import yaml_problem


@dataclass(frozen=True)
class Reorder:
    """A list's items put in a new order, each keeping its node (comments, nested items, translations):
    ``order[i]`` is the position, in the list as stored, of the item that goes to position ``i``."""

    order: tuple[int, ...]

    def applied(self, items: list[Any]) -> list[Any]:
        """``items`` in the new order; :class:`ValueError` when they are not the list this order is for."""
        if sorted(self.order) != list(range(len(items))):
            raise ValueError(f"the list has {len(items)} items, not the {len(self.order)} that were moved")
        return [items[i] for i in self.order]


#: A field's new value; a key figure's ``value`` may be a number; a list may be reordered.
FieldValue = str | list[str] | dt.date | int | float | Reorder | None
# Where a new key goes: after the first of these keys the record has (so it does not land
# after a trailing list, whose blank-line comments would then precede it).
_AFTER = ("text", "title", "name", "summary", "id")
_PLAIN_KEYS = {"status", "iso_code"}


class StoreWriteError(BriefingError):
    """A store file could not be edited; the message names it and says why."""


class StoreReadOnly(StoreWriteError):
    """The file is in the bundled sample store, which is part of the installation; nothing was written."""


def refuse_read_only(path: Path) -> None:
    """Raise :class:`StoreReadOnly` when ``path`` (a store, or a file in one) is in the bundled sample
    store — the one rule every write to a store goes through, whatever asked for it."""
    if not paths.is_sample_store(path):
        return
    bundled = paths.sample_store_dir()
    raise StoreReadOnly("the bundled sample store is part of the installation and read-only; nothing was written.",
                        Location(Path(path)),
                        Hint(f"Copy the folder {bundled} to a folder of your own and work on the copy.",
                             Do.COPY_STORE, (("store", str(bundled)),)))


@dataclass(frozen=True)
class FieldEdit:
    """Set ``field`` of the record with id ``record_id`` to ``value`` (``None`` removes it). A field may
    be a path into the record's lists: ``key_figures.2.value`` is the third key figure's value."""

    record_id: str
    field: str
    value: FieldValue
    #: For a text in several languages: the language the value is in (``None``: its base text).
    language: str | None = None
    #: The language of a plain text already there (the store's): with another ``language``, the
    #: field becomes a mapping of both, so neither text is lost.
    store_language: str = BASE_LANGUAGE


def round_trip_yaml(text: str) -> YAML:
    """A ruamel.yaml round-trip loader/dumper set up to reproduce ``text``'s own indentation
    and quoting (lines are never re-wrapped)."""
    try:
        _, indent, offset = load_yaml_guess_indent(text)
    except YAMLError:
        indent, offset = None, None
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=indent or 4, offset=offset if offset is not None else 2)
    return yaml


def dump_yaml(yaml: YAML, doc: Any) -> str:
    """``doc`` written back by ``yaml`` as text."""
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def find_record(doc: Any, record_id: str) -> CommentedMap | None:
    """The mapping whose ``id`` is ``record_id`` anywhere in ``doc`` (ids are unique in a store)."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            if node.get("id") == record_id:
                return node
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, CommentedSeq):
            stack.extend(reversed(list(node)))
    return None


def record_line(path: Path, record_id: str) -> int | None:
    """1-based line of the record ``record_id`` in ``path`` (``None`` when not found)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        node = find_record(round_trip_yaml(text).load(text), record_id)
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    return node.lc.line + 1 if node is not None else None


def _styled(old: Any, value: str, key: str) -> str:
    styled: str = value
    if isinstance(old, SingleQuotedScalarString):
        styled = SingleQuotedScalarString(value)
    elif isinstance(old, DoubleQuotedScalarString) or (old is None and key not in _PLAIN_KEYS):
        styled = DoubleQuotedScalarString(value)
    return styled


def _set(node: CommentedMap, key: str, value: FieldValue, language: str | None = None,
         store_language: str = BASE_LANGUAGE) -> bool:
    old = node.get(key)
    if isinstance(value, Reorder):
        return _reorder(old, value)
    if value is None:
        if key in node:
            del node[key]
            return True
        return False
    if isinstance(value, list):
        if isinstance(old, CommentedSeq):
            if [str(v) for v in old] == value:
                return False
            sample = old[0] if len(old) else None
            # What follows the list (a blank line, a comment) hangs on its last item: keep it there.
            trailing = old.ca.items.pop(len(old) - 1, None) if len(old) else None
            old[:] = [_styled(sample, v, key) for v in value]
            if trailing is not None and len(old):
                old.ca.items[len(old) - 1] = trailing
            return True
        new: Any = CommentedSeq(_styled(None, v, key) for v in value)
        new.fa.set_flow_style()
    elif isinstance(value, str):
        if isinstance(old, str) and str(old) == value:
            return False
        base = base_key(old) if isinstance(old, CommentedMap) else None
        if base is not None:  # a text in several languages: the edit is ``language``'s text (added if new)
            return _set(old, language or base, value)
        if isinstance(old, str) and language is not None and language != store_language:
            new = CommentedMap([(store_language, old), (language, _styled(None, value, language))])
        else:
            new = _styled(old, value, key)
    else:
        if old == value:
            return False
        new = value
    if key in node:
        node[key] = new
    else:
        keys = list(node)
        after = next((k for k in _AFTER if k in node), keys[-1] if keys else None)
        node.insert(keys.index(after) + 1 if after is not None else 0, key, new)
    return True


def _reorder(seq: Any, order: Reorder) -> bool:
    """Put the items of ``seq`` in ``order``: each keeps the comment at the end of its line, and the lines
    above it (comments, a blank line) stay above it; what follows the list stays at its end."""
    if not isinstance(seq, CommentedSeq):
        raise ValueError("it is no longer a list")
    items = order.applied(list(seq))
    if order.order == tuple(range(len(seq))):
        return False
    entries = {i: entry for i, entry in seq.ca.items.items() if entry and entry[0] is not None}

    def split(i: int) -> tuple[str, str]:  # (the item's own line end, with its comment; the lines after it)
        eol, _, after = entries[i][0].value.partition("\n") if i in entries else ("", "", "")
        return eol + "\n", after

    last = len(seq) - 1
    seq[:] = items
    seq.ca.items.clear()
    for new, old in enumerate(order.order):
        following = order.order[new + 1] if new < last else None
        after = split(last)[1] if following is None else split(following - 1)[1] if following > 0 else ""
        value = split(old)[0] + after
        if value == "\n":
            continue
        entry = list(entries.get(old) or [None, None, None, None])
        column = entry[0].column if entry[0] is not None else 0
        entry[0] = CommentToken(value, CommentMark(column), None)
        seq.ca.items[new] = entry
    return True


def _field_holder(node: CommentedMap, name: str, path: Path, record_id: str) -> tuple[CommentedMap, str]:
    """The mapping holding the last key of the field path ``name`` (``key_figures.0.value``), and that key."""
    *steps, key = name.split(".")
    holder: Any = node
    for step in steps:
        holder = holder.get(step) if isinstance(holder, CommentedMap) else \
            holder[int(step)] if isinstance(holder, CommentedSeq) and step.isdigit() and int(step) < len(holder) \
            else None
    if not isinstance(holder, CommentedMap):
        raise StoreWriteError(f"{path}: the record '{record_id}' has no {name} (its list changed?); nothing was "
                              "written — read the changes again.")
    return holder, key


def _with_field(data: dict[str, Any], name: str, value: FieldValue) -> dict[str, Any]:
    """``data`` (a record's plain data) with the field path ``name`` set to ``value`` (``None``: removed)."""
    *steps, key = name.split(".")
    holder: Any = data
    for step in steps:
        holder = holder[int(step)] if isinstance(holder, list) and step.isdigit() and int(step) < len(holder) \
            else holder.get(step) if isinstance(holder, dict) else None
    if isinstance(holder, dict) and isinstance(value, Reorder):
        holder[key] = value.applied(list(holder.get(key) or []))
    elif isinstance(holder, dict):
        if value is None:
            holder.pop(key, None)
        else:
            holder[key] = value
    return data


def splice_edits(original: str, baseline: str, edited: str, path: Path) -> str:
    """Apply the baseline→edited line changes to ``original`` (see module doc)."""
    if baseline == original:
        return edited
    orig, base, new = original.splitlines(True), baseline.splitlines(True), edited.splitlines(True)
    same = difflib.SequenceMatcher(None, orig, base, autojunk=False)
    to_orig: dict[int, int] = {}
    for block in same.get_matching_blocks():
        for k in range(block.size):
            to_orig[block.b + k] = block.a + k
    out: list[str] = []
    cursor = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        span = [to_orig[i] for i in range(i1, i2) if i in to_orig]
        if len(span) < i2 - i1:
            raise StoreWriteError(f"{path}: the edit touches lines the YAML library cannot reproduce exactly; "
                                  "the file was left unchanged — make this edit by hand.")
        # an insertion goes after the original of the line before it; a change starts at its first line
        at = span[0] if span else (to_orig.get(i1 - 1, -1) + 1 if i1 else 0)
        out.extend(orig[cursor:at])
        out.extend(new[j1:j2])
        cursor = at + (i2 - i1)
    out.extend(orig[cursor:])
    return "".join(out)


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (``""`` when it cannot be read): the version a change set was made from."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def check_edit(path: Path, edit: FieldEdit, record: BaseModel | None) -> str:
    """Why the store's schema refuses ``record`` with ``edit`` applied (``""`` when it accepts it)."""
    if record is None:
        return ""
    try:
        data = _with_field(record.model_dump(), edit.field, edit.value)
    except ValueError as exc:  # a reorder of a list that changed since
        return f"the {edit.field} cannot be reordered ({exc}); read the changes again"
    try:
        type(record).model_validate(data)
    except ValidationError as exc:
        first = dict(exc.errors(include_url=False)[0])
        if not first.get("loc"):
            first["loc"] = (edit.field,)
        return f"the store's schema refuses it ({error_message(first, type(record))}); this edit is not written"
    return ""


@dataclass(frozen=True)
class TextFile:
    """A text file's content with LF line breaks, and how to write it back the same way."""

    text: str
    newline: str = "\n"
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """``text`` (LF line breaks) in the file's own line endings, encoding and byte-order mark."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_text_file(path: Path) -> TextFile:
    """Read ``path`` keeping what writing it back needs (line endings, encoding, BOM)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise StoreWriteError(f"{path}: cannot be read ({exc.strerror}).") from None
    bom, encoding = b"", "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    try:
        text = data[len(bom):].decode(encoding)
    except UnicodeDecodeError as exc:
        raise StoreWriteError(f"{path}: cannot be read ({exc}); save it as UTF-8.") from None
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    return TextFile(text.replace("\r\n", "\n"), newline, encoding, bom)


def apply_edits(path: Path, edits: list[FieldEdit], expected_hash: str | None = None) -> bool:
    """Apply ``edits`` to the YAML file ``path``; True when the file was rewritten.

    The file keeps its line endings, encoding and byte-order mark, and a symbolic link is
    written through (its target gets the edit). With ``expected_hash``, the file must still
    have that SHA-256 when read and when replaced; else nothing is written. Raises
    :class:`StoreWriteError` for an unreadable or changed file or a record it does not hold.
    """
    path = Path(path)
    refuse_read_only(path)
    if expected_hash is not None and file_hash(path) != expected_hash:
        raise StoreWriteError(f"{path}: changed since the edits were computed (someone saved it meanwhile); "
                              "nothing was written — read the changes again.")
    source = read_text_file(path)
    original = source.text
    yaml = round_trip_yaml(original)
    try:
        doc = yaml.load(original)
    except YAMLError as exc:
        raise StoreWriteError((yaml_problem(original, path) or f"{path}: not valid YAML ({str(exc).splitlines()[0]})")
                              + "; fix it first.") from None
    baseline = dump_yaml(yaml, doc)
    changed = False
    for edit in edits:
        node = find_record(doc, edit.record_id)
        if node is None:
            raise StoreWriteError(f"{path}: no record with id '{edit.record_id}'; was it moved or renamed?")
        holder, key = _field_holder(node, edit.field, path, edit.record_id)
        try:
            changed |= _set(holder, key, edit.value, edit.language, edit.store_language)
        except ValueError as exc:  # a reorder of a list that changed meanwhile
            raise StoreWriteError(f"{path}: the {edit.field} of '{edit.record_id}' cannot be reordered ({exc}); "
                                  "nothing was written — read the changes again.") from None
    if not changed:
        return False
    text = splice_edits(original, baseline, dump_yaml(yaml, doc), path)
    if text == original:
        return False
    write_bytes_atomically(path, source.encode(text), expected_hash)
    return True


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, as given) to ``path`` atomically (see :func:`write_bytes_atomically`)."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes, expected_hash: str | None = None) -> None:
    """Write ``data`` to ``path`` with the one atomic write (:func:`~briefing_builder.ooxml.atomic_files.atomic_write`).

    A symbolic link is followed: its target is replaced, the link stays. With
    ``expected_hash``, the target is checked once more just before the rename and left
    alone if someone saved it meanwhile. Any failure raises :class:`StoreWriteError` and
    leaves the previous file as it was, with no temporary file behind; a file in the bundled
    sample store is never written (:class:`StoreReadOnly`).
    """
    path = Path(os.path.realpath(path))
    refuse_read_only(path)

    def still_as_read() -> None:
        if expected_hash is not None and file_hash(path) != expected_hash:
            raise StoreWriteError(f"{path}: someone saved it while the edits were being written; nothing was "
                                  "written — read the changes again.")

    try:
        atomic_write(path, data, before_replace=still_as_read, create_folder=False)
    except OutputError as exc:
        cause = exc.__cause__
        if not isinstance(cause, OSError):  # refused before writing: the file is marked read-only
            raise StoreWriteError(f"{path}: the file is read-only, so nothing was written; make it writable "
                                  "and try again. The file is unchanged.") from None
        reason = "the disk is full" if cause.errno in (errno.ENOSPC, errno.EDQUOT) else cause.strerror or str(cause)
        raise StoreWriteError(f"{path}: could not be written ({reason}); is the store folder still there and "
                              "writable? The file is unchanged.") from None
