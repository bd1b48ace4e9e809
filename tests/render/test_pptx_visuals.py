"""Tables, charts and timelines in the bundled demonstration deck, read back with python-pptx.

Each is compared with the plan it was drawn from: the cells, the chart's categories and values,
the timeline's entries, where each sits, and its alt text for screen readers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.slide import Slide

from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.measure import font_face, line_breaks
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.markup import Run
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, build
from tests.fixtures.templates import traits


@pytest.fixture(scope="module")
def demo() -> tuple[DeckPlan, list[Slide]]:
    plan, data = build(DEMO_PACK)
    return plan, list(Presentation(io.BytesIO(data)).slides)


def _drawn(demo: tuple[DeckPlan, list[Slide]], part: str) -> list[tuple[Slide, object]]:
    """Each slide that shows a ``part`` ("table", "chart", "timeline") with the part's spec."""
    plan, slides = demo
    found = [(slides[s.number - 1], getattr(s, part)) for s in plan.slides if getattr(s, part) is not None]
    assert found, f"the demonstration deck has a {part}"
    return found


def _descr(shape: object) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr/@descr")[0]  # type: ignore[attr-defined]


def test_a_table_shows_its_header_and_rows_where_the_plan_put_it(demo: tuple[DeckPlan, list[Slide]]) -> None:
    for slide, spec in _drawn(demo, "table"):
        frame = next(sh for sh in slide.shapes if sh.has_table)
        table = frame.table
        assert [c.text for c in table.rows[0].cells] == list(spec.header)
        body = [[c.text for c in row.cells] for row in list(table.rows)[1:]]
        assert body == [["".join(r.text for r in cell) for cell in row] for row in spec.rows]
        assert (frame.left, frame.top, frame.width) == (spec.box.left, spec.box.top, spec.box.width)
        assert sum(col.width for col in table.columns) == pytest.approx(spec.box.width, abs=len(spec.header))
        assert _descr(frame) == spec.alt_text


def test_a_chart_is_a_native_chart_with_the_plans_categories_values_and_alt_text(
        demo: tuple[DeckPlan, list[Slide]]) -> None:
    for slide, spec in _drawn(demo, "chart"):
        frame = next(sh for sh in slide.shapes if sh.has_chart)
        chart = frame.chart
        assert chart.chart_type in (XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE, XL_CHART_TYPE.COLUMN_CLUSTERED)
        assert tuple(chart.plots[0].categories) == spec.categories
        assert [tuple(s.values) for s in chart.plots[0].series] == [tuple(s.values) for s in spec.series]
        assert chart.has_title and chart.chart_title.text_frame.text == spec.title
        assert _descr(frame) == spec.alt_text and (frame.left, frame.top) == (spec.box.left, spec.box.top)


def test_a_timeline_is_one_group_holding_every_entrys_label(demo: tuple[DeckPlan, list[Slide]]) -> None:
    for slide, spec in _drawn(demo, "timeline"):
        groups = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.GROUP]
        assert len(groups) == 1
        texts = " ".join(" ".join(inner.text_frame.text.split()) for inner in groups[0].shapes
                         if inner.has_text_frame)
        for entry in spec.entries:
            assert " ".join(entry.label.split()) in texts, entry.label
        assert str(spec.from_year) in texts and _descr(groups[0]) == spec.alt_text


#: LibreOffice 7.4 sets the lines of a shape's text 1.2 em apart whatever the font (measured on Liberation Sans,
#: Carlito, Caladea and DejaVu at 8 to 40 pt); PowerPoint sets them at the font's own line height.
SHAPE_LINE_EM = 1.2


def _cards(data: bytes) -> list[object]:
    """The milestone cards (the timeline group's shapes with text and a fill) of a deck."""
    deck = Presentation(io.BytesIO(data))
    groups = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.GROUP]
    return [card for group in groups for card in group.shapes
            if card.has_text_frame and card._element.xpath("./p:spPr/a:prstGeom[@prst='roundRect']")]


def test_each_milestone_card_holds_its_title_and_date_line_at_either_renderers_line_height(tmp_path: Path) -> None:
    """Vintage (Arial, 13 pt on a 280 mm slide): the cards' owner line ("2026 · EUAA") lay below the card in
    LibreOffice. Every card must hold its lines at the taller of the font's own line height and LibreOffice's."""
    template = traits.make_arial_on_a_large_slide(tmp_path)
    family = open_template(template).geometry.body_font
    _, data = build(DEMO_PACK, template)
    cards = _cards(data)
    assert len(cards) >= 5
    em = max(font_face(family).line_height_em, SHAPE_LINE_EM)
    for card in cards:
        frame = card.text_frame  # type: ignore[attr-defined]
        width = (card.width - frame.margin_left - frame.margin_right) / EMU_PER_POINT  # type: ignore[attr-defined]
        needed = (frame.margin_top + frame.margin_bottom) / EMU_PER_POINT
        for paragraph in frame.paragraphs:
            runs = tuple(Run(r.text, bold=bool(r.font.bold)) for r in paragraph.runs)
            size = paragraph.runs[0].font.size.pt
            needed += len(line_breaks(runs, family, size, width)) * size * em
        assert needed <= card.height / EMU_PER_POINT + 0.01, frame.text  # type: ignore[attr-defined]


def test_table_and_card_text_is_set_in_the_font_it_was_measured_with(tmp_path: Path) -> None:
    """A template whose placeholders say Calibri and whose theme says Arial (a corpus template): tables and
    cards took the theme's Arial, wider than the Calibri they were measured with, and ran past their frames."""
    template = traits.make_body_font_apart_from_theme(tmp_path)
    family = open_template(template).geometry.body_font
    assert family == "Calibri"
    _, data = build(DEMO_PACK, template)
    deck = Presentation(io.BytesIO(data))
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    runs = [run for table in tables for row in table.rows for cell in row.cells
            for paragraph in cell.text_frame.paragraphs for run in paragraph.runs]
    runs += [run for card in _cards(data) for paragraph in card.text_frame.paragraphs  # type: ignore[attr-defined]
             for run in paragraph.runs]
    assert tables and runs
    assert {run.font.name for run in runs} == {family}
