"""Make untrusted text safe for a spreadsheet cell, and check sheet and table names.

Store text (and anything a delegation typed) may start with ``=``, ``+``, ``-`` or ``@``,
which Excel — and CSV consumers — read as a formula. The writer stores every string as a
string; :func:`formula_like` tells it when to add Excel's *quote prefix* too, so the text
stays text even after someone edits the cell. Control characters are not allowed in XML
(openpyxl raises ``IllegalCharacterError``; XlsxWriter writes literal ``_x0001_``), so
:func:`clean_cell_text` removes them, keeping line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing_builder.store.schema import MAX_CELL_CHARS

MAX_SHEET_NAME = 31
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_UNCLEAN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_TABLE_NAME = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.]*$")
_CELL_REF = re.compile(r"^(?:[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$")


def clean_cell_text(text: str) -> str:
    """``text`` without control characters (CR LF → LF, tab → space), cut to Excel's cell limit."""
    if len(text) <= MAX_CELL_CHARS and not _UNCLEAN.search(text):
        return text  # the common case: nothing to do
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def formula_like(text: str) -> bool:
    """True when Excel or a CSV reader could take ``text`` for a formula."""
    return text.startswith(_FORMULA_START)


def check_sheet_name(name: str) -> None:
    """Raise ``ValueError`` unless ``name`` is a valid worksheet name."""
    if not name or len(name) > MAX_SHEET_NAME or _SHEET_BAD.search(name) or name.startswith("'") \
            or name.endswith("'") or name.lower() == "history":
        raise ValueError(f"invalid worksheet name: {name!r}")


def check_table_name(name: str) -> None:
    """Raise ``ValueError`` unless ``name`` is a valid Excel table (defined) name."""
    if not name or len(name) > 255 or not _TABLE_NAME.match(name) or _CELL_REF.match(name):
        raise ValueError(f"invalid table name: {name!r}")


def sheet_link(name: str) -> str:
    """An internal hyperlink target to cell A1 of sheet ``name``."""
    return "internal:'" + name.replace("'", "''") + "'!A1"


#: What Excel keeps of a page header or footer (all sections with their codes) and of a property value.
MAX_EXCEL_TEXT = 255


def header_footer_text(text: str, budget: int | None = None) -> str:
    """``text`` escaped for an Excel page header/footer (``&`` is a control code there).

    ``budget``: at most that many characters, cut with "…" (never inside an escaped ``&&``).
    """
    escaped = clean_cell_text(text).replace("\n", " ").replace("&", "&&")
    if budget is None or len(escaped) <= budget:
        return escaped
    cut = escaped[:max(budget - 1, 0)]
    if (len(cut) - len(cut.rstrip("&"))) % 2:
        cut = cut[:-1]
    return cut + "…"


def fitted_header_footer(build: Callable[[int | None], str]) -> str:
    """The longest ``build(budget)`` (texts cut to ``budget`` characters each) that Excel keeps whole."""
    text = build(None)
    budget = MAX_EXCEL_TEXT
    while len(text) > MAX_EXCEL_TEXT and budget > 1:
        budget -= 8
        text = build(max(budget, 1))
    return text[:MAX_EXCEL_TEXT]


def property_text(text: str) -> str:
    """``text`` cleaned for a custom document property, cut with "…" to Excel's 255 characters."""
    cleaned = clean_cell_text(text)
    return cleaned if len(cleaned) <= MAX_EXCEL_TEXT else cleaned[:MAX_EXCEL_TEXT - 1] + "…"
