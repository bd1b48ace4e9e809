"""Pack + catalog + template geometry → :class:`DeckPlan` (pure and deterministic).

Every decision lives here: which layout role each slide uses, the agenda numbers, the
font size of every text block and where it splits onto "(cont.)" slides, slide numbers,
cross-reference resolution ("see slide 7" follows the deck's real order) and notes. The
slides' furniture (markings, footer, the app's own slide number) is placed by
``compose.slide_furniture``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing_builder.brand import brand_settings
from briefing_builder.compose import textstyle, wording
from briefing_builder.compose.change_list import ChangeList
from briefing_builder.compose.deck_quality import indent_note, length_note
from briefing_builder.compose.drafts import Draft, make_drafts
from briefing_builder.compose.figure_colours import figure_colours
from briefing_builder.compose.figures import TABLE_SIZES_PT, chart_note, place_figures, template_graphics
from briefing_builder.compose.fitting import Group, fit_groups, fits, largest_fitting_size, words_fit
from briefing_builder.compose.geometry import (
    EMU_PER_INCH,
    EMU_PER_POINT,
    Box,
    RoleGeometry,
    TemplateGeometry,
    title_lines_box,
)
from briefing_builder.compose.language_fallbacks import labels_note, shown_fallbacks
from briefing_builder.compose.marking_checks import marking_findings
from briefing_builder.compose.marking_layout import MarkingSurfaces, described
from briefing_builder.compose.measure import coverage, font_face, stand_in
from briefing_builder.compose.plan import (
    DeckPlan,
    DeckProperties,
    MarkingRule,
    NoteKind,
    Paragraph,
    PlanNote,
    SlideSpec,
    TextFrame,
)
from briefing_builder.compose.provenance import plan_values
from briefing_builder.compose.scripts import WIDE_LINE_EM, fallback_em, script_of, uncovered
from briefing_builder.compose.slide_furniture import (
    fit_footers,
    footer_line,
    footer_notes,
    furnished,
    own_number_notes,
    place_markings,
    shortened_footers,
)
from briefing_builder.compose.subtitle_fit import fit_subtitle
from briefing_builder.compose.text_contrast import RoleColours, template_colours
from briefing_builder.compose.text_scale import HOUSE_BODY_MIN_PT
from briefing_builder.compose.timeline import layout_timeline, select_milestones
from briefing_builder.compose.title_room import shows_no_title, with_title_bands
from briefing_builder.markup import Run
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import localised, localised_pack
from briefing_builder.store.markings import MarkingChoice, resolve_marking
from briefing_builder.store.schema import Pack

_N = re.compile(r"\{n\}")


def plan_deck(pack: Pack, catalog: Catalog, geometry: TemplateGeometry,
              surfaces: MarkingSurfaces | None = None, changes: dict[int, ChangeList] | None = None) -> DeckPlan:
    """Lay out the whole deck for ``pack`` on a template described by ``geometry``.

    ``surfaces`` (read from the template by ``render.marking_surfaces``) say where the
    markings fit and what lies under them; without them every page is taken as white.
    ``changes``: the list each ``type: changes`` section shows, by section index.
    """
    pack = localised_pack(pack)
    meeting = pack.meeting
    language = meeting.language
    local = localised(catalog, language)
    catalog = local.catalog
    date_text = wording.long_date(meeting.date, language)
    notes: list[PlanNote] = [PlanNote(NoteKind.TEMPLATE, w) for w in geometry.warnings]
    geometry, band_notes = with_title_bands(geometry)  # title boxes that can show no title
    notes += [PlanNote(NoteKind.LANGUAGE, f.message(language), index) for f, index in shown_fallbacks(pack, local)]
    notes += [note for note in (labels_note(language),) if note is not None]
    drafts = make_drafts(pack, catalog, f"{meeting.body}, {date_text}", changes)
    drawn = {d.section_index for d in drafts}
    for index, section in enumerate(pack.sections):
        if index not in drawn:
            notes.append(PlanNote(NoteKind.MISSING_RECORD, f"Section {index + 1} ({section.type}) names a record that "
                                  "is not in the store; it was left out of the deck.", index))
    for family in dict.fromkeys((geometry.body_font, geometry.heading_font)):
        if not font_face(family).known:
            notes.append(PlanNote(NoteKind.TEMPLATE, f"The template's font '{family}' has no metric-compatible "
                                  "stand-in; its text is measured conservatively and may look small."))
    notes += _script_notes(drafts, meeting.title, geometry)
    choice = marking_choice(pack, catalog)
    notes += marking_findings(choice, meeting)
    marking = choice.text

    footer = footer_line(meeting.reference, meeting.body, date_text)
    placed = {kind: described(marks, language) for kind, marks in place_markings(
        choice, geometry, surfaces or MarkingSurfaces(),
        {role: content_area(geo, geometry) for role, geo in geometry.roles.items()}, notes,
        footer, (meeting.reference or "").strip()).items()}
    areas = {role: placed[role].content or content_area(geo, geometry) for role, geo in geometry.roles.items()}
    laid = replace(geometry, roles={role: replace(geo, bodies=placed[role].bodies or geo.bodies)
                                    for role, geo in geometry.roles.items()})  # bodies a marking shortened
    pages: list[SlideSpec] = []
    for draft in drafts:
        pages.extend(_lay_out(draft, laid, catalog, language, notes, areas[draft.role],
                              template_graphics((surfaces or MarkingSurfaces()).slides.get(draft.role),
                                                laid.role(draft.role))))

    fitted = fit_footers(footer, geometry, placed, surfaces or MarkingSurfaces(),
                         shortened_footers(meeting.reference, meeting.body, date_text))
    notes.extend(footer_notes(pages, fitted, geometry))
    colours = _text_colours(geometry, surfaces or MarkingSurfaces(), [s.role for s in pages], notes)
    notes.extend(PlanNote(NoteKind.TEMPLATE, note) for note in dict.fromkeys(
        band_notes[role] for role in dict.fromkeys(s.role for s in pages) if role in band_notes))
    title_boxes = {role: (geometry.role(role).title if role in band_notes else None) or placed[role].title
                   for role in placed}
    numbered = [replace(furnished(s, footer, geometry.role(s.role), placed[s.role], fitted[s.role]), number=i,
                        marking=marking,
                        text_colours=colours[s.role].colours if s.role in colours else (),
                        text_panels=colours[s.role].panels if s.role in colours else (),
                        title_box=title_boxes[s.role], title_font_size=_title_size(  # a "(cont.)" title is longer
                            s.role, s.title, title_boxes[s.role] or geometry.role(s.role).title, geometry)
                        if title_boxes[s.role] or s.continuation else s.title_font_size)
                for i, s in enumerate(pages, start=1)]
    notes.extend(own_number_notes(pages, placed, geometry, bool(choice.markings)))
    anchors: dict[str, int] = {}
    for slide in numbered:
        for anchor in slide.anchors:
            anchors.setdefault(anchor, slide.number)
    slides = tuple(_resolve_refs(s, anchors, language, notes) for s in _unique_titles(numbered))
    slides = tuple(replace(s, figure_colours=figure_colours(s, (surfaces or MarkingSurfaces()).slides.get(s.role),
                                                            geometry.theme_colors)) for s in slides)
    notes.extend(_empty_slide_notes(slides))
    notes.extend(_title_fit_notes(slides, geometry))
    if (indents := indent_note(geometry)) and any(p.bullet for s in slides for f in s.bodies for p in f.paragraphs):
        notes.append(PlanNote(NoteKind.TEMPLATE, indents))
    if geometry.reference is not None:
        note = length_note(len(slides), len(plan_deck(pack, catalog, geometry.reference).slides), geometry)
        if note:
            notes.append(PlanNote(NoteKind.TEMPLATE, note))
    properties = DeckProperties(title=meeting.title, subject=footer, author=catalog.meta.name,
                                keywords=marking, language=language, marking=marking,
                                date_iso=meeting.date.isoformat(), reference=(meeting.reference or "").strip(),
                                label_id=choice.label.guid if choice.label else "",
                                label=tuple(choice.label_properties(meeting.date.isoformat()).items()))
    sources = ({p.source for s in slides for f in s.bodies for p in f.paragraphs} | {s.title_source for s in slides}
               | {c for s in slides if s.table is not None for row in s.table.sources for c in row})
    return DeckPlan(pack.id, slides, anchors, properties, geometry.name, tuple(notes),
                    notes_marks=placed["notes"].marks, notes_number_box=placed["notes"].footer,
                    marking_rules=tuple(MarkingRule(m.text, m.placement, m.colour or brand_settings().marking_colour)
                                        for m in choice.markings),
                    source_values=plan_values(catalog, sources))


def marking_choice(pack: Pack, catalog: Catalog) -> MarkingChoice:
    """The pack's marking (or the store's default) resolved against the store's catalogue."""
    meeting = pack.meeting
    return resolve_marking(meeting.marking or catalog.meta.default_marking, catalog.meta.markings, meeting.language)


