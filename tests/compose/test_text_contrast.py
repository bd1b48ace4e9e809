"""The template's own text colour checked against what really lies under the text (fill, picture)."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.contrast import contrast
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def _run_colours(shape) -> set[str | None]:  # noqa: ANN001
    found = set()
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            fill = run._r.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr")
            found.add(fill.get("val") if fill is not None else None)
    return found


def test_black_text_on_a_dark_master_is_written_in_the_theme_s_light_colour(tmp_path: Path) -> None:
    path = traits.make_dark_background(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    light = open_template(path).geometry.theme_colors["lt1"]
    deck = Presentation(io.BytesIO(data))
    content = next(i for i, spec in enumerate(plan.slides) if spec.role == "content")
    slide = deck.slides[content]
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert _run_colours(body) == {light} and _run_colours(slide.shapes.title) == {light}
    assert contrast(light, "14213D") >= 4.5
    assert any("written in the theme's" in n.message and "body text" in n.message for n in plan.warnings)


def test_body_text_over_a_busy_picture_is_warned(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_busy_picture(tmp_path))
    warned = [n.message for n in plan.warnings if "Title and Content" in n.message and "reaches only" in n.message
              and "no colour of the template's theme" in n.message]
    assert warned and "body text" in warned[0]



def test_body_text_over_a_busy_picture_gets_a_backing_panel_it_reads_on(tmp_path: Path) -> None:
    from briefing_builder.compose.contrast import worst_contrast
    from briefing_builder.compose.text_contrast import blend

    plan, data = build(REFERENCE_PACK, traits.make_busy_picture(tmp_path))
    content = [i for i, spec in enumerate(plan.slides) if spec.role == "content"]
    assert content and all(plan.slides[i].text_panel("body") == ("FFFFFF", 80) for i in content)
    assert any("a panel of #FFFFFF at 80% opacity is put behind the body text" in n.message for n in plan.warnings)
    from briefing_builder.ooxml.namespaces import qn

    deck = Presentation(io.BytesIO(data))
    for index in content:
        body = next(s for s in deck.slides[index].placeholders if s.placeholder_format.idx == 1)
        fill = body._element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        assert fill is not None and fill.get("val") == "FFFFFF" and fill.find(qn("a:alpha")).get("val") == "80000"
        assert _run_colours(body) == {None}  # the template's own black text is kept
    assert worst_contrast("000000", [blend("FFFFFF", c, 80) for c in ("000000", "FFFFFF")]) >= 4.5
    assert plan.slides[0].text_panels == ()  # the title slide has no picture under its text


def test_no_panel_when_even_an_opaque_one_would_not_do() -> None:
    from briefing_builder.compose.text_contrast import backing_panel

    assert backing_panel(["FFFF00"], ("000000", "FFFFFF"), ["FFFFFF"], 4.5) is None  # yellow on white
    assert backing_panel(["FFFF00"], ("000000", "FFFFFF"), ["FFFFFF", "000000"], 4.5) == (None, "000000", 80)
    assert backing_panel(["000000"], ("000000",), ["FFFFFF"], 4.5) == (None, "FFFFFF", 80)
    # every level's colour must read on it: orange sub-points and blue points have no panel in common
    assert backing_panel(["E07000", "1F4E99"], ("000000", "FFFFFF"), ["FFFFFF", "000000"], 4.5) is None
    assert backing_panel(["FFFF00"], ("000000", "FFFFFF"), ["FFFFFF"], 4.5, {"lt1": "FFFFFF"}) is None


def test_when_the_templates_own_colours_share_no_panel_a_theme_colour_is_written_on_one() -> None:
    from briefing_builder.compose.geometry import Box, RoleGeometry
    from briefing_builder.compose.marking_layout import Paint, Surface
    from briefing_builder.compose.text_contrast import role_colours

    width, height = 9144000, 6858000
    halves = (Paint(Box(0, 0, width // 2, height), "000000"), Paint(Box(width // 2, 0, width // 2, height), "FFFFFF"))
    surface = Surface(width, height, paints=halves, text_colours=(("body", "E07000"), ("body", "1F4E99")))
    role = RoleGeometry("content", "Photo", None, (Box(457200, 1600200, 8229600, 4525963),))
    result = role_colours(role, surface, {"lt1": "FFFFFF", "dk1": "000000"})
    # a panel of the page's own (white) background, the theme's dark text on it
    assert result.panels == (("body", "FFFFFF", 80),) and result.colours == (("body", "000000"),)
    assert "written in the theme's #000000" in result.problems[0]
def test_a_title_box_with_its_own_fill_is_judged_against_that_fill(tmp_path: Path) -> None:
    """White on the master title box's grey (7:1) stays white; the white slide around it does not count."""
    path = traits.make_filled_title(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    assert not [n.message for n in plan.warnings if "title colour" in n.message]
    deck = Presentation(io.BytesIO(data))
    content = next(i for i, spec in enumerate(plan.slides) if spec.role == "content")
    assert _run_colours(deck.slides[content].shapes.title) == {None}  # the template's own white


def test_a_layout_that_clears_the_masters_title_fill_is_judged_against_the_slide(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_filled_title(tmp_path, layout_clears=True))
    warned = [n.message for n in plan.warnings if "title colour #FFFFFF" in n.message]
    assert any("Layout 'Title and Content'" in message for message in warned), warned


def test_a_small_ink_blot_in_a_picture_under_the_body_is_seen(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_ink_blot(tmp_path))
    content = [spec for spec in plan.slides if spec.role == "content"]
    assert content and all(spec.text_panel("body") is not None for spec in content)
    assert plan.slides[0].text_panels == ()  # the title slide has no picture under its text


def test_sampling_is_dense_on_a_large_box_and_never_sparser_than_twelve_by_four() -> None:
    from briefing_builder.compose.geometry import Box
    from briefing_builder.compose.marking_layout import Paint, Surface
    from briefing_builder.compose.text_contrast import sampled

    dot = Paint(Box(3000, 3000, 1000, 1000), "000000")  # 1 % of a 100 000 EMU wide page
    surface = Surface(100000, 100000, "FFFFFF", (dot,))
    assert "000000" in sampled(surface, Box(0, 0, 90000, 90000))
    assert sampled(Surface(100000, 100000), Box(0, 0, 10, 10)) == ("FFFFFF",)


def test_a_title_on_freeform_shapes_is_judged_against_the_shape_under_it(tmp_path: Path) -> None:
    """merck-eu.pptx: green title on a purple freeform blob (in a group) under a green freeform whose box is the
    slide but which fills only its corners; read as boxes, the page was green and the title written in black."""
    from briefing_builder.compose.text_contrast import sampled, template_colours
    from briefing_builder.render.marking_surfaces import read_surfaces

    opened = open_template(traits.make_freeform_backdrop(tmp_path))
    surface = read_surfaces(opened).slides["title"]
    assert sampled(surface, opened.geometry.role("title").title) == ("503291",)
    found, problems = template_colours(opened.geometry, {"title": surface}, ["title"])
    assert "title" not in dict(found["title"].colours), problems  # its own green reads on the purple
    assert not any("its title colour" in p for p in problems)


def test_a_marking_on_a_freeform_shape_reads_against_that_shape(tmp_path: Path) -> None:
    from briefing_builder.compose.contrast import MIN_CONTRAST, worst_contrast
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.compose.marking_layout import sample
    from briefing_builder.render.marking_surfaces import read_surfaces
    from tests.deck_helpers import sample_catalog

    opened = open_template(traits.make_freeform_backdrop(tmp_path))
    catalog = sample_catalog()
    base = catalog.packs[REFERENCE_PACK]
    pack = base.model_copy(update={"meeting": base.meeting.model_copy(update={"marking": "LIMITE"})})
    surfaces = read_surfaces(opened)
    title = plan_deck(pack, catalog, opened.geometry, surfaces).slides[0]
    assert title.role == "title" and title.marks
    for mark in title.marks:
        under = sample(surfaces.slides["title"], mark.box)
        assert "503291" in under and worst_contrast(mark.colour, under) >= MIN_CONTRAST, (mark, under)
