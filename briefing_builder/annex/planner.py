"""Plan a pack's Excel annex: which records go on which sheet, as rows of cell values.

The annex lists, for delegations to comment on, what the pack's deck shows:

* **Measures** — the measures of the pack's area sections (only the chosen subset when a
  section lists ``measures``), in pack order; an area whose slide shows its main goals gets
  a *main goals* row first (id ``<area-id>/main-goals``). A measure shown twice is listed once.
* **Country cards** — the pack's country sections; when it has none, the cards of the
  countries linked from the shown measures.
* **Milestones** — the milestones of the shown areas, plus those a milestones section shows.
* **MS input** — the themes of the pack's consultations, one row per theme.

When delegations' feedback on the pack is kept in the store (earlier returns imported), a
**Comments received** column before the update note shows, per row, each delegation's
position and comment. When the store's history knows what changed since the pack's last
export (:class:`~.changed_since.ChangedSince`), a **Changed since <date>** column before those shows each
changed row's fields (deleted words struck through), and the row's update note says
"New" or "Changed: status, text"; a sheet with no such row gets neither.

A data sheet with no rows is left out (the Measures sheet is always there). Column widths
add up to at most :data:`PRINT_WIDTH_CHARS`, so a sheet printed one page wide on A4
landscape keeps its text at 9 pt or more; long texts wrap (row heights are measured).

Every data sheet starts with the ``ID`` column (the record's stable store id, which an
import of the returned annex matches rows on) and ends with the two empty delegation columns.

**Cross-references.** The annex has no slide numbers, so ``[slide {n}](#record)`` cannot
keep its wording. A cross-reference whose text contains ``{n}`` (or is empty) is replaced
by the *name* of its target — "4. Return and readmission" for an area of the pack (agenda
number and title), a country's name, a milestone's or consultation's title — so
"Return and readmission (see [slide {n}](#return-readmission))" reads
"Return and readmission (see 4. Return and readmission)". A cross-reference with its own
text ("see [the readmission slide](#…)") keeps that text. A target the store does not know
is named by its id. Hyperlinks keep their text, followed by the address in brackets.

Store text is untrusted: control characters are removed here (line breaks only where the
planner puts them); the writer stores every string as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from briefing_builder.annex.changed_since import ChangedSince
from briefing_builder.annex.headers import (
    annex_label,
    column_header,
    in_language,
    position_labels,
    sheet_label,
    status_label,
    status_labels,
)
from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    COMMENTS_RECEIVED_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    MAIN_GOALS_ID_SUFFIX,
    UPDATE_NOTE_HEADER,
    AnnexPlan,
    AnnexProperties,
    CellValue,
    ColumnSpec,
    CoverSpec,
    PageMarking,
    RichText,
    SheetSpec,
)
from briefing_builder.annex.rows import with_row_heights
from briefing_builder.brand import brand_settings
from briefing_builder.compose import wording
from briefing_builder.markup import Run, clean_text, parse_markup
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
    Status,
    SubPoint,
)

_N = re.compile(r"\{n\}")
_SPACES = re.compile(r"[ ]{2,}")
STATUS_VALUES: tuple[str, ...] = tuple(status.value for status in Status)
SHEET_MEASURES = "Measures"
SHEET_COUNTRIES = "Country cards"
SHEET_MILESTONES = "Milestones"
SHEET_MS_INPUT = "MS input"
#: The Excel table names of the data sheets, in sheet order.
TABLE_NAMES = ("Measures", "CountryCards", "Milestones", "MSInput")


#: Column widths are chosen so that a data sheet's columns add up to at most this many
#: characters: printed one page wide on A4 landscape, its 11 pt text is then at least 9 pt.
PRINT_WIDTH_CHARS = 170


def positions(language: str) -> tuple[str, ...]:
    """The drop-down values of "Delegation position" in ``language`` (from the label catalogues)."""
    return position_labels(language)


def _id_column() -> ColumnSpec:
    return ColumnSpec("id", ANNEX_ID_HEADER, 14, kind="id")  # wraps at the hyphens: every id shows in full


def _delegation_columns(language: str = "en", comments: float = 16) -> tuple[ColumnSpec, ...]:
    return (ColumnSpec("delegation_comments", DELEGATION_COMMENTS_HEADER, comments, kind="delegation"),
            ColumnSpec("delegation_position", DELEGATION_POSITION_HEADER, 12, kind="delegation",
                       validation=positions(language)))


def _with_note_column(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with the empty "Update note" column inserted before the delegation columns."""
    at = len(sheet.columns) - 2  # before the two delegation columns
    note = ColumnSpec("update_note", UPDATE_NOTE_HEADER, 11, kind="note")
    return replace(sheet, columns=sheet.columns[:at] + (note,) + sheet.columns[at:],
                   rows=tuple(row[:at] + (None,) + row[at:] for row in sheet.rows))


