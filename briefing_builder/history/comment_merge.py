"""Merge the comment lines people write above YAML fields, so a sync loses neither side's.

Comments are not data: the record merge (:mod:`.record_merge`) compares values, so a comment
added on their side, or one added above the same field on both sides, would otherwise keep
only mine. Here every key line and list item of a file has an *anchor* — its path of keys
and record ids (``("measures", "#m-1", "text")``) — and the *comment block* above it: the
full-line comments directly over it, indented no deeper than it. Compared with the base:

* a block only they changed takes their lines;
* a block both changed keeps mine, then their lines mine does not have (nothing dropped);
* a block only I changed, or whose anchor is gone from the merged text, stays as it is.

The caller checks that the result reads as the same data as the merged text (a ``#`` line
can be inside a block scalar) and keeps the merged text when it does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from briefing_builder.store.writer import round_trip_yaml

Anchor = tuple[str, ...]


def _anchors(node: Any, path: Anchor = ()) -> Iterator[tuple[Anchor, int, int]]:
    """(anchor, line, column) of every key and list item under ``node``."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            line, column = node.lc.key(key)
            yield path + (str(key),), line, column
            yield from _anchors(value, path + (str(key),))
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            step = f"#{item['id']}" if isinstance(item, CommentedMap) and "id" in item else f"[{index}]"
            line, column = node.lc.item(index)
            yield path + (step,), line, column
            yield from _anchors(item, path + (step,))


def comment_blocks(text: str) -> dict[Anchor, tuple[int, list[str]]] | None:
    """Anchor → (its line, the comment lines directly above it); ``None`` for text ruamel cannot read."""
    try:
        doc = round_trip_yaml(text).load(text)
    except YAMLError:
        return None
    lines = text.splitlines()
    blocks: dict[Anchor, tuple[int, list[str]]] = {}
    used: set[int] = set()
    for anchor, line, column in _anchors(doc):
        if line in used or line >= len(lines):
            continue
        used.add(line)
        above = line
        while above > 0 and _is_comment(lines[above - 1], column):
            above -= 1
        blocks[anchor] = (line, lines[above:line])
    return blocks


def _is_comment(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) <= column


def merge_comments(base: str | None, merged: str, theirs: str) -> str:
    """``merged`` with the comment blocks they changed since ``base`` brought in (module doc)."""
    was = comment_blocks(base) if base is not None else {}
    now, their = comment_blocks(merged), comment_blocks(theirs)
    if was is None or now is None or their is None:
        return merged
    lines = merged.splitlines(keepends=True)
    replacements: list[tuple[int, int, list[str]]] = []
    for anchor, (_, their_block) in their.items():
        base_block = was.get(anchor, (0, []))[1]
        if their_block == base_block or anchor not in now:
            continue
        line, mine_block = now[anchor]
        if mine_block == their_block:
            continue
        new = their_block if mine_block == base_block else mine_block + [c for c in their_block if c not in mine_block]
        replacements.append((line - len(mine_block), line, new))
    for start, end, new in sorted(replacements, reverse=True):
        lines[start:end] = [c + "\n" for c in new]
    return "".join(lines)
