"""Turn each pack section into a *draft*: the slide's content before fitting and numbering."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from briefing_builder.compose import wording
from briefing_builder.compose.change_list import ChangeList, change_groups, changes_title
from briefing_builder.compose.plan import ChartSeries, Paragraph
from briefing_builder.markup import Run, parse_markup
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import (
    AgendaSection,
    AreaSection,
    ChangesSection,
    ClosingSection,
    ConsultationSection,
    CountryCard,
    CountrySection,
    KeyFigure,
    MilestonesSection,
    Pack,
    SectionHeaderSection,
    SubPoint,
    TextSection,
    TitleSection,
)

Group = tuple[Paragraph, ...]
#: The source of a paragraph written in the pack itself (a free-text section), not in the library.
PACK_TEXT = "pack-text"


@dataclass
class TableDraft:
    """A table before pagination."""

    header: tuple[str, ...]
    rows: list[tuple[tuple[Run, ...], ...]]
    col_widths: tuple[float, ...]
    alt_text: str
    sources: list[tuple[str, ...]] = field(default_factory=list)  # per row, per cell ("" = the app's)


@dataclass
class ChartDraft:
    """A chart before placement."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    alt_text: str


@dataclass
class Draft:
    """One section's slide content, before fitting, splitting and numbering."""

    role: str
    title: str
    section_index: int
    subtitle: tuple[str, ...] = ()
    bodies: list[list[Group]] = field(default_factory=list)
    table: TableDraft | None = None
    chart: ChartDraft | None = None
    milestones: MilestonesSection | None = None
    notes: list[str] = field(default_factory=list)
    anchors: tuple[str, ...] = ()
    title_source: str = ""
    title_lead: int = 0
    #: Anchors that belong to one group of ``bodies[0]`` (a measure): anchor → group index; such
    #: an anchor lands on the slide that carries the group, also a "(cont.)" slide.
    group_anchors: dict[str, int] = field(default_factory=dict)


def _points(points: list[SubPoint], level: int, source: str = "") -> list[Paragraph]:
    out: list[Paragraph] = []
    for point in points:
        out.append(Paragraph(parse_markup(point.text), level=level, source=source))
        out.extend(_points(point.sub_points, level + 1, source))
    return out


def _bullet_group(text: str, sub_points: list[SubPoint], prefix: tuple[Run, ...] = (),
                  heading: bool = False, record_id: str = "") -> Group:
    """A bullet and its sub-points (one level down, or the same level under a heading).

    With ``record_id`` the paragraphs carry their provenance (``id:text``, ``id:sub_points``).
    """
    head = Paragraph(prefix + parse_markup(text), level=0, source=f"{record_id}:text" if record_id else "",
                     lead=len("".join(r.text for r in prefix)))
    return (head, *_points(sub_points, 0 if heading else 1, f"{record_id}:sub_points" if record_id else ""))


def _sources_note(language: str, sources: list[str]) -> list[str]:
    return [_notes_line("sources", "; ".join(sources), language)] if sources else []


def _notes_line(key: str, text: str, language: str) -> str:
    """A line of the speaker notes: "Sources: …", "Records: …" (in French "Sources : …")."""
    return wording.label("notes_line", language).format(label=wording.label(key, language), text=text)


def area_numbers(pack: Pack) -> dict[int, int]:
    """Agenda number of each area section (by position in the pack), keyed by section index."""
    numbers: dict[int, int] = {}
    for index, section in enumerate(pack.sections):
        if isinstance(section, AreaSection):
            numbers[index] = len(numbers) + 1
    return numbers


