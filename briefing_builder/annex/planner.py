"""Plan a pack's Excel annex: which records go on which sheet, as rows of cell values.

The annex lists, for delegations to comment on, what the pack's deck shows:

* **Measures** — the measures of the pack's area sections (only the chosen subset when a
  section lists ``measures``), in pack order; an area whose slide shows its main goals gets
  a *main goals* row first (id ``<area-id>/main-goals``). A measure shown twice is listed once.
* **Country cards** — the pack's country sections; when it has none, the cards of the
  countries linked from the shown measures.
* **Milestones** — the milestones of the shown areas, plus those a milestones section shows.
* **MS input** — the themes of the pack's consultations, one row per theme.

Every data sheet starts with the ``ID`` column and ends with our update note and the two
empty delegation columns (:mod:`.sheet_columns`, which also keeps a sheet's widths within one
printed A4 page); a "Comments received" column (delegations' feedback kept in the store) and a
"Changed since <date>" column (:mod:`.changed_since`, from the store's history) go before the
update note on a sheet with such a row. A data sheet with no rows is left out (the Measures
sheet is always there); long texts wrap (row heights are measured, :mod:`.rows`). Store text
becomes cell text as :mod:`.cell_text` says: cross-references named, links with their address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial

from briefing_builder.annex.cell_text import CellText, joined_lines, plain_lines
from briefing_builder.annex.changed_since import ChangedSince, with_changed_column
from briefing_builder.annex.headers import annex_label, column_header, in_language, sheet_label, status_label
from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    MAIN_GOALS_ID_SUFFIX,
    AnnexPlan,
    AnnexProperties,
    CellValue,
    ColumnSpec,
    CoverSpec,
    PageMarking,
    SheetSpec,
)
from briefing_builder.annex.rows import with_row_heights
from briefing_builder.annex.sheet_columns import (
    delegation_columns,
    id_column,
    status_column,
    with_note_column,
    with_received_column,
    within_print_budget,
)
from briefing_builder.brand import brand_settings
from briefing_builder.compose import wording
from briefing_builder.markup import Run, clean_text
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import localised, localised_pack
from briefing_builder.store.markings import MarkingChoice, resolve_marking
from briefing_builder.store.schema import (
    Area,
    AreaSection,
    ConsultationSection,
    CountrySection,
    Measure,
    MilestonesSection,
    Pack,
)

SHEET_MEASURES = "Measures"
SHEET_COUNTRIES = "Country cards"
SHEET_MILESTONES = "Milestones"
SHEET_MS_INPUT = "MS input"
#: The Excel table names of the data sheets, in sheet order.
TABLE_NAMES = ("Measures", "CountryCards", "Milestones", "MSInput")


def _shown_measures(pack: Pack, catalog: Catalog) -> list[tuple[Area, AreaSection, list[Measure]]]:
    """Each area section of the pack with the measures it shows (each measure once)."""
    seen: set[str] = set()
    shown: list[tuple[Area, AreaSection, list[Measure]]] = []
    for section in pack.sections:
        if not isinstance(section, AreaSection):
            continue
        area = catalog.areas.get(section.area)
        if area is None:
            continue
        by_id = {m.id: m for m in area.measures}
        wanted = section.measures if section.measures is not None else list(by_id)
        measures = [by_id[mid] for mid in wanted if mid in by_id and mid not in seen]
        seen.update(m.id for m in measures)
        shown.append((area, section, measures))
    return shown


def _measures_sheet(ctx: CellText, shown: list[tuple[Area, AreaSection, list[Measure]]]) -> SheetSpec:
    columns = (
        id_column(),
        ColumnSpec("area", "Area", 12),
        ColumnSpec("measure", "Measure", 27),
        ColumnSpec("sub_points", "Sub-points", 28),
        status_column(ctx.pack.meeting.language),
        ColumnSpec("lead", "Lead", 10),
        ColumnSpec("timeline", "Timeline", 9),
        ColumnSpec("countries", "Countries", 10),
        ColumnSpec("sources", "Sources", 10),
    ) + delegation_columns(ctx.pack.meeting.language, 16)
    language = ctx.pack.meeting.language
    rows: list[tuple[CellValue, ...]] = []
    goals_done: set[str] = set()
    for area, section, measures in shown:
        area_label = ctx.area_label(area.id)
        area_sources = plain_lines(list(area.sources))
        if section.show_main_goals and area.main_goals and area.id not in goals_done:
            goals_done.add(area.id)
            text = (Run(wording.label("main_goals", language) + " ", bold=True),) + ctx.rich(area.main_goals)
            rows.append((area.id + MAIN_GOALS_ID_SUFFIX, area_label, text, None, None, None, None, None,
                         area_sources, None, None))
        for measure in measures:
            countries = [ctx.catalog.countries[c].name if c in ctx.catalog.countries else c for c in measure.countries]
            rows.append((
                measure.id, area_label, ctx.rich(measure.text),
                joined_lines(ctx.sub_point_lines(measure.sub_points)) or None,
                status_label(measure.status.value, language) if measure.status else None,
                plain_lines(list(measure.lead)),
                clean_text(measure.timeline) if measure.timeline else None,
                plain_lines(countries),
                plain_lines(list(measure.sources)) or area_sources,
                None, None,
            ))
    return SheetSpec(SHEET_MEASURES, TABLE_NAMES[0], columns, tuple(rows),
                     "The measures shown in the pack, in pack order.")


def _country_ids(pack: Pack, catalog: Catalog, shown: list[tuple[Area, AreaSection, list[Measure]]]) -> list[str]:
    ids = [s.country for s in pack.sections if isinstance(s, CountrySection)]
    if not ids:
        ids = [c for _, _, measures in shown for m in measures for c in m.countries]
    return [c for c in dict.fromkeys(ids) if c in catalog.countries]


def _countries_sheet(ctx: CellText, country_ids: list[str]) -> SheetSpec:
    columns = (
        id_column(),
        ColumnSpec("country", "Country", 12),
        ColumnSpec("iso", "ISO", 5, wrap=False),
        ColumnSpec("region", "Region", 11),
        ColumnSpec("relationship", "Relationship", 18),
        ColumnSpec("key_figures", "Key figures", 30),
        ColumnSpec("sources", "Sources and as-of dates", 24),
        ColumnSpec("last_reviewed", "Last reviewed", 11, wrap=False),
    ) + delegation_columns(ctx.pack.meeting.language, 16)
    illustrative = wording.label("illustrative", ctx.pack.meeting.language)
    rows: list[tuple[CellValue, ...]] = []
    for cid in country_ids:
        card = ctx.catalog.countries[cid]
        figures: list[str] = []
        sources: list[str] = list(card.sources)
        for figure in card.key_figures:
            value = f"{figure.value:g}" if isinstance(figure.value, float) else str(figure.value)
            line = f"{figure.label}: {value}" + (f" {figure.unit}" if figure.unit else "")
            line += f" ({figure.period})" if figure.period else ""
            figures.append(line + (f" — {illustrative}" if figure.illustrative else ""))
            sources.append(f"{figure.source} ({figure.as_of.isoformat()})")
        rows.append((card.id, clean_text(card.name), card.iso_code, clean_text(card.region),
                     clean_text(card.relationship), plain_lines(figures), plain_lines(sources),
                     card.last_reviewed, None, None))
    return SheetSpec(SHEET_COUNTRIES, TABLE_NAMES[1], columns, tuple(rows),
                     "The country cards of the pack (or of the countries its measures name).")


def _milestone_ids(pack: Pack, catalog: Catalog, area_ids: set[str]) -> list[str]:
    sections = [s for s in pack.sections if isinstance(s, MilestonesSection)]
    chosen: list[str] = []
    for milestone in catalog.milestones.values():
        in_area = bool(area_ids & set(milestone.areas))
        in_section = any(
            (s.areas is None or set(s.areas) & set(milestone.areas))
            and milestone.start_year <= s.to_year and milestone.end_year >= s.from_year
            for s in sections)
        if in_area or in_section:
            chosen.append(milestone.id)
    order = {mid: i for i, mid in enumerate(catalog.milestones)}
    return sorted(chosen, key=lambda mid: (catalog.milestones[mid].start_year, order[mid]))


def _milestones_sheet(ctx: CellText, milestone_ids: list[str]) -> SheetSpec:
    columns = (
        id_column(),
        ColumnSpec("when", "When", 10),
        ColumnSpec("milestone", "Milestone", 40),
        ColumnSpec("areas", "Areas", 22),
        ColumnSpec("body", "Body", 12),
        status_column(ctx.pack.meeting.language),
    ) + delegation_columns(ctx.pack.meeting.language, 30)
    rows: list[tuple[CellValue, ...]] = []
    for mid in milestone_ids:
        m = ctx.catalog.milestones[mid]
        rows.append((m.id, clean_text(m.when), clean_text(m.title),
                     plain_lines([ctx.area_label(a) for a in m.areas]),
                     clean_text(m.body) if m.body else None,
                     status_label(m.status.value, ctx.pack.meeting.language) if m.status else None, None, None))
    return SheetSpec(SHEET_MILESTONES, TABLE_NAMES[2], columns, tuple(rows),
                     "The milestones of the areas shown in the pack.")


def _ms_input_sheet(ctx: CellText) -> SheetSpec:
    columns = (
        id_column(),
        ColumnSpec("theme", "Theme", 20),
        ColumnSpec("area", "Area", 18),
        ColumnSpec("summary", "Summary", 48),
        ColumnSpec("ms_count", "MS count", 8, wrap=False),
    ) + delegation_columns(ctx.pack.meeting.language, 30)
    rows: list[tuple[CellValue, ...]] = []
    seen: set[str] = set()
    for section in ctx.pack.sections:
        if not isinstance(section, ConsultationSection) or section.consultation in seen:
            continue
        seen.add(section.consultation)
        consultation = ctx.catalog.consultations.get(section.consultation)
        if consultation is None:
            continue
        rows.extend((theme.id, clean_text(theme.title), ctx.area_label(theme.area) if theme.area else None,
                     ctx.rich(theme.summary), consultation.ms_count, None, None) for theme in consultation.themes)
    return SheetSpec(SHEET_MS_INPUT, TABLE_NAMES[3], columns, tuple(rows),
                     "What Member States said, theme by theme.")


def plan_annex(pack: Pack, catalog: Catalog, generated_on: dt.date, row_heights: bool = True,
               received: Mapping[str, str] | None = None, changed: ChangedSince | None = None) -> AnnexPlan:
    """Plan the annex workbook of ``pack``: a cover and four data sheets (see module doc).

    ``generated_on`` is written on the cover and as the workbook's creation date, so the
    same store, pack and date always give the same file. ``row_heights=False`` skips
    measuring the rows (an update or an import compares cell values only). ``received``
    (record id → what delegations said about it) adds a "Comments received" column;
    ``changed`` (from the store's history) a "Changed since …" column and the update notes.
    """
    pack, catalog = localised_pack(pack), localised(catalog, pack.meeting.language).catalog
    ctx = CellText(pack, catalog)
    meeting = pack.meeting
    language = meeting.language
    shown = _shown_measures(pack, catalog)
    area_ids = {area.id for area, _, _ in shown}
    sheets: tuple[SheetSpec, ...] = (
        _measures_sheet(ctx, shown),
        _countries_sheet(ctx, _country_ids(pack, catalog, shown)),
        _milestones_sheet(ctx, _milestone_ids(pack, catalog, area_ids)),
        _ms_input_sheet(ctx),
    )
    # an empty data sheet (no consultation in the pack: no MS input) is left out, the Measures kept
    sheets = tuple(within_print_budget(in_language(
        with_received_column(with_changed_column(with_note_column(sheet), changed), received or {}), language))
                   for i, sheet in enumerate(sheets) if sheet.rows or i == 0)
    if row_heights:
        sheets = tuple(with_row_heights(sheet) for sheet in sheets)
    choice = resolve_marking(meeting.marking or catalog.meta.default_marking, catalog.meta.markings, language)
    marking = clean_text(choice.text).strip() or None
    reference = clean_text(meeting.reference or "").strip()
    when = wording.long_date(meeting.date, language)
    cover_label = partial(annex_label, language=language)
    lines = [(cover_label("meeting"), clean_text(meeting.title)), (cover_label("body"), clean_text(meeting.body)),
             (cover_label("date"), when)]
    if meeting.venue:
        lines.append((cover_label("venue"), clean_text(meeting.venue)))
    if meeting.presenter:
        lines.append((cover_label("presenter"), clean_text(meeting.presenter)))
    if reference:
        lines.append((cover_label("reference"), reference))
    store_name = clean_text(catalog.meta.name)
    version = clean_text(catalog.meta.version) if catalog.meta.version else None
    cover = CoverSpec(
        sheet_name=sheet_label("cover", "sheet", "Cover", language),
        title=wording.label("annex_title", meeting.language).format(title=clean_text(meeting.title)),
        meeting_lines=tuple(lines),
        marking=marking,
        store_name=store_name,
        store_version=version,
        generated_on=generated_on,
        contents=tuple(sheet.name for sheet in sheets),
        notes=(
            cover_label("fill_in").format(comments=column_header(DELEGATION_COMMENTS_HEADER, language),
                                          position=column_header(DELEGATION_POSITION_HEADER, language)),
            cover_label("keep_id").format(id=ANNEX_ID_HEADER),
        ),
    )
    properties = AnnexProperties(
        title=cover.title,
        subject=f"{clean_text(meeting.body)}, {when}",
        author=clean_text(meeting.presenter or store_name),
        keywords=", ".join(k for k in (cover_label("keywords"), pack.id, store_name, marking or "", reference) if k),
        marking=marking,
        language=language,
        comments=cover_label("generated_from_version" if version else "generated_from").format(
            store=store_name, version=version, date=wording.long_date(generated_on, language), pack=pack.id),
        reference=reference,
        label=tuple(choice.label_properties(meeting.date.isoformat()).items()),
        changed_since=(changed.since or "") if changed is not None and any(
            column.key == "changed_since" for sheet in sheets for column in sheet.columns) else "",
    )
    return AnnexPlan(pack.id, cover, sheets, properties, page=page_marking(choice, reference))


def page_marking(choice: MarkingChoice, reference: str = "") -> PageMarking:
    """Header and footer sections of every annex page from the markings' placement rules.

    The banner (the first row of each data sheet) is the classification, for classified packs.
    """
    sections: dict[str, dict[str, list[str]]] = {"top": {}, "bottom": {}}
    for marking in choice.markings:
        # Every marking is in the footer too: one placed only at the top goes to the right (Council practice).
        placement = marking.placement if any(p.startswith("bottom") for p in marking.placement) else (
            *marking.placement, "bottom-right")
        for where in placement:
            edge, _, side = where.partition("-")
            sections[edge].setdefault({"left": "L", "centre": "C", "right": "R"}[side], []).append(marking.text)
    header = tuple((key, " · ".join(texts)) for key, texts in sorted(sections["top"].items()))
    footer = tuple((key, " · ".join(texts)) for key, texts in sorted(sections["bottom"].items()))
    colour = next((m.colour for m in choice.markings if m.colour), None) or brand_settings().marking_colour
    classification = choice.classification
    banner = classification.text if classification is not None and choice.level else ""
    return PageMarking(header, footer, banner, colour, reference)
