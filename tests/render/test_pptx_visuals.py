"""Tables, charts and timelines in the bundled demonstration deck, read back with python-pptx.

Each is compared with the plan it was drawn from: the cells, the chart's categories and values,
the timeline's entries, where each sits, and its alt text for screen readers.
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.slide import Slide

from briefing_builder.compose.plan import DeckPlan
from tests.deck_helpers import DEMO_PACK, build


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
