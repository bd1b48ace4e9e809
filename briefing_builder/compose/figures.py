"""Place a country card's key-figures table and chart in the right-hand box.

The table takes the rows it needs (measured with the real font); the chart takes the
remaining height when at least a third of the box is left, otherwise it moves to the next
page. Tables longer than a box paginate with their header row repeated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines, font_face, text_width
from briefing_builder.compose.plan import ChartSpec, TableSpec
from briefing_builder.compose.text_scale import SMALLEST_PT, TextScale
from briefing_builder.markup import Run

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.compose.drafts import Draft

#: Cell margins as PowerPoint draws them (left/right 0.1", top/bottom 0.05").
CELL_PAD_X_PT = 7.2
CELL_PAD_Y_PT = 3.6
TABLE_SIZES_PT = (12.0, 11.0, 10.0, 9.0)
#: A table whose words do not fit whole at its smallest size shrinks on, down to this share of it.
TABLE_FLOOR_SHARE = 0.75
#: A chart's title and its axis labels and legend on the house slide (times the template's text scale).
CHART_TITLE_PT = 12.0
CHART_TEXT_PT = 11.0
_HOUSE = TextScale()
GAP = int(0.15 * EMU_PER_INCH)

Figures = list[tuple[TableSpec | None, ChartSpec | None]]


def cell_text_width(width_pt: float, pad: float = 1.0) -> float:
    """The width of a cell's lines in a column ``width_pt`` wide (inside its margins, the house's times ``pad``);
    measured at 95 % of it."""
    return max(width_pt - 2 * CELL_PAD_X_PT * pad, 1)


def row_height_pt(cells: tuple[tuple[Run, ...], ...], widths_pt: list[float], family: str, size: float,
                  pad: float = 1.0) -> float:
    """Height of one table row: the tallest cell's wrapped text plus margins (the house's times ``pad``)."""
    line = size * font_face(family).line_height_em
    lines = max(count_lines(cell, family, size, cell_text_width(w, pad) * 0.95)
                for cell, w in zip(cells, widths_pt))
    return lines * line + 2 * CELL_PAD_Y_PT * pad


def table_size(rows: list[tuple[tuple[Run, ...], ...]], widths_pt: list[float], family: str,
               sizes: tuple[float, ...] = TABLE_SIZES_PT, pad: float = 1.0) -> float:
    """The largest of ``sizes`` at which no word is wider than its column (never mid-word breaks); when none is,
    the largest half-point size below them, down to :data:`TABLE_FLOOR_SHARE` of the smallest, that is."""
    floor = max(SMALLEST_PT, round(sizes[-1] * TABLE_FLOOR_SHARE * 2) / 2)
    below = tuple(sizes[-1] - 0.5 * step for step in range(1, int((sizes[-1] - floor) * 2) + 1))
    for size in (*sizes, *below):
        if all(text_width(word, family, size, run.bold, run.italic) <= width - 2 * CELL_PAD_X_PT * pad
               for row in rows for cell, width in zip(row, widths_pt) for run in cell
               for word in run.text.split()):
            return size
    return sizes[-1]


def _longest_words(rows: list[tuple[tuple[Run, ...], ...]], family: str, size: float, pad: float) -> list[float]:
    """Per column, the width of its longest word at ``size`` plus the cell margins (and a point for rounding)."""
    return [max((text_width(word, family, size, run.bold, run.italic) for row in rows for run in row[column]
                 for word in run.text.split()), default=0.0) + 2 * CELL_PAD_X_PT * pad + 1.0
            for column in range(len(rows[0]))]


def widened_columns(rows: list[tuple[tuple[Run, ...], ...]], widths_pt: list[float], family: str,
                    size: float, pad: float = 1.0) -> list[float]:
    """Column widths at which every word fits at ``size``: a column too narrow for its longest word takes the
    room it lacks from the others' spare room, in proportion (unchanged when they have too little)."""
    needed = _longest_words(rows, family, size, pad)
    lacking = sum(max(n - w, 0.0) for n, w in zip(needed, widths_pt))
    spare = [max(w - n, 0.0) for n, w in zip(needed, widths_pt)]
    if lacking == 0 or lacking > sum(spare):
        return widths_pt
    return [max(w, n) - (s / sum(spare)) * lacking for n, w, s in zip(needed, widths_pt, spare)]


def place_figures(draft: Draft, box: Box | None, family: str, sizes: tuple[float, ...] = TABLE_SIZES_PT,
                  scale: TextScale = _HOUSE) -> Figures:
    """Pages of (table, chart) for the right-hand box of a two-column slide, tables at one of ``sizes``, the
    chart's text at the house sizes on the template's ``scale``."""
    if box is None:
        return []
    pages: Figures = []
    used_height = 0
    size = sizes[0]
    if draft.table is not None:
        widths_pt = [box.width / EMU_PER_POINT * f for f in draft.table.col_widths]
        header = tuple((Run(h, bold=True),) for h in draft.table.header)
        pad = scale.factor
        size = table_size([header, *draft.table.rows], widths_pt, family, sizes, pad)
        widened = widened_columns([header, *draft.table.rows], widths_pt, family, size, pad)
        col_widths = draft.table.col_widths if widened == widths_pt else tuple(w / sum(widened) for w in widened)
        widths_pt = widened
        header_h = row_height_pt(header, widths_pt, family, size, pad)
        available = box.height / EMU_PER_POINT
        chunks: list[list[tuple[tuple[Run, ...], ...]]] = [[]]
        chunk_sources: list[list[tuple[str, ...]]] = [[]]
        row_heights: list[list[float]] = [[header_h]]
        for index, row in enumerate(draft.table.rows):
            h = row_height_pt(row, widths_pt, family, size, pad)
            if chunks[-1] and sum(row_heights[-1]) + h > available:
                chunks.append([])
                chunk_sources.append([])
                row_heights.append([header_h])
            chunks[-1].append(row)
            chunk_sources[-1].append(draft.table.sources[index] if index < len(draft.table.sources) else ())
            row_heights[-1].append(h)
        for chunk, heights, sources in zip(chunks, row_heights, chunk_sources):
            emus = tuple(int(h * EMU_PER_POINT) for h in heights)
            table_box = Box(box.left, box.top, box.width, min(sum(emus), box.height))
            pages.append((TableSpec(draft.table.header, tuple(chunk), col_widths, table_box, size,
                                    draft.table.alt_text, emus, font_family=family, sources=tuple(sources),
                                    cell_pad=pad), None))
        used_height = int(sum(row_heights[-1]) * EMU_PER_POINT) + GAP
    if draft.chart is not None:
        remaining = box.height - used_height
        if pages and remaining >= box.height // 3:
            chart_box = Box(box.left, box.top + used_height, box.width, remaining)
            table, _ = pages[-1]
            pages[-1] = (table, _chart(draft, chart_box, scale))
        else:
            pages.append((None, _chart(draft, box, scale)))
    return pages


def _chart(draft: Draft, box: Box, scale: TextScale) -> ChartSpec:
    chart = draft.chart
    assert chart is not None
    return ChartSpec(chart.kind, chart.title, chart.categories, chart.series, box, chart.alt_text,
                     title_size=scale.size(CHART_TITLE_PT), text_size=scale.size(CHART_TEXT_PT))
