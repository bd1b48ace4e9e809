"""Draw a :class:`DeckPlan` on an opened template with python-pptx. Decides nothing.

Slides are created first (so cross-references can link to any slide), then filled:
title, subtitle, fitted bodies, table, chart, timeline, footer furniture, marking, speaker
notes; empty placeholders are dropped and shape ids renumbered. The package is finished by
:func:`deck_package.finish_deck` (properties, reproducible bytes).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Emu

from briefing_builder.compose import wording
from briefing_builder.compose.geometry import Box, title_inset_in
from briefing_builder.compose.plan import DeckPlan, Paragraph, SlideSpec
from briefing_builder.markup import Run, clean_text
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree, text_body
from briefing_builder.render import deck_provenance, pptx_shapes, pptx_text, pptx_visuals
from briefing_builder.render.deck_package import finish_deck
from briefing_builder.render.number_fit import clear_of_number, fit_slide_number
from briefing_builder.render.output import OutputError, atomic_write
from briefing_builder.render.package_check import check_package
from briefing_builder.render.part_names import install_allocator
from briefing_builder.render.slide_adder import add_slides
from briefing_builder.render.speaker_notes import write_notes
from briefing_builder.render.template import OpenedTemplate
from briefing_builder.render.template_roles import RolePlaceholders
from briefing_builder.render.text_styles import level_directions, resolve_style
from briefing_builder.render.turned_placeholders import keep_turn

SLIDE_JUMP = "ppaction://hlinksldjump"


def deck_bytes(plan: DeckPlan, template: OpenedTemplate) -> bytes:
    """Render ``plan`` onto ``template`` (consumed: open a fresh one per build)."""
    prs = template.presentation
    names = install_allocator(prs.part.package)
    slides = add_slides(prs, [template.layouts[spec.role] for spec in plan.slides], names)
    # The footer already names the meeting and its date: the date placeholder stays empty.
    date_text = ""
    baseline = deck_provenance.Baseline(plan.pack_id, values=dict(plan.source_values),
                                        generated=sorted({s.footer for s in plan.slides if s.footer}
                                                         | {s.marking for s in plan.slides if s.marking}))
    language = wording.locale_tag(plan.properties.language)
    for spec, slide in zip(plan.slides, slides):
        stamper = deck_provenance.Stamper()
        _fill(slide, spec, slides, template, date_text, plan.anchor_slides, stamper)
        stamper.stamp(shape_tree(slide), spec.number, spec.title, baseline)
    if plan.notes_marks:
        _mark_notes(prs, slides, plan)
    for slide in slides:  # every run, the notes pages' too, in the pack's language
        pptx_text.set_language(element_of(slide), language)
        if slide.has_notes_slide:
            pptx_text.set_language(element_of(slide.notes_slide), language)
    buffer = io.BytesIO()
    prs.save(buffer)
    return finish_deck(buffer.getvalue(), plan, deck_provenance.chunk_properties(baseline))


def checked_deck_bytes(plan: DeckPlan, template: OpenedTemplate, path: Path) -> bytes:
    """Render ``plan`` for ``path`` and check the package's structure before anything is written.

    A deck PowerPoint would offer to repair is refused with :class:`OutputError` saying why
    (a previous file at ``path`` is then kept).
    """
    data = deck_bytes(plan, template)
    problems = check_package(data)
    if problems:
        raise OutputError(f"The deck made with template '{template.path.name}' would not open cleanly in "
                          f"PowerPoint ({'; '.join(problems[:3])}). Nothing was written"
                          f"{' and the previous ' + path.name + ' is kept' if path.exists() else ''}. "
                          "Open the template in PowerPoint, save it again and retry, or choose a bundled template.")
    return data


def write_deck(plan: DeckPlan, template: OpenedTemplate, path: Path) -> None:
    """Render, check (:func:`checked_deck_bytes`) and write atomically to ``path``."""
    atomic_write(path, checked_deck_bytes(plan, template, path))


def _links(slide: Slide, slides: list[Slide], anchors: dict[str, int]) -> pptx_text.LinkResolver:
    """Relationship ids for a slide's hyperlinks and cross-reference jumps (created once each)."""
    cache: dict[str, tuple[str, str]] = {}

    def resolve(run: Run) -> tuple[str, str] | None:
        if run.ref is not None:
            number = anchors.get(run.ref)
            if number is None or not 1 <= number <= len(slides):
                return None
            key = f"#{number}"
            if key not in cache:
                cache[key] = (slide.part.relate_to(slides[number - 1].part, RT.SLIDE), SLIDE_JUMP)
            return cache[key]
        if run.link:
            if run.link not in cache:
                cache[run.link] = (slide.part.relate_to(run.link, RT.HYPERLINK, is_external=True), "")
            return cache[run.link]
        return None

    return resolve