def _text_colours(geometry: TemplateGeometry, surfaces: MarkingSurfaces, roles: list[str],
                  notes: list[PlanNote]) -> dict[str, RoleColours]:
    """Per role used, the text colours (and backing panels) to write where the template's own are unreadable."""
    found, problems = template_colours(geometry, surfaces.slides, roles)
    notes.extend(PlanNote(NoteKind.CONTRAST, problem) for problem in problems)
    return found


def _script_notes(drafts: list[Draft], title: str, geometry: TemplateGeometry) -> list[PlanNote]:
    """One note per script the measuring fonts have no glyphs for, naming the font that stood in."""
    texts = [title] + [d.title for d in drafts] + [line for d in drafts for line in d.subtitle]
    texts += [run.text for d in drafts for body in d.bodies for group in body for p in group for run in p.runs]
    found: dict[str, str] = {}
    cover = coverage(geometry.body_font) & coverage(geometry.heading_font)
    for text in texts:
        for char in uncovered(text, cover):
            found.setdefault(script_of(char), char)
    font = stand_in(geometry.body_font)
    return [PlanNote(NoteKind.TEMPLATE, f"Text in {script} script (e.g. “{sample}”) has no glyphs in {font}, "
                     f"which stands in for '{geometry.body_font}' when measuring: it is measured as "
                     + (f"full-width characters on lines {WIDE_LINE_EM:g} em tall (no CJK font is shipped or "
                        "assumed on the machine)" if fallback_em(sample) == 1.0 else "wide characters")
                     + ", conservatively, and PowerPoint will set it in a system font. Check those slides.")
            for script, sample in found.items()]


