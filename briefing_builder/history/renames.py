"""Recognise a store file renamed on one side of a sync: the same records, moved to a new file.

A person who renames ``countries/egypt.yaml`` to ``countries/eg.yaml`` leaves the records as they
were; git sees a file removed and another added. Merged file by file, an edit made on the other
side to the old file would then bring the old file back next to the new one (the same ids twice)
or be lost with it. :func:`renamed_files` pairs such files so that the sync can merge the other
side's edit into the renamed file instead.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from briefing_builder.history.record_merge import load_plain, records_of

#: At least this share of the records of both files must be the same for a rename.
SAME_RECORDS = 0.5


def record_ids(text: str) -> frozenset[str]:
    """The ids of the records a store file's text holds (none for text that is not YAML)."""
    try:
        return frozenset(rid for rid in records_of(load_plain(text)) if rid)
    except yaml.YAMLError:
        return frozenset()


def renamed_files(base: dict[str, bytes], side: dict[str, bytes], other: dict[str, bytes],
                  text_of: Callable[[bytes], str]) -> dict[str, str]:
    """Old path → new path for each file ``side`` renamed since ``base``: gone from ``side`` but
    still in ``other``, paired with a file new on ``side`` (in neither ``base`` nor ``other``) that
    holds mostly the same records. The maps give each path's blob id; ``text_of`` reads one."""
    gone = [path for path in base if path not in side and path in other]
    new = {path: record_ids(text_of(blob)) for path, blob in side.items() if path not in base and path not in other}
    pairs: dict[str, str] = {}
    for old in gone:
        was = record_ids(text_of(base[old]))
        best, score = None, SAME_RECORDS
        for path, ids in new.items():
            if path in pairs.values() or not (was or ids):
                continue
            overlap = len(was & ids) / len(was | ids) if was | ids else 0.0
            if side[path] == base[old] or overlap >= score:
                best, score = path, overlap
        if best is not None:
            pairs[old] = best
    return pairs