def _with_changed_column(sheet: SheetSpec, changed: ChangedSince | None) -> SheetSpec:
    """``sheet`` with a "Changed since …" column before the update note and the notes filled,
    when any of its rows changed since the last export."""
    if changed is None or not changed.in_table(sheet.table_name, (str(row[0]) for row in sheet.rows)):
        return sheet
    at = len(sheet.columns) - 3  # before the update note and the two delegation columns
    column = ColumnSpec("changed_since", changed.header, 20)

    def row_of(row: tuple[CellValue, ...]) -> tuple[CellValue, ...]:
        rid = str(row[0])
        return row[:at] + (changed.details.get(rid), changed.notes.get(rid)) + row[at + 1:]
    return _within_print_budget(replace(sheet, columns=sheet.columns[:at] + (column,) + sheet.columns[at:],
                                        rows=tuple(row_of(row) for row in sheet.rows)))


def _with_received_column(sheet: SheetSpec, received: Mapping[str, str]) -> SheetSpec:
    """``sheet`` with a "Comments received" column before the update note, when any of its
    records has comments from delegations (what earlier returns said, kept in the store)."""
    if not any(str(row[0]) in received for row in sheet.rows):
        return sheet
    at = len(sheet.columns) - 3  # before the update note and the two delegation columns
    column = ColumnSpec("comments_received", COMMENTS_RECEIVED_HEADER, 18)
    return _within_print_budget(replace(
        sheet, columns=sheet.columns[:at] + (column,) + sheet.columns[at:],
        rows=tuple(row[:at] + (received.get(str(row[0])),) + row[at:] for row in sheet.rows)))


