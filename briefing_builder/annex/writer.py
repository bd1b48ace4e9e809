"""Write an :class:`~briefing_builder.annex.plan.AnnexPlan` as an .xlsx workbook.

XlsxWriter is used (not openpyxl): it is about three times faster for styled cells, so a
10,000-row annex stays around a second. The workbook has

* a **cover** sheet: meeting, date, marking, store name and version, generation date and
  the contents, each sheet name an internal hyperlink;
* one **data sheet** per :class:`SheetSpec`, written as an Excel table (navy header row,
  autofilter; thin grid and banded rows from the table style, so empty cells need not be
  written) with a frozen header row, a grey ``ID`` column (wrapped, so every id shows), the
  status drop-down (a warning, not a hard stop) and the delegation-position drop-down (any
  text allowed) on the table's whole column, pale input cells for the delegation columns,
  measured row heights and a print set-up (A4 landscape, one page wide — the planner's
  widths keep the text at 9 pt or more —, header row repeated, marking in the page header
  and footer, page numbers).

Every string is written with ``write_string``/``write_rich_string`` — never ``write()`` —
so store text beginning with ``=`` stays text; such text also gets Excel's quote prefix.
Rich text keeps bold, italic and struck runs. The creation date comes from the plan and the
package is normalised, so the same plan always gives the same bytes; files are written
atomically (see :mod:`briefing_builder.render.output`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from briefing_builder.annex.baseline import PROPERTY as BASELINE_PROPERTY
from briefing_builder.annex.baseline import Baseline, document_id, keep_document, sent_document, sheet_rows
from briefing_builder.annex.baseline import sheet_name as baseline_sheet_name
from briefing_builder.annex.cells import DATE_FORMAT_CODE
from briefing_builder.annex.changed_since import SINCE_PROPERTY
from briefing_builder.annex.headers import annex_label
from briefing_builder.annex.plan import AnnexPlan, CellValue, ColumnSpec, CoverSpec, PageMarking, SheetSpec
from briefing_builder.annex.rows import row_height_pt
from briefing_builder.annex.xlsx_rich import RichStringWriter
from briefing_builder.annex.xlsx_safety import (
    check_sheet_name,
    check_table_name,
    clean_cell_text,
    fitted_header_footer,
    formula_like,
    header_footer_text,
    property_text,
    sheet_link,
)
from briefing_builder.brand import brand_settings
from briefing_builder.compose import wording
from briefing_builder.markup import Run
from briefing_builder.render.output import atomic_write
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused

TABLE_STYLE = "Table Style Light 15"  # thin grid on every cell, grey banded rows

_Style = tuple[bool, bool, bool, bool]  # bold, italic, strike, underline
_PLAIN: _Style = (False, False, False, False)


class _Formats:
    """Creates each distinct XlsxWriter format once."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.rich = RichStringWriter()
        self.workbook = workbook
        self._cache: dict[tuple[Any, ...], Format] = {}
        self._cells: dict[tuple[Any, ...], Format] = {}
        colours = brand_settings().annex  # as XlsxWriter writes them: "#RRGGBB"
        self.heading, self.label, self.border, self.input = (
            f"#{colours.heading}", f"#{colours.label}", f"#{colours.border}", f"#{colours.input}")

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self.workbook.add_format(props)
        return fmt

    def cell(self, column: ColumnSpec, style: _Style = _PLAIN, quote: bool = False, kind: str = "text") -> Format:
        """The format of a data cell of ``column`` (``kind``: text, number or date)."""
        key = (column.kind, column.wrap, style, quote, kind)
        fmt = self._cells.get(key)
        if fmt is None:
            fmt = self._cells[key] = self._cell(column, style, quote, kind)
        return fmt

    def _cell(self, column: ColumnSpec, style: _Style, quote: bool, kind: str) -> Format:
        props: dict[str, Any] = {"valign": "top"}  # borders and banding: the table style
        if column.wrap:
            props["text_wrap"] = True
        if column.kind == "id":
            props.update(font_color=self.label)
        elif column.kind == "delegation":
            props["bg_color"] = self.input
        elif column.kind == "note":
            props.update(font_color=self.label, italic=True)
        if kind == "date":
            props.update(num_format=DATE_FORMAT_CODE, align="left")
        elif kind == "number":
            props["align"] = "left"
        if quote:
            props["quote_prefix"] = True
        props.update(self._font(style))
        return self.get(**props)

    def font(self, style: _Style) -> Format:
        """A font-only format for one fragment of a rich string."""
        return self.get(**self._font(style))

    @staticmethod
    def _font(style: _Style) -> dict[str, Any]:
        bold, italic, strike, underline = style
        props: dict[str, Any] = {}
        if bold:
            props["bold"] = True
        if italic:
            props["italic"] = True
        if strike:
            props["font_strikeout"] = True
        if underline:
            props["underline"] = 1
        return props


