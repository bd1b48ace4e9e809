"""List edits (sub-points, cooperation areas): the store value a list now shown in the deck stands for,
and what the edit does, in words; items only moved (with the deeper items under them) are a
reorder ("sub-point 3 moved to 1"), applied by moving the store's items, which keep their text,
comments and sub-points."""

from __future__ import annotations

import difflib

from briefing_builder.deckimport.relink import has_links, relink


def list_value(old: list[str], new: list[str], raw: dict[str, str]) -> tuple[list[str], list[str]]:
    """The store value of a list the deck now shows as ``new`` (it showed ``old``; ``raw``: each shown
    item's store text): unchanged items keep their store text, a reworded item its links
    (:func:`.relink.relink`); and the reworded items whose links could not be kept."""
    value = [raw.get(text, text) for text in new]
    unplaced: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            stored = raw.get(old[i], old[i])
            if has_links(stored):
                kept = relink(stored, old[i], new[j])
                if kept is None:
                    unplaced.append(new[j])
                else:
                    value[j] = kept
    return value, unplaced



def describe_list(before: list[tuple[int, str]], after: list[tuple[int, str]], label: str) -> tuple[str, int]:
    """What a list edit does, in words ("sub-points 1 reworded, 1 added"), and how many items it drops
    (a reworded item, one in place of one, is not dropped)."""
    old, new = [t for _, t in before], [t for _, t in after]
    counts = {"reworded": 0, "added": 0, "removed": 0}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "replace":
            counts["reworded"] += min(i2 - i1, j2 - j1)
            counts["added"] += max(0, (j2 - j1) - (i2 - i1))
            counts["removed"] += max(0, (i2 - i1) - (j2 - j1))
        elif op == "insert":
            counts["added"] += j2 - j1
        elif op == "delete":
            counts["removed"] += i2 - i1
    moved = sorted(old) == sorted(new) and old != new
    if moved:
        counts = {"reworded": 0, "added": 0, "removed": 0}
    parts = [f"{n} {what}" for what, n in counts.items() if n]
    if not parts:
        parts.append("reordered" if moved else "levels changed")
    return f"{label} " + ", ".join(parts), counts["removed"]


Point = tuple[int, str]  # (level, markup) of one paragraph of a list


def _groups(points: list[Point]) -> list[tuple[Point, ...]]:
    """The list's top-level items, each with the deeper paragraphs under it."""
    base = min((level for level, _ in points), default=0)
    out: list[list[Point]] = []
    for point in points:
        if point[0] <= base or not out:
            out.append([point])
        else:
            out[-1].append(point)
    return [tuple(group) for group in out]


def reorder(before: list[Point], after: list[Point]) -> tuple[int, ...] | None:
    """The new order of a list's top-level items when the deck only moved them (``after`` has ``before``'s
    items, each with what is under it, in another order): ``order[i]`` is the position in ``before`` of
    the item now at ``i``; None when anything else changed (or nothing did)."""
    old, new = _groups(before), _groups(after)
    if old == new or sorted(old) != sorted(new):
        return None
    taken: set[int] = set()
    order: list[int] = []
    for group in new:
        position = next(i for i, item in enumerate(old) if item == group and i not in taken)
        taken.add(position)
        order.append(position)
    return tuple(order)


def moves(order: tuple[int, ...], label: str) -> str:
    """A reorder in words, naming only the items that moved (those off its longest run kept in order):
    "sub-point 3 moved to 1"."""
    kept = _longest_increasing(order)
    item = label[:-1] if label.endswith("s") else label
    return ", ".join(f"{item} {old + 1} moved to {new + 1}" for new, old in enumerate(order) if old not in kept)


def _longest_increasing(order: tuple[int, ...]) -> set[int]:
    """The values of the longest increasing subsequence of ``order`` (the items that kept their order)."""
    best: list[list[int]] = []  # the longest increasing run ending at each value so far
    for value in order:
        runs = [[*run, value] for run in best if run[-1] < value] + [[value]]
        best.append(sorted(runs, key=len)[-1])
    return set(sorted(best, key=len)[-1]) if best else set()
