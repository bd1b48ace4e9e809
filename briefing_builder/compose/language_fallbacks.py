"""Which of a pack's records are shown in English because they have no text in its language.

The localised catalog (``store/localise.py``) knows every record that fell back; a pack shows
only some of them: its areas (and the measures it picks), country cards, consultations (and
their themes) and the milestones of its timelines. Those are the ones the build and the
pre-flight check name, with their file and line.
"""

from __future__ import annotations

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import Fallback, LocalisedCatalog
from briefing_builder.store.schema import AreaSection, ConsultationSection, CountrySection, MilestonesSection, Pack


def shown_fallbacks(pack: Pack, local: LocalisedCatalog) -> list[Fallback]:
    """The fallbacks of the records ``pack`` shows, in the order it shows them."""
    return [local.fallbacks[rid] for rid in shown_record_ids(pack, local.catalog) if rid in local.fallbacks]


def shown_record_ids(pack: Pack, catalog: Catalog) -> list[str]:
    """The ids of the store records ``pack``'s sections show, in section order."""
    ids: list[str] = []
    for section in pack.sections:
        if isinstance(section, AreaSection) and section.area in catalog.areas:
            area = catalog.areas[section.area]
            ids.append(area.id)
            ids.extend(m.id for m in area.measures if section.measures is None or m.id in section.measures)
        elif isinstance(section, CountrySection):
            ids.append(section.country)
        elif isinstance(section, ConsultationSection) and section.consultation in catalog.consultations:
            ids.append(section.consultation)
            ids.extend(t.id for t in catalog.consultations[section.consultation].themes)
        elif isinstance(section, MilestonesSection):
            ids.extend(m.id for m in catalog.milestones.values()
                       if (section.areas is None or set(section.areas) & set(m.areas))
                       and m.start_year <= section.to_year and m.end_year >= section.from_year)
    return list(dict.fromkeys(ids))