def _fragments(runs: tuple[Run, ...]) -> list[tuple[_Style, str]]:
    """Clean, non-empty text fragments with their style; neighbours of one style merged."""
    out: list[tuple[_Style, str]] = []
    total = 0
    for run in runs:
        text = clean_cell_text(run.text)
        if not text:
            continue
        text = text[: max(0, 32_767 - total)]
        if not text:
            break
        total += len(text)
        style = (run.bold, run.italic, run.strike, run.link is not None)
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return out


def _blank(ws: Worksheet, row: int, col: int, column: ColumnSpec, formats: _Formats) -> None:
    """An empty cell: only the delegation's input cells (with their fill) and the update
    note cells (grey italic, for ``annex update``) are written.

    Other empty cells are left out — the table style draws their borders and banding —
    which keeps a 10,000-row annex fast.
    """
    if column.kind in ("delegation", "note"):
        ws.write_blank(row, col, None, formats.cell(column))


def _write_cell(ws: Worksheet, row: int, col: int, value: CellValue, column: ColumnSpec, formats: _Formats) -> None:
    if isinstance(value, str):
        text = clean_cell_text(value)
        if text:
            ws.write_string(row, col, text, formats.cell(column, quote=formula_like(text)))
        else:
            _blank(ws, row, col, column, formats)
    elif value is None or value == ():
        _blank(ws, row, col, column, formats)
    elif isinstance(value, tuple):
        _write_rich(ws, row, col, value, column, formats)
    elif isinstance(value, bool):
        ws.write_string(row, col, "yes" if value else "no", formats.cell(column))
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, formats.cell(column, kind="number"))
    elif isinstance(value, dt.datetime):
        ws.write_datetime(row, col, value, formats.cell(column, kind="date"))
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), formats.cell(column, kind="date"))
    else:
        raise TypeError(f"cannot write a {type(value).__name__} to an annex cell")


def _write_rich(ws: Worksheet, row: int, col: int, runs: tuple[Run, ...], column: ColumnSpec,
                formats: _Formats) -> None:
    """Write runs as a rich string, or as a plain string when there is only one style.

    A single (possibly styled) fragment is written with ``write_string`` and a styled cell
    format; several go through :class:`~briefing_builder.annex.xlsx_rich.RichStringWriter`.
    """
    fragments = _fragments(runs)
    if not fragments:
        _blank(ws, row, col, column, formats)
        return
    text = "".join(f for _, f in fragments)
    quote = formula_like(text)
    if len(fragments) == 1:
        ws.write_string(row, col, text, formats.cell(column, fragments[0][0], quote))
        return
    pieces = [(formats.font(style) if style != _PLAIN else None, fragment) for style, fragment in fragments]
    formats.rich.write(ws, row, col, pieces, formats.cell(column, quote=quote))


def _page(marking: str | None, page: PageMarking | None) -> PageMarking:
    """The page marking to print: the plan's, or (for a bare marking text) centred at the top, left below."""
    if page is not None:
        return page
    return PageMarking(header=(("C", marking),), footer=(("L", marking),)) if marking else PageMarking()


def _print_setup(ws: Worksheet, marking: str | None, language: str, landscape: bool = True,
                 page: PageMarking | None = None) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    page = _page(marking, page)
    header = fitted_header_footer(lambda budget: "".join(
        f'&{key}&"-,Bold"&12{header_footer_text(text, budget)}' for key, text in page.header))
    if header:
        ws.set_header(header)
    ws.set_footer(fitted_header_footer(lambda budget: _footer(page, language, budget)))


def _footer(page: PageMarking, language: str, budget: int | None = None) -> str:
    """Footer sections: the bottom markings by their rule (bold), the reference and sheet name, the page.

    ``budget``: each text cut to at most that many characters (Excel keeps 255 in all).
    """
    bold = '&"-,Bold"&12'
    sections = {key: [header_footer_text(text, budget)] for key, text in page.footer}
    sheet = f"{header_footer_text(page.reference, budget)} — &A" if page.reference else "&A"
    sections.setdefault("L" if "C" in sections else "C", []).append(sheet)
    sections.setdefault("R", []).append(wording.label("annex_footer", language))
    marked = {key for key, _ in page.footer}
    return "".join(f"&{key}{bold if key in marked else ''}{'   '.join(sections[key])}"
                   for key in ("L", "C", "R") if key in sections)


