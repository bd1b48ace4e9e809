"""Templates built to mislead: what they set for their own text must not turn, split, reverse or hide ours,
and every box the app places stays on the slide, out of the title, with notes that say what happened."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_builder.compose.geometry import Box
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.fixtures.templates import traits


def _slides(data: bytes) -> list:
    return list(Presentation(io.BytesIO(data)).slides)


def _written_bodies(data: bytes) -> list[etree._Element]:
    """The bodyPr of every text body the app wrote (every shape with text)."""
    return [shape.text_frame._txBody.find(qn("a:bodyPr")) for slide in _slides(data) for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.strip()]


def test_inherited_vertical_text_and_columns_are_overridden(tmp_path: Path) -> None:
    for name, attrs in (("vertical.pptx", {"vert": "eaVert"}), ("columns.pptx", {"numCol": "3"})):
        _plan, data = build(REFERENCE_PACK, traits.make_body_properties(tmp_path, name, **attrs))
        bodies = _written_bodies(data)
        assert bodies
        assert all(b.get("vert") == "horz" and b.get("numCol") == "1" for b in bodies), name


def test_inherited_right_to_left_direction_is_overridden_for_latin_text(tmp_path: Path) -> None:
    for where in ("master", "layout"):
        _plan, data = build(REFERENCE_PACK, traits.make_right_to_left(tmp_path, where))
        paragraphs = [p for slide in _slides(data) for shape in slide.shapes if shape.has_text_frame
                      for p in shape.text_frame._txBody.findall(qn("a:p")) if "".join(p.itertext()).strip()]
        assert paragraphs
        assert all(p.find(qn("a:pPr")).get("rtl") == "0" for p in paragraphs), where


def _page_text(data: bytes, folder: Path, page: int) -> list[str]:
    """The lines LibreOffice draws on ``page`` of the deck, as pdftotext reads them (layout kept)."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")
    deck = folder / "deck.pptx"
    deck.write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(deck)], capture_output=True, timeout=240, check=True)
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(folder / "deck.pdf"), "-"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.soffice
def test_sub_lines_read_left_to_right_in_libreoffice_on_a_right_to_left_template(tmp_path: Path) -> None:
    """The "→" lines under each heading of the input slide are level-2 paragraphs without a bullet;
    LibreOffice gave them the master's right-to-left level style (arrow at the end, full stop first)."""
    _plan, data = build(REFERENCE_PACK, traits.make_right_to_left(tmp_path, "master"))
    lines = _page_text(data, tmp_path, 2)
    arrows = [line for line in lines if "→" in line]
    assert len(arrows) >= 6, lines
    assert all(line.startswith("→") for line in arrows), arrows
    assert not any(line.startswith(".") for line in lines), lines


def test_unbulleted_paragraphs_are_not_left_to_a_level_style_of_the_other_direction() -> None:
    from briefing_builder.compose.plan import Paragraph
    from briefing_builder.markup import Run
    from briefing_builder.render.pptx_text import write_paragraphs

    body = etree.fromstring(f'<p:txBody xmlns:p="{traits.NS_P}" xmlns:a="{traits.NS_A}"><a:bodyPr/></p:txBody>')
    paragraphs = (Paragraph((Run("Heading"),), bullet=False), Paragraph((Run("→ sub-line"),), level=1, bullet=False),
                  Paragraph((Run("مرحبا بكم"),), level=1, bullet=False), Paragraph((Run("point"),), level=1),
                  Paragraph((Run("→ deeper"),), level=2, bullet=False))
    rtl_levels = (frozenset({"1"}), frozenset({"1"}), frozenset())  # the third level sets no direction
    write_paragraphs(body, paragraphs, 18.0, lambda _run: None, level_directions=rtl_levels)
    written = [(p.get("lvl"), p.get("rtl"), p.get("marL")) for p in body.iter(qn("a:pPr"))]
    assert [p.get("algn") for p in body.iter(qn("a:pPr"))] == ["l", "l", "r", "l", "l"]  # from the reading side
    assert [(lvl, rtl) for lvl, rtl, _ in written] == [("0", "0"), ("0", "0"), ("1", "1"), ("1", "0"), ("2", "0")]
    assert written[1][2] != "0"  # the margin still says it is a sub-line
    body.clear()
    write_paragraphs(body, paragraphs, 18.0, lambda _run: None, level_directions=(frozenset({"0"}),) * 9)
    assert [p.get("lvl") for p in body.iter(qn("a:pPr"))] == ["0", "1", "0", "1", "2"]


