"""Rich-text cells for XlsxWriter, with each font run's XML built once per format.

``Worksheet.write_rich_string`` rebuilds the same ``<rPr>`` font XML for every fragment of
every cell through a fresh XML writer, which is most of the time of writing a large annex
whose text is bold and struck throughout. :class:`RichStringWriter` produces exactly the
XML ``write_rich_string`` would (a test compares the two byte for byte) and stores it the
same way, building each format's font XML once.
"""

from __future__ import annotations

from io import StringIO

from xlsxwriter.format import Format
from xlsxwriter.worksheet import CellRichStringTuple, Worksheet, _preserve_whitespace
from xlsxwriter.xmlwriter import XMLwriter


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class RichStringWriter:
    """Writes rich strings into worksheets of one workbook."""

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[Format, str]] = {}
        self._default = Format()

    def _font_xml(self, worksheet: Worksheet, fmt: Format) -> str:
        cached = self._fonts.get(id(fmt))
        if cached is None:
            saved = getattr(worksheet, "rstring", None)
            handle = StringIO()
            worksheet.rstring = XMLwriter()
            worksheet.rstring._set_filehandle(handle)
            worksheet._write_font(fmt)
            worksheet.rstring = saved
            cached = self._fonts[id(fmt)] = (fmt, handle.getvalue())  # keep fmt alive: ids stay unique
        return cached[1]

    def write(self, worksheet: Worksheet, row: int, col: int, fragments: list[tuple[Format | None, str]],
              cell_format: Format | None) -> None:
        """Write ``fragments`` (format or ``None`` for the default font, non-empty text) as one cell."""
        if worksheet._check_dimensions(row, col):
            raise ValueError(f"cell ({row}, {col}) is outside the worksheet")
        parts = []
        for index, (fmt, text) in enumerate(fragments):
            space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
            if fmt is None and index == 0:
                parts.append(f"<r><t{space}>{_escape(text)}</t></r>")
            else:
                font = self._font_xml(worksheet, fmt if fmt is not None else self._default)
                parts.append(f"<r>{font}<t{space}>{_escape(text)}</t></r>")
        index = worksheet.str_table._get_shared_string_index("".join(parts))
        worksheet.table[row][col] = CellRichStringTuple(index, cell_format, "".join(t for _, t in fragments))