def make_drafts(pack: Pack, catalog: Catalog, subtitle_line: str,
                changes: dict[int, ChangeList] | None = None) -> list[Draft]:
    """One draft per section that can be drawn; sections naming missing records are skipped.
    ``changes`` holds the list of each ``type: changes`` section, by section index."""
    language = pack.meeting.language
    numbers = area_numbers(pack)
    drafts: list[Draft] = []
    for index, section in enumerate(pack.sections):
        anchors = (section.id,) if section.id else ()
        draft: Draft | None = None
        if isinstance(section, TitleSection):
            lines = [section.subtitle] if section.subtitle else [subtitle_line]
            lines += [x for x in (pack.meeting.venue, pack.meeting.presenter) if x and not section.subtitle]
            draft = Draft("title", pack.meeting.title, index, subtitle=tuple(lines))
        elif isinstance(section, SectionHeaderSection):
            draft = Draft("section", section.title, index, subtitle=(section.subtitle,) if section.subtitle else ())
        elif isinstance(section, ClosingSection):
            draft = Draft("closing", default_title(section, "closing", language), index,
                          subtitle=(section.subtitle,) if section.subtitle else ())
        elif isinstance(section, AgendaSection):
            draft = _agenda(section, pack, catalog, numbers, index, language)
        elif isinstance(section, ConsultationSection):
            draft = _consultation(section, catalog, index, language)
        elif isinstance(section, AreaSection):
            draft = _area(section, catalog, numbers[index], index, language)
        elif isinstance(section, CountrySection):
            draft = _country(section, catalog, index, language)
        elif isinstance(section, MilestonesSection):
            draft = Draft("title_only", default_title(section, "milestones", language), index, milestones=section,
                          notes=[_notes_line("records", wording.label("records_milestones", language), language)])
        elif isinstance(section, TextSection):
            groups = [tuple(replace(p, source=f"{PACK_TEXT}:{section_number}") for p in
                            _bullet_group(item.text, item.sub_points))
                      for section_number in (index + 1,) for item in section.bullets]
            draft = Draft("content", section.title, index, bodies=[groups])
        elif isinstance(section, ChangesSection):
            listed = (changes or {}).get(index)
            title = section.title or changes_title(listed.since if listed else None, language)
            draft = Draft("content", title, index, bodies=[change_groups(listed, language)])
        if draft is not None:
            draft.anchors = anchors + draft.anchors
            drafts.append(draft)
    return drafts


def default_title(section: AgendaSection | MilestonesSection | ClosingSection, key: str, language: str) -> str:
    """The section's own title, or the label ``key`` in the pack's language when the pack gives none."""
    return section.title if "title" in section.model_fields_set else wording.label(key, language)


def _agenda(section: AgendaSection, pack: Pack, catalog: Catalog, numbers: dict[int, int], index: int,
            language: str) -> Draft:
    groups: list[Group] = []
    for sindex, number in numbers.items():
        area_section = pack.sections[sindex]
        area = catalog.areas.get(area_section.area) if isinstance(area_section, AreaSection) else None
        if area is None:
            continue
        groups.append((Paragraph((Run(f"{number}. {area.title}"),), bullet=False),))
    if section.note:
        groups.append((Paragraph(parse_markup(section.note)),))
    return Draft("agenda", default_title(section, "agenda", language), index, bodies=[groups])


def _consultation(section: ConsultationSection, catalog: Catalog, index: int, language: str) -> Draft | None:
    consultation = catalog.consultations.get(section.consultation)
    if consultation is None:
        return None
    groups: list[Group] = []
    if consultation.intro:
        groups.append((Paragraph(parse_markup(consultation.intro), bullet=False,
                                 source=f"{consultation.id}:intro"),))
    for number, theme in enumerate(consultation.themes, start=1):
        groups.append((Paragraph((Run(f"{number}. {theme.title}"),), bullet=False, source=f"{theme.id}:title",
                                 lead=len(f"{number}. ")),
                       Paragraph((Run("→ "),) + parse_markup(theme.summary), level=1, bullet=False,
                                 source=f"{theme.id}:summary", lead=2)))
    notes = _sources_note(language, consultation.sources)
    themes = ", ".join(t.id for t in consultation.themes)
    notes.append(_notes_line("records", wording.label("records_consultation", language).format(
        id=consultation.id, count=consultation.ms_count, themes=themes), language))
    return Draft("content", section.title or consultation.title, index, bodies=[groups], notes=notes,
                 anchors=(consultation.id,))


def _area(section: AreaSection, catalog: Catalog, number: int, index: int, language: str) -> Draft | None:
    area = catalog.areas.get(section.area)
    if area is None:
        return None
    groups: list[Group] = []
    if area.main_goals and section.show_main_goals:
        label = wording.label("main_goals", language)
        groups.append((Paragraph((Run(label, bold=True), Run(" ")) + parse_markup(area.main_goals),
                                 source=f"{area.id}:main_goals", lead=len(label) + 1),))
    wanted = None if section.measures is None else set(section.measures)
    measures = [m for m in area.measures if wanted is None or m.id in wanted]
    if section.measures is not None:  # the pack's order of the chosen measures
        order = {mid: i for i, mid in enumerate(section.measures)}
        measures.sort(key=lambda m: order[m.id])
    groups += [_bullet_group(measure.text, measure.sub_points, heading=measure.heading, record_id=measure.id)
               for measure in measures]
    sources = list(dict.fromkeys(area.sources + [s for m in measures for s in m.sources]))
    notes = _sources_note(language, sources)
    notes.append(_notes_line("records", wording.label("records_area", language).format(
        id=area.id, measures=", ".join(m.id for m in measures)), language))
    title = section.title or f"{number}. {area.display_title}"
    title_field = "" if section.title else ("slide_title" if area.slide_title else "title")
    first = len(groups) - len(measures)
    return Draft("content", title, index, bodies=[groups], notes=notes,
                 anchors=(area.id,) + tuple(m.id for m in measures),
                 group_anchors={m.id: first + i for i, m in enumerate(measures)},
                 title_source=f"{area.id}:{title_field}" if title_field else "", title_lead=len(f"{number}. "))


