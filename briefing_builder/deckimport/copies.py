"""Copies of one exported shape (a duplicated slide) edited differently: each copy's edit offered, one chosen.

A field that two copies changed to different texts gives one :class:`CopyEdit` per copy. None is
applied unasked ("Accept all" and a bare ``--apply`` leave them): the user takes one by naming its
copy, ``--accept ID:FIELD@slide N`` (the app's review lets one row of them be ticked). A field
only one copy changed — or that the copies changed alike — is an ordinary edit.
"""

from __future__ import annotations

from dataclasses import fields

from briefing_builder.annex.changes import FieldChange
from briefing_builder.deckimport.changes import CopyEdit, DeckChanges
from briefing_builder.deckimport.match import Placed, shape_texts


def other_versions(edited: list[Placed]) -> list[Placed]:
    """One copy of each way ``edited`` (the copies of a shape whose text changed) reads, the first excepted."""
    versions: dict[tuple[str, ...], Placed] = {}
    for placed in edited:
        versions.setdefault(tuple(shape_texts(placed[1])), placed)
    return list(versions.values())[1:]


Edits = list[FieldChange]


def copies_disagree(changes: DeckChanges, start: int, others: list[tuple[Edits, Edits]]) -> None:
    """Merge the edits read from a shape's first edited copy (``changes.edits[start:]``) with those read
    from its other versions (``others``: each version's edits and which of them drop sub-points): a
    field the copies changed alike is one edit, one they changed differently a :class:`CopyEdit` per copy."""
    first = changes.edits[start:]
    del changes.edits[start:]
    dropping = [e for e in changes.removals if any(e is f for f in first)]
    by_field: dict[tuple[str, str], list[FieldChange]] = {}
    for edits, _drops in [(first, dropping), *others]:
        for edit in edits:
            by_field.setdefault((edit.record_id, edit.field or edit.column), []).append(edit)
    drops = [e for _edits, found in others for e in found]
    for alternatives in by_field.values():
        if len({repr(e.value) for e in alternatives}) == 1:
            changes.edits.append(alternatives[0])
            if any(alternatives[0] is e for e in drops):
                changes.removals.append(alternatives[0])
            continue
        changes.removals[:] = [e for e in changes.removals if not any(e is a for a in alternatives)]
        where = tuple(e.where for e in alternatives)
        changes.edits.extend(CopyEdit(**{f.name: getattr(e, f.name) for f in fields(FieldChange)}, copies=where)
                             for e in alternatives)

