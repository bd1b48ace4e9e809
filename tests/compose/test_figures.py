"""A country card's table and chart in the right-hand box: rows measured, pages with the header repeated."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing_builder.compose.drafts import Draft, make_drafts
from briefing_builder.compose.figures import TABLE_SIZES_PT, place_figures, row_height_pt, table_size
from briefing_builder.compose.geometry import EMU_PER_INCH, Box
from briefing_builder.markup import Run
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.schema import Pack

BOX = Box(6 * EMU_PER_INCH, EMU_PER_INCH, 5 * EMU_PER_INCH, 5 * EMU_PER_INCH)


@pytest.fixture(scope="module")
def draft() -> Draft:
    found = draft_of_egypt()
    assert found.table is not None and found.chart is not None
    return found


def test_a_roomy_box_holds_the_table_with_the_chart_below_it(draft: Draft) -> None:
    ((table, chart),) = place_figures(draft, BOX, "Calibri")
    assert table is not None and chart is not None and draft.table is not None
    assert table.rows == tuple(draft.table.rows) and table.header == draft.table.header
    assert table.box.top == BOX.top and chart.box.top >= table.box.top + table.box.height
    assert chart.box.top + chart.box.height == BOX.top + BOX.height
    assert sum(table.row_heights) == table.box.height


def test_a_long_table_continues_on_pages_that_repeat_its_header(draft: Draft) -> None:
    assert draft.table is not None
    rows = draft.table.rows * 12
    long = replace(draft, table=replace(draft.table, rows=rows, sources=[()] * len(rows)), chart=None)
    pages = place_figures(long, BOX, "Calibri")
    assert len(pages) > 1
    tables = [table for table, _ in pages]
    assert all(t is not None and t.header == draft.table.header for t in tables)
    assert sum(len(t.rows) for t in tables if t is not None) == len(rows)
    assert all(t is not None and t.box.height <= BOX.height for t in tables)


def test_no_box_no_figures_and_the_chart_alone_takes_the_box(draft: Draft) -> None:
    assert place_figures(draft, None, "Calibri") == []
    ((table, chart),) = place_figures(replace(draft, table=None), BOX, "Calibri")
    assert table is None and chart is not None and chart.box == BOX


def test_the_table_size_never_breaks_a_word_and_rows_grow_with_their_text() -> None:
    narrow = [60.0]
    assert table_size([((Run("Readmission"),),)], narrow, "Calibri") < TABLE_SIZES_PT[0]
    assert table_size([((Run("Short"),),)], [200.0], "Calibri") == TABLE_SIZES_PT[0]
    one = row_height_pt(((Run("One line"),),), [200.0], "Calibri", 11.0)
    many = row_height_pt(((Run("A cell with a good many words in it " * 3),),), [200.0], "Calibri", 11.0)
    assert many > 2 * one - 10


def test_columns_too_narrow_for_their_words_at_the_smallest_size_are_widened(tmp_path) -> None:  # noqa: ANN001
    """On an A4 portrait template (547×792 pt, as a real flyer template in the corpus) the key-figures table is
    242 pt wide: "Period" and "thousand" broke mid-word at 9 pt. Narrow columns take room from wide ones."""
    from briefing_builder.compose.figures import CELL_PAD_X_PT
    from briefing_builder.compose.measure import text_width
    from briefing_builder.render.template import open_template
    from tests.deck_helpers import DEMO_PACK, build
    from tests.fixtures.templates import traits

    template = traits.make_slide_size(tmp_path, 547 * 12700, 792 * 12700, scale=True)
    family = open_template(template).geometry.body_font
    plan, _ = build(DEMO_PACK, template)

    tables = [s.table for s in plan.slides if s.table is not None]
    broken = [word for table in tables
              for row in [tuple((Run(h, bold=True),) for h in table.header), *table.rows]
              for cell, fraction in zip(row, table.col_widths) for run in cell for word in run.text.split()
              if text_width(word, family, table.font_size, run.bold, run.italic)
              > fraction * table.box.width / 12700 - 2 * CELL_PAD_X_PT * table.cell_pad]
    assert tables and all(abs(sum(t.col_widths) - 1) < 1e-9 for t in tables)
    assert broken == []


def test_a_charts_title_and_labels_scale_with_the_slide(draft: Draft, tmp_path) -> None:  # noqa: ANN001
    """On a 4032×4032 pt slide the chart's title and axis labels stayed 12 and 11 pt (2 pt as seen on the house
    slide), and on a 200×150 pt slide they filled the small chart: they are now the house sizes times the slide's
    text scale, as written in the deck."""
    import io

    from pptx import Presentation

    from briefing_builder.compose.text_scale import TextScale
    from tests.deck_helpers import DEMO_PACK, build
    from tests.fixtures.templates import traits

    ((_table, chart),) = place_figures(replace(draft, table=None), BOX, "Calibri",
                                       scale=TextScale(0.5))
    assert chart is not None and (chart.title_size, chart.text_size) == (6.0, 5.5)
    _plan, data = build(DEMO_PACK, traits.make_slide_size(tmp_path, 4032 * 12700, 4032 * 12700, scale=True))
    charts = [shape.chart for slide in Presentation(io.BytesIO(data)).slides for shape in slide.shapes
              if shape.has_chart]
    assert charts
    for found in charts:
        assert found.font.size.pt == 61.5
        assert found.chart_title.text_frame.paragraphs[0].runs[0].font.size.pt == 67.0


def draft_of_egypt() -> Draft:
    """The sample store's Egypt country card draft (a table and a chart)."""
    catalog = load_store(sample_store_dir())
    pack = Pack.model_validate({"id": "p", "meeting": {"title": "T", "body": "B", "date": "2026-01-12"},
                                "sections": [{"type": "country", "country": "egypt"}]})
    (found,) = make_drafts(pack, catalog, "B, 12 January 2026")
    return found