def _reading_side(slide: Slide, index: int | None, kind: str) -> str | None:
    """The ``align`` lines are written with in placeholder ``index`` (:func:`pptx_text.reading_side`)."""
    style = resolve_style(slide.slide_layout, _layout_placeholder(slide, index), kind, (None, None))
    return pptx_text.reading_side(style.align)


def _fill(slide: Slide, spec: SlideSpec, slides: list[Slide], template: OpenedTemplate, date_text: str,
          anchors: dict[str, int], stamper: deck_provenance.Stamper) -> None:
    role_ph: RolePlaceholders = template.placeholders[spec.role]
    role_geo = template.geometry.role(spec.role)
    resolve = _links(slide, slides, anchors)

    title_box = spec.title_box or role_geo.title  # a marking may have shortened the title's box
    title_body = _text_body(slide, role_ph.title, title_box, "Title")
    if title_body is not None:
        pptx_text.reset_body(title_body)
        pptx_text.write_lines(title_body, [spec.title], spec.title_font_size, bold=template.geometry.heading_bold,
                              color=spec.text_colour("title"),
                              inset=title_inset_in(title_box, role_geo.title_inset) if title_box else (0, 0),
                              align=_reading_side(slide, role_ph.title, "title"))
        stamper.note(title_body.getparent(), [(spec.title_source, spec.title_lead)])
        _back(title_body, spec, "title")
        if title_box is not None:
            box = title_box
            pptx_shapes.make_title(title_body.getparent(), box.left, box.top, box.width, box.height,
                                   _layout_placeholder(slide, role_ph.title))
    if spec.subtitle:
        sub_idx = role_ph.subtitle if role_ph.subtitle is not None else (role_ph.bodies or (None,))[0]
        sub_box = spec.subtitle_box or role_geo.subtitle or (role_geo.bodies[0] if role_geo.bodies else None)
        sub_body = _text_body(slide, sub_idx, sub_box, "Subtitle")
        if sub_body is not None:
            pptx_text.reset_body(sub_body)
            lines = tuple(Paragraph((Run(line),), bullet=False) for line in spec.subtitle)
            pptx_text.write_paragraphs(sub_body, lines, spec.subtitle_font_size or 18.0, lambda _run: None,
                                       color=spec.text_colour("subtitle"), align=_reading_side(slide, sub_idx, "body"))
            _back(sub_body, spec, "subtitle")
    for frame in spec.bodies:
        idx = role_ph.bodies[frame.placeholder] if 0 <= frame.placeholder < len(role_ph.bodies) else None
        body = _text_body(slide, idx, frame.box, "Text")
        if body is not None:
            pptx_text.reset_body(body)
            directions = () if idx is None else level_directions(slide.slide_layout, _layout_placeholder(slide, idx))
            pptx_text.write_paragraphs(body, frame.paragraphs, frame.font_size, resolve,
                                       color=spec.text_colour("body"), link_color=spec.figure_colour("link"),
                                       explicit_bullets=idx is None,
                                       level_directions=directions)
            _back(body, spec, "body")
            stamper.note(body.getparent(), [(p.source, p.lead) for p in frame.paragraphs
                                            if deck_provenance.normalise(clean_text(p.text))])
    if spec.table is not None:
        pptx_visuals.add_table(slide, spec.table, resolve, template.geometry.theme_colors)
        stamper.note_table(shape_tree(slide)[-1], spec.table.sources)
    if spec.chart is not None:
        pptx_visuals.add_chart(slide, spec.chart, spec.figure_colour("chart_text") or spec.text_colour("body"),
                               dict(spec.figure_colours))
    if spec.timeline is not None:
        pptx_visuals.add_timeline(slide, spec.timeline, template.geometry.theme_colors, dict(spec.figure_colours))
    pptx_shapes.remove_empty_placeholders(slide)
    pptx_shapes.copy_furniture(slide, spec.footer, date_text, spec.number, spec.footer_font_size)
    number, number_box = pptx_shapes.furniture(shape_tree(slide), "sldNum"), None
    if number is not None:  # at a size its box holds, for the deck's widest number
        geometry = template.geometry
        number_box = fit_slide_number(number, slide.slide_layout.slide_master,
                                      (geometry.heading_font, geometry.body_font), str(len(slides)),
                                      geometry.slide_width, geometry.slide_height)
    footer = pptx_shapes.furniture(shape_tree(slide), "ftr")
    if footer is not None and spec.footer_box is not None:
        pptx_shapes.set_box(footer, spec.footer_box)
    elif footer is not None:  # inside the slide, clear of a number moved inside
        clear_of_number(footer, number_box, template.geometry.slide_width, template.geometry.slide_height)
    pptx_shapes.add_marks(shape_tree(slide), spec.marks, pptx_text.inherits_right_to_left(slide))
    if spec.notes:
        write_notes(slide, spec.notes)
    pptx_shapes.renumber_shape_ids(slide)


