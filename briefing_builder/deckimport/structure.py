"""New and removed records read from a deck: offered one by one, never applied unasked.

A paragraph typed in PowerPoint at a measure's level is offered as a **new measure** of that
measure's area, right after it (its deeper paragraphs as its sub-points); a new text box on an
area's slide as new measures at the end of what that slide shows; a new slide, or a text box on
any other slide, as a **new free-text section** of the pack, after the section the slide
follows. A measure whose text was deleted in the deck is offered as a **removal** from the
library. Each says where it would go (area, after which measure, which file, which section of
the pack) and is applied only when accepted — ticked in the app, or named with ``--accept``
(``new:N``, ``remove:ID``); so is the pack's own text edited on a slide (``pack:N:FIELD``,
``pack:meeting:FIELD``); see :mod:`.apply` for the writing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from briefing_builder.compose.provenance import RecordIndex, owner, record
from briefing_builder.markup import parse_markup, to_markup
from briefing_builder.render.deck_provenance import normalise
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import localised_pack
from briefing_builder.store.localised import LocalText
from briefing_builder.store.schema import AreaSection, Meeting, Pack, SubPoint

Point = tuple[int, str]  # (level, markup) of one paragraph read from the deck


class Kind(StrEnum):
    """What a structural change does to the library."""

    NEW_MEASURE = "new measure"
    NEW_SECTION = "new section"
    REMOVE_MEASURE = "remove measure"
    PACK_TEXT = "pack text"
    MEETING_TEXT = "meeting text"


@dataclass
class StructureChange:
    """One record (or pack section) the deck adds or removes, and where it goes."""

    kind: Kind
    ref: str  # what ``--accept`` names: new:N, remove:ID, pack:N:FIELD or pack:meeting:FIELD
    where: str  # slide N of the deck
    text: str  # the new text (markup) or the removed measure's text; a section's title
    points: list[Point] = field(default_factory=list)  # a new measure's sub-points, a section's bullets
    record_id: str = ""  # the new or removed measure's id
    area_id: str = ""
    after_id: str | None = None  # a new measure goes after this measure (None: first; "" : last)
    before_id: str | None = None  # … and before this one (typed above it): where it joins the pack's list
    pack_id: str = ""
    section: int = -1  # the pack section (0-based) a measure shows in, or a new section follows
    place: str = ""  # where it goes, for people
    path: Path | None = None  # the record file written (the pack file for a new section)
    pack_path: Path | None = None  # the pack file (its list of measures follows a new or removed measure)
    reason: str = ""  # why it cannot be applied ("" = it can)
    present: bool = False  # the store already has it (an import applied before): not offered

    @property
    def applicable(self) -> bool:
        """True when this change can be written (if accepted)."""
        return not self.reason and self.path is not None

    @property
    def removal(self) -> bool:
        """True when the change deletes something from the library."""
        return self.kind is Kind.REMOVE_MEASURE

    def named_by(self, spec: str) -> bool:
        """True when ``--accept``/``--reject`` ``spec`` names this change (its ref, or a removed measure's id)."""
        spec = spec.strip()
        return spec == self.ref or (self.removal and spec == self.record_id)

    def meeting_value(self) -> str | dt.date | None:
        """The value a meeting-field change (``pack:meeting:FIELD``) writes: a date for the date, None for
        an emptied optional field, else the text."""
        return dt.date.fromisoformat(self.text) if self.record_id == "date" else self.text or None

    def summary(self) -> str:
        """One line: what, where it goes."""
        points = "".join(f" | {'  ' * level}{text}" for level, text in self.points)
        return f"{self.kind.value} ({self.where}) “{self.text}”{points} — {self.place}"


_WORD = re.compile(r"[a-z0-9]+")
TITLE_CHARS = 500  # a section title's limit in the schema


def _read(stored: str) -> str:
    """A store text as a deck's paragraph reads (markup and spaces normalised)."""
    return normalise(to_markup(parse_markup(stored)))


def _same(stored: str, read: str) -> bool:
    """True when a store text says what a deck's paragraph says."""
    return _read(stored) == normalise(read)


def new_id(text: str, taken: set[str]) -> str:
    """A slug for a new measure from its first words, not one of ``taken`` (ids are unique in a store)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = _WORD.findall(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ascii_text))
    base = "-".join(words[:5])[:60].strip("-") or "new-measure"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def as_sub_points(points: list[Point]) -> list[SubPoint]:
    """Paragraphs (level, markup) as nested sub-points: deeper levels under the one before."""
    out: list[SubPoint] = []
    if not points:
        return out
    base = min(level for level, _ in points)
    groups: list[tuple[str, list[Point]]] = []
    for level, text in points:
        if level <= base or not groups:
            groups.append((text, []))
        else:
            groups[-1][1].append((level, text))
    return [SubPoint(text=text, sub_points=as_sub_points(children)) for text, children in groups]


def missing(catalog: Catalog, what: str) -> str:
    """Why ``what`` (a record named in words: "'tunisia'", "the area 'x'") is not in ``catalog``: a file
    of the store that does not parse (it could be there), else it is no longer in the store."""
    broken = [d for d in catalog.errors if d.message.startswith("YAML syntax error")]
    if broken:
        where = "; ".join(f"{d.path.name}:{d.line}" for d in broken)
        return f"{what} cannot be read: {where}: YAML syntax error — fix it first, then run the import again"
    return f"{what} is no longer in the store"


def area_section(pack: Pack | None, area_id: str) -> int:
    """The index of the pack's first section showing area ``area_id`` (-1: none)."""
    for number, section in enumerate(pack.sections if pack else []):
        if isinstance(section, AreaSection) and section.area == area_id:
            return number
    return -1


class Planner:
    """Makes the structural changes of one import (numbering them, giving new measures free ids)."""

    def __init__(self, catalog: Catalog, index: RecordIndex, pack_id: str) -> None:
        self.catalog = catalog
        self.index = index
        self.pack = catalog.packs.get(pack_id)
        self.pack_id = pack_id
        self.taken = set(index)
        self.changes: list[StructureChange] = []
        self._moved: dict[str, str] = {}  # a moved measure's text → what to tell
        self.area_of = {m.id: a.id for a in catalog.areas.values() for m in a.measures}
        #: Every measure's text as a deck reads it: a paragraph saying one of them was copied or moved.
        self.measure_texts = {_read(m.text) for a in catalog.areas.values() for m in a.measures}

    @cached_property
    def meeting(self) -> Meeting | None:
        """The pack's meeting as the deck shows it (its texts in the pack's language), read once."""
        return localised_pack(self.pack).meeting if self.pack is not None else None

    def _add(self, change: StructureChange) -> StructureChange:
        change.pack_path = self.catalog.pack_path(self.pack_id)
        if "](#" in change.text and not change.reason:
            change.reason = "the text has a cross-reference; add it in the library, where its target can be checked"
        self.changes.append(change)
        return change

    def pasted(self, where: str, text: str) -> None:
        """A paragraph saying what a measure of the library says, where no record was written."""
        self._moved.setdefault(normalise(text), f"{where}: a measure of the library was pasted or moved here: "
                                                f"“{text}” (the library is not changed)")

    @property
    def moved(self) -> list[str]:
        """Measures moved or pasted within the deck, one line each."""
        return list(self._moved.values())

    def finished(self, deck_texts: set[str]) -> list[StructureChange]:
        """The changes to offer, new ones numbered ``new:1``, ``new:2``…: not those the store already
        has, nor the removal of a measure whose text is still in the deck (``deck_texts``: it moved)."""
        for change in self.changes:
            if change.removal and normalise(change.text) in deck_texts:
                change.present = True
                self._moved[normalise(change.text)] = (
                    f"{change.where}: the measure '{change.record_id}' moved within the deck (the library's "
                    "order is kept; change the order in the pack or the library)")
        offered = [c for c in self.changes if not c.present]
        for number, change in enumerate((c for c in offered if c.kind in (Kind.NEW_MEASURE, Kind.NEW_SECTION)),
                                        start=1):
            change.ref = f"new:{number}"
        return offered

    def _file(self, record_id: str) -> Path | None:
        origin = self.catalog.origins.get(owner(self.index, record_id)[1])
        return origin.path if origin is not None else None

    def new_measure(self, where: str, text: str, area_id: str, after_id: str | None,
                    before_id: str | None = None) -> StructureChange:
        """A new measure of ``area_id`` after ``after_id`` (None: first, "": last), typed above ``before_id``."""
        area = record(self.index, area_id)
        measure_id = new_id(text, self.taken)
        section = area_section(self.pack, area_id)
        title = getattr(area, "title", area_id)
        spot = "first" if after_id is None else "last" if after_id == "" else f"after “{after_id}”"
        path = self._file(area_id)
        place = (f"a new measure '{measure_id}' in the area “{title}”, {spot}"
                 + (f" ({path.name})" if path else "")
                 + (f"; shown in section {section + 1} of the pack" if section >= 0 else ""))
        change = StructureChange(Kind.NEW_MEASURE, "", where, text, record_id=measure_id, area_id=area_id,
                                 after_id=after_id, before_id=before_id, pack_id=self.pack_id, section=section,
                                 place=place, path=path)
        if path is None:
            change.reason = missing(self.catalog, f"the area '{area_id}'")
        change.present = normalise(text) in self.measure_texts
        return self._add(change)

    def new_section(self, where: str, title: str, points: list[Point], after: int) -> StructureChange:
        """A new free-text section of the pack, after its section ``after`` (0-based; -1: first)."""
        path = self.catalog.pack_path(self.pack_id)
        sections = self.pack.sections if self.pack else []
        follows = sections[after] if 0 <= after < len(sections) else None
        name = getattr(follows, "title", None) or getattr(follows, "area", None) or getattr(follows, "country", None)
        spot = (f"after section {after + 1} ({follows.type}" + (f" “{name}”" if name else "") + ")"
                if follows is not None else "first")
        place = f"a new free-text slide in the pack '{self.pack_id}', {spot}" + (f" ({path.name})" if path else "")
        change = StructureChange(Kind.NEW_SECTION, "", where, title, list(points), pack_id=self.pack_id,
                                 section=after, place=place, path=path)
        if path is None or self.pack is None:
            change.reason = missing(self.catalog, f"the pack '{self.pack_id}'")
        elif len(title) > TITLE_CHARS:
            change.reason = f"the slide's title is longer than {TITLE_CHARS} characters; shorten it in the deck"
        change.present = any(getattr(s, "type", "") == "text" and _same(getattr(s, "title", ""), title)
                             for s in sections)
        return self._add(change)

    def pack_text(self, where: str, section: int, name: str, old: str, new: str | None) -> StructureChange:
        """The pack's own text (field ``name`` of its section ``section``, 0-based) now ``new`` in the deck
        (None: deleted there); written to the pack file when accepted as ``pack:N:FIELD``."""
        path = self.catalog.pack_path(self.pack_id)
        change = StructureChange(Kind.PACK_TEXT, f"pack:{section + 1}:{name}", where, new or "",
                                 record_id=name, pack_id=self.pack_id, section=section, path=path,
                                 place=f"the pack's own text: section {section + 1} · {name} (was “{old}”)"
                                       + (f" in {path.name}" if path else ""))
        stored = getattr(self.pack.sections[section], name, None) if self.pack else None
        if path is None or self.pack is None:
            change.reason = missing(self.catalog, f"the pack '{self.pack_id}'")
        elif new is None:
            change.reason = "deleted in the deck; a pack's text is not removed from here (edit the pack)"
        elif not isinstance(stored, str) or to_markup(parse_markup(stored)) != stored or "*" in stored:
            change.reason = "the pack's text has formatting the slide does not show; edit it in the pack"
        elif name == "title" and len(new) > TITLE_CHARS:
            change.reason = f"longer than {TITLE_CHARS} characters; shorten it in the deck"
        return self._add(change)

    def meeting_text(self, where: str, name: str, old: str, new: str, reason: str = "") -> StructureChange:
        """The pack's meeting field ``name`` (shown on the title slide as ``old``) now ``new`` in the deck;
        written to the pack file when accepted as ``pack:meeting:FIELD``; not when ``reason`` says why."""
        path = self.catalog.pack_path(self.pack_id)
        place = f"the pack's meeting: {name} (was “{old}”)" + (f" in {path.name}" if path else "")
        change = StructureChange(Kind.MEETING_TEXT, f"pack:meeting:{name}", where, new, record_id=name,
                                 pack_id=self.pack_id, path=path, place=place)
        stored = getattr(self.pack.meeting, name, None) if self.pack else None
        if path is None or self.pack is None:
            change.reason = missing(self.catalog, f"the pack '{self.pack_id}'")
        elif isinstance(stored, LocalText):
            change.reason = f"the pack's meeting {name} is written in several languages; edit it in the pack"
        elif not new and name in ("title", "body"):
            change.reason = f"the meeting's {name} cannot be empty"
        change.reason = change.reason or reason
        return self._add(change)

    def remove_measure(self, where: str, measure_id: str, text: str, changed: bool = False) -> StructureChange:
        """The removal of measure ``measure_id`` from the library (and from this pack's list of measures);
        never when the store ``changed`` its text since the export (that newer edit would be lost)."""
        area_id = self.area_of.get(measure_id, "")
        path = self._file(measure_id)
        change = StructureChange(Kind.REMOVE_MEASURE, f"remove:{measure_id}", where, text, record_id=measure_id,
                                 area_id=area_id, pack_id=self.pack_id, section=area_section(self.pack, area_id),
                                 place=f"delete the measure '{measure_id}' from the library"
                                       + (f" ({path.name})" if path else "") + "; accept only if it should go",
                                 path=path)
        change.reason = (missing(self.catalog, f"'{measure_id}'") if path is None else
                         "a conflict: the store changed this measure since the deck was exported, so it is kept "
                         "(delete it in the library if it should go)" if changed else self._still_used(measure_id))
        return self._add(change)

    def _still_used(self, measure_id: str) -> str:
        others = sorted(pack.id for pack in self.catalog.packs.values() if pack.id != self.pack_id and any(
            isinstance(s, AreaSection) and measure_id in (s.measures or []) for s in pack.sections))
        if others:
            return f"the pack(s) {', '.join(others)} still list it; drop it there first"
        mark = f"(#{measure_id})"
        for origin in {o.path for o in self.catalog.origins.values()}:
            try:
                if mark in origin.read_text(encoding="utf-8"):
                    return f"{origin.name} refers to it ({mark}); remove the reference first"
            except (OSError, UnicodeDecodeError):
                continue
        return ""

    def place_paragraphs(self, where: str, points: list[Point], area_id: str | None, after: int,
                         title: str) -> None:
        """Text in a shape of no record: new measures of ``area_id`` (an area's slide), else a new section."""
        if area_id and record(self.index, area_id) is not None:
            self.new_measures(where, points, area_id, "")
            return
        self.new_section(where, title, points, after)

    def new_measures(self, where: str, points: list[Point], area_id: str, after_id: str | None,
                     before_id: str | None = None) -> None:
        """Paragraphs as new measures of ``area_id`` (see :meth:`new_measure`): the shallowest each a
        measure, the deeper ones the sub-points of the measure above them."""
        base = min(level for level, _ in points)
        current: StructureChange | None = None
        for level, text in points:
            if level > base and current is not None:
                current.points.append((level, text))
            else:
                current = self.new_measure(where, text, area_id, after_id, before_id)
