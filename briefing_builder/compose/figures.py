"""Place a country card's key-figures table and chart in the right-hand box.

The table takes the rows it needs (measured with the real font); the chart takes the
remaining height when at least a third of the box is left, otherwise it moves to the next
page. Tables longer than a box paginate with their header row repeated. A chart keeps clear of
the template's own graphics (a logo on the layout): it takes the largest part of its box no
graphic overlaps (:func:`~briefing_builder.compose.free_area.largest_free_box`), or, when that
part is too small to read (under :data:`MIN_CHART_SHARE` of the box's width, or of its height), the
largest clear part of the whole box on a page of its own; when neither is, it stays where it was
and :func:`chart_under_graphics` says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_builder.compose.free_area import largest_free_box, overlaps
from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, Box, RoleGeometry
from briefing_builder.compose.marking_layout import Surface
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

#: A chart's clear part keeps at least this share of the right-hand box's width and height.
MIN_CHART_SHARE = 0.4

Figures = list[tuple[TableSpec | None, ChartSpec | None]]


def clear_part(box: Box, graphics: tuple[Box, ...], room: Box) -> Box | None:
    """The largest part of ``box`` no graphic overlaps, when it keeps :data:`MIN_CHART_SHARE` of ``room``'s width
    and height (``box`` itself when nothing is in its way); else None."""
    under = [g for g in graphics if overlaps(g, box)]
    if not under:
        return box
    clear = largest_free_box(box, under, min_width=int(room.width * MIN_CHART_SHARE))
    if clear is None or clear.height < room.height * MIN_CHART_SHARE:
        return None
    return clear


def template_graphics(surface: Surface | None, role: RoleGeometry) -> tuple[Box, ...]:
    """The template's own shapes and pictures on ``role``'s slides (not its subtitle or body boxes), which a chart
    keeps clear of; none without a surface."""
    if surface is None:
        return ()
    return tuple(b for b in surface.obstacles if b != role.subtitle and b not in role.bodies)


def chart_note(pages: Figures, graphics: tuple[Box, ...], title: str, layout_name: str) -> str:
    """The build note for a chart of ``pages`` left under one of the layout's ``graphics`` (no clear part large
    enough), or ""."""
    if not chart_under_graphics(pages, graphics):
        return ""
    return (f"“{title}”: the chart lies under a picture or shape of layout '{layout_name}' (no part of the "
            "right-hand box clear of it is large enough for a chart). Move the graphic or the placeholder in the "
            "template (View → Slide Master) or pin another layout in the template's sidecar.")


def chart_under_graphics(pages: Figures, graphics: tuple[Box, ...]) -> bool:
    """Some chart of ``pages`` lies under one of the template's ``graphics`` (no clear part was big enough)."""
    return any(chart is not None and any(overlaps(chart.box, g) for g in graphics) for _t, chart in pages)


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
                  scale: TextScale = _HOUSE, graphics: tuple[Box, ...] = ()) -> Figures:
    """Pages of (table, chart) for the right-hand box of a two-column slide, tables at one of ``sizes``, the
    chart's text at the house sizes on the template's ``scale``; the chart clear of the template's ``graphics``
    where it can be (see the module's doc)."""
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
        below = clear_part(Box(box.left, box.top + used_height, box.width, remaining), graphics, box) \
            if pages and remaining >= box.height // 3 else None
        if below is not None:
            table, _ = pages[-1]
            pages[-1] = (table, _chart(draft, below, scale))
        else:
            pages.append((None, _chart(draft, clear_part(box, graphics, box) or box, scale)))
    return pages


def _chart(draft: Draft, box: Box, scale: TextScale) -> ChartSpec:
    chart = draft.chart
    assert chart is not None
    return ChartSpec(chart.kind, chart.title, chart.categories, chart.series, box, chart.alt_text,
                     title_size=scale.size(CHART_TITLE_PT), text_size=scale.size(CHART_TEXT_PT))
