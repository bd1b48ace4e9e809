"""Write cell values into worksheet XML, the way an update of a returned annex needs.

* Text is written as an **inline string** (``t="inlineStr"``), so ``xl/sharedStrings.xml``
  — which every other cell points into — is never rewritten. Excel converts inline strings
  to shared ones the next time it saves. An inline string is never a formula, whatever it
  starts with; text that *looks* like one (``= + - @``) also gets a quote-prefixed variant
  of the cell's format, so it stays text when someone edits the cell.
* Rich text becomes runs, each with explicit properties (bold/italic/strike/underline), so
  a run does not inherit the bold of a cell format copied from the row above.
* The cell's own format index ``s`` is kept (a delegation's fill stays); a variant of it is
  appended to ``cellXfs`` only when needed (quote prefix, a date format), leaving every
  existing index — and so every other cell — as it was.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from briefing_builder.annex.workbook import Comparable, Fragments, M, Styles, whole
from briefing_builder.annex.xlsx_safety import formula_like

DATE_FORMAT_CODE = "yyyy-mm-dd"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class StyleBook:
    """Adds format variants to ``xl/styles.xml`` on demand; :attr:`changed` says whether it did."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.changed = False
        self._variants: dict[tuple[int, str], int] = {}
        self._date_id: int | None = None

    def _variant(self, s: int, kind: str) -> int:
        key = (s, kind)
        if key in self._variants:
            return self._variants[key]
        root = self.styles.root
        cell_xfs = root.find(M + "cellXfs") if root is not None else None
        if cell_xfs is None or not self.styles.xfs:
            return s
        base = self.styles.xfs[s] if 0 <= s < len(self.styles.xfs) else self.styles.xfs[0]
        xf = copy.deepcopy(base)
        if kind == "quote":
            xf.set("quotePrefix", "1")
        else:
            xf.set("numFmtId", str(self._date_format()))
            xf.set("applyNumberFormat", "1")
        cell_xfs.append(xf)
        cell_xfs.set("count", str(len(cell_xfs)))
        self.styles.xfs.append(xf)
        index = len(self.styles.xfs) - 1
        if kind == "date":
            self.styles.date_formats.add(whole(xf.get("numFmtId")))
        self._variants[key] = index
        self.changed = True
        return index

    def _date_format(self) -> int:
        if self._date_id is not None:
            return self._date_id
        root = self.styles.root
        assert root is not None
        formats = root.find(M + "numFmts")
        if formats is None:
            formats = etree.Element(M + "numFmts")
            root.insert(0, formats)
        ids = [whole(f.get("numFmtId")) for f in formats]
        for fmt in formats:
            if fmt.get("formatCode") == DATE_FORMAT_CODE:
                self._date_id = whole(fmt.get("numFmtId"))
                return self._date_id
        self._date_id = max(ids + [163]) + 1
        etree.SubElement(formats, M + "numFmt", numFmtId=str(self._date_id), formatCode=DATE_FORMAT_CODE)
        formats.set("count", str(len(formats)))
        return self._date_id

    def quoted(self, s: int) -> int:
        """Format ``s`` with Excel's quote prefix (unchanged when it already has one)."""
        if 0 <= s < len(self.styles.xfs) and self.styles.xfs[s].get("quotePrefix") in ("1", "true"):
            return s
        return self._variant(s, "quote")

    def dated(self, s: int) -> int:
        """Format ``s`` showing numbers as dates (unchanged when it already does)."""
        return s if self.styles.is_date(s) else self._variant(s, "date")


def _clear(c: etree._Element) -> None:
    for child in list(c):
        if child.tag in (M + "f", M + "v", M + "is"):
            c.remove(child)
    for attribute in ("t", "cm", "vm"):
        c.attrib.pop(attribute, None)


def _text(parent: etree._Element, text: str) -> None:
    t = etree.SubElement(parent, M + "t")
    t.text = text
    if text != text.strip(" ") or "\n" in text:
        t.set(_XML_SPACE, "preserve")


def set_cell(c: etree._Element, value: Comparable, book: StyleBook, cell_font: bool = False) -> None:
    """Replace what cell ``c`` holds by ``value`` (a :func:`~.annex_workbook.planned` value).

    ``None`` empties the cell (its format stays). Formulas the cell had are removed: only
    cells of our own columns are ever passed here. With ``cell_font``, plain text takes
    the cell format's font (the grey italic of the update note) instead of a plain one.
    """
    _clear(c)
    s = whole(c.get("s"))
    if value is None:
        return
    if isinstance(value, tuple):
        _set_text(c, value, book, s, cell_font)
    elif isinstance(value, float):
        etree.SubElement(c, M + "v").text = repr(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.date):
        if book.styles.root is None:
            _set_text(c, (((False, False, False, False), value.isoformat()),), book, s)
            return
        c.set("s", str(book.dated(s)))
        etree.SubElement(c, M + "v").text = str((value - _EXCEL_EPOCH).days)


def _set_text(c: etree._Element, fragments: Fragments, book: StyleBook, s: int, cell_font: bool = False) -> None:
    text = "".join(piece for _, piece in fragments)
    c.set("t", "inlineStr")
    if formula_like(text):
        c.set("s", str(book.quoted(s)))
    node = etree.SubElement(c, M + "is")
    plain = all(style == (False, False, False, False) for style, _ in fragments)
    if plain and (cell_font or book.styles.font(whole(c.get("s"))) == (False, False, False, False)):
        _text(node, text)
        return
    for style, piece in fragments:
        run = etree.SubElement(node, M + "r")
        rpr = etree.SubElement(run, M + "rPr")
        for on, tag in zip(style, ("b", "i", "strike", "u")):
            if on:
                etree.SubElement(rpr, M + tag)
        etree.SubElement(rpr, M + "sz", val="11")
        etree.SubElement(rpr, M + "color", theme="1")
        etree.SubElement(rpr, M + "rFont", val="Calibri")
        etree.SubElement(rpr, M + "family", val="2")
        etree.SubElement(rpr, M + "scheme", val="minor")
        _text(run, piece)


def has_content(c: etree._Element) -> bool:
    """True when a cell holds a value or a formula (not just a format)."""
    for child in c:
        if child.tag == M + "f" or (child.tag == M + "v" and (child.text or "") != "") or child.tag == M + "is":
            return True
    return False
