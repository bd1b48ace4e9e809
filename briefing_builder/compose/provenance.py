"""Sources of deck text: ``"record-id:field"`` strings and the store values they name.

The planner marks each paragraph it takes from the store with its source (see
:class:`~compose.plan.Paragraph`); the deck keeps each source's value at export, and the
deck import reads the value now with :func:`field_value` for its three-way comparison.
Sub-points are one field, compared as a list of ``[level, text]`` (level 0 = directly
under the measure).
"""

from __future__ import annotations

from typing import Any

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import SubPoint


def split(source: str) -> tuple[str, str]:
    """``(record id, field)`` of a source."""
    record_id, _, name = source.rpartition(":")
    return record_id, name


def flat_points(points: list[SubPoint], level: int = 0) -> list[list[Any]]:
    """Sub-points as ``[level, text]`` in reading order."""
    out: list[list[Any]] = []
    for point in points:
        out.append([level, str(point.text)])
        out.extend(flat_points(point.sub_points, level + 1))
    return out


#: Fields holding a list of texts, compared and written as one list.
LIST_FIELDS = ("sub_points", "cooperation_areas")


#: Each record id → (the record, the id of the record whose file holds it).
RecordIndex = dict[str, tuple[Any, str]]


def record_index(catalog: Catalog) -> RecordIndex:
    """Areas, measures, country cards, consultations and their themes by id (build once per comparison)."""
    index: RecordIndex = {}
    for area in catalog.areas.values():
        index[area.id] = (area, area.id)
        index.update({measure.id: (measure, measure.id) for measure in area.measures})
    index.update({cid: (card, cid) for cid, card in catalog.countries.items()})
    for consultation in catalog.consultations.values():
        index[consultation.id] = (consultation, consultation.id)
        index.update({theme.id: (theme, consultation.id) for theme in consultation.themes})
    return index


def owner(index: RecordIndex, record_id: str) -> tuple[Any, str]:
    """The record with ``record_id`` and the id of the record whose file holds it (``(None, "")``)."""
    return index.get(record_id, (None, ""))


def record(index: RecordIndex, record_id: str) -> Any:
    """The record with ``record_id`` (an area, measure, country card, consultation or theme), or None."""
    return owner(index, record_id)[0]


def field_value(index: RecordIndex, source: str) -> Any:
    """The store's value of ``source`` now (markup text, lists as ``[level, text]`` pairs, None when gone).

    A field may be a path into the record: ``key_figures.2.label``.
    """
    record_id, name = split(source)
    value: Any = record(index, record_id)
    for part in name.split("."):
        if value is None:
            return None
        if part.isdigit():
            value = value[int(part)] if isinstance(value, list) and int(part) < len(value) else None
        else:
            value = getattr(value, part, None)
    if name == "sub_points":
        return flat_points(value or [])
    if name in LIST_FIELDS:
        return [[0, str(item)] for item in value or []]
    return None if value is None else str(value)


def plan_values(catalog: Catalog, sources: set[str]) -> dict[str, Any]:
    """Each source's value now (what an export keeps in the deck)."""
    index = record_index(catalog)
    return {source: field_value(index, source) for source in sorted(sources) if source}
