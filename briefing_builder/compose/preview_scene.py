"""A planned slide + the template's look → a list of drawing operations (plain data, no Qt).

Scenes are made on the preview worker thread, so the GUI thread only paints. Coordinates
are points from the slide's top-left corner. Every position comes from the plan, the
template geometry and :mod:`compose.textstyle` — the numbers the deck writer uses — and
text is broken by :mod:`.preview_layout` exactly as the fitter measured it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_builder.compose import textstyle
from briefing_builder.compose.appearance import RoleAppearance, TemplateAppearance
from briefing_builder.compose.contrast import readable_text
from briefing_builder.compose.deck_planner import title_runs
from briefing_builder.compose.figure_colours import AXIS_GREY
from briefing_builder.compose.figures import CELL_PAD_X_PT, CELL_PAD_Y_PT, cell_text_width
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, TemplateGeometry, title_lines_box
from briefing_builder.compose.linebreak import line_width
from briefing_builder.compose.marking_layout import INSET_X
from briefing_builder.compose.measure import font_face, line_breaks, text_width
from briefing_builder.compose.plan import ChartSpec, Paragraph, SlideSpec, TableSpec, TimelineSpec
from briefing_builder.compose.preview_layout import PlacedLine, block_height, lay_out_paragraphs
from briefing_builder.compose.timeline import (
    CARD_CORNER,
    STATUS_ACCENTS,
    card_height_pt,
    card_insets,
    date_size,
    label_width_pt,
)
from briefing_builder.markup import Run


@dataclass(frozen=True)
class RectOp:
    """A filled and/or outlined rectangle (``radius`` > 0: rounded; ``ellipse``: an ellipse)."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    radius: float = 0.0
    ellipse: bool = False
    #: The fill's opacity (0–1): a backing panel lets the picture under it show through.
    opacity: float = 1.0


@dataclass(frozen=True)
class LineOp:
    """A polyline (two or more points)."""

    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0


@dataclass(frozen=True)
class PathOp:
    """A filled outline (a template's freeform shape): polygons in points, filled even-odd, outlined when ``line``."""

    polygons: tuple[tuple[tuple[float, float], ...], ...]
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0


@dataclass(frozen=True)
class ImageOp:
    """A picture stretched over a box (``image``: PNG/JPEG/… bytes)."""

    x: float
    y: float
    w: float
    h: float
    image: bytes


@dataclass(frozen=True)
class TextOp:
    """One piece of text whose line starts at ``top``; the painter puts its baseline at the font's ascent.

    ``x`` is where the measurement puts it. A piece that ``follows`` another on its line is
    painted where that one ends at the painted size, so Qt's own advances (rounded at small
    sizes) never run words together or open gaps.
    """

    x: float
    top: float
    text: str
    family: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    underline: bool = False
    #: Painted where the previous op of its line ends (at the painted size), not at ``x``.
    follows: bool = False
    #: A hyperlink's address, or the record id a cross-reference jumps to (a PDF makes them clickable).
    link: str | None = None
    ref: str | None = None
    #: Character spacing in points (the template's ``spc``), added after every character.
    spacing: float = 0.0


Op = RectOp | LineOp | PathOp | ImageOp | TextOp


@dataclass(frozen=True)
class SlideScene:
    """Everything to paint one slide, in painting order."""

    number: int
    width: float
    height: float
    background: str
    ops: tuple[Op, ...]


def _pt(value: int) -> float:
    return value / EMU_PER_POINT


def _box(box: Box) -> tuple[float, float, float, float]:
    return _pt(box.left), _pt(box.top), _pt(box.width), _pt(box.height)


