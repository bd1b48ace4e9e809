"""Merge one field's list (or mapping) edited on both sides, item by item.

A measure's sub-points and a country card's key figures are lists: two people editing
*different* sub-points, or different fields of one key figure, have not changed the same
thing. :func:`item_steps` compares the three versions of such a value element by element (and
key by key inside a mapping) and returns the steps that bring their edits into mine — each the
path of a part to take from theirs — or ``None`` when both changed the same part, or the lists
changed length in a way that cannot be paired (an item removed on one side).
Items both sides appended are all kept, mine first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_ABSENT = object()


@dataclass(frozen=True)
class Step:
    """Take their part at ``path`` (keys and indexes inside the field's value): ``set`` it,
    ``delete`` it (a mapping key they removed), or ``append`` their list item at that index."""

    path: tuple[Any, ...]
    kind: str


@dataclass(frozen=True)
class ItemSteps:
    """A field merged item by item: the steps that bring their edits into mine."""

    steps: tuple[Step, ...]


def item_steps(base: Any, mine: Any, theirs: Any) -> ItemSteps | None:
    """The steps merging ``theirs`` into ``mine`` (both from ``base``); ``None`` when they cannot
    be merged item by item (a conflict)."""
    steps: list[Step] = []
    return ItemSteps(tuple(steps)) if _merge(base, mine, theirs, (), steps) else None


def _merge(base: Any, mine: Any, theirs: Any, path: tuple[Any, ...], steps: list[Step]) -> bool:
    """Add to ``steps`` what brings their edit at ``path`` into mine; False when both edited one part."""
    if theirs in (mine, base):
        return True
    if mine == base:
        steps.append(Step(path, "delete" if theirs is _ABSENT else "set"))
        return True
    if path and (mine is _ABSENT or theirs is _ABSENT):
        return False
    if all(isinstance(v, dict) for v in (base, mine, theirs)):
        for key in dict.fromkeys([*mine, *theirs, *base]):
            if key not in mine and key not in base:
                steps.append(Step((*path, key), "set"))
            elif not _merge(base.get(key, _ABSENT), mine.get(key, _ABSENT), theirs.get(key, _ABSENT),
                            (*path, key), steps):
                return False
        return True
    if all(isinstance(v, list) for v in (base, mine, theirs)) and len(mine) >= len(base) <= len(theirs):
        if not all(_merge(base[index], mine[index], theirs[index], (*path, index), steps)
                   for index in range(len(base))):
            return False
        steps.extend(Step((*path, index), "append") for index in range(len(base), len(theirs))
                     if theirs[index] not in mine[len(base):])
        return True
    return False


def apply_steps(mine: Any, theirs: Any, merged: ItemSteps) -> None:
    """Bring their parts named by ``merged`` into ``mine`` (ruamel nodes: their quoting and
    style come along)."""
    for step in merged.steps:
        target, source = mine, theirs
        for part in step.path[:-1]:
            target, source = target[part], source[part]
        last = step.path[-1]
        if step.kind == "append":
            target.append(source[last])
            _move_trailing_comment(target)
        elif step.kind == "delete":
            del target[last]
        else:
            target[last] = source[last]


def _move_trailing_comment(seq: Any) -> None:
    """The lines after a list's last item (a blank line, a comment: ruamel keeps them on that
    item) stay after the list when an item is appended."""
    comments = getattr(getattr(seq, "ca", None), "items", None)
    if comments is not None and len(seq) > 1 and len(seq) - 2 in comments:
        comments[len(seq) - 1] = comments.pop(len(seq) - 2)