def _back(tx_body: etree._Element, spec: SlideSpec, part: str) -> None:
    """Put the planned backing panel, if any, behind the shape of ``tx_body``."""
    panel = spec.text_panel(part)
    if panel is not None:
        pptx_visuals.add_backing_panel(tx_body.getparent(), *panel)


def _mark_notes(prs: Presentation, slides: list[Slide], plan: DeckPlan) -> None:
    """Mark the notes master and every slide's notes page (created when the slide has no notes)."""
    for page in (prs.notes_master, *(slide.notes_slide for slide in slides)):
        tree = shape_tree(page)
        number = pptx_shapes.furniture(tree, "sldNum")
        if plan.notes_number_box is not None and number is not None:
            pptx_shapes.set_box(number, plan.notes_number_box)
        pptx_shapes.add_marks(tree, plan.notes_marks)
        pptx_shapes.renumber_shape_ids(page)


def _layout_placeholder(slide: Slide, order: int | None) -> etree._Element | None:
    """The layout placeholder element the slide's ``order``-th placeholder was copied from."""
    if order is None:
        return None
    cloned = list(slide.slide_layout.iter_cloneable_placeholders())
    return element_of(cloned[order]) if order < len(cloned) else None


def _text_body(slide: Slide, order: int | None, box: Box | None, name: str) -> etree._Element | None:
    """The txBody of the slide's ``order``-th placeholder placed at ``box``, or of a new text box there.

    Placeholders are found by position, as they were copied from the layout, and given
    their box explicitly: ``idx`` need not be unique (LibreOffice writes ``idx="0"`` on
    every one), so inheriting a position by ``idx`` could pick another placeholder's.
    """
    if order is not None:
        placeholders = [shape for shape in slide.shapes if shape.is_placeholder]  # document order, not idx
        shape = placeholders[order] if order < len(placeholders) else None
        if shape is not None and element_of(shape).tag != qn("p:sp"):
            shape = None  # a picture or table placeholder cannot take text
        if shape is not None:
            if box is not None:  # explicit: inheritance by idx is ambiguous when idx repeats
                shape.left, shape.top, shape.width, shape.height = (Emu(box.left), Emu(box.top),
                                                                    Emu(box.width), Emu(box.height))
                keep_turn(element_of(shape), _layout_placeholder(slide, order), slide.slide_layout.slide_master)
            return text_body(cast("Shape", shape).text_frame)  # a p:sp: python-pptx reads it as a Shape
    if box is None:
        return None
    textbox = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    textbox.name = name
    return text_body(textbox.text_frame)