class _Builder:
    def __init__(self, spec: SlideSpec, geometry: TemplateGeometry, look: TemplateAppearance) -> None:
        self.spec, self.geometry, self.look = spec, geometry, look
        self.role: RoleAppearance = look.role(spec.role)
        self.ops: list[Op] = []
        self.link = spec.figure_colour("link") or look.theme_colors.get("hlink", "0563C1")

    def accent(self, name: str, default: str = "1B2A4A") -> str:
        return self.look.theme_colors.get(name, default)

    def lines_at(self, runs: tuple[Run, ...], family: str, size: float, x: float, top: float,
                 width: float) -> list[PlacedLine]:
        """``runs`` broken at ``width`` points, single-spaced from ``top`` at ``x`` (cells, cards)."""
        height = size * font_face(family).line_height_em
        return [PlacedLine(x, top + i * height, height, size, pieces)
                for i, pieces in enumerate(line_breaks(runs, family, size, width))]

    def text_lines(self, lines: list[PlacedLine], family: str, color: str, dy: float = 0.0, dx: float = 0.0,
                   bullet_color: str | None = None, bold: bool = False, spacing: float = 0.0) -> None:
        """One text op per piece; a line's later pieces follow on where the previous one ends when painted."""
        for line in lines:
            if line.bullet:
                self.ops.append(TextOp(line.bullet_x + dx, line.top + dy, line.bullet, family, line.size,
                                       bullet_color or color))
            for number, piece in enumerate(line.pieces):
                run = piece.run
                linked = bool(run.link or run.ref)
                self.ops.append(TextOp(line.x + piece.x + dx, line.top + dy, piece.text, family, line.size,
                                       self.link if linked else color, bold or run.bold, run.italic, run.strike,
                                       linked, follows=number > 0, link=run.link, ref=run.ref, spacing=spacing))

    def block(self, paragraphs: list[Paragraph] | tuple[Paragraph, ...], box: Box, family: str, size: float,
              color: str, anchor: str = "t", align: str = "l", bullets: bool = False, bold: bool = False,
              spacing: float = 0.0) -> None:
        lines = lay_out_paragraphs(paragraphs, box, family, size, bullets=bullets, spacing=spacing)
        if not lines:
            return
        free = _pt(box.height - 2 * textstyle.INSET_Y) - block_height(lines)
        dy = {"b": free, "ctr": free / 2}.get(anchor, 0.0)
        if align in ("ctr", "r"):
            inner = _pt(box.width - 2 * textstyle.INSET_X)
            for line in lines:
                used = line_width(line.pieces)
                shift = (inner - used) / (2 if align == "ctr" else 1)
                self.text_lines([line], family, color, dy, shift, bold=bold, spacing=spacing)
            return
        self.text_lines(lines, family, color, dy, bullet_color=self.role.bullet_color, bold=bold, spacing=spacing)

    def one_line(self, text: str, x: float, y: float, w: float, h: float, family: str, size: float, color: str,
                 align: str = "l", bold: bool = False) -> None:
        width = text_width(text, family, size, bold)
        left = {"r": x + w - width, "ctr": x + (w - width) / 2}.get(align, x)
        self.ops.append(TextOp(left, y + (h - size * 1.22) / 2, text, family, size, color, bold))

    # ------------------------------------------------------------------ parts

    def decorations(self) -> None:
        width, height = _pt(self.geometry.slide_width), _pt(self.geometry.slide_height)
        for item in self.role.decorations:
            x, y, w, h = _box(item.box)
            if item.kind == "picture":
                self.ops.append(ImageOp(x, y, w or width, h or height, item.image))
            elif item.kind == "line":
                self.ops.append(LineOp(((x, y), (x + w, y + h)), item.line or "000000", _pt(item.line_width)))
            elif item.kind == "path":
                self.ops.append(PathOp(tuple(tuple((_pt(px), _pt(py)) for px, py in polygon)
                                             for polygon in item.polygons), item.fill, item.line,
                                       _pt(item.line_width)))
            else:
                self.ops.append(RectOp(x, y, w, h, item.fill, item.line, _pt(item.line_width),
                                       item.radius * min(w, h), item.kind == "ellipse"))

    def box_fill(self, part: str, box: Box) -> None:
        """The fill the template gives the box ``part``'s text is written in, drawn under that text."""
        fill = self.role.text_fill(part)
        if fill is not None:
            self.ops.append(RectOp(*_box(box), fill))

    def title(self) -> None:
        spec, role_geo = self.spec, self.geometry.role(self.spec.role)
        title_box = spec.title_box or role_geo.title  # a marking may have shortened the title's box
        if title_box is not None and spec.title:
            self.box_fill("title", title_box)
            self.block([Paragraph(title_runs(spec.title, self.geometry), bullet=False)],
                       title_lines_box(title_box, role_geo.title_inset),
                       self.look.heading_font,
                       spec.title_font_size or 28.0, spec.text_colour("title") or self.role.title_color,
                       self.role.title_anchor, self.role.title_align, spacing=self.geometry.heading_spacing_pt)
        if spec.subtitle:
            box = spec.subtitle_box or role_geo.subtitle or (role_geo.bodies[0] if role_geo.bodies else None)
            if box is not None:
                self.box_fill("subtitle", box)
                caps = role_geo.subtitle_caps
                self.block([Paragraph((Run(line.upper() if caps else line),), bullet=False) for line in spec.subtitle],
                           box, self.look.body_font, spec.subtitle_font_size or 18.0,
                           spec.text_colour("subtitle") or self.role.subtitle_color,
                           spacing=self.geometry.body_spacing_pt)

    def bodies(self) -> None:
        panel = self.spec.text_panel("body")
        for frame in self.spec.bodies:
            self.box_fill("body", frame.box)
            if panel is not None:  # behind text on a busy picture, as the deck has it
                self.ops.append(RectOp(*_box(frame.box), fill=panel[0], opacity=panel[1] / 100))
            self.block(frame.paragraphs, frame.box, self.look.body_font, frame.font_size,
                       self.spec.text_colour("body") or self.role.body_color, bullets=True,
                       spacing=self.geometry.body_spacing_pt)

    def furniture(self) -> None:
        spec, role_geo, family = self.spec, self.geometry.role(self.spec.role), self.look.body_font
        footer_box = spec.footer_box or role_geo.footer  # moved along its row to make room for a marking
        if spec.footer and footer_box is not None:  # broken as the deck breaks it when even 7 pt is too wide
            self.block([Paragraph((Run(spec.footer),), bullet=False)], footer_box, family,
                       spec.footer_font_size or 10.0, self.role.footer_color, "ctr")
        if self.role.number_box is not None and spec.number:
            x, y, w, h = _box(self.role.number_box)
            self.one_line(str(spec.number), x, y, w - _pt(textstyle.INSET_X), h, family, 10.0,
                          self.role.footer_color, "r")
        for mark in spec.marks:  # the plan's markings, where and in the colour the deck has them
            x, y, w, h = _box(mark.box)
            if mark.fill:
                self.ops.append(RectOp(x, y, w, h, mark.fill))
            inset = _pt(INSET_X)
            self.one_line(str(spec.number) if mark.slide_number else mark.text, x + inset, y, w - 2 * inset, h,
                          family, mark.size_pt, mark.colour, mark.align, bold=mark.bold)

    def table(self, table: TableSpec) -> None:
        x, y, w, h = _box(table.box)
        rows = len(table.rows) + 1
        heights = [_pt(v) for v in table.row_heights] if table.row_heights else [h / rows] * rows
        widths = [w * f for f in table.col_widths]
        header = self.accent("accent1")
        band = _mix(header, "FFFFFF", 0.8)
        plain = _mix(header, "FFFFFF", 0.9)
        cells: list[tuple[Run, ...]] = [(Run(text, bold=True),) for text in table.header]
        top = y
        for r, (row, height) in enumerate(zip([cells, *table.rows], heights)):
            self.ops.append(RectOp(x, top, w, height, header if r == 0 else (band if r % 2 else plain)))
            left = x
            for runs, cw in zip(row, widths):
                placed = self.lines_at(runs, self.look.body_font, table.font_size,
                                       left + CELL_PAD_X_PT * table.cell_pad, top + CELL_PAD_Y_PT * table.cell_pad,
                                       cell_text_width(cw, table.cell_pad))
                ink = readable_text(header, self.geometry.theme_colors, table.font_size, bold=True)
                self.text_lines(placed, self.look.body_font, ink if r == 0 else self.role.body_color)
                left += cw
            top += height
            if r:
                self.ops.append(LineOp(((x, top - height), (x + w, top - height)), "FFFFFF", 1.0))

    def chart(self, chart: ChartSpec) -> None:
        x, y, w, h = _box(chart.box)
        family, grid = self.look.body_font, "D9D9D9"
        ink = self.spec.figure_colour("chart_text") or self.spec.text_colour("body") or self.role.body_color
        self.one_line(chart.title, x, y + 4, w, 18, family, 12.0, ink, "ctr", bold=True)
        values = [v for s in chart.series for v in s.values] or [0.0]
        high = _nice(max(*values, 0.0))
        low = min(*values, 0.0)
        left, right, top, bottom = x + 34, x + w - 10, y + 30, y + h - (34 if len(chart.series) > 1 else 22)
        span = (high - low) or 1.0
        for step in range(5):
            value = low + span * step / 4
            gy = bottom - (bottom - top) * step / 4
            self.ops.append(LineOp(((left, gy), (right, gy)), grid, 0.75))
            self.one_line(f"{value:g}", x, gy - 6, 30, 12, family, 9.0, ink, "r")
        self.ops.append(LineOp(((left, bottom), (right, bottom)), AXIS_GREY, 1.0))
        count = max(1, len(chart.categories))
        slot = (right - left) / count
        for index, label in enumerate(chart.categories):
            self.one_line(label, left + index * slot, bottom + 2, slot, 14, family, 9.0, ink, "ctr")
        colors = [self.accent(f"accent{i}") for i in range(1, 7)]
        for number, series in enumerate(chart.series):
            color = self.spec.figure_colour(f"series{number + 1}") or colors[number % len(colors)]
            if chart.kind == "line":
                points = tuple((left + slot * (i + 0.5), bottom - (v - low) / span * (bottom - top))
                               for i, v in enumerate(series.values))
                if len(points) > 1:
                    self.ops.append(LineOp(points, color, 2.25))
                for px, py in points:
                    self.ops.append(RectOp(px - 2.5, py - 2.5, 5, 5, color, ellipse=True))
            else:
                bar = slot * 0.6 / max(1, len(chart.series))
                for i, v in enumerate(series.values):
                    bx = left + slot * (i + 0.2) + bar * number
                    by = bottom - (v - low) / span * (bottom - top)
                    self.ops.append(RectOp(bx, min(by, bottom), bar, abs(bottom - by), color))
        if len(chart.series) > 1:
            legend = "   ".join(s.name for s in chart.series)
            self.one_line(legend, x, y + h - 18, w, 14, family, 9.0, ink, "ctr")

    def timeline(self, spec: TimelineSpec) -> None:
        x, y, w, _h = _box(spec.box)
        years = spec.to_year - spec.from_year + 1
        column = w / years
        axis = self.accent("dk2", "1B2A4A")
        self.ops.append(RectOp(x, y + spec.axis_pt * 0.75, w, 2.5 * spec.scale,
                               self.spec.figure_colour("year_axis") or axis))
        for index in range(0, years, max(1, spec.year_step)):
            self.one_line(str(spec.from_year + index), x + index * column, y, column, spec.axis_pt * 0.7,
                          self.look.body_font, spec.year_size or spec.font_size,
                          self.spec.figure_colour("years") or axis, "ctr", bold=True)
        top = y + spec.axis_pt
        family = self.look.body_font
        for entry in spec.entries:
            cx, cy = x + entry.left_pt, top + entry.lane * spec.lane_pt
            ch = card_height_pt(spec.lane_pt, spec.scale)
            color = self.accent(STATUS_ACCENTS.get(entry.status or "", "accent1"))
            self.ops.append(RectOp(cx, cy, entry.width_pt, ch, color, radius=CARD_CORNER * min(entry.width_pt, ch)))
            width = label_width_pt(entry.width_pt, ch, spec.scale)
            inset_x, inset_y = card_insets(entry.width_pt, ch, spec.scale)
            label = self.lines_at((Run(entry.label, bold=True),), family, spec.font_size, cx + inset_x,
                                  cy + inset_y, width)
            when = self.lines_at((Run(entry.when),), family, date_size(spec.font_size), cx + inset_x,
                                 label[-1].top + label[-1].height, width)
            self.text_lines(label + when, family, readable_text(color, self.geometry.theme_colors,
                                                                date_size(spec.font_size)))


def _mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` of the way towards ``other``."""
    a = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(other[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(p + (q - p) * amount):02X}" for p, q in zip(a, b))


def _nice(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** len(str(int(value))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def build_scene(spec: SlideSpec, geometry: TemplateGeometry, look: TemplateAppearance) -> SlideScene:
    """The drawing operations of one planned slide on the template described by ``geometry`` and ``look``."""
    builder = _Builder(spec, geometry, look)
    builder.decorations()
    builder.title()
    builder.bodies()
    if spec.table is not None:
        builder.table(spec.table)
    if spec.chart is not None:
        builder.chart(spec.chart)
    if spec.timeline is not None:
        builder.timeline(spec.timeline)
    builder.furniture()
    return SlideScene(spec.number, _pt(geometry.slide_width), _pt(geometry.slide_height),
                      builder.role.background, tuple(builder.ops))
