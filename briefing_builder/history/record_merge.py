"""Merge one record file edited on both sides, record by record and field by field.

A store file holds records: the file's own mapping when it has an ``id`` (an area, a country
card, a pack — ``store.yaml`` counts as one record), and every mapping with an ``id`` in a list
of such mappings (an area's measures, ``milestones.yaml``'s milestones, a consultation's
themes). Compared with the common ancestor (*base*):

* a field changed on one side only takes that side's value;
* a field changed on both sides to different values is a :class:`Conflict` — the file keeps
  *mine* and the conflict names both values; nothing is written as conflict markers;
* a record added on their side is added to mine (after the record it follows there); one
  removed on their side and untouched here is removed; removed on one side and edited on the
  other is a conflict.

The result is written into *mine*'s text through the store writer's round-trip machinery
(comments, key order and quoting stay), and is refused — the whole file becoming one conflict
— when it no longer validates. Comment lines either side wrote above a field are kept, both
when both wrote one there (:mod:`.comment_merge`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

from briefing_builder.history.comment_merge import merge_comments
from briefing_builder.history.item_merge import ItemSteps, apply_steps, item_steps
from briefing_builder.store.errors import validation_diagnostics
from briefing_builder.store.loader import MILESTONES_FILE, RECORD_FOLDERS, STORE_FILE
from briefing_builder.store.schema import Milestone, StoreMeta
from briefing_builder.store.writer import StoreWriteError, dump_yaml, find_record, round_trip_yaml, splice_edits
from briefing_builder.store.yaml_source import YamlError, parse_yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WHOLE_FILE = "(whole file)"
WHOLE_RECORD = "(record)"
#: A field (or record) one side does not have.
ABSENT = object()


@dataclass(frozen=True)
class Conflict:
    """One field both sides changed (``field`` may be :data:`WHOLE_RECORD` or :data:`WHOLE_FILE`)."""

    path: str
    record: str
    field: str
    mine: str
    theirs: str
    base: str = ""  # the value both started from ("(absent)" when the field was not there)


@dataclass(frozen=True)
class FileMerge:
    """The merged text of one file and what could not be merged."""

    text: str
    conflicts: tuple[Conflict, ...]


def show(value: Any) -> str:
    """A field's value for people (``(absent)`` when the side has none): a list one item a line
    (``- …``), a mapping ``key: value`` joined by ``; ``, anything else as one line."""
    if value is ABSENT:
        return "(absent)"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value:
        return "\n".join(f"- {show(item)}" for item in value)
    if isinstance(value, dict) and value and not any(isinstance(v, (dict, list)) for v in value.values()):
        return "; ".join(f"{key}: {show(item)}" for key, item in value.items())
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.strip().removesuffix("...").strip()


def load_plain(text: str | None) -> Any:
    """YAML text as plain data (the C loader when there is one); ``None`` for no text."""
    if text is None:
        return None
    return yaml.load(text, Loader=_LOADER)


def records_of(doc: Any) -> dict[str, tuple[dict[str, Any], str | None]]:
    """Record id → (its fields without nested record lists, the id of its parent record)."""
    out: dict[str, tuple[dict[str, Any], str | None]] = {}

    def visit(node: dict[str, Any], rid: str, parent: str | None) -> None:
        fields = {}
        for key, value in node.items():
            if _is_record_list(value):
                for item in value:
                    visit(item, str(item["id"]), rid)
            else:
                fields[key] = value
        out[rid] = (fields, parent)

    if isinstance(doc, dict):
        visit(doc, str(doc.get("id", "")), None)
    return out


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "id" in i for i in value)


def newline_of(text: str) -> str:
    """The line ending a file written with Windows or Unix line breaks mostly uses."""
    return "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"


def merge_file(path: str, base: str | None, mine: str, theirs: str) -> FileMerge:
    """Merge ``theirs`` into ``mine`` (both descend from ``base``) — see the module doc. The
    texts are compared with LF line breaks; the result keeps the line endings of ``mine``."""
    newline = newline_of(mine)
    lf = [t.replace("\r\n", "\n") if t is not None else None for t in (base, mine, theirs)]
    merged = _merge_lf(path, lf[0], lf[1] or "", lf[2] or "")
    if newline == "\n":
        return merged
    return FileMerge(merged.text.replace("\n", newline) if merged.text != lf[1] else mine, merged.conflicts)


def _merge_lf(path: str, base: str | None, mine: str, theirs: str) -> FileMerge:
    try:
        b, m, t = records_of(load_plain(base)), records_of(load_plain(mine)), records_of(load_plain(theirs))
    except yaml.YAMLError:
        return _whole(path, mine, _which_side_broken(path, base, mine, theirs))
    conflicts: list[Conflict] = []
    sets: list[tuple[str, str, Any]] = []
    adds: list[str] = []
    removes: list[str] = []
    for rid in dict.fromkeys([*m, *t, *b]):
        in_b, in_m, in_t = rid in b, rid in m, rid in t
        if in_m and in_t:
            base_fields = b[rid][0] if in_b else {}
            for key in dict.fromkeys([*m[rid][0], *t[rid][0], *base_fields]):
                bv, mv, tv = (f.get(key, ABSENT) for f in (base_fields, m[rid][0], t[rid][0]))
                if tv in (mv, bv):
                    continue
                if mv == bv:
                    sets.append((rid, key, tv))
                    continue
                merged = item_steps(bv, mv, tv)  # both changed: different sub-points or figure fields still merge
                if merged is not None:
                    sets.append((rid, key, merged))
                else:
                    conflicts.append(Conflict(path, rid, key, show(mv), show(tv), show(bv)))
        elif in_t and not in_b:
            adds.append(rid)
        elif in_t and in_b and not in_m and t[rid][0] != b[rid][0]:
            conflicts.append(Conflict(path, rid, WHOLE_RECORD, "(removed here)", show(t[rid][0]), show(b[rid][0])))
        elif in_m and in_b and not in_t:
            if m[rid][0] == b[rid][0]:
                removes.append(rid)
            else:
                conflicts.append(Conflict(path, rid, WHOLE_RECORD, show(m[rid][0]), "(removed there)", show(b[rid][0])))
    if not (sets or adds or removes):
        return FileMerge(with_their_comments(base, mine, theirs), tuple(conflicts))
    try:
        text = apply_to_text(path, mine, theirs, sets, adds, removes)
    except StoreWriteError as exc:
        return _whole(path, mine, str(exc))
    problem = validation_problem(path, text)
    if problem:
        return _whole(path, mine, problem)
    return FileMerge(with_their_comments(base, text, theirs), tuple(conflicts))


def _which_side_broken(path: str, base: str | None, mine: str, theirs: str) -> str:
    """Which version of ``path`` is not valid YAML, with the line and the parser's problem."""
    for side, text in (("their", theirs), ("your", mine), ("the common earlier", base)):
        try:
            load_plain(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else path
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return f"{side} version is not valid YAML: {where}: {problem}"
    return f"{path} is not valid YAML on one side"


def with_their_comments(base: str | None, merged: str, theirs: str) -> str:
    """``merged`` with the comment lines they wrote above fields brought in (both sides' kept,
    :mod:`.comment_merge`) — only when that leaves the data exactly as merged."""
    commented = merge_comments(base, merged, theirs)
    if commented == merged:
        return merged
    try:
        return commented if load_plain(commented) == load_plain(merged) else merged
    except yaml.YAMLError:
        return merged


def _whole(path: str, mine: str, why: str) -> FileMerge:
    return FileMerge(mine, (Conflict(path, "", WHOLE_FILE, "your version (kept)", f"their version ({why})"),))


def apply_to_text(path: str, mine: str, theirs: str, sets: list[tuple[str, str, Any]], adds: list[str],
                  removes: list[str]) -> str:
    """``mine`` with the given fields set to their values, their new records added and
    records removed — through a round trip that keeps comments, key order and quoting."""
    yaml_rt = round_trip_yaml(mine)
    doc = yaml_rt.load(mine)
    baseline = dump_yaml(yaml_rt, doc)
    their_doc = round_trip_yaml(theirs).load(theirs)
    for rid, key, value in sets:
        node = _node(doc, rid)
        if value is ABSENT:
            node.pop(key, None)
        elif isinstance(value, ItemSteps):
            apply_steps(node[key], _node(their_doc, rid)[key], value)
        else:
            node[key] = _value_from(their_doc, rid, key, value)
            _take_comments(node, their_doc, rid, key)
    for rid in removes:
        _remove(doc, rid)
    for rid in adds:
        _insert(doc, their_doc, rid)
    return splice_edits(mine, baseline, dump_yaml(yaml_rt, doc), path)  # type: ignore[arg-type]


def _node(doc: Any, rid: str) -> CommentedMap:
    node = doc if rid == str(doc.get("id", "")) else find_record(doc, rid)
    if node is None:
        raise StoreWriteError(f"record '{rid}' not found")
    return node


def _take_comments(node: CommentedMap, their_doc: Any, rid: str, key: str) -> None:
    """Their comments around a field whose value is taken from them: the one on its line and
    after it, and the lines above it (kept on the field before, where ruamel holds them) when
    mine has none there."""
    try:
        theirs = _node(their_doc, rid)
    except StoreWriteError:
        return
    if theirs.ca.items.get(key) is not None:
        node.ca.items[key] = _line_comment_taken(node.ca.items.get(key), theirs.ca.items[key])
    keys = list(theirs)
    at = keys.index(key) if key in keys else -1
    if at > 0 and keys[at - 1] in node:
        their_holder, their_key = _comment_holder(theirs, keys[at - 1])
        my_holder, my_key = _comment_holder(node, keys[at - 1])
        comment = their_holder.ca.items.get(their_key)
        if comment is not None and my_holder.ca.items.get(my_key) is None:
            my_holder.ca.items[my_key] = comment
    elif at == 0 and theirs.ca.comment is not None and node.ca.comment is None:
        node.ca.comment = theirs.ca.comment


def _line_comment_taken(mine: list[Any] | None, theirs: list[Any]) -> list[Any]:
    """The comment slots of a field whose value is taken from them: their comment on the value's
    own line (mine when they have none), then *my* comment lines below it. ruamel keeps in one
    token the end-of-line comment and the full-line comments above the next field, and those
    lines belong to the next field, which is not taken."""
    their_token, my_token = theirs[2] if len(theirs) > 2 else None, mine[2] if mine and len(mine) > 2 else None
    if my_token is None or their_token is None:
        return list(theirs) if my_token is None else list(mine or theirs)
    their_line, _, _ = their_token.value.partition("\n")
    my_line, _, my_rest = my_token.value.partition("\n")
    line, mark = (their_line, their_token.start_mark) if their_line.strip() else (my_line, my_token.start_mark)
    slots = list(theirs)
    slots[2] = CommentToken(line + "\n" + my_rest, mark, None)
    return slots


def _comment_holder(container: Any, key: Any) -> tuple[Any, Any]:
    """Where ruamel keeps the lines after ``container[key]``: on the key itself for a plain value,
    on the last entry inside a nested mapping or list (``title: {en: …, fr: …}`` written as a block)."""
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        container, key = value, (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        value = container[key]
    return container, key


def _value_from(their_doc: Any, rid: str, key: str, fallback: Any) -> Any:
    """Their value as ruamel read it (keeps its quoting and flow style), else the plain value."""
    try:
        return _node(their_doc, rid)[key]
    except (StoreWriteError, KeyError):
        return fallback


def _parent_list(doc: Any, rid: str) -> CommentedSeq | None:
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            stack.extend(node.values())
        elif isinstance(node, CommentedSeq):
            if any(isinstance(i, CommentedMap) and str(i.get("id")) == rid for i in node):
                return node
            stack.extend(node)
    return None


def _remove(doc: Any, rid: str) -> None:
    seq = _parent_list(doc, rid)
    if seq is not None:
        for i, item in enumerate(seq):
            if isinstance(item, CommentedMap) and str(item.get("id")) == rid:
                del seq[i]
                return


def _insert(doc: Any, their_doc: Any, rid: str) -> None:
    theirs = _parent_list(their_doc, rid)
    if theirs is None:
        raise StoreWriteError(f"record '{rid}' has no list to go into")
    ids = [str(i.get("id")) for i in theirs if isinstance(i, CommentedMap)]
    item = theirs[ids.index(rid)]
    before = ids[:ids.index(rid)]
    target: CommentedSeq | None = None
    for sibling in reversed(before):
        target = _parent_list(doc, sibling)
        if target is not None:
            at = [str(i.get("id")) for i in target].index(sibling) + 1
            target.insert(at, item)
            return
    for sibling in ids:
        target = _parent_list(doc, sibling)
        if target is not None:
            target.insert(0, item)
            return
    raise StoreWriteError(f"record '{rid}': the list it belongs to is gone here")


def validation_problem(path: str, text: str) -> str | None:
    """Why ``text`` would not be a valid store file at ``path`` (``None`` when it is), with the
    first schema error located as ``validate`` shows it (file:line:column: error: message)."""
    try:
        data = load_plain(text)
    except yaml.YAMLError as exc:
        return f"not valid YAML ({str(exc).splitlines()[0]})"
    folder, _, name = path.rpartition("/")
    try:
        if not folder and name == STORE_FILE:
            checks: list[tuple[Any, type[BaseModel], tuple[Any, ...]]] = [(data, StoreMeta, ())]
        elif not folder and name == MILESTONES_FILE:
            checks = [(entry, Milestone, ("milestones", index))
                      for index, entry in enumerate((data or {}).get("milestones") or [])]
        elif folder in RECORD_FOLDERS:
            checks = [(data, RECORD_FOLDERS[folder], ())]
        else:
            checks = []
        for item, model, prefix in checks:
            try:
                model.model_validate(item)
            except ValidationError as exc:
                return f"the merged record does not validate: {_located(exc, path, text, prefix, model)}"
    except (AttributeError, TypeError) as exc:
        return f"the merged record does not validate ({exc})"
    return None


def _located(exc: ValidationError, path: str, text: str, prefix: tuple[Any, ...], model: type[BaseModel]) -> str:
    """The first error of ``exc`` as a located diagnostic line (and how many more there are)."""
    try:
        source = parse_yaml(text.encode("utf-8"), Path(path))
    except YamlError:
        return str(exc).splitlines()[0]
    found = validation_diagnostics(exc, source, prefix, model)
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return found[0].format() + more if found else str(exc).splitlines()[0]