def test_level_directions_follow_the_masters_text_styles(tmp_path: Path) -> None:
    from briefing_builder.render.text_styles import level_directions

    for where, first, second in (("master", {"1"}, {"1"}), ("layout", {"1", "0"}, {"0"})):
        prs = Presentation(str(traits.make_right_to_left(tmp_path, where)))
        layout = next(la for la in prs.slide_layouts if la.name == "Title and Content")
        body = next(s for s in layout.placeholders if s.placeholder_format.idx == 1)
        directions = level_directions(layout, body._element)
        assert (directions[0], directions[1], len(directions)) == (first, second, 9), where
    prs = Presentation(str(traits.DEFAULT))
    layout = prs.slide_layouts[1]
    assert level_directions(layout, None)[1] == frozenset({"0"})  # PowerPoint's files say rtl="0" everywhere


def test_right_to_left_text_keeps_its_direction() -> None:
    from briefing_builder.render.pptx_text import right_to_left

    assert right_to_left("«مرحبا» world") and right_to_left("שלום")
    assert not right_to_left("2026: Tunisia مرحبا") and not right_to_left("")


def _inside(box: Box, width: int, height: int) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= width and box.bottom <= height


def _shape_box(shape) -> Box:  # noqa: ANN001
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def _placed(slide) -> list:  # noqa: ANN001
    """The shapes the app placed on a slide (the template's footer, date and number left out)."""
    furniture = {"dt", "ftr", "sldNum"}
    return [s for s in slide.shapes
            if not (s.is_placeholder and s.element.find(f".//{qn('p:ph')}").get("type") in furniture)]


def _overlap(a: Box, b: Box) -> int:
    return max(0, min(a.right, b.right) - max(a.left, b.left)) * max(0, min(a.bottom, b.bottom) - max(a.top, b.top))


def test_a_low_title_puts_text_timeline_tables_and_charts_above_it(tmp_path: Path) -> None:
    path = traits.make_title_at(tmp_path, "bottom")
    geometry = open_template(path).geometry
    assert geometry.role("content").layout_name == "Title and Content"
    assert not any("below the title" in w or "under the title" in w for w in geometry.warnings)
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        for spec, slide in zip(plan.slides, _slides(data)):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text == spec.title
            for shape in _placed(slide):
                box = _shape_box(shape)
                assert _inside(box, geometry.slide_width, geometry.slide_height), (spec.number, shape.name, box)
                if shape.shape_id != title.shape_id and spec.role not in ("title", "closing", "section"):
                    assert _overlap(box, _shape_box(title)) == 0, (spec.number, shape.name)
        if pack == DEMO_PACK:
            milestones = next(i for i, s in enumerate(plan.slides) if s.timeline is not None)
            drawn = [s for s in _placed(_slides(data)[milestones]) if s.shape_type == MSO_SHAPE_TYPE.GROUP]
            assert drawn  # the timeline, on the slide (checked above)


def test_a_title_covering_the_slide_is_moved_to_a_band_and_said_so(tmp_path: Path) -> None:
    path = traits.make_title_at(tmp_path, "everywhere")
    geometry = open_template(path).geometry
    assert any("covers 100% of the slide" in w or "cover 100% of the slide" in w for w in geometry.warnings)
    plan, data = build(DEMO_PACK, path)
    for spec, slide in zip(plan.slides, _slides(data)):
        title = _shape_box(slide.shapes.title)
        assert title.height < geometry.slide_height / 2, spec.number
        for shape in _placed(slide):
            if shape.shape_id != slide.shapes.title.shape_id and spec.role != "title":
                assert _overlap(_shape_box(shape), title) == 0, (spec.number, shape.name)