def _write_cover(workbook: xlsxwriter.Workbook, plan: AnnexPlan, formats: _Formats) -> None:
    cover: CoverSpec = plan.cover
    check_sheet_name(cover.sheet_name)
    ws = workbook.add_worksheet(cover.sheet_name)
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 80)
    label = formats.get(bold=True, font_color=formats.label, valign="top")
    value = formats.get(text_wrap=True, valign="top")
    ws.set_row(0, 30)
    ws.write_string(0, 0, clean_cell_text(cover.title),
                    formats.get(bold=True, font_size=16, font_color=formats.heading))
    row = 1
    if cover.marking:
        ws.write_string(row, 0, clean_cell_text(cover.marking),
                        formats.get(bold=True, font_size=12, font_color="#" + plan.page.colour))
    row = 3
    language = plan.properties.language
    cover_label = partial(annex_label, language=language)
    lines = list(cover.meeting_lines) + [
        (cover_label("marking"), cover.marking or cover_label("none")),
        (cover_label("store"), cover.store_name),
        (cover_label("store_version"), cover.store_version or cover_label("not_set")),
    ]
    for key, text in lines:
        ws.write_string(row, 0, clean_cell_text(key), label)
        text = clean_cell_text(text)
        ws.write_string(row, 1, text, formats.get(text_wrap=True, valign="top", quote_prefix=True)
                        if formula_like(text) else value)
        row += 1
    ws.write_string(row, 0, cover_label("generated_on"), label)
    on = cover.generated_on
    ws.write_datetime(row, 1, dt.datetime(on.year, on.month, on.day),
                      formats.get(num_format=DATE_FORMAT_CODE, align="left"))
    row += 2
    ws.write_string(row, 0, cover_label("contents"), formats.get(bold=True, font_size=12, font_color=formats.heading))
    row += 1
    link = formats.get(font_color="blue", underline=1)
    sheets = {sheet.name: sheet for sheet in plan.sheets}
    for name in cover.contents:
        ws.write_url(row, 0, sheet_link(name), link, string=name)
        sheet = sheets.get(name)
        if sheet is not None:
            about = contents_text(sheet.description, len(sheet.rows), language=language)
            ws.write_string(row, 1, clean_cell_text(about), value)
        row += 1
    if cover.notes:
        row += 1
        for note in cover.notes:
            ws.write_string(row, 0, clean_cell_text(note), formats.get(italic=True, font_color=formats.label))
            row += 1
    _print_setup(ws, cover.marking, plan.properties.language, landscape=False, page=plan.page)


def contents_text(description: str, rows: int, not_in_pack: int = 0, language: str = "en") -> str:
    """What the cover says about a data sheet: its description and row count."""
    count = (wording.label("annex_row", language) if rows == 1
             else wording.label("annex_rows", language).format(n=rows))
    count += ", " + wording.label("annex_rows_removed", language).format(n=not_in_pack) if not_in_pack else ""
    return f"{description} ({count})".strip()


def _write_sheet(workbook: xlsxwriter.Workbook, sheet: SheetSpec, marking: str | None, formats: _Formats,
                 page: PageMarking | None = None, language: str = "en") -> None:
    check_sheet_name(sheet.name)
    check_table_name(sheet.table_name)
    ws = workbook.add_worksheet(sheet.name)
    columns = sheet.columns
    last_col = len(columns) - 1
    top = 1 if page is not None and page.banner else 0  # classified: the level in the first row, above the table
    if page is not None and top:
        ws.merge_range(0, 0, 0, last_col, clean_cell_text(page.banner),
                       formats.get(bold=True, font_size=12, font_color="#" + page.colour, align="center"))
    last_row = max(len(sheet.rows), 1) + top  # an Excel table needs at least one data row
    header = formats.get(bold=True, font_color="white", bg_color=formats.heading, border=1, border_color=formats.border,
                         valign="top", text_wrap=True)
    for index, column in enumerate(columns):
        ws.set_column(index, index, column.width, None, {"hidden": column.hidden})
    headers = tuple((Run(clean_cell_text(c.header), bold=True),) for c in columns)
    ws.set_row(top, row_height_pt(headers, tuple(replace(c, wrap=True) for c in columns)))  # wrapped headers show
    ws.add_table(top, 0, last_row, last_col, {
        "name": sheet.table_name,
        "style": TABLE_STYLE,
        "autofilter": True,
        "banded_rows": True,
        "columns": [{"header": clean_cell_text(c.header), "header_format": header} for c in columns],
    })
    width = len(columns)
    for r, values in enumerate(sheet.rows, start=1):
        if len(values) != width:
            raise ValueError(f"sheet {sheet.name!r} row {r}: {len(values)} values for {width} columns")
        if r <= len(sheet.row_heights):
            ws.set_row(r + top, sheet.row_heights[r - 1])
        for c, value in enumerate(values):
            _write_cell(ws, r + top, c, value, columns[c], formats)
    if not sheet.rows:
        for c, column in enumerate(columns):
            _blank(ws, 1 + top, c, column, formats)
    for c, column in enumerate(columns):
        if column.validation:
            ws.data_validation(1 + top, c, last_row, c, {
                "validate": "list",
                "source": list(column.validation),
                "ignore_blank": True,
                # our status: a warning; a delegation's position: any text is welcome too
                "error_type": "information" if column.kind == "delegation" else "warning",
                "error_title": column.header,
                "error_message": wording.label("annex_choose_one", language).format(
                    values=", ".join(column.validation)),
            })
    ws.freeze_panes(1 + top, 0)
    ws.repeat_rows(0, top)
    _print_setup(ws, marking, language, page=page)


