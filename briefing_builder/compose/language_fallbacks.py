"""Which of a pack's records are shown in English because they have no text in its language.

The localised catalog (``store/localise.py``) knows every record that fell back; a pack shows
only some of them: its areas (and the measures it picks), country cards, consultations (and
their themes) and the milestones of its timelines. Those are the ones the build and the
pre-flight check name, with their file and line. :func:`labels_note` says, once, when the
pack's language has no label catalogue (or an incomplete one), so the deck's fixed words are English.
"""

from __future__ import annotations

from briefing_builder.compose import wording
from briefing_builder.compose.plan import NoteKind, PlanNote
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import Fallback, LocalisedCatalog
from briefing_builder.store.localised import BASE_LANGUAGE, LANGUAGES, language_code
from briefing_builder.store.schema import (
    AreaSection,
    ConsultationSection,
    CountrySection,
    MilestonesSection,
    Pack,
    Section,
)


def shown_fallbacks(pack: Pack, local: LocalisedCatalog) -> list[tuple[Fallback, int]]:
    """The fallbacks of the records ``pack`` shows, each with the index of the first section showing it."""
    return [(local.fallbacks[rid], index) for rid, index in shown_record_ids(pack, local.catalog).items()
            if rid in local.fallbacks]


def shown_record_ids(pack: Pack, catalog: Catalog) -> dict[str, int]:
    """The ids of the store records ``pack``'s sections show, each with the first section's index."""
    ids: dict[str, int] = {}
    for index, section in enumerate(pack.sections):
        for rid in _section_record_ids(section, catalog):
            ids.setdefault(rid, index)
    return ids


def _section_record_ids(section: Section, catalog: Catalog) -> list[str]:
    if isinstance(section, AreaSection) and section.area in catalog.areas:
        area = catalog.areas[section.area]
        return [area.id] + [m.id for m in area.measures if section.measures is None or m.id in section.measures]
    if isinstance(section, CountrySection):
        return [section.country]
    if isinstance(section, ConsultationSection) and section.consultation in catalog.consultations:
        return [section.consultation] + [t.id for t in catalog.consultations[section.consultation].themes]
    if isinstance(section, MilestonesSection):
        return [m.id for m in catalog.milestones.values()
                if (section.areas is None or set(section.areas) & set(m.areas))
                and m.start_year <= section.to_year and m.end_year >= section.from_year]
    return []


def labels_note(language: str) -> PlanNote | None:
    """The note that ``language`` has no label catalogue, or lacks some of its words (``None``: it has them all)."""
    code = language_code(language)
    missing = wording.missing_labels(code)
    if code == BASE_LANGUAGE or not missing:
        return None
    name = LANGUAGES.get(code, code)
    if not wording.catalogue(code):
        return PlanNote(NoteKind.LANGUAGE, f"No {name} labels: the deck's and annex's fixed words (agenda, “(cont.)”, "
                        "“Page 1 of 2”, the annex's headers…) are in English.")
    english = wording.catalogue(BASE_LANGUAGE)
    words = [f"“{english[key]}”" for key in missing if "{" not in english[key]][:3]
    total = len(english) - ("locale" in english)
    return PlanNote(NoteKind.LANGUAGE, f"{name} labels are incomplete: {len(missing)} of the {total} fixed words of "
                    f"the deck and annex are in English ({', '.join(words)}…).")