def test_on_a_tiny_slide_cell_margins_scale_and_no_word_is_broken_inside_a_cell(tmp_path) -> None:  # noqa: ANN001
    """On a 200×150 pt slide PowerPoint's 7.2 pt cell margins took most of each narrow column and LibreOffice
    broke "20 thousand" into "20 th ou sa nd": the margins now scale with the slide (written on the cells), and
    every word of every cell fits across its column at the size chosen."""
    import io

    from pptx import Presentation

    from briefing_builder.compose.figures import CELL_PAD_X_PT
    from briefing_builder.compose.measure import text_width
    from tests.deck_helpers import DEMO_PACK, build
    from tests.fixtures.templates import traits

    plan, data = build(DEMO_PACK, traits.make_slide_size(tmp_path, 200 * 12700, 150 * 12700, scale=True))
    tables = [s.table for s in plan.slides if s.table is not None]
    assert tables
    for table in tables:
        assert table.cell_pad < 0.5
        widths = [table.box.width / 12700 * f for f in table.col_widths]
        header = tuple((Run(h, bold=True),) for h in table.header)
        for row in (header, *table.rows):
            for cell, width in zip(row, widths):
                for run in cell:
                    for word in run.text.split():
                        assert text_width(word, table.font_family, table.font_size, run.bold) <= (
                            width - 2 * CELL_PAD_X_PT * table.cell_pad), word
    cells = [cell for slide in Presentation(io.BytesIO(data)).slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    assert cells and all(cell.margin_left < CELL_PAD_X_PT * 12700 / 2 for cell in cells)
def test_a_chart_keeps_clear_of_a_graphic_in_its_box(draft: Draft) -> None:
    from briefing_builder.compose.figures import chart_note, chart_under_graphics
    from briefing_builder.compose.free_area import overlaps

    logo = Box(BOX.left + BOX.width // 2, BOX.top + BOX.height // 2, BOX.width // 2, BOX.height // 2)
    pages = place_figures(draft, BOX, "Calibri", graphics=(logo,))
    charts = [chart for _table, chart in pages if chart is not None]
    assert charts and not any(overlaps(chart.box, logo) for chart in charts)
    assert all(chart.box.width >= BOX.width * 0.4 and chart.box.height >= BOX.height * 0.4 for chart in charts)
    assert not chart_under_graphics(pages, (logo,))
    covering = Box(BOX.left, BOX.top, BOX.width, BOX.height)  # nothing clear is left: the chart stays, and says so
    covered = place_figures(draft, BOX, "Calibri", graphics=(covering,))
    assert chart_under_graphics(covered, (covering,)) and chart_note(pages, (logo,), "T", "L") == ""
    assert "layout 'Two Content'" in chart_note(covered, (covering,), "Egypt", "Two Content")
