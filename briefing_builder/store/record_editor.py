"""Whole-record edits of a store's YAML files: replace, append, remove, create — keeping the rest.

The companion of :mod:`.writer` (which sets single fields): the app's library forms edit a
whole record at once. Every function here *computes* a :class:`FileChange` — the file's text
before and after — from the text the caller read when it opened the form; nothing is written
until :func:`apply_change`, which first checks that the file on disk still holds exactly
``before`` (else :class:`StoreConflict`: someone edited the file meanwhile, and their edit is
not overwritten). Undo is the reversed change, checked the same way.

Edits go through ruamel.yaml's round-trip mode (via :mod:`.writer`'s loader and line splice):
a value that did not change keeps its node, quoting, comments and position; a changed
scalar keeps the quoting of the one it replaces; a new key goes where the schema orders it
(never after a trailing blank line); new text is double-quoted as docs/store-format.md asks.
Only the lines that differ are spliced into the original text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from briefing_builder.store.loader import file_problems
from briefing_builder.store.localised import LocalText, base_key
from briefing_builder.store.schema import Status, SubPoint
from briefing_builder.store.writer import (
    StoreWriteError,
    atomic_write_text,
    dump_yaml,
    find_record,
    refuse_read_only,
    round_trip_yaml,
    splice_edits,
)
from briefing_builder.store.yaml_source import yaml_problem

#: Keys whose strings are ids, codes or enum values: written without quotes.
PLAIN_KEYS = frozenset({"id", "status", "iso_code", "area", "countries", "areas"})
#: Lists written in flow style (``[a, b]``) when new.
FLOW_KEYS = frozenset({"countries", "areas", "lead", "tags"})


class StoreConflict(StoreWriteError):
    """The file changed on disk since it was read; nothing was written."""


@dataclass(frozen=True)
class FileChange:
    """One store file's text before and after an edit (``None``: the file does not exist)."""

    path: Path
    before: str | None
    after: str | None

    def reversed(self) -> FileChange:
        """The change that undoes this one."""
        return FileChange(self.path, self.after, self.before)


def read_text(path: Path) -> str | None:
    """The exact text of ``path`` (no newline translation); ``None`` when it does not exist."""
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreWriteError(f"{path}: cannot be read ({exc}).") from None


def apply_change(change: FileChange) -> None:
    """Write ``change`` if the file still holds ``change.before``; else raise :class:`StoreConflict`."""
    path = change.path
    refuse_read_only(path)
    current = read_text(path)
    if current != change.before:
        what = "was created" if change.before is None else ("was deleted" if current is None else "was changed")
        raise StoreConflict(f"{path.name} {what} on disk after it was read; nothing was written. "
                            "Reload the store and make the edit again.")
    if change.after is not None:
        refuse_unreadable(path, change.before, change.after)
    if change.after is None:
        try:
            path.unlink()
        except OSError as exc:
            raise StoreWriteError(f"{path}: could not be deleted ({exc.strerror}).") from None
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, change.after)


def refuse_unreadable(path: Path, before: str | None, after: str) -> None:
    """Raise :class:`StoreWriteError` when ``after`` (the new text of ``path``) has an error the store's
    loader would report and ``before`` had not: the app never writes a file the loader rejects."""
    known = Counter(d.message for d in file_problems(path, before)) if before is not None else Counter()
    for problem in file_problems(path, after):
        if known[problem.message]:
            known[problem.message] -= 1
            continue
        raise StoreWriteError(f"{path.name}: this edit was not saved, because the file would no longer load "
                              f"(line {problem.line}: {problem.message}); nothing was written. "
                              "Undo the last change in the form and save again, or report the problem.")


# ---------------------------------------------------------------------------- model → YAML data


def _default(model: BaseModel, name: str) -> Any:
    return type(model).model_fields[name].get_default(call_default_factory=True)


def plain(value: Any) -> Any:
    """A record value as plain YAML data: defaults left out, enums as text, bare sub-points as strings,
    a text in several languages as its mapping of languages."""
    if isinstance(value, LocalText):
        return value.as_mapping()
    if isinstance(value, SubPoint) and not value.sub_points:
        return plain(value.text)
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields
                if getattr(value, name) != _default(value, name)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(old: Any, new: Any) -> bool:
    """True when the YAML node ``old`` already says what the plain data ``new`` says."""
    if isinstance(new, dict):
        return isinstance(old, dict) and set(old) == set(new) and all(_same(old[k], v) for k, v in new.items())
    if isinstance(new, list):
        if isinstance(old, str) and len(new) == 1:  # a single string is accepted as a one-item list
            return _same(old, new[0])
        return isinstance(old, list) and len(old) == len(new) and all(_same(o, n) for o, n in zip(old, new))
    if isinstance(old, dict):
        return isinstance(new, str) and set(old) - {"sub_points"} == {"text"} and not old.get("sub_points") \
            and _same(old["text"], new)
    if isinstance(old, list) or isinstance(old, bool) != isinstance(new, bool):
        return False
    if isinstance(new, (dt.date, int, float)) and not isinstance(new, bool) and isinstance(old, str):
        return False
    return old == new or (old is not None and new is not None and str(old) == str(new))


