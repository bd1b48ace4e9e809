"""Chart series and labels, timeline years and hyperlinks readable on the page under them, in deck and preview."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.compose.contrast import contrast, first_readable, worst_contrast
from briefing_builder.compose.figure_colours import chart_colours, link_colours, timeline_colours
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import Surface
from briefing_builder.compose.plan import ChartSeries, ChartSpec, Paragraph, SlideSpec, TextFrame, TimelineSpec
from briefing_builder.markup import Run
from tests.deck_helpers import DEMO_PACK, build
from tests.fixtures.templates import traits

NS_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
NS_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
NAVY = "0A0A28"
BOX = Box(100000, 100000, 4000000, 3000000)
THEME = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "14143C", "lt2": "EEEEEE", "hlink": "0A0A60",
         **{f"accent{i}": "14143C" for i in range(1, 7)}}


def _chart_slide() -> SlideSpec:
    series = (ChartSeries("a", (1.0, 2.0)), ChartSeries("b", (2.0, 1.0)))
    return SlideSpec(1, "two_content", "t", chart=ChartSpec("line", "c", ("x", "y"), series, BOX, "alt"))


def test_first_readable_takes_the_first_passing_candidate_else_black_or_white() -> None:
    assert first_readable(["14143C", "", "EEEEEE"], [NAVY], 3.0) == "EEEEEE"
    assert first_readable(["14143C"], [NAVY], 3.0) == "FFFFFF"
    assert first_readable(["F4F4EE"], ["FFFFFF"], 3.0) == "000000"


def test_dark_accents_on_a_navy_page_give_series_labels_and_axis_that_read() -> None:
    found = dict(chart_colours(_chart_slide(), Surface(9144000, 6858000, NAVY), THEME))
    assert {"series1", "series2", "chart_text"} == set(found)
    assert all(contrast(found[k], NAVY) >= 3.0 for k in ("series1", "series2"))
    assert contrast(found["chart_text"], NAVY) >= 4.5


def test_the_theme_s_own_colours_are_kept_where_they_read() -> None:
    theme = {**THEME, **{f"accent{i}": "4F81BD" for i in range(1, 7)}, "dk2": "1F497D", "hlink": "0000FF"}
    white = Surface(9144000, 6858000, "FFFFFF")
    timeline = TimelineSpec(2026, 2030, (), BOX, 12.0, "alt")
    linked = TextFrame((Paragraph((Run("see", link="https://example.org"),)),), BOX, 16.0)
    assert chart_colours(_chart_slide(), white, theme) == []
    assert timeline_colours(SlideSpec(1, "content", "t", timeline=timeline), white, theme) == []
    assert link_colours(SlideSpec(1, "content", "t", bodies=(linked,)), white, theme) == []


def test_pale_accents_on_white_are_replaced_by_a_dark_theme_colour() -> None:
    theme = {**THEME, **{f"accent{i}": "F4F4EE" for i in range(1, 7)}, "dk2": "202020"}
    found = dict(chart_colours(_chart_slide(), Surface(9144000, 6858000, "FFFFFF"), theme))
    assert worst_contrast(found["series1"], ["FFFFFF"]) >= 3.0


@pytest.mark.parametrize(("background", "colour"), [("0A0A28", "14143C"), (None, "F4F4EE")])
def test_deck_and_preview_draw_chart_timeline_and_links_readably(tmp_path: Path, background: str | None,
                                                                 colour: str) -> None:
    from briefing_builder.compose.preview_scene import LineOp, TextOp, build_scene
    from briefing_builder.render.appearance import read_appearance
    from briefing_builder.render.template import open_template

    path = traits.make_theme_colours_like_the_page(tmp_path, background, colour, "alike.pptx")
    page = background or "FFFFFF"
    plan, data = build(DEMO_PACK, path)
    deck = Presentation(io.BytesIO(data))
    chart_at = next(i for i, s in enumerate(plan.slides) if s.chart is not None)
    timeline_at = next(i for i, s in enumerate(plan.slides) if s.timeline is not None)
    link_at = next(i for i, s in enumerate(plan.slides)
                   if any(r.link or r.ref for f in s.bodies for p in f.paragraphs for r in p.runs))
    chart = next(sh for sh in deck.slides[chart_at].shapes if sh.has_chart).chart
    series = [s.format.line.color.rgb for s in chart.plots[0].series]
    assert series and all(contrast(str(c), page) >= 3.0 for c in series)
    years = [r for sh in deck.slides[timeline_at].shapes if sh.shape_type == 6 for g in sh.shapes if g.has_text_frame
             for p in g.text_frame.paragraphs for r in p.runs if r.text.isdigit()]
    assert years and all(contrast(str(r.font.color.rgb), page) >= 4.5 for r in years)
    linked = [r for sh in deck.slides[link_at].shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
              for r in p.runs if r._r.find(f"{NS_A}rPr/{NS_A}hlinkClick") is not None]
    assert linked and all(contrast(str(r.font.color.rgb), page) >= 4.5 for r in linked)
    assert all(r._r.find(f".//{NS_A}ext") is not None for r in linked)  # PowerPoint told to use the run's colour

    template = open_template(path)
    look = read_appearance(template)
    scene = build_scene(plan.slides[chart_at], template.geometry, look)
    drawn = [op.color for op in scene.ops if isinstance(op, LineOp) and op.width > 2]
    assert drawn and all(contrast(c, page) >= 3.0 for c in drawn)
    scene = build_scene(plan.slides[link_at], template.geometry, look)
    assert all(contrast(op.color, page) >= 4.5 for op in scene.ops if isinstance(op, TextOp) and op.underline)


def test_a_chart_is_placed_clear_of_a_logo_on_its_layout_in_deck_and_preview(tmp_path: Path) -> None:
    from briefing_builder.compose.free_area import overlaps
    from briefing_builder.compose.geometry import Box as _Box

    path = traits.make_logo_over_figures(tmp_path)
    plan, data = build(DEMO_PACK, path)
    deck = Presentation(io.BytesIO(data))
    layout = next(lay for lay in deck.slide_layouts if lay.name == "Two Content")
    logo = next(sh for sh in layout.shapes if sh.shape_type == 13)
    logo_box = _Box(logo.left, logo.top, logo.width, logo.height)
    charts = [sh for slide in deck.slides for sh in slide.shapes if sh.has_chart]
    assert charts and not any(overlaps(_Box(c.left, c.top, c.width, c.height), logo_box) for c in charts)
    assert all(not overlaps(s.chart.box, logo_box) for s in plan.slides if s.chart is not None)
