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


def record(catalog: Catalog, record_id: str) -> Any:
    """The area or measure with ``record_id`` (None when the store has none)."""
    if record_id in catalog.areas:
        return catalog.areas[record_id]
    for area in catalog.areas.values():
        for measure in area.measures:
            if measure.id == record_id:
                return measure
    return None


def field_value(catalog: Catalog, source: str) -> Any:
    """The store's value of ``source`` now (markup text, sub-points as pairs, None when gone)."""
    record_id, name = split(source)
    found = record(catalog, record_id)
    if found is None:
        return None
    value = getattr(found, name, None)
    if name == "sub_points":
        return flat_points(value or [])
    return None if value is None else str(value)


def plan_values(catalog: Catalog, sources: set[str]) -> dict[str, Any]:
    """Each source's value now (what an export keeps in the deck)."""
    return {source: field_value(catalog, source) for source in sorted(sources) if source}
