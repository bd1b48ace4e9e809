"""Where library records go in a pack: plain Python, no Qt.

A measure whose priority area the pack already shows joins that area's section instead of
adding a second section of the same area (the agenda would list the area twice); one already
shown is reported, not added again. New content goes after the agenda when the selection is
the title or the agenda, and never after the closing slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_builder.pack.document import PackEditError, insert_sections, section_for_record
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import AreaSection, Pack, Section

LEADING = {"title", "agenda"}


@dataclass
class Addition:
    """What adding records does: the new pack, how many sections were inserted at ``index``, which
    existing sections took measures (their positions in the new pack) and the measures already shown."""

    pack: Pack
    index: int
    inserted: list[Section] = field(default_factory=list)
    joined: list[int] = field(default_factory=list)
    already: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the pack differs."""
        return bool(self.inserted or self.joined)


def content_position(pack: Pack, row: int) -> int:
    """Where new content goes with section ``row`` selected (-1: none): after it, but after the
    title and agenda at the start, and before a closing slide."""
    sections = pack.sections
    if row < 0 or row >= len(sections):
        end = len(sections)
        return end - 1 if sections and sections[-1].type == "closing" else end
    if sections[row].type == "closing":
        return row
    position = row + 1
    if sections[row].type in LEADING:
        while position < len(sections) and sections[position].type in LEADING:
            position += 1
    return position


def add_records(pack: Pack, records: list[tuple[str, str]], catalog: Catalog, index: int) -> Addition:
    """``pack`` with library ``records`` (kind, id) added at ``index``; measures join their area's
    section when the pack (or this addition) has one. Raises :class:`PackEditError` for a record
    the store no longer has."""
    sections = list(pack.sections)
    new: list[Section] = []
    joined: set[int] = set()
    already: list[str] = []
    for kind, record_id in records:
        if kind != "measure":
            new.append(section_for_record(kind, record_id, catalog))
            continue
        area_id = catalog.measure_area().get(record_id)
        if area_id is None:
            raise PackEditError(f"The measure '{record_id}' is no longer in the store.")
        shown = _area_sections(sections, area_id) + _area_sections(new, area_id)
        if not shown:
            new.append(section_for_record(kind, record_id, catalog))
            continue
        if any(s.measures is None or record_id in s.measures for s in (w[p] for w, p in shown)
               if isinstance(s, AreaSection)):
            already.append(record_id)
            continue
        where, position = shown[0]
        section = where[position]
        assert isinstance(section, AreaSection) and section.measures is not None
        where[position] = section.model_copy(update={"measures": [*section.measures, record_id]})  # the pack's order
        if where is sections:
            joined.add(position)
    index = max(0, min(index, len(sections)))
    after = insert_sections(pack.model_copy(update={"sections": sections}), index, new)
    shifted = sorted(p + len(new) if p >= index else p for p in joined)
    return Addition(after, index, new, shifted, already)


def _area_sections(sections: list[Section], area_id: str) -> list[tuple[list[Section], int]]:
    """(``sections``, position) of each section that shows area ``area_id``."""
    return [(sections, n) for n, s in enumerate(sections) if isinstance(s, AreaSection) and s.area == area_id]

