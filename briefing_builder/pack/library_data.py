"""The library as plain trees of nodes, built from a catalog (no Qt).

Each tab of the library panel shows one list of :class:`LibraryNode` roots: priority areas
with their measures, country cards, milestones, and consultations with their themes. A node
carries the text the search box matches (titles and body text, lower-cased once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_builder.pack.document import markup_plain
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Area, Consultation, CountryCard, Milestone, SubPoint

TABS: tuple[tuple[str, str], ...] = (
    ("areas", "Priority areas"), ("countries", "Country cards"), ("milestones", "Milestones"),
    ("consultations", "MS input"),
)


@dataclass(eq=False)
class LibraryNode:
    """One row of a library tree: what it is (kind, id), what it shows and what search matches."""

    kind: str
    record_id: str
    columns: tuple[str, ...]
    search: str = ""
    tooltip: str = ""
    region: str = ""
    children: list[LibraryNode] = field(default_factory=list)
    parent: LibraryNode | None = field(default=None, repr=False)

    def add(self, child: LibraryNode) -> LibraryNode:
        """Append ``child`` and return it."""
        child.parent = self
        self.children.append(child)
        return child


def _sub_texts(points: list[SubPoint]) -> list[str]:
    out: list[str] = []
    for point in points:
        out.append(markup_plain(point.text))
        out.extend(_sub_texts(point.sub_points))
    return out


def _search(*parts: str | None) -> str:
    return " ".join(p for p in parts if p).lower()


def area_nodes(areas: list[Area]) -> list[LibraryNode]:
    """Priority areas (by number) with their measures as children."""
    roots = []
    for area in areas:
        goals = markup_plain(area.main_goals)
        node = LibraryNode("area", area.id, (f"{area.number}. {area.title}", f"{len(area.measures)} measures"),
                           _search(area.title, area.slide_title, area.short_title, goals, area.id),
                           tooltip=f"{area.display_title}\n{goals}".strip())
        for measure in area.measures:
            text = markup_plain(measure.text)
            subs = _sub_texts(measure.sub_points)
            node.add(LibraryNode("measure", measure.id, (markup_plain(measure.text, 110), measure.timeline or ""),
                                 _search(text, *subs, *measure.tags, measure.id),
                                 tooltip="\n".join([text, *("• " + s for s in subs[:8])])))
        roots.append(node)
    return roots


def country_nodes(cards: list[CountryCard]) -> list[LibraryNode]:
    """Country cards, with their region for the region filter."""
    return [LibraryNode("country", card.id, (card.name, card.region, card.relationship),
                        _search(card.name, card.iso_code, card.region, card.relationship,
                                *(markup_plain(c) for c in card.cooperation_areas),
                                *(i.name for i in card.instruments), markup_plain(card.notes), card.id),
                        tooltip=f"{card.name} ({card.iso_code}) — {card.relationship}", region=card.region)
            for card in cards]


def milestone_nodes(milestones: list[Milestone]) -> list[LibraryNode]:
    """Milestones in date order."""
    ordered = sorted(milestones, key=lambda m: (m.start_year, m.date.isoformat() if m.date else "", m.title))
    return [LibraryNode("milestone", m.id, (m.title, m.when, m.body or ""),
                        _search(m.title, m.when, m.body, *m.areas, m.id),
                        tooltip=f"{m.title} — {m.when}" + (f" ({m.body})" if m.body else ""))
            for m in ordered]


def consultation_nodes(consultations: list[Consultation]) -> list[LibraryNode]:
    """Consultations of Member States with their themes as children."""
    roots = []
    for consultation in consultations:
        node = LibraryNode("consultation", consultation.id,
                           (consultation.title, f"{consultation.ms_count} MS"),
                           _search(consultation.title, markup_plain(consultation.intro), consultation.id),
                           tooltip=markup_plain(consultation.intro))
        for theme in consultation.themes:
            summary = markup_plain(theme.summary)
            node.add(LibraryNode("theme", theme.id, (theme.title, ""), _search(theme.title, summary, theme.id),
                                 tooltip=summary))
        roots.append(node)
    return roots


def library_trees(catalog: Catalog) -> dict[str, list[LibraryNode]]:
    """Every tab's roots, keyed like :data:`TABS`."""
    return {
        "areas": area_nodes(sorted(catalog.areas.values(), key=lambda a: a.number)),
        "countries": country_nodes(list(catalog.countries.values())),
        "milestones": milestone_nodes(list(catalog.milestones.values())),
        "consultations": consultation_nodes(list(catalog.consultations.values())),
    }


HEADERS: dict[str, tuple[str, ...]] = {
    "areas": ("Area / measure", "Detail"),
    "countries": ("Country", "Region", "Relationship"),
    "milestones": ("Milestone", "When", "Body"),
    "consultations": ("Consultation / theme", "Detail"),
}