def _scalar(value: Any, key: str, like: Any = None) -> Any:
    if not isinstance(value, str):
        return value
    if isinstance(like, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    if isinstance(like, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    if like is not None and isinstance(like, str):
        return value  # plain stays plain where YAML allows it (ruamel quotes it when needed)
    if key == "status":
        return value if value in {s.value for s in Status} else DoubleQuotedScalarString(value)
    return value if key in PLAIN_KEYS or key in FLOW_KEYS else DoubleQuotedScalarString(value)


def _build(value: Any, key: str) -> Any:
    """New ruamel nodes for plain data ``value`` under ``key``."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _build(v, k)
        if key == "series":
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_build(v, key) for v in value)
        if key in FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    return _scalar(value, key)


# ---------------------------------------------------------------------------- merging into nodes


def _move_trailing_blank(node: CommentedMap, after: str, key: str) -> None:
    """Blank lines that followed ``after`` now follow the key inserted after it."""
    entry = node.ca.items.get(after)
    token = entry[2] if entry and len(entry) > 2 else None
    if not isinstance(token, CommentToken):
        return
    cut = token.value.find("\n")
    head, tail = token.value[:cut + 1], token.value[cut + 1:]
    if cut < 0 or not tail or tail.strip():
        return
    node.ca.items[key] = [None, None, CommentToken("\n" + tail, CommentMark(0), None), None]
    if head.strip():
        token.value = head
    else:
        del node.ca.items[after]


def _insert(node: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    keys = list(node)
    before = [k for k in order[:order.index(key)] if k in node] if key in order else keys
    pos = keys.index(before[-1]) + 1 if before else 0
    while pos == len(keys) and pos > 1 and isinstance(node[keys[pos - 1]], (list, dict)):
        pos -= 1  # not after a trailing block: its blank line would come first
    node.insert(pos, key, value)
    if pos:
        _move_trailing_blank(node, keys[pos - 1], key)


def merge(node: CommentedMap, record: BaseModel) -> None:
    """Make ``node`` say what ``record`` says, touching only what differs."""
    order = list(type(record).model_fields)
    for name in order:
        value = getattr(record, name)
        data = plain(value)
        if name in node:
            old = node[name]
            if _same(old, data):
                continue
            if value is None or value == []:
                del node[name]
            else:
                node[name] = _assign(old, value, name)
        elif value != _default(record, name):
            _insert(node, name, _build(data, name), order)


def _assign(old: Any, value: Any, key: str) -> Any:
    data = plain(value)
    if isinstance(value, LocalText) and isinstance(old, CommentedMap):  # each language in place
        for code in [code for code in old if code not in data]:
            del old[code]
        for code, text in data.items():
            if not _same(old.get(code), text):
                old[code] = _scalar(text, code, old.get(code))
        return old
    if isinstance(value, list) and isinstance(old, CommentedSeq):
        for index, item in enumerate(value):
            item_data = plain(item)
            if index >= len(old):
                old.append(_build(item_data, key))
            elif _same(old[index], item_data):
                continue
            elif isinstance(item, SubPoint) and isinstance(item.text, LocalText) and not item.sub_points \
                    and isinstance(old[index], CommentedMap) and base_key(old[index]) is not None:
                old[index] = _assign(old[index], item.text, key)  # a bare sub-point's languages in place
            elif isinstance(item, BaseModel) and isinstance(old[index], CommentedMap) and isinstance(item_data, dict) \
                    and base_key(old[index]) is None and base_key(item_data) is None:  # record into record
                merge(old[index], item)
            else:
                old[index] = _build(item_data, key) if isinstance(item_data, (dict, list)) else \
                    _scalar(item_data, key, old[index])
        del old[len(value):]
        return old
    if isinstance(value, BaseModel) and isinstance(old, CommentedMap) and isinstance(data, dict):
        merge(old, value)
        return old
    if isinstance(data, (dict, list)):
        return _build(data, key)
    return _scalar(data, key, old)


# ---------------------------------------------------------------------------- file-level edits


def _load(text: str, path: Path) -> tuple[Any, Any]:
    yaml = round_trip_yaml(text)
    try:
        return yaml, yaml.load(text)
    except YAMLError as exc:
        raise StoreWriteError((yaml_problem(text, path) or f"{path}: not valid YAML ({str(exc).splitlines()[0]})")
                              + "; fix it first.") from None


def _finish(path: Path, text: str, yaml: Any, baseline: str, doc: Any) -> FileChange:
    edited = dump_yaml(yaml, doc)
    while "\n\n\n" in edited and "\n\n\n" not in baseline:
        edited = edited.replace("\n\n\n", "\n\n")
    result = splice_edits(text, baseline, edited, path)
    if text.endswith("\n") and not text.endswith("\n\n"):
        result = result.rstrip("\n") + "\n"  # a removed last item leaves no blank lines at the end
    return FileChange(path, text, result)


def replace_record(path: Path, text: str, record_id: str, record: BaseModel) -> FileChange:
    """Change the record ``record_id`` in ``text`` (the file ``path``) to ``record``."""
    yaml, doc = _load(text, path)
    baseline = dump_yaml(yaml, doc)
    node = find_record(doc, record_id)
    if node is None:
        raise StoreWriteError(f"{path.name}: no record with id '{record_id}' any more; reload the store.")
    merge(node, record)
    return _finish(path, text, yaml, baseline, doc)


def _parent_seq(doc: Any, record_id: str) -> tuple[CommentedSeq, int] | None:
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.values() if isinstance(node, CommentedMap) else node if isinstance(node, CommentedSeq) else ()
        if isinstance(node, CommentedSeq):
            for index, item in enumerate(node):
                if isinstance(item, CommentedMap) and item.get("id") == record_id:
                    return node, index
        stack.extend(v for v in items if isinstance(v, (CommentedMap, CommentedSeq)))
    return None


def append_record(path: Path, text: str, list_key: str, record: BaseModel, parent_id: str | None = None,
                  position: int | None = None) -> FileChange:
    """Append ``record`` to the list ``list_key`` of the record ``parent_id`` (or of the file's top level);
    with ``position``, insert it before the item now at that position instead (0: first)."""
    yaml, doc = _load(text, path)
    baseline = dump_yaml(yaml, doc)
    owner = find_record(doc, parent_id) if parent_id else doc
    if not isinstance(owner, CommentedMap):
        raise StoreWriteError(f"{path.name}: no record with id '{parent_id}' any more; reload the store.")
    seq = owner.get(list_key)
    item = _build(plain(record), list_key)
    if isinstance(seq, CommentedSeq) and position is not None and 0 <= position < len(seq):
        return FileChange(path, text, _insert_item(text, yaml, seq, position, item, list_key))
    if isinstance(seq, CommentedSeq):
        spaced = len(seq) > 1 and _blank_before(text, seq, len(seq) - 1)
        seq.append(item)
        if spaced:
            seq.ca.items[len(seq) - 1] = [None, [CommentToken("\n", CommentMark(0), None)], None, None]
    else:
        owner[list_key] = CommentedSeq([item])
    return _finish(path, text, yaml, baseline, doc)


def _insert_item(text: str, yaml: Any, seq: CommentedSeq, position: int, item: Any, key: str) -> str:
    """``text`` with ``item`` written before ``seq[position]`` — before the comment lines that
    introduce that item, followed by a blank line when the list's items are spaced — and
    every other line as it was (line endings kept)."""
    lines = text.splitlines(keepends=True)
    line, column = seq.lc.item(position)
    dash = lines[line][:column].rstrip().rfind("-")
    start = line
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    spaced = start > 0 and not lines[start - 1].strip()
    newline = "\r\n" if "\r\n" in text else "\n"
    dumped = dump_yaml(yaml, CommentedMap([(key, CommentedSeq([item]))])).splitlines()[1:]
    shift = dash - dumped[0].find("-")
    body = [(" " * shift + row if shift >= 0 else row[-shift:]) + newline for row in dumped]
    return "".join(lines[:start] + body + ([newline] if spaced else []) + lines[start:])


def _blank_before(text: str, seq: CommentedSeq, index: int) -> bool:
    try:
        line = seq.lc.item(index)[0]
    except (AttributeError, KeyError, TypeError):
        return False
    lines = text.splitlines()
    return 0 < line <= len(lines) and not lines[line - 1].strip()


def remove_record(path: Path, text: str, record_id: str) -> FileChange:
    """Remove the list item whose id is ``record_id`` (a measure, milestone or theme)."""
    yaml, doc = _load(text, path)
    baseline = dump_yaml(yaml, doc)
    found = _parent_seq(doc, record_id)
    if found is None:
        raise StoreWriteError(f"{path.name}: no record with id '{record_id}' any more; reload the store.")
    seq, index = found
    del seq[index]
    return _finish(path, text, yaml, baseline, doc)


def new_record_file(path: Path, record: BaseModel, header: str = "") -> FileChange:
    """A new file holding ``record`` (a country card or consultation); refused if ``path`` exists."""
    if path.exists():
        raise StoreWriteError(f"{path.name} already exists; choose another id.")
    yaml = round_trip_yaml("")
    body = dump_yaml(yaml, _build(plain(record), ""))
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return FileChange(path, None, comment + ("\n" if comment else "") + body)


def remove_record_file(path: Path, text: str) -> FileChange:
    """Delete the file ``path`` (which holds ``text``)."""
    return FileChange(path, text, None)