def write_baseline_sheet(workbook: xlsxwriter.Workbook, baseline: Baseline, language: str = "en") -> None:
    """Add the very hidden sheet holding ``baseline`` (see :mod:`.baseline`), named in ``language``, and
    its id property."""
    _write_baseline_document(workbook, baseline.pack_id, baseline.document(), language)


def _write_baseline_document(workbook: xlsxwriter.Workbook, pack_id: str, document: str, language: str) -> None:
    ws = workbook.add_worksheet(baseline_sheet_name(language))
    ws.very_hidden()
    for r, values in enumerate(sheet_rows(pack_id, document, language)):
        for c, text in enumerate(values):
            ws.write_string(r, c, text)
    workbook.set_custom_property(BASELINE_PROPERTY, document_id(document))


def annex_bytes(plan: AnnexPlan) -> bytes:
    """The .xlsx file of ``plan``, byte-identical for an identical plan.

    Raises ``ValueError`` for an invalid or duplicate sheet or table name.
    """
    names = [plan.cover.sheet_name] + [s.name for s in plan.sheets]
    tables = [s.table_name for s in plan.sheets]
    if len({n.lower() for n in names}) != len(names):
        raise ValueError(f"duplicate sheet names in {names}")
    if len({t.lower() for t in tables}) != len(tables):
        raise ValueError(f"duplicate table names in {tables}")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    formats = _Formats(workbook)
    props = plan.properties
    on = plan.cover.generated_on
    properties: dict[str, Any] = {
        "title": clean_cell_text(props.title),
        "subject": clean_cell_text(props.subject),
        "author": clean_cell_text(props.author),
        "keywords": clean_cell_text(props.keywords),
        "comments": clean_cell_text(props.comments),
        "created": dt.datetime(on.year, on.month, on.day),
    }
    if props.marking:
        properties["category"] = clean_cell_text(props.marking)
        properties["status"] = clean_cell_text(props.marking)
    workbook.set_properties(properties)
    if props.marking:
        workbook.set_custom_property("Classification", property_text(props.marking))
    if props.reference:
        workbook.set_custom_property("DocumentReference", property_text(props.reference))
    for name, value in props.label:
        workbook.set_custom_property(name, property_text(value))
    workbook.set_custom_property("Pack", plan.pack_id)
    workbook.set_custom_property("Language", props.language or "en")
    if props.changed_since:
        workbook.set_custom_property(SINCE_PROPERTY, props.changed_since)
    with gc_paused():  # tens of thousands of cells stay alive until the end: collections find nothing
        _write_cover(workbook, plan, formats)
        for sheet in plan.sheets:
            _write_sheet(workbook, sheet, plan.cover.marking, formats, plan.page, plan.properties.language)
        _write_baseline_document(workbook, plan.pack_id, sent_document(plan), plan.properties.language)
        workbook.close()
    # XlsxWriter already writes its zip entries with fixed dates and in a fixed order, and the
    # created date comes from the plan: the bytes are reproducible as they are.
    return buffer.getvalue()


def write_annex(plan: AnnexPlan, path: Path, catalog: Catalog | None = None) -> None:
    """Write ``plan`` to ``path`` atomically, and with ``catalog`` the baseline's sidecar copy
    next to the pack file; raises ``OutputError`` when a file cannot be written."""
    atomic_write(Path(path), annex_bytes(plan))
    if catalog is not None:
        keep_document(plan.pack_id, sent_document(plan), catalog)
