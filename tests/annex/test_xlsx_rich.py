"""The fast rich-string writer produces exactly what XlsxWriter's write_rich_string does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import xlsxwriter

from briefing_builder.annex.xlsx_rich import RichStringWriter

CASES = [
    [("bold", "Main goals:"), (None, " "), ("strike", "reduce"), (None, " prevent & <irregular> arrivals ")],
    [(None, "  leading space "), ("bold", "bold")],
    [("bold", "a"), ("strike", "b"), ("bold", "c")],
]


def _parts(fast: bool) -> dict[str, bytes]:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": dt.datetime(2026, 1, 12)})
    sheet = workbook.add_worksheet()
    formats = {"bold": workbook.add_format({"bold": True}), "strike": workbook.add_format({"font_strikeout": True})}
    cell = workbook.add_format({"text_wrap": True})
    writer = RichStringWriter()
    for row, case in enumerate(CASES):
        fragments = [(formats[style] if style else None, text) for style, text in case]
        if fast:
            writer.write(sheet, row, 0, fragments, cell)
        else:
            args: list = []
            for fmt, text in fragments:
                if fmt is not None:
                    args.append(fmt)
                args.append(text)
            sheet.write_rich_string(row, 0, *args, cell)
    workbook.close()
    archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return {name: archive.read(name) for name in archive.namelist()}


def test_same_workbook_as_write_rich_string() -> None:
    assert _parts(fast=True) == _parts(fast=False)