def test_layouts_drawn_for_a_larger_slide_are_kept_on_a_long_thin_one(tmp_path: Path) -> None:
    path = traits.make_slide_size(tmp_path, 51206400, 914400, scale=False)
    geometry = open_template(path).geometry
    plan, data = build(REFERENCE_PACK, path)
    for spec, slide in zip(plan.slides, _slides(data)):
        for shape in _placed(slide):
            assert _inside(_shape_box(shape), geometry.slide_width, geometry.slide_height), (spec.number, shape.name)


def test_pale_text_set_in_a_layouts_list_style_is_replaced_in_every_role(tmp_path: Path) -> None:
    path = traits.make_pale_layout_text(tmp_path)
    plan, data = build(DEMO_PACK, path)
    wanted = {"title": ("title", "subtitle"), "section": ("title", "subtitle"), "closing": ("title",),
              "two_content": ("title", "body"), "content": ("title", "body")}
    seen = set()
    for spec in plan.slides:
        for part in wanted.get(spec.role, ()):
            if part == "subtitle" and not spec.subtitle:
                continue
            colour = spec.text_colour(part)
            assert colour is not None and colour.upper() != "F4F4F4", (spec.number, spec.role, part)
            seen.add(spec.role)
    assert {"title", "section", "two_content"} <= seen
    for slide in _slides(data):
        for run in (r for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs):
            fill = run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
            assert fill is None or fill.get("val").upper() != "F4F4F4"


def test_a_master_with_two_backgrounds_keeps_the_one_renderers_show_and_says_so(tmp_path: Path) -> None:
    path = traits.make_two_backgrounds(tmp_path)
    geometry = open_template(path).geometry
    assert any("2 backgrounds" in w and "the last is kept" in w for w in geometry.warnings)
    plan, data = build(DEMO_PACK, path)
    master = Presentation(io.BytesIO(data)).slide_master.element.find(qn("p:cSld"))
    assert len(master.findall(qn("p:bg"))) == 1
    assert master.find(qn("p:bg")).find(qn("p:bgPr")) is None  # the template's own (white) one, not the dark one
    assert all(spec.text_colour("body") is None for spec in plan.slides)  # dark text on white: nothing to change


def test_a_tiny_slide_is_named_as_the_cause_of_a_long_deck(tmp_path: Path) -> None:
    path = traits.make_slide_size(tmp_path, 1828800, 1371600, scale=True)  # 144×108 pt, layouts scaled
    plan, _data = build(DEMO_PACK, path)  # text in proportion (2.5 pt at the least), margins and indents not
    notes = [n.message for n in plan.warnings if "slides where the bundled template needs" in n.message]
    assert len(notes) == 1
    assert "The cause is the slide size: on a 144×108 pt slide" in notes[0] and "Pin a layout" not in notes[0]
    assert "in proportion to it (2.5 pt at the smallest)" in notes[0]


def test_type_less_placeholders_keep_the_layouts_own_boxes(tmp_path: Path) -> None:
    path = traits.make_untyped_own_boxes(tmp_path)
    geometry = open_template(path).geometry
    layouts = {layout.name: layout for layout in Presentation(str(path)).slide_layouts}
    own = {name: [_shape_box(s) for s in layouts[name].placeholders if s._element.find(f".//{qn('a:xfrm')}")
                  is not None] for name in ("Title Slide", "Section Header")}
    assert geometry.role("title").subtitle in own["Title Slide"]
    assert geometry.role("section").bodies[0] in own["Section Header"]
    plan, data = build(REFERENCE_PACK, path)
    first = _slides(data)[0]
    holder = next(s for s in first.shapes if s.has_text_frame and plan.slides[0].subtitle[0] in s.text_frame.text)
    assert _shape_box(holder) in own["Title Slide"]


