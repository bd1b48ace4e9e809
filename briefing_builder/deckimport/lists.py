"""List edits (sub-points, cooperation areas): the store value a list now shown in the deck stands for,
and what the edit does, in words."""

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