# --------------------------------------------------------------------------- layout


def content_area(role: RoleGeometry, geometry: TemplateGeometry) -> Box:
    """The area under the title where free content (timeline, figures) may go.

    The bodies' extent; else the layout's free area (clear of its pictures and shapes); else
    the band under the title.
    """
    if role.bodies:
        left = min(b.left for b in role.bodies)
        top = min(b.top for b in role.bodies)
        right = max(b.right for b in role.bodies)
        bottom = max(b.bottom for b in role.bodies)
        return _on_slide(Box(left, top, right - left, bottom - top), geometry)
    if role.free is not None:
        return _on_slide(role.free, geometry)
    margin = int(0.5 * EMU_PER_INCH)
    top = (role.title.bottom if role.title else margin) + int(0.15 * EMU_PER_INCH)
    bottom = geometry.slide_height - int(0.7 * EMU_PER_INCH)
    if role.title is not None and role.title.top > geometry.slide_height / 2:  # a low title: the room above it
        top, bottom = margin, role.title.top - int(0.15 * EMU_PER_INCH)
    left = role.title.left if role.title else margin
    width = role.title.width if role.title else geometry.slide_width - 2 * margin
    return _on_slide(Box(left, top, width, max(bottom - top, EMU_PER_INCH)), geometry)


def _on_slide(box: Box, geometry: TemplateGeometry) -> Box:
    """``box`` moved (and if need be shrunk) to lie inside the slide."""
    width, height = min(box.width, geometry.slide_width), min(box.height, geometry.slide_height)
    left = min(max(box.left, 0), geometry.slide_width - width)
    top = min(max(box.top, 0), geometry.slide_height - height)
    return Box(left, top, width, height)


def title_runs(title: str, geometry: TemplateGeometry) -> tuple[Run, ...]:
    """A title as the template sets it (bold, italic, capitals), for measuring, painting and writing."""
    return (Run(title.upper() if geometry.heading_caps else title, bold=geometry.heading_bold,
                 italic=geometry.heading_italic),)


def _title_size(role: str, title: str, box: Box | None, geometry: TemplateGeometry) -> float | None:
    if box is None:
        return None
    high, low = geometry.text_scale.title_range(*brand_settings().title_range(role))  # a long title shrinks
    family = geometry.heading_font
    paragraph = (Paragraph(title_runs(title, geometry), bullet=False),)
    lines = title_lines_box(box, geometry.role(role).title_inset)
    spacing = geometry.heading_spacing_pt
    size = largest_fitting_size(paragraph, lines, family, high, low, spacing, whole_words=True)
    floor = size if words_fit(paragraph, lines, family, size, spacing) else geometry.text_scale.size(HOUSE_BODY_MIN_PT)
    # a word wider than the box at the title floor would break: shrink toward the body floor (else a note says so)
    return largest_fitting_size(paragraph, lines, family, size, floor, spacing, whole_words=True)