def test_charts_on_a_dark_master_take_the_readable_text_colour(tmp_path: Path) -> None:
    from briefing_builder.compose.contrast import contrast

    plan, data = build(DEMO_PACK, traits.make_dark_background(tmp_path))
    charts = [(spec, shape) for spec, slide in zip(plan.slides, _slides(data)) for shape in slide.shapes
              if shape.has_chart]
    assert charts
    for spec, shape in charts:
        chart = shape.chart
        colour = spec.text_colour("body")
        assert colour is not None
        assert str(chart.font.color.rgb) == colour.upper()
        assert str(chart.chart_title.text_frame.paragraphs[0].runs[0].font.color.rgb) == colour.upper()
        assert contrast(colour, "14213D") >= 4.5


def test_title_boxes_too_small_for_any_title_are_warned_about(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_tiny_titles(tmp_path, 12))
    notes = [n.message for n in plan.warnings if "too small for titles" in n.message]
    assert notes and all("×12 pt" in n and "smallest title size" in n for n in notes)
    _plan, _data = build(REFERENCE_PACK, traits.make_tiny_titles(tmp_path, 60))
    assert not [n for n in _plan.warnings if "too small for titles" in n.message]


def test_footers_with_insets_wider_than_their_box_get_standard_ones(tmp_path: Path) -> None:
    inch_and_half = "1371600"
    path = traits.make_body_properties(tmp_path, "insets.pptx", lIns=inch_and_half, rIns=inch_and_half,
                                       tIns=inch_and_half, bIns=inch_and_half)
    _plan, data = build(REFERENCE_PACK, path)
    footers = [s for slide in _slides(data) for s in slide.shapes if s.is_placeholder
               and s.element.find(f".//{qn('p:ph')}").get("type") in ("ftr", "sldNum")]
    assert footers
    for shape in footers:
        body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
        assert int(body_pr.get("lIns")) + int(body_pr.get("rIns")) <= shape.width / 2, shape.name
        assert int(body_pr.get("tIns")) + int(body_pr.get("bIns")) <= shape.height / 2, shape.name


def test_table_cells_and_timeline_cards_do_not_inherit_a_right_to_left_default(tmp_path: Path) -> None:
    """In a template whose default text style is right to left (Arabic, Hebrew), "15 %" must not read "% 15"."""
    _plan, data = build(DEMO_PACK, traits.make_right_to_left_defaults(tmp_path))
    written = [(number, "".join(p.itertext()), (p.find(qn("a:pPr")) if p.find(qn("a:pPr")) is not None
                                                 else etree.Element("none")).get("rtl"))
               for number, slide in enumerate(_slides(data), start=1)
               for p in slide._element.iter(qn("a:p")) if "".join(p.itertext()).strip()]
    tables = [row for row in written if "%" in row[1]]
    assert tables, "the demo pack's key figures table"
    assert [row for row in written if row[2] != "0"] == []


def test_a_default_spacing_before_paragraphs_does_not_push_card_dates_or_cells_out(tmp_path: Path) -> None:
    """Keynote's Basic theme puts 45 pt before every paragraph by default: a milestone card's date line fell
    below its card. Table cells and timeline text carry their own spacing, none before."""
    _plan, data = build(DEMO_PACK, traits.make_spaced_defaults(tmp_path))
    visuals = [shape for slide in _slides(data) for shape in slide.shapes if shape.name.split(" #")[0]
               in ("Key figures", "Timeline")]
    paragraphs = [p for shape in visuals for p in shape._element.iter(qn("a:p")) if "".join(p.itertext()).strip()]
    assert {shape.name.split(" #")[0] for shape in visuals} == {"Key figures", "Timeline"}
    before = [p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}") for p in paragraphs]
    assert [b.get("val") if b is not None else None for b in before] == ["0"] * len(paragraphs)
def _marked_build(pack_id: str, template: Path, marking: str) -> tuple[DeckPlan, bytes]:
    """Plan and render a bundled pack with its meeting's marking set to ``marking``."""
    import dataclasses

    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.render.deck_writer import deck_bytes
    from briefing_builder.render.marking_surfaces import read_surfaces
    from tests.deck_helpers import sample_catalog

    catalog = sample_catalog()
    pack = catalog.packs[pack_id]
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"marking": marking})})
    catalog = dataclasses.replace(catalog, packs={**catalog.packs, pack_id: pack})
    opened = open_template(template)
    plan = plan_deck(pack, catalog, opened.geometry, read_surfaces(opened))
    return plan, deck_bytes(plan, opened)


