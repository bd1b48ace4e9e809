"""Pre-flight checks: what a careful counsellor wants to know before exporting (no Qt here).

:func:`check` reads the deck plan (its notes: text shrunk or continued, unresolved
cross-references, missing records, template fallbacks, the marking checks of
:mod:`briefing_builder.compose.marking_checks`), the plan's figures
(charts, tables and timelines without alt text), the pack's country cards (figures older
than a configurable age before the meeting, or marked illustrative), the store's
diagnostics and a template file outside the store. Each :class:`Finding` says where it
points: a pack section or a diagnostic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_builder.compose.deck_planner import marking_choice
from briefing_builder.compose.marking_checks import marking_findings
from briefing_builder.compose.plan import DeckPlan, NoteKind
from briefing_builder.pack.template_place import template_outside_store
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import CountrySection, Pack

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.compose.geometry import TemplateGeometry

DEFAULT_MAX_AGE_MONTHS = 12

#: Every kind of finding, with its heading in the panel, in display order.
KINDS: dict[str, str] = {
    "invalid-field": "Fields not read (export is refused until they are corrected)",
    "damaged-template": "Template cannot be used",
    "template-outside": "Template outside the store",
    "unknown-marking": "Unknown marking",
    "no-marking": "No marking",
    "no-reference": "Classified without reference",
    "accredited": "Classified material",
    "marking-place": "Marking placement",
    "missing-record": "Missing records",
    "record-error": "Records with errors",
    "unresolved-ref": "Unresolved cross-references",
    "empty": "Empty slides",
    "missing-alt-text": "Missing alt text",
    "old-figure": "Old figures",
    "illustrative-figure": "Illustrative figures",
    "layout-fallback": "Layout fallbacks",
    "contrast": "Text colours",
    "shrunk": "Text shrunk",
    "continued": "Text continued",
    "language": "Shown in English (no text in the pack's language)",
}


@dataclass(frozen=True)
class Finding:
    """One thing to check: its kind, a sentence, and where it points."""

    kind: str
    message: str
    section_index: int | None = None
    diagnostic_index: int | None = None

    @property
    def heading(self) -> str:
        """The group this finding is listed under."""
        return KINDS.get(self.kind, self.kind)


def months_before(date: dt.date, months: int) -> dt.date:
    """``date`` moved back ``months`` calendar months (day clamped to the month's end)."""
    total = date.year * 12 + date.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def _plan_findings(plan: DeckPlan) -> list[Finding]:
    found = []
    for note in plan.warnings:
        kind = "layout-fallback" if note.kind is NoteKind.TEMPLATE else note.kind.value
        found.append(Finding(kind, note.message, note.section_index))
    for slide in plan.slides:
        where = f"Slide {slide.number} “{slide.title}”"
        figures = [("chart", slide.chart), ("table", slide.table), ("timeline", slide.timeline)]
        for name, figure in figures:
            if figure is not None and not figure.alt_text.strip():
                found.append(Finding("missing-alt-text", f"{where}: the {name} has no alt text "
                                     "(screen readers will skip it).", slide.section_index))
    return found


def _fallback_findings(plan: DeckPlan, geometry: TemplateGeometry | None, noted: str) -> list[Finding]:
    """Roles the deck uses that the template has no layout for (unless a plan note said so already)."""
    if geometry is None:
        return []
    found = []
    for role in dict.fromkeys(slide.role for slide in plan.slides):
        info = geometry.roles.get(role)
        if info is None or not info.fallback:
            continue
        message = (f"The template “{geometry.name}” has no layout for {role.replace('_', ' ')} slides; "
                   f"“{info.layout_name}” is used instead.")
        if info.layout_name not in noted:
            first = next(s.section_index for s in plan.slides if s.role == role)
            found.append(Finding("layout-fallback", message, first))
    return found


def _figure_findings(pack: Pack, catalog: Catalog, max_age_months: int) -> list[Finding]:
    found = []
    oldest = months_before(pack.meeting.date, max_age_months)
    for index, section in enumerate(pack.sections):
        if not isinstance(section, CountrySection) or not (section.figures or section.chart):
            continue
        card = catalog.countries.get(section.country)
        if card is None:
            continue
        for figure in card.key_figures:
            if figure.illustrative:
                found.append(Finding("illustrative-figure", f"{card.name}: “{figure.label}” is marked "
                                     "illustrative (not a sourced statistic).", index))
            if figure.as_of < oldest:
                found.append(Finding("old-figure", f"{card.name}: “{figure.label}” dates from "
                                     f"{figure.as_of.isoformat()}, more than {max_age_months} months before "
                                     f"the meeting ({pack.meeting.date.isoformat()}).", index))
    return found


def check(pack: Pack, catalog: Catalog, plan: DeckPlan | None, geometry: TemplateGeometry | None = None,
          max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> list[Finding]:
    """Every finding for ``pack``, grouped by kind in :data:`KINDS` order."""
    found: list[Finding] = []
    if plan is not None:
        found += _plan_findings(plan)
        noted = " ".join(f.message for f in found if f.kind == "layout-fallback")
        found += _fallback_findings(plan, geometry, noted)
        outside = template_outside_store(pack, catalog)  # (one that cannot be opened is "damaged-template")
        if outside:
            found.append(Finding("template-outside", outside))
    else:  # no plan (the template cannot be opened): the marking checks still apply
        choice = marking_choice(pack, catalog)
        found += [Finding(note.kind.value, note.message) for note in marking_findings(choice, pack.meeting)]
    found += _figure_findings(pack, catalog, max_age_months)
    for index, diagnostic in enumerate(catalog.diagnostics):
        found.append(Finding("record-error", diagnostic.format(catalog.root), diagnostic_index=index))
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(found, key=lambda f: (order.get(f.kind, len(order)),
                                        f.section_index if f.section_index is not None else -1))


def field_findings(problems: list[tuple[str, str]]) -> list[Finding]:
    """One finding per form field whose typed text is not used: (field name, what is wrong and what to type)."""
    return [Finding("invalid-field", f"{field}: {problem}") for field, problem in problems]


def count_text(count: int) -> str:
    """“3 things to check before export” (or that there is nothing to check)."""
    if count == 0:
        return "Nothing to check before export"
    return f"{count} thing{'s' if count != 1 else ''} to check before export"
