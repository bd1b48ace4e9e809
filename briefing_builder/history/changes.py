"""What has changed between two store states, in the records a pack shows — and nothing else.

The records a pack shows: the measures of its area sections (all, or those listed), its
country cards and the milestones its timeline sections select. For each, compared between
the earlier state and the later one:

* measures: text (a markup-aware word diff), status, lead, timeline, sub-points;
* country cards: key figures, old → new with their as-of dates;
* milestones: title, date or period, status.

A record shown now but not then is *added*; shown then but not now, *removed*. Other
fields and other records are left out on purpose: this is the list a counsellor reads
out at the next meeting.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from briefing_builder.compose.timeline import select_milestones
from briefing_builder.history.word_diff import Piece, word_diff
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import (
    AreaSection,
    CountryCard,
    CountrySection,
    KeyFigure,
    Measure,
    Milestone,
    MilestonesSection,
    Pack,
    SubPoint,
)


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: ``old`` → ``new`` as text (``None``: absent); ``words`` for texts."""

    field: str  # text, status, lead, timeline, sub-point, figure, title, date
    old: str | None
    new: str | None
    words: tuple[Piece, ...] = ()
    label: str = ""  # the figure's label, for field "figure"


@dataclass(frozen=True)
class RecordChange:
    """A record added to, removed from or changed in what the pack shows."""

    kind: str  # added, removed, changed
    record: str  # measure, country, milestone
    id: str
    title: str  # plain text, for people
    where: str = ""  # the area a measure belongs to
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ChangeReport:
    """Every change of one pack between two store states, in the pack's order."""

    pack_id: str
    since: str
    until: str
    records: tuple[RecordChange, ...]

    def counts(self) -> dict[str, int]:
        """How many records were added, removed and changed."""
        return {kind: sum(1 for r in self.records if r.kind == kind) for kind in ("added", "removed", "changed")}


Shown = dict[tuple[str, str], tuple[Any, str]]


def shown_records(pack: Pack, catalog: Catalog) -> Shown:
    """``(kind, id)`` → ``(record, where)`` for every record the pack shows, in its order."""
    out: Shown = {}
    for shown in section_records(pack, catalog):
        for key, value in shown.items():
            out.setdefault(key, value)
    return out


def section_records(pack: Pack, catalog: Catalog) -> list[Shown]:
    """Per section of ``pack`` (in order), the records it shows."""
    return [_section_records(section, catalog) for section in pack.sections]


def _section_records(section: Any, catalog: Catalog) -> Shown:
    out: Shown = {}
    if isinstance(section, AreaSection) and section.area in catalog.areas:
        area = catalog.areas[section.area]
        wanted = set(section.measures) if section.measures is not None else None
        for measure in area.measures:
            if wanted is None or measure.id in wanted:
                out[("measure", measure.id)] = (measure, area.short_title or area.title)
    elif isinstance(section, CountrySection) and section.country in catalog.countries:
        out[("country", section.country)] = (catalog.countries[section.country], "")
    elif isinstance(section, MilestonesSection):
        for milestone in select_milestones(list(catalog.milestones.values()), section):
            out[("milestone", milestone.id)] = (milestone, "")
    return out


def changed_sections(pack: Pack, catalog: Catalog, report: ChangeReport) -> set[int]:
    """Indexes of the sections of ``pack`` showing a record that was added or changed."""
    keys = {(r.record, r.id) for r in report.records if r.kind != "removed"}
    return {i for i, shown in enumerate(section_records(pack, catalog)) if keys & set(shown)}


def compare(pack_id: str, before: Shown, after: Shown, since: str, until: str) -> ChangeReport:
    """The change report between two :func:`shown_records` results."""
    records: list[RecordChange] = []
    for key, (record, where) in after.items():
        if key not in before:
            records.append(RecordChange("added", key[0], key[1], _title(record), where))
            continue
        fields = _fields(before[key][0], record)
        if fields:
            records.append(RecordChange("changed", key[0], key[1], _title(record), where, fields))
    for key, (record, where) in before.items():
        if key not in after:
            records.append(RecordChange("removed", key[0], key[1], _title(record), where))
    return ChangeReport(pack_id, since, until, tuple(records))


def pack_changes(pack_then: Pack | None, catalog_then: Catalog, pack_now: Pack, catalog_now: Catalog,
                 since: str, until: str) -> ChangeReport:
    """The changes of ``pack_now``'s records from ``catalog_then`` to ``catalog_now``; the
    pack as it was then (``pack_then``) says what it showed then; a pack that did not exist
    then (``None``: the next meeting's new pack) counts from its records as they were then."""
    before = shown_records(pack_then if pack_then is not None else pack_now, catalog_then)
    return compare(pack_now.id, before, shown_records(pack_now, catalog_now), since, until)