def _figure_value(value: float | int | str, unit: str | None) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, (int, float)) else str(value)
    return f"{text} {unit}".strip() if unit else text


def _country(section: CountrySection, catalog: Catalog, index: int, language: str) -> Draft | None:
    card = catalog.countries.get(section.country)
    if card is None:
        return None

    def label(key: str) -> str:
        return wording.label(key, language)

    groups: list[Group] = [(Paragraph((Run(label("relationship"), bold=True), Run(" " + card.relationship)),
                                      source=f"{card.id}:relationship", lead=len(label("relationship")) + 1),)]
    if card.cooperation_areas:
        groups.append((Paragraph((Run(label("cooperation"), bold=True),)),
                       *(Paragraph(parse_markup(t), level=1, source=f"{card.id}:cooperation_areas")
                         for t in card.cooperation_areas)))
    if card.instruments:
        items = []
        for instrument in card.instruments:
            runs: tuple[Run, ...] = (Run(instrument.name, bold=False),)
            if instrument.status:
                runs += (Run(" — " + instrument.status),)
            if instrument.note:
                runs += (Run(": "),) + parse_markup(instrument.note)
            items.append(Paragraph(runs, level=1))
        groups.append((Paragraph((Run(label("instruments"), bold=True),)), *items))
    if card.notes:
        groups.append((Paragraph((Run(label("notes"), bold=True), Run(" ")) + parse_markup(card.notes),
                                 source=f"{card.id}:notes", lead=len(label("notes")) + 1),))
    draft = Draft("two_content", card.name, index, bodies=[groups], anchors=(card.id,))
    if section.figures and card.key_figures:
        rows: list[tuple[tuple[Run, ...], ...]] = []
        sources: list[tuple[str, ...]] = []
        for number, figure in enumerate(card.key_figures):
            sources.append((f"{card.id}:key_figures.{number}.label", "", f"{card.id}:key_figures.{number}.period"
                            if figure.period else "", ""))
            value: tuple[Run, ...] = (Run(_figure_value(figure.value, figure.unit)),)
            if figure.illustrative:
                value += (Run(f" ({label('illustrative')})", italic=True),)
            rows.append(((Run(figure.label),), value, (Run(figure.period or "—"),),
                         (Run(f"{figure.source}, {figure.as_of.isoformat()}"),)))
        draft.table = TableDraft((label("figure"), label("value"), label("period"), label("source")), rows,
                                 (0.34, 0.2, 0.14, 0.32), label("alt_key_figures").format(name=card.name), sources)
    chart_figure = next((f for f in card.key_figures if f.series), None) if section.chart else None
    if chart_figure is not None:
        draft.chart = _chart(card, chart_figure.label, chart_figure, language)
    notes = _sources_note(language, card.sources + [f.source for f in card.key_figures])
    reviewed = (label("records_reviewed").format(date=wording.long_date(card.last_reviewed, language))
                if card.last_reviewed else "")
    notes.append(_notes_line("records", label("records_country").format(id=card.id, iso=card.iso_code) + reviewed,
                             language))
    draft.notes = notes
    return draft


def _chart(card: CountryCard, title: str, figure: KeyFigure, language: str) -> ChartDraft:
    categories = tuple(p.label for p in figure.series)
    values = tuple(p.value for p in figure.series)
    illustrative = " " + wording.label("alt_illustrative_figures", language) if figure.illustrative else ""
    alt = (wording.label("alt_line_chart", language).format(label=figure.label, name=card.name, first=categories[0],
                                                            last=categories[-1])
           + ", ".join(f"{c}: {v:g}" for c, v in zip(categories, values)) + "." + illustrative)
    flagged = figure.illustrative and "illustrative" not in figure.label.lower()
    name = figure.label + (f" ({wording.label('illustrative', language)})" if flagged else "")
    return ChartDraft("line", name, categories, (ChartSeries(figure.label, values),), alt)
