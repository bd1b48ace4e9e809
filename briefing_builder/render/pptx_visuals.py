"""Tables, native charts and timelines drawn from their plan specs."""

from __future__ import annotations

from typing import cast

from lxml import etree
from pptx.chart.data import CategoryChartData, ChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefing_builder.compose.contrast import readable_text
from briefing_builder.compose.figure_colours import AXIS_GREY
from briefing_builder.compose.figures import CELL_PAD_X_PT, CELL_PAD_Y_PT
from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.plan import ChartSpec, Paragraph, TableSpec, TimelineSpec
from briefing_builder.compose.timeline import (
    CARD_CORNER,
    CARD_PAD_X_PT,
    CARD_PAD_Y_PT,
    STATUS_ACCENTS,
    card_height_pt,
    date_size,
)
from briefing_builder.markup import Run
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, paragraph_element
from briefing_builder.render.pptx_shapes import set_alt_text
from briefing_builder.render.pptx_text import LinkResolver, add_run, inherits_right_to_left, set_direction, set_spacing

_THEME_COLORS = {"accent1": MSO_THEME_COLOR.ACCENT_1, "accent2": MSO_THEME_COLOR.ACCENT_2,
                 "accent6": MSO_THEME_COLOR.ACCENT_6}


def add_table(slide: Slide, spec: TableSpec, links: LinkResolver, theme: dict[str, str]) -> None:
    """Draw a table with its header row; cell text at the planned size, header text readable on accent 1."""
    rows = len(spec.rows) + 1
    cols = len(spec.header)
    box = spec.box
    frame = slide.shapes.add_table(rows, cols, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    frame.name = "Key figures"
    set_alt_text(element_of(frame), spec.alt_text)
    table = frame.table
    widths = [int(box.width * f) for f in spec.col_widths]
    widths[-1] = box.width - sum(widths[:-1])
    for index, width in enumerate(widths):
        table.columns[index].width = Emu(width)
    heights = spec.row_heights or tuple(int(box.height / rows) for _ in range(rows))
    for row, height in zip(table.rows, heights):
        row.height = Emu(height)
    header_cells: list[tuple[Run, ...]] = [(Run(h, bold=True),) for h in spec.header]
    header_fill = theme.get("accent1", "4472C4")
    header_text = readable_text(header_fill, theme, spec.font_size, bold=True)
    rtl = inherits_right_to_left(slide)
    for r, cells in enumerate([header_cells, *spec.rows]):
        for c, runs in enumerate(cells):
            cell = table.cell(r, c)
            if r == 0:
                cell.fill.solid()  # type: ignore[no-untyped-call]  # python-pptx leaves it unannotated
                cell.fill.fore_color.rgb = _rgb(header_fill)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            if spec.cell_pad != 1.0:  # PowerPoint's default margins otherwise, as the cells were measured
                cell.margin_left = cell.margin_right = Emu(int(CELL_PAD_X_PT * spec.cell_pad * EMU_PER_POINT))
                cell.margin_top = cell.margin_bottom = Emu(int(CELL_PAD_Y_PT * spec.cell_pad * EMU_PER_POINT))
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT  # not the master's table or text alignment
            _own_paragraph(paragraph_element(paragraph), "".join(r.text for r in runs), rtl)
            for run in runs:
                add_run(paragraph_element(paragraph), run, spec.font_size, links, header_text if r == 0 else None)
            _set_typeface(paragraph_element(paragraph), spec.font_family)


def _own_paragraph(paragraph: etree._Element, text: str, inherited_rtl: bool) -> None:
    """Give ``paragraph`` (an ``a:p``) single spacing, nothing before or after, and the direction of ``text``:
    not what the template's default text style gives text outside placeholders (Keynote's: 45 pt before)."""
    ppr = paragraph.get_or_add_pPr()
    set_spacing(ppr, 0.0)
    set_direction(ppr, text, inherited_rtl)


#: What follows ``a:latin`` in ``a:rPr`` (the schema's order).
_AFTER_LATIN = ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")


def _set_typeface(paragraph: etree._Element, family: str) -> None:
    """Name ``family`` on every run of ``paragraph`` (an ``a:p``): the font its text was measured in, not the one
    the template gives text outside placeholders (its theme's, which may be wider). Nothing for ``""``."""
    if not family:
        return
    for rpr in paragraph.iterfind(f"{qn('a:r')}/{qn('a:rPr')}"):
        for old in rpr.findall(qn("a:latin")):
            rpr.remove(old)
        latin = etree.Element(qn("a:latin"), typeface=family)
        later = next((c for c in rpr if etree.QName(c).localname in _AFTER_LATIN), None)
        if later is None:
            rpr.append(latin)
        else:
            later.addprevious(latin)


def _rgb(hex_color: str) -> RGBColor:
    """A python-pptx colour from ``RRGGBB``."""
    colour: RGBColor = RGBColor.from_string(hex_color)  # type: ignore[no-untyped-call]  # unannotated
    return colour


def add_chart(slide: Slide, spec: ChartSpec, text_color: str | None = None,
              colours: dict[str, str] | None = None) -> None:
    """Draw a native, editable line or column chart with alt text.

    ``text_color`` (``RRGGBB``), when given, is written on the chart's title, labels and legend:
    the colour chosen for the slide's text where the template's own is unreadable on its background.
    ``colours`` (:mod:`~briefing_builder.compose.figure_colours`): a series (``series1``…) drawn in another colour
    than the theme's, where the theme's would not be seen.
    """
    colours = colours or {}
    data = CategoryChartData(number_format=spec.number_format)  # type: ignore[no-untyped-call]  # unannotated
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))  # type: ignore[no-untyped-call]  # unannotated
    kind = XL_CHART_TYPE.LINE_MARKERS if spec.kind == "line" else XL_CHART_TYPE.COLUMN_CLUSTERED
    box = spec.box
    # python-pptx annotates add_chart as returning the Chart; it returns the GraphicFrame holding it.
    frame = cast(GraphicFrame, slide.shapes.add_chart(kind, Emu(box.left), Emu(box.top), Emu(box.width),
                                                      Emu(box.height), cast(ChartData, data)))
    frame.name = "Chart"
    set_alt_text(element_of(frame), spec.alt_text, spec.title)
    chart = frame.chart
    _transparent_area(chart._chartSpace)  # python-pptx has no API for the chart area's fill
    chart.has_legend = len(spec.series) > 1
    chart.has_title = True
    chart.chart_title.text_frame.text = spec.title
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size = Pt(spec.title_size)
    title_font.bold = True
    chart.font.size = Pt(spec.text_size)
    if text_color is not None:
        chart.font.color.rgb = _rgb(text_color)
        title_font.color.rgb = _rgb(text_color)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb("D9D9D9")
    value_axis.format.line.fill.background()
    chart.category_axis.format.line.color.rgb = _rgb(AXIS_GREY)
    for number, plot_series in enumerate(chart.plots[0].series, start=1):
        colour = colours.get(f"series{number}")
        if colour is None:
            continue
        plot_series.format.line.color.rgb = _rgb(colour)
        if spec.kind == "line":
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = _rgb(colour)
            plot_series.marker.format.line.color.rgb = _rgb(colour)
        else:
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = _rgb(colour)