def _within_print_budget(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with its widest wrapped columns narrowed until all fit :data:`PRINT_WIDTH_CHARS`."""
    widths = [c.width for c in sheet.columns]
    while sum(widths) > PRINT_WIDTH_CHARS:
        widest = max((i for i, c in enumerate(sheet.columns) if c.wrap and c.kind in ("text", "delegation")),
                     key=lambda i: widths[i])
        widths[widest] -= 1
    return replace(sheet, columns=tuple(replace(c, width=w) for c, w in zip(sheet.columns, widths)))


def _status_column(language: str) -> ColumnSpec:
    return ColumnSpec("status", "Status", 11, wrap=False, kind="status",
                      validation=status_labels(STATUS_VALUES, language))


class _Context:
    """What text conversion needs: names of cross-reference targets, agenda numbers."""

    def __init__(self, pack: Pack, catalog: Catalog) -> None:
        self.pack = pack
        self.catalog = catalog
        self.numbers: dict[str, int] = {}
        for section in pack.sections:
            if isinstance(section, AreaSection) and section.area not in self.numbers:
                self.numbers[section.area] = len(self.numbers) + 1
        self.names: dict[str, str] = {}
        for area in catalog.areas.values():
            self.names[area.id] = self.area_label(area.id)
        for card in catalog.countries.values():
            self.names[card.id] = card.name
        for consultation in catalog.consultations.values():
            self.names[consultation.id] = consultation.title
        for milestone in catalog.milestones.values():
            self.names[milestone.id] = milestone.title
        for section in pack.sections:
            if section.id is None:
                continue
            target = getattr(section, "area", None) or getattr(section, "country", None) \
                or getattr(section, "consultation", None)
            title = getattr(section, "title", None)
            self.names[section.id] = self.names.get(target or "", None) or clean_text(title or section.id)

    def area_label(self, area_id: str) -> str:
        """Agenda number and title ("4. Return and readmission"); the title alone if not in the pack."""
        area = self.catalog.areas.get(area_id)
        title = clean_text(area.title) if area else area_id
        number = self.numbers.get(area_id)
        return f"{number}. {title}" if number else title

    def rich(self, text: str | None) -> RichText:
        """Markup → runs, with cross-references and hyperlinks made readable (see module doc)."""
        if not text:
            return ()
        out: list[Run] = []
        for run in parse_markup(text):
            if run.ref is not None:
                label = run.text
                if not label or "{n}" in label:
                    label = self.names.get(run.ref, run.ref)
                out.append(replace(run, text=_SPACES.sub(" ", _N.sub("", label)), ref=None))
            elif run.link:
                out.append(run)
                if run.text.strip() != run.link:
                    out.append(Run(f" ({run.link})", run.bold, run.italic, run.strike))
            else:
                out.append(run)
        return tuple(r for r in out if r.text)


def _lines(parts: list[RichText]) -> RichText:
    """Join rich texts with line breaks (one per line in the cell)."""
    out: list[Run] = []
    for index, part in enumerate(p for p in parts if p):
        if index:
            out.append(Run("\n"))
        out.extend(part)
    return tuple(out)


def _plain_lines(values: list[str]) -> str | None:
    lines = [clean_text(v) for v in values if v and clean_text(v).strip()]
    return "\n".join(dict.fromkeys(lines)) or None


def _sub_point_lines(ctx: _Context, points: list[SubPoint], level: int = 1) -> list[RichText]:
    lines: list[RichText] = []
    for point in points:
        indent = "    " * (level - 1)
        lines.append((Run(f"{indent}– "),) + ctx.rich(point.text))
        lines.extend(_sub_point_lines(ctx, point.sub_points, level + 1))
    return lines


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


def _measures_sheet(ctx: _Context, shown: list[tuple[Area, AreaSection, list[Measure]]]) -> SheetSpec:
    columns = (
        _id_column(),
        ColumnSpec("area", "Area", 12),
        ColumnSpec("measure", "Measure", 27),
        ColumnSpec("sub_points", "Sub-points", 28),
        _status_column(ctx.pack.meeting.language),
        ColumnSpec("lead", "Lead", 10),
        ColumnSpec("timeline", "Timeline", 9),
        ColumnSpec("countries", "Countries", 10),
        ColumnSpec("sources", "Sources", 10),
    ) + _delegation_columns(ctx.pack.meeting.language, 16)
    language = ctx.pack.meeting.language
    rows: list[tuple[CellValue, ...]] = []
    goals_done: set[str] = set()
    for area, section, measures in shown:
        area_label = ctx.area_label(area.id)
        area_sources = _plain_lines(list(area.sources))
        if section.show_main_goals and area.main_goals and area.id not in goals_done:
            goals_done.add(area.id)
            text = (Run(wording.label("main_goals", language) + " ", bold=True),) + ctx.rich(area.main_goals)
            rows.append((area.id + MAIN_GOALS_ID_SUFFIX, area_label, text, None, None, None, None, None,
                         area_sources, None, None))
        for measure in measures:
            countries = [ctx.catalog.countries[c].name if c in ctx.catalog.countries else c for c in measure.countries]
            rows.append((
                measure.id, area_label, ctx.rich(measure.text),
                _lines(_sub_point_lines(ctx, measure.sub_points)) or None,
                status_label(measure.status.value, language) if measure.status else None,
                _plain_lines(list(measure.lead)),
                clean_text(measure.timeline) if measure.timeline else None,
                _plain_lines(countries),
                _plain_lines(list(measure.sources)) or area_sources,
                None, None,
            ))
    return SheetSpec(SHEET_MEASURES, TABLE_NAMES[0], columns, tuple(rows),
                     "The measures shown in the pack, in pack order.")


def _country_ids(pack: Pack, catalog: Catalog, shown: list[tuple[Area, AreaSection, list[Measure]]]) -> list[str]:
    ids = [s.country for s in pack.sections if isinstance(s, CountrySection)]
    if not ids:
        ids = [c for _, _, measures in shown for m in measures for c in m.countries]
    return [c for c in dict.fromkeys(ids) if c in catalog.countries]


def _countries_sheet(ctx: _Context, country_ids: list[str]) -> SheetSpec:
    columns = (
        _id_column(),
        ColumnSpec("country", "Country", 12),
        ColumnSpec("iso", "ISO", 5, wrap=False),
        ColumnSpec("region", "Region", 11),
        ColumnSpec("relationship", "Relationship", 18),
        ColumnSpec("key_figures", "Key figures", 30),
        ColumnSpec("sources", "Sources and as-of dates", 24),
        ColumnSpec("last_reviewed", "Last reviewed", 11, wrap=False),
    ) + _delegation_columns(ctx.pack.meeting.language, 16)
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
                     clean_text(card.relationship), _plain_lines(figures), _plain_lines(sources),
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


def _milestones_sheet(ctx: _Context, milestone_ids: list[str]) -> SheetSpec:
    columns = (
        _id_column(),
        ColumnSpec("when", "When", 10),
        ColumnSpec("milestone", "Milestone", 40),
        ColumnSpec("areas", "Areas", 22),
        ColumnSpec("body", "Body", 12),
        _status_column(ctx.pack.meeting.language),
    ) + _delegation_columns(ctx.pack.meeting.language, 30)
    rows: list[tuple[CellValue, ...]] = []
    for mid in milestone_ids:
        m = ctx.catalog.milestones[mid]
        rows.append((m.id, clean_text(m.when), clean_text(m.title),
                     _plain_lines([ctx.area_label(a) for a in m.areas]),
                     clean_text(m.body) if m.body else None,
                     status_label(m.status.value, ctx.pack.meeting.language) if m.status else None, None, None))
    return SheetSpec(SHEET_MILESTONES, TABLE_NAMES[2], columns, tuple(rows),
                     "The milestones of the areas shown in the pack.")


def _ms_input_sheet(ctx: _Context) -> SheetSpec:
    columns = (
        _id_column(),
        ColumnSpec("theme", "Theme", 20),
        ColumnSpec("area", "Area", 18),
        ColumnSpec("summary", "Summary", 48),
        ColumnSpec("ms_count", "MS count", 8, wrap=False),
    ) + _delegation_columns(ctx.pack.meeting.language, 30)
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
    ctx = _Context(pack, catalog)
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
    sheets = tuple(_within_print_budget(in_language(
        _with_received_column(_with_changed_column(_with_note_column(sheet), changed), received or {}), language))
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