def _title_fit_notes(slides: tuple[SlideSpec, ...], geometry: TemplateGeometry) -> list[PlanNote]:
    """One note per layout whose title box holds some title even at the smallest title size."""
    found: dict[str, tuple[SlideSpec, Box]] = {}
    for spec in slides:
        role = geometry.role(spec.role)
        box = spec.title_box or role.title
        if box is None or spec.title_font_size is None or role.layout_name in found or shows_no_title(
                box, brand_settings().title_range(spec.role)[1]):  # said by compose.title_room
            continue
        paragraph = (Paragraph(title_runs(spec.title, geometry), bullet=False),)
        if not fits(paragraph, title_lines_box(box, role.title_inset), geometry.heading_font, spec.title_font_size,
                    geometry.heading_spacing_pt, whole_words=True):
            found[role.layout_name] = (spec, box)
    return [PlanNote(NoteKind.TEMPLATE, f"Layout '{layout}': its title box is {box.width / EMU_PER_POINT:.0f}×"
                     f"{box.height / EMU_PER_POINT:.0f} pt, too small for titles such as “{spec.title}” (slide "
                     f"{spec.number}) even at the smallest title size ({spec.title_font_size:g} pt): they run out "
                     "of it. Make the layout's title placeholder larger (View → Slide Master) or pin another layout.")
            for layout, (spec, box) in found.items()]


def _lay_out(draft: Draft, geometry: TemplateGeometry, catalog: Catalog, language: str,
             notes: list[PlanNote], area: Box, graphics: tuple[Box, ...] = ()) -> list[SlideSpec]:
    """The slides of one draft; ``area`` is where content without a placeholder goes (clear of the markings),
    ``graphics`` the template's shapes a chart keeps clear of."""
    role = geometry.role(draft.role)
    body_font = geometry.body_font
    subtitle = fit_subtitle(draft.title, draft.subtitle, role, geometry)
    base = SlideSpec(number=0, role=draft.role, title=draft.title, subtitle=subtitle.lines,
                     title_source=draft.title_source, title_lead=draft.title_lead,
                     notes="\n".join(draft.notes), anchors=draft.anchors, section_index=draft.section_index,
                     title_font_size=_title_size(draft.role, draft.title, role.title, geometry),
                     subtitle_font_size=subtitle.size, subtitle_box=subtitle.box)
    if draft.role in ("title", "section", "closing"):
        if subtitle.note:
            notes.append(PlanNote(NoteKind.TEMPLATE, subtitle.note, draft.section_index))
        return [base]
    if draft.milestones is not None:
        chosen = select_milestones(list(catalog.milestones.values()), draft.milestones)
        smallest = max(geometry.body_min_pt, geometry.text_scale.size(HOUSE_BODY_MIN_PT))
        specs = layout_timeline(chosen, draft.milestones, area, body_font, smallest,
                                wording.label("alt_timeline", language).format(start=draft.milestones.from_year,
                                                                               end=draft.milestones.to_year),
                                geometry.text_scale.factor)
        return _continue(base, [replace(base, timeline=spec) for spec in specs], language, notes)

    boxes = list(role.bodies) or [area]
    left_box = boxes[0]
    groups = [tuple(textstyle.styled(p, role.body_weights) for p in group) for group in draft.bodies[0]] \
        if draft.bodies else []
    fit = fit_groups(groups, left_box, body_font, geometry.body_max_pt, geometry.body_min_pt,
                     geometry.body_spacing_pt)
    if fit.font_size < geometry.body_max_pt:
        notes.append(PlanNote(NoteKind.SHRUNK, f"“{draft.title}”: text set at {fit.font_size:g} pt "
                              f"(from {geometry.body_max_pt:g} pt) to fit.", draft.section_index))
    slides = [replace(base, bodies=(TextFrame(page, left_box, fit.size_of(i), 0),)) for i, page in enumerate(fit.pages)]
    if draft.role == "two_content" and (draft.table or draft.chart):
        right_box = boxes[1] if len(boxes) > 1 else None
        figures = place_figures(draft, right_box, body_font, geometry.text_scale.steps(TABLE_SIZES_PT),
                                geometry.text_scale, graphics)
        if note := chart_note(figures, graphics, draft.title, role.layout_name):
            notes.append(PlanNote(NoteKind.TEMPLATE, note, draft.section_index))
        for index, (table, chart) in enumerate(figures):
            if index < len(slides):
                slides[index] = replace(slides[index], table=table, chart=chart)
            else:
                slides.append(replace(base, table=table, chart=chart))
    elif draft.role == "two_content":
        slides = [replace(s, role="content") for s in slides]
        slides = [_widen(s, geometry) for s in slides]
    slides = _continue(base, slides, language, notes)
    for index, anchors in enumerate(_page_anchors(draft, groups, fit.pages)):
        slides[index] = replace(slides[index], anchors=anchors)
    return slides