def _title(record: Any) -> str:
    if isinstance(record, Measure):
        text = plain_text(parse_markup(record.text))
        return text if len(text) <= 90 else text[:89].rstrip() + "…"
    if isinstance(record, CountryCard):
        return record.name
    return str(getattr(record, "title", record.id))


def _fields(old: Any, new: Any) -> tuple[FieldChange, ...]:
    if isinstance(new, Measure):
        return _measure_fields(old, new)
    if isinstance(new, CountryCard):
        return _figure_fields(old.key_figures, new.key_figures)
    if isinstance(new, Milestone):
        return _milestone_fields(old, new)
    return ()


def _text_change(field: str, old: str | None, new: str | None) -> list[FieldChange]:
    if old == new:
        return []
    if old is not None and new is not None:
        words = word_diff(old, new)
        return [FieldChange(field, old, new, words)] if words else []
    return [FieldChange(field, old, new)]


def _plain_change(field: str, old: str | None, new: str | None) -> list[FieldChange]:
    return [] if old == new else [FieldChange(field, old, new)]


def _status(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _measure_fields(old: Measure, new: Measure) -> tuple[FieldChange, ...]:
    out = _text_change("text", old.text, new.text)
    out += _plain_change("status", _status(old.status), _status(new.status))
    out += _plain_change("lead", "; ".join(old.lead) or None, "; ".join(new.lead) or None)
    out += _plain_change("timeline", old.timeline, new.timeline)
    out += _sub_point_changes(_flat(old.sub_points), _flat(new.sub_points))
    return tuple(out)


def _flat(points: list[SubPoint], level: int = 1) -> list[str]:
    out: list[str] = []
    for point in points:
        out.append(point.text)
        out.extend(_flat(point.sub_points, level + 1))
    return out


def _sub_point_changes(old: list[str], new: list[str]) -> list[FieldChange]:
    """Edited, removed and added sub-points; in a block of differing lines an old sub-point is
    paired with the new one most like it (so an edit next to a removal and an addition stays
    an edit of the right sub-point)."""
    out: list[FieldChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = _similar_pairs(old[i1:i2], new[j1:j2])
        for i, j in pairs.items():
            out += _text_change("sub-point", old[i1 + i], new[j1 + j])
        out += [FieldChange("sub-point", text, None) for i, text in enumerate(old[i1:i2]) if i not in pairs]
        taken = set(pairs.values())
        out += [FieldChange("sub-point", None, text) for j, text in enumerate(new[j1:j2]) if j not in taken]
    return out


def _similar_pairs(old: list[str], new: list[str], least: float = 0.5) -> dict[int, int]:
    """Old index → new index, most alike first (word by word), of texts at least ``least`` alike."""
    scored = sorted(((difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio(), i, j)
                     for i, a in enumerate(old) for j, b in enumerate(new)), key=lambda t: (-t[0], t[1], t[2]))
    pairs: dict[int, int] = {}
    for ratio, i, j in scored:
        if ratio >= least and i not in pairs and j not in pairs.values():
            pairs[i] = j
    return dict(sorted(pairs.items()))


def figure_text(figure: KeyFigure) -> str:
    """A key figure as one line: value, unit, period and its as-of date."""
    value = figure.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    parts = [f"{value:,}" if isinstance(value, (int, float)) else str(value)]
    if figure.unit:
        parts.append(figure.unit)
    if figure.period:
        parts.append(f"({figure.period})")
    return " ".join(parts) + f", as of {figure.as_of.isoformat()}"


def _figure_fields(old: list[KeyFigure], new: list[KeyFigure]) -> tuple[FieldChange, ...]:
    before = {f.label: f for f in old}
    after = {f.label: f for f in new}
    out = []
    for label, figure in after.items():
        was = before.get(label)
        now = figure_text(figure)
        if was is None:
            out.append(FieldChange("figure", None, now, label=label))
        elif figure_text(was) != now:
            out.append(FieldChange("figure", figure_text(was), now, label=label))
    out += [FieldChange("figure", figure_text(f), None, label=label) for label, f in before.items()
            if label not in after]
    return tuple(out)


def _milestone_fields(old: Milestone, new: Milestone) -> tuple[FieldChange, ...]:
    out = _text_change("title", old.title, new.title)
    out += _plain_change("date", old.when, new.when)
    out += _plain_change("status", _status(old.status), _status(new.status))
    return tuple(out)