def _template_pictures(slide) -> list[Box]:  # noqa: ANN001
    layout = slide.slide_layout
    return [_shape_box(s) for owner in (layout, layout.slide_master) for s in owner.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_markings_timeline_and_free_boxes_never_overlap_under_a_top_right_logo(tmp_path: Path) -> None:
    """A logo top right pushes LIMITE down to the top of the timeline's area: the area gives way."""
    path = traits.make_logo_top_right(tmp_path)
    for marking in ("LIMITE", "RESTREINT UE + LIMITE"):
        for pack in (DEMO_PACK, REFERENCE_PACK):
            plan, data = _marked_build(pack, path, marking)
            assert not [n for n in plan.warnings if "no free place" in n.message], marking
            for spec, slide in zip(plan.slides, _slides(data)):
                marks = [s for s in slide.shapes if s.name.startswith("Marking")]
                assert marks, spec.number
                others = [_shape_box(s) for s in _placed(slide) if not s.name.startswith("Marking")]
                for mark in marks:
                    box = _shape_box(mark)
                    for other in [*others, *_template_pictures(slide)]:
                        assert _overlap(box, other) == 0, (marking, pack, spec.number, mark.text_frame.text, other)
            timeline = next(s for s in plan.slides if s.timeline is not None) if pack == DEMO_PACK else None
            assert timeline is None or timeline.timeline.entries


def _furniture(slide) -> list:  # noqa: ANN001
    return [s for s in slide.shapes
            if s.is_placeholder and s.element.find(f".//{qn('p:ph')}").get("type") in ("dt", "ftr", "sldNum")]


def test_footer_and_number_placeholders_with_no_area_are_not_filled_and_said_so(tmp_path: Path) -> None:
    """A scaled A4 template whose furniture is 0 pt tall at the top: its text was drawn over the slide's top edge."""
    path = traits.make_flat_furniture(tmp_path, master_too=True)
    plan, data = build(REFERENCE_PACK, path)
    assert all(_furniture(slide) == [] for slide in _slides(data))
    flat = [n.message for n in plan.warnings if "no size (0 pt wide or tall)" in n.message]
    assert len(flat) == 1 and "'Title and Content'" in flat[0] and "footer" in flat[0] and "slide-number" in flat[0]
    marked, marked_data = _marked_build(REFERENCE_PACK, path, "LIMITE")
    height = Presentation(io.BytesIO(marked_data)).slide_height
    for slide in _slides(marked_data):
        numbers = [s for s in slide.shapes if s.name.startswith("Slide number")]
        assert len(numbers) == 1 and numbers[0].top > height * 0.8  # the marking's own number, at the bottom
    assert any("no size" in n.message for n in marked.warnings)


def test_furniture_flat_on_the_layouts_only_takes_the_masters_box(tmp_path: Path) -> None:
    path = traits.make_flat_furniture(tmp_path, master_too=False)
    plan, data = build(REFERENCE_PACK, path)
    assert not any("no size (0 pt wide or tall)" in n.message for n in plan.warnings)
    height = Presentation(io.BytesIO(data)).slide_height
    for slide in _slides(data):
        furniture = _furniture(slide)
        assert {s.element.find(f".//{qn('p:ph')}").get("type") for s in furniture} == {"ftr", "sldNum"}
        assert all(s.height > 0 and s.top > height * 0.8 for s in furniture)


def test_titles_never_run_under_the_templates_logo(tmp_path: Path) -> None:
    path = traits.make_logo_top_right(tmp_path)
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        for spec, slide in zip(plan.slides, _slides(data)):
            title = slide.shapes.title
            assert title is not None, spec.number
            for picture in _template_pictures(slide):
                assert _overlap(_shape_box(title), picture) == 0, (pack, spec.number, spec.title)
