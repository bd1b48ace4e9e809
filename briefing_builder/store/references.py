"""Cross-file checks: every id a record or a pack names must exist in the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from briefing_builder.markup import references
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.markings import resolve_marking
from briefing_builder.store.schema import (
    Area,
    AreaSection,
    Consultation,
    ConsultationSection,
    CountryCard,
    CountrySection,
    Milestone,
    MilestonesSection,
    Pack,
    SubPoint,
    TextSection,
)

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.store.catalog import Catalog
    from briefing_builder.store.loader import Loaded
    from briefing_builder.store.yaml_source import YamlSource

Texts = Iterator[tuple[tuple[Any, ...], str]]


class Report(Protocol):
    """Records a diagnostic at a key path of the record being checked."""

    def __call__(self, key: tuple[Any, ...], message: str, severity: Severity = Severity.ERROR) -> None: ...


def check_references(catalog: Catalog, loaded: list[Loaded]) -> list[Diagnostic]:
    """Diagnostics for unknown ids named by records and packs (located at the naming value)."""
    known = catalog.record_ids() | set(catalog.measure_area())
    out: list[Diagnostic] = []
    for item in loaded:
        record = item.record
        report = _reporter(out, item.source, item.prefix)

        section_ids: set[str] = set()
        if isinstance(record, Pack):
            section_ids = {s.id for s in record.sections if s.id}
            _check_pack(record, catalog, report, known)
        for key, text in _texts(record):
            for ref in references(text):
                if ref not in known and ref not in section_ids:
                    report(key, f"cross-reference '#{ref}' names no record"
                                f"{' or section' if isinstance(record, Pack) else ''}; "
                                "use the id of an area, measure, country card, milestone or consultation")
        if isinstance(record, Area):
            for index, measure in enumerate(record.measures):
                for cindex, country in enumerate(measure.countries):
                    if country not in catalog.countries:
                        report(("measures", index, "countries", cindex), _unknown("country card", country))
        elif isinstance(record, Milestone):
            for index, area in enumerate(record.areas):
                if area not in catalog.areas:
                    report(("areas", index), _unknown("area", area))
        elif isinstance(record, Consultation):
            for index, theme in enumerate(record.themes):
                if theme.area and theme.area not in catalog.areas:
                    report(("themes", index, "area"), _unknown("area", theme.area))
    return out


def _reporter(out: list[Diagnostic], source: YamlSource, prefix: tuple[Any, ...]) -> Report:
    """A ``report(key, message, severity)`` that appends to ``out`` a diagnostic located at ``prefix + key``."""

    def report(key: tuple[Any, ...], message: str, severity: Severity = Severity.ERROR) -> None:
        line, col = source.locate(prefix + key)
        out.append(Diagnostic(source.path, line, col, message, severity))

    return report


def _unknown(kind: str, value: str) -> str:
    return f"unknown {kind} id '{value}'; check the spelling or add the {kind} to the store"


def _check_pack(pack: Pack, catalog: Catalog, report: Report, known: set[str]) -> None:
    # the marking the build uses: the pack's, else the store's default_marking
    marking = resolve_marking(pack.meeting.marking or catalog.meta.default_marking, catalog.meta.markings,
                              pack.meeting.language)
    for problem in (*([marking.unknown_message()] if marking.unknown else []), *marking.conflicts):
        report(("meeting", "marking"), problem)
    seen: set[str] = set()
    for index, section in enumerate(pack.sections):
        at = ("sections", index)
        if section.id:
            if section.id in seen:
                report(at + ("id",), f"duplicate section id '{section.id}' in this pack")
            elif section.id in known:
                report(at + ("id",), f"section id '{section.id}' is also the id of a record in the store; a "
                                     f"cross-reference '#{section.id}' could mean either — give the section "
                                     "another id (ids of sections and records share one namespace)")
            seen.add(section.id)
        if isinstance(section, AreaSection):
            area = catalog.areas.get(section.area)
            if area is None:
                report(at + ("area",), _unknown("area", section.area))
            elif section.measures is not None:
                ids = {m.id for m in area.measures}
                for mindex, measure in enumerate(section.measures):
                    if measure not in ids:
                        report(at + ("measures", mindex),
                               f"area '{area.id}' has no measure '{measure}'; its measures are: "
                               f"{', '.join(sorted(ids)) or 'none'}")
        elif isinstance(section, CountrySection) and section.country not in catalog.countries:
            report(at + ("country",), _unknown("country card", section.country))
        elif isinstance(section, ConsultationSection) and section.consultation not in catalog.consultations:
            report(at + ("consultation",), _unknown("consultation", section.consultation))
        elif isinstance(section, MilestonesSection):
            for aindex, area_id in enumerate(section.areas or ()):
                if area_id not in catalog.areas:
                    report(at + ("areas", aindex), _unknown("area", area_id))


def _sub_texts(points: list[SubPoint], key: tuple[Any, ...]) -> Texts:
    for index, point in enumerate(points):
        yield key + (index, "text"), point.text
        yield from _sub_texts(point.sub_points, key + (index, "sub_points"))


def _texts(record: Any) -> Texts:
    """Every markup text of a record with its path."""
    if isinstance(record, Area):
        if record.main_goals:
            yield ("main_goals",), record.main_goals
        for index, measure in enumerate(record.measures):
            yield ("measures", index, "text"), measure.text
            yield from _sub_texts(measure.sub_points, ("measures", index, "sub_points"))
    elif isinstance(record, CountryCard):
        for index, text in enumerate(record.cooperation_areas):
            yield ("cooperation_areas", index), text
        for index, instrument in enumerate(record.instruments):
            if instrument.note:
                yield ("instruments", index, "note"), instrument.note
        if record.notes:
            yield ("notes",), record.notes
    elif isinstance(record, Consultation):
        if record.intro:
            yield ("intro",), record.intro
        for index, theme in enumerate(record.themes):
            yield ("themes", index, "summary"), theme.summary
    elif isinstance(record, Pack):
        for index, section in enumerate(record.sections):
            if isinstance(section, TextSection):
                for bindex, item in enumerate(section.bullets):
                    yield ("sections", index, "bullets", bindex, "text"), item.text
                    yield from _sub_texts(item.sub_points, ("sections", index, "bullets", bindex, "sub_points"))
            elif note := getattr(section, "note", None):
                yield ("sections", index, "note"), note


__all__ = ["check_references"]