def _transparent_area(chart_space: etree._Element) -> None:
    """No fill and no border on the chart area (``c:chartSpace``), in every viewer: the colours were checked
    against the page under the chart."""
    sp_pr = etree.Element(qn("c:spPr"))
    etree.SubElement(sp_pr, qn("a:noFill"))
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    chart_space.find(qn("c:chart")).addnext(sp_pr)


def add_timeline(slide: Slide, spec: TimelineSpec, theme: dict[str, str], colours: dict[str, str] | None = None
                 ) -> None:
    """Draw the year axis and one rounded card per milestone (text readable on its fill), grouped with alt text.

    The axis and year labels are in the theme's dark 2, or in ``colours``' ``year_axis`` and ``years`` where
    dark 2 would not be seen on the page (:mod:`~briefing_builder.compose.figure_colours`)."""
    colours = colours or {}
    group = slide.shapes.add_group_shape()
    group.name = "Timeline"
    shapes = group.shapes
    box = spec.box
    years = spec.to_year - spec.from_year + 1
    rtl = inherits_right_to_left(slide)
    column = box.width / years
    axis_y = box.top + int(spec.axis_pt * EMU_PER_POINT * 0.75)
    line = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(axis_y), Emu(box.width),
                            Emu(int(2.5 * spec.scale * EMU_PER_POINT)))
    line.fill.solid()
    if "year_axis" in colours:
        line.fill.fore_color.rgb = _rgb(colours["year_axis"])
    else:
        line.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
    line.line.fill.background()
    for index in range(0, years, max(1, spec.year_step)):
        label = shapes.add_textbox(Emu(int(box.left + index * column)), Emu(box.top), Emu(int(column)),
                                   Emu(int(spec.axis_pt * EMU_PER_POINT * 0.7)))
        frame = label.text_frame
        frame.word_wrap = False
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        _own_paragraph(paragraph_element(paragraph), str(spec.from_year + index), rtl)
        run = paragraph.add_run()
        run.text = str(spec.from_year + index)
        run.font.size = Pt(spec.year_size or spec.font_size)
        run.font.bold = True
        if "years" in colours:
            run.font.color.rgb = _rgb(colours["years"])
        else:
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_2
    top = box.top + int(spec.axis_pt * EMU_PER_POINT)
    lane = int(spec.lane_pt * EMU_PER_POINT)
    for entry in spec.entries:
        card = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(box.left + int(entry.left_pt * EMU_PER_POINT)),
                                Emu(top + entry.lane * lane), Emu(int(entry.width_pt * EMU_PER_POINT)),
                                Emu(int(card_height_pt(spec.lane_pt, spec.scale) * EMU_PER_POINT)))
        card.adjustments[0] = CARD_CORNER
        card.fill.solid()
        accent = STATUS_ACCENTS.get(entry.status or "", "accent1")
        card.fill.fore_color.theme_color = _THEME_COLORS[accent]
        ink = readable_text(theme.get(accent, "4472C4"), theme, date_size(spec.font_size))
        card.line.fill.background()
        frame = card.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Emu(int(CARD_PAD_X_PT * spec.scale * EMU_PER_POINT))
        frame.margin_top = frame.margin_bottom = Emu(int(CARD_PAD_Y_PT * spec.scale * EMU_PER_POINT))
        paragraphs = (Paragraph((Run(entry.label, bold=True),), bullet=False),
                      Paragraph((Run(entry.when),), bullet=False))
        for index, paragraph in enumerate(paragraphs):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            p.alignment = PP_ALIGN.LEFT
            _own_paragraph(paragraph_element(p), "".join(r.text for r in paragraph.runs), rtl)
            for run in paragraph.runs:
                add_run(paragraph_element(p), run, spec.font_size if index == 0 else date_size(spec.font_size),
                        lambda _r: None, ink)
            _set_typeface(paragraph_element(p), spec.font_family)
    set_alt_text(element_of(group), spec.alt_text)


#: What may precede a shape's fill in ``p:spPr`` (the schema's order: position, geometry, then fill).
_BEFORE_FILL = ("xfrm", "custGeom", "prstGeom")
_FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


def add_backing_panel(shape: etree._Element, colour: str, opacity: int) -> None:
    """Fill ``shape`` (a ``p:sp``) with ``colour`` at ``opacity`` percent: a panel behind its text on a busy picture."""
    sp_pr = shape.find(qn("p:spPr"))
    if sp_pr is None:
        sp_pr = etree.SubElement(shape, qn("p:spPr"))
        shape.insert(1, sp_pr)
    for old in [c for c in sp_pr if etree.QName(c).localname in _FILLS]:
        sp_pr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    rgb = etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    if opacity < 100:
        etree.SubElement(rgb, qn("a:alpha"), val=str(opacity * 1000))
    position = sum(1 for c in sp_pr if etree.QName(c).localname in _BEFORE_FILL)
    sp_pr.insert(position, fill)