def _page_anchors(draft: Draft, groups: list[Group], pages: tuple[tuple[Paragraph, ...], ...]
                  ) -> list[tuple[str, ...]]:
    """The anchors of each page: a group's anchor on the page that shows the group's first
    paragraph, the draft's other anchors on the first page."""
    out: list[list[str]] = [[] for _ in pages] or [[]]
    for anchor in draft.anchors:
        index = draft.group_anchors.get(anchor)
        head = groups[index][0] if index is not None and index < len(groups) and groups[index] else None
        page = next((i for i, page in enumerate(pages) if any(p is head for p in page)), 0)
        out[page].append(anchor)
    return [tuple(anchors) for anchors in out]


def _widen(slide: SlideSpec, geometry: TemplateGeometry) -> SlideSpec:
    """A two-column slide with nothing on the right uses the content layout's body box."""
    box = geometry.role("content").bodies[0] if geometry.role("content").bodies else slide.bodies[0].box
    bodies = tuple(replace(b, box=box) for b in slide.bodies)
    return replace(slide, bodies=bodies)


def _continue(base: SlideSpec, slides: list[SlideSpec], language: str, notes: list[PlanNote]) -> list[SlideSpec]:
    if len(slides) > 1:
        notes.append(PlanNote(NoteKind.CONTINUED, f"“{base.title}” continues over {len(slides)} slides.",
                              base.section_index))
    out = []
    for index, slide in enumerate(slides):
        if index:
            suffix = wording.continued(language, index)
            slide = replace(slide, title=f"{base.title} {suffix}", continuation=index, anchors=(),
                            title_source="")  # a continuation title is the app's
        out.append(slide)
    return out


# --------------------------------------------------------------------------- finishing


def _empty_slide_notes(slides: tuple[SlideSpec, ...]) -> list[PlanNote]:
    """A note for each slide that should carry content but has none (an area with no measures
    shown, a text section with no bullets, a consultation with no themes, an empty agenda…)."""
    return [PlanNote(NoteKind.EMPTY, f"Slide {slide.number} “{slide.title}” has nothing on it but its title: "
                     "check its section in the pack (measures, bullets, themes, areas or years chosen).",
                     slide.section_index)
            for slide in slides
            if slide.role not in ("title", "section", "closing") and slide.table is None and slide.chart is None
            and (slide.timeline is None or not slide.timeline.entries)
            and not any(p.text.strip() for b in slide.bodies for p in b.paragraphs)]


def _unique_titles(slides: list[SlideSpec]) -> list[SlideSpec]:
    seen: dict[str, int] = {}
    out = []
    for slide in slides:
        count = seen.get(slide.title, 0) + 1
        seen[slide.title] = count
        out.append(slide if count == 1 else replace(slide, title=f"{slide.title} ({count})"))
    return out


def _resolve_refs(slide: SlideSpec, anchors: dict[str, int], language: str, notes: list[PlanNote]) -> SlideSpec:
    if not slide.bodies:
        return slide
    bodies = []
    for frame in slide.bodies:
        paragraphs = tuple(
            replace(p, runs=tuple(_resolve_run(r, anchors, language, slide, notes) for r in p.runs))
            for p in frame.paragraphs)
        bodies.append(replace(frame, paragraphs=paragraphs))
    return replace(slide, bodies=tuple(bodies))


def _resolve_run(run: Run, anchors: dict[str, int], language: str, slide: SlideSpec,
                 notes: list[PlanNote]) -> Run:
    if run.ref is None:
        return run
    target = anchors.get(run.ref)
    text = wording.reference_wording(run.text, language)  # the default wording, in any language, in the pack's
    if target is None:
        notes.append(PlanNote(NoteKind.UNRESOLVED_REF, f"Slide {slide.number} “{slide.title}”: the cross-reference to "
                              f"'{run.ref}' points at nothing in this pack.", slide.section_index))
        return replace(run, text=_N.sub("?", text), ref=None)
    return replace(run, text=_N.sub(str(target), text))
