"""Read an annex workbook at the XML level: sheets, tables, cells and their rich text.

Shared by the update (:mod:`.update`) and the import (:mod:`.changes`); no
openpyxl here, so what is read is exactly what the package holds. Tables are found through
each sheet's table parts and recognised by name and headers, never by position.

Text is compared as *fragments* — ``((bold, italic, strike, underline), text)`` pairs,
neighbours of one style merged — the same normalisation the writer applies, so a cell
reads back equal to the plan value it was written from. A run without its own properties
takes the cell's font (XlsxWriter writes a single bold fragment as a bold cell).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from briefing_builder.annex.headers import canonical_header
from briefing_builder.annex.package import NS_MAIN, NS_REL, AnnexFileError, Package
from briefing_builder.annex.plan import CellValue
from briefing_builder.annex.xlsx_safety import clean_cell_text
from briefing_builder.errors import Do, Hint, Location

M = f"{{{NS_MAIN}}}"
REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
Style = tuple[bool, bool, bool, bool]  # bold, italic, strike, underline
PLAIN: Style = (False, False, False, False)
Fragments = tuple[tuple[Style, str], ...]
Comparable = Fragments | float | dt.date | None
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_FORMAT_IDS = set(range(14, 23)) | set(range(45, 48))
_DATE_CODE = re.compile(r"(?<![\\\"])[dmyDMY]")


_MAX_DATE = 2_958_465  # 9999-12-31, Excel's last date


def whole(text: str | None, default: int = 0) -> int:
    """An integer attribute of the XML (``s``, ``r``, ``fontId``…); ``default`` when absent or not a number."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def col_number(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def col_letters(number: int) -> str:
    """1 → ``"A"``, 28 → ``"AB"``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_COLUMNS: dict[str, int] = {}


def cell_column(ref: str) -> int:
    """The column number of a plain cell reference (``"AB12"`` → 28), fast path for cell loops."""
    letters = ref.rstrip("0123456789")
    number = _COLUMNS.get(letters)
    if number is None:
        if not letters.isalpha() or len(letters) > 3:
            return split_ref(ref)[1]
        number = _COLUMNS[letters] = col_number(letters)
    return number


def split_ref(ref: str) -> tuple[int, int]:
    """``"B12"`` → ``(12, 2)`` (row, column; 1-based). ``ValueError`` for anything else."""
    match = _REF.match(ref)
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), col_number(match.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """``"A1:K25"`` → ``(1, 1, 25, 11)`` (top, left, bottom, right); a single cell is a 1×1 range."""
    first, _, last = ref.partition(":")
    top, left = split_ref(first)
    bottom, right = split_ref(last) if last else (top, left)
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


def format_range(top: int, left: int, bottom: int, right: int) -> str:
    """The inverse of :func:`parse_range`."""
    return f"{col_letters(left)}{top}:{col_letters(right)}{bottom}"


def normalise(pieces: list[tuple[Style, str]] | Fragments) -> Fragments:
    """Clean text, drop empty pieces, merge neighbours of one style."""
    out: list[tuple[Style, str]] = []
    for style, text in pieces:
        text = clean_cell_text(text)
        if not text:
            continue
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return tuple(out)


def planned(value: CellValue) -> Comparable:
    """A plan cell value in the form :meth:`Cell.comparable` reads back (see module doc)."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, str):
        return normalise([(PLAIN, value)]) or None
    if isinstance(value, tuple):
        return normalise([((r.bold, r.italic, r.strike, r.link is not None), r.text) for r in value]) or None
    if isinstance(value, bool):
        return normalise([(PLAIN, "yes" if value else "no")])
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def plain(value: Comparable) -> str:
    """The text of a comparable value (numbers and dates as Excel would show them)."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "".join(text for _, text in value)
    if isinstance(value, float):
        return f"{value:g}"
    return value.isoformat()


_FLAGS = {M + "b": 0, M + "i": 1, M + "strike": 2, M + "u": 3}


def _style_of(rpr: etree._Element | None, default: Style) -> Style:
    if rpr is None:
        return default
    flags = [False, False, False, False]
    for child in rpr:
        index = _FLAGS.get(child.tag)
        if index is not None:
            flags[index] = child.get("val", "1") not in ("0", "false", "none")
    return flags[0], flags[1], flags[2], flags[3]


class Styles:
    """Fonts and number formats of ``xl/styles.xml``, looked up by a cell's ``s`` index."""

    def __init__(self, root: etree._Element | None) -> None:
        self.root = root
        self.fonts: list[Style] = []
        self.xfs: list[etree._Element] = []
        self.date_formats: set[int] = set(_DATE_FORMAT_IDS)
        if root is None:
            return
        fonts = root.find(M + "fonts")
        self.fonts = [_style_of(font, PLAIN) for font in (fonts if fonts is not None else ())]
        cell_xfs = root.find(M + "cellXfs")
        self.xfs = list(cell_xfs) if cell_xfs is not None else []
        formats = root.find(M + "numFmts")
        for fmt in formats if formats is not None else ():
            code = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", fmt.get("formatCode", ""))
            if _DATE_CODE.search(code):
                self.date_formats.add(whole(fmt.get("numFmtId")))

    def font(self, s: int) -> Style:
        """The bold/italic/strike/underline of the cell format ``s``."""
        if 0 <= s < len(self.xfs):
            font_id = whole(self.xfs[s].get("fontId"))
            if 0 <= font_id < len(self.fonts):
                return self.fonts[font_id]
        return PLAIN

    def is_date(self, s: int) -> bool:
        """True when cell format ``s`` shows numbers as dates."""
        return 0 <= s < len(self.xfs) and whole(self.xfs[s].get("numFmtId")) in self.date_formats


class SharedStrings:
    """``xl/sharedStrings.xml`` as runs ``(own style or None, text)``, parsed once per string."""

    def __init__(self, root: etree._Element | None) -> None:
        self.items = list(root.iterchildren(M + "si")) if root is not None else []
        self._runs: dict[int, list[tuple[Style | None, str]]] = {}

    def runs(self, index: int) -> list[tuple[Style | None, str]]:
        """The runs of string ``index`` (a style of ``None`` means: the cell's font)."""
        cached = self._runs.get(index)
        if cached is None:
            cached = self._runs[index] = string_runs(self.items[index]) if 0 <= index < len(self.items) else []
        return cached


_T, _R, _RPR, _V, _F, _IS = M + "t", M + "r", M + "rPr", M + "v", M + "f", M + "is"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescaped(text: str) -> str:
    """Cell text as Excel shows it: each ``_xHHHH_`` decoded (how OOXML writes a character XML cannot
    hold, such as the carriage return of pasted text; a typed ``_x0041_`` is written ``_x005F_x0041_``)."""
    return _ESCAPED.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text


def string_runs(node: etree._Element) -> list[tuple[Style | None, str]]:
    """Runs of an ``<si>`` or ``<is>`` element (phonetic runs ignored); one pass over the children."""
    if len(node) == 1 and node[0].tag == _T:  # the common case: one plain text
        return [(None, unescaped(node[0].text or ""))]
    out: list[tuple[Style | None, str]] = []
    plain_text: list[str] = []
    for child in node:
        tag = child.tag
        if tag == _T:
            plain_text.append(unescaped(child.text or ""))
        elif tag == _R:
            style: Style | None = None
            text = ""
            for part in child:
                if part.tag == _T:
                    text += unescaped(part.text or "")
                elif part.tag == _RPR:
                    style = _style_of(part, PLAIN)
            out.append((style, text))
    if not out:
        return [(None, "".join(plain_text))]
    return out


@dataclass
class Cell:
    """What one ``<c>`` holds: ``kind`` is text, number, bool, error, formula or empty."""

    kind: str
    fragments: Fragments = ()
    number: float | None = None
    is_date: bool = False
    formula: str | None = None

    def comparable(self) -> Comparable:
        """The value in :func:`planned`'s form (formulas compare by their cached value)."""
        if self.kind in ("number", "formula") and self.number is not None:
            if self.is_date and 0 <= self.number <= _MAX_DATE:  # outside: shown as a number, as Excel shows ####
                return _EXCEL_EPOCH + dt.timedelta(days=int(self.number))
            return self.number
        return self.fragments or None


EMPTY_CELL = Cell("empty")
"""What an absent or blank cell reads as (shared: never changed)."""


class Reader:
    """Cell contents of one package: shared strings and styles parsed once."""

    def __init__(self, package: Package) -> None:
        self.package = package
        rels = package.rels(package.workbook_part)
        by_type = {rel_type.rsplit("/", 1)[-1]: target for rel_type, target in rels.values()}
        self.strings_part = by_type.get("sharedStrings")
        self.styles_part = by_type.get("styles")
        self.shared = SharedStrings(package.read_xml(self.strings_part) if self.strings_part in package.parts else None)
        self._shared_cells: dict[tuple[int, int], Cell] = {}
        self.styles = Styles(package.xml(self.styles_part) if self.styles_part in package.parts else None)

    def text(self, c: etree._Element) -> str:
        """The plain text of a string cell (shared or inline), fast; other cells as :meth:`cell` reads them."""
        kind = c.get("t")
        if kind == "inlineStr":
            return "".join(unescaped(t.text or "") for t in c.iter(_T))
        if kind == "s":
            v = c.find(_V)
            if v is not None and (v.text or "").strip().isdigit():
                return "".join(text for _, text in self.shared.runs(int(v.text or "0")))
        return plain(self.cell(c).comparable())

    def cell(self, c: etree._Element) -> Cell:
        """Read one cell element."""
        if not len(c):
            return EMPTY_CELL  # a formatted blank (the delegation's input cells): the common case
        kind = c.get("t") or "n"
        if kind == "s" and len(c) == 1:  # a shared string without a formula: cached per (string, format)
            v = c[0]
            if v.tag == _V:
                key = (whole(v.text, -1), whole(c.get("s")))
                cached = self._shared_cells.get(key)
                if cached is None:
                    fragments = normalise([(style or self.styles.font(key[1]), text)
                                           for style, text in self.shared.runs(key[0])])
                    cached = self._shared_cells[key] = Cell("text" if fragments else "empty", fragments)
                return cached
        s = whole(c.get("s"))
        f = v = inline = None
        for child in c:  # one pass: lxml's find() parses its path on every call
            tag = child.tag
            if tag == _V:
                v = child
            elif tag == _F:
                f = child
            elif tag == _IS:
                inline = child
        if kind == "s" and f is None and v is not None:
            key = (int(v.text or "-1") if (v.text or "").strip().isdigit() else -1, s)
            cached = self._shared_cells.get(key)
            if cached is None:
                fragments = normalise([(style or self.styles.font(s), text)
                                       for style, text in self.shared.runs(key[0])])
                cached = self._shared_cells[key] = Cell("text" if fragments else "empty", fragments)
            return cached
        formula = (f.text or "") if f is not None else None
        if kind == "inlineStr":
            runs = string_runs(inline) if inline is not None else []
        elif kind == "s" and v is not None and (v.text or "").strip().isdigit():
            runs = self.shared.runs(int(v.text or "0"))
        elif kind in ("str", "e", "b") or (kind == "n" and v is None):
            text = unescaped(v.text or "") if v is not None else ""
            if kind == "b":
                text = "TRUE" if text.strip() == "1" else "FALSE" if text else ""
            runs = [(None, text)] if text else []
        else:
            try:
                number = float(v.text or "") if v is not None else None
            except ValueError:
                number = None
            return Cell("formula" if formula is not None else "number", number=number,
                        is_date=self.styles.is_date(s), formula=formula)
        font = self.styles.font(s)
        fragments = normalise([(style or font, text) for style, text in runs])
        if formula is not None:
            return Cell("formula", fragments, formula=formula)
        return Cell("text" if fragments else "empty", fragments)


@dataclass
class SheetInfo:
    """A worksheet: its name, 0-based position and part name."""

    name: str
    index: int
    part: str


@dataclass
class TableInfo:
    """An Excel table (``xl/tables/tableN.xml``) and the sheet it sits on."""

    name: str
    part: str
    sheet: SheetInfo
    top: int
    left: int
    bottom: int
    right: int
    headers: list[str]
    header_rows: int
    totals_rows: int
    root: etree._Element = field(repr=False)
    #: The header cells actually in the sheet's header row, ``{column: text}`` (``None``: no header row).
    #: A tool that inserts a column (openpyxl's ``insert_cols``) shifts these but not the table's own
    #: column list, so columns are found by these cells, never by position in the definition.
    header_cells: dict[int, str] | None = field(default=None, repr=False)

    @property
    def first_data_row(self) -> int:
        """The first row below the header row."""
        return self.top + self.header_rows

    @property
    def last_data_row(self) -> int:
        """The last data row (above a totals row, if any)."""
        return self.bottom - self.totals_rows

    def column(self, header: str) -> int | None:
        """The sheet column (1-based) whose header cell says ``header`` (case-insensitive, in any
        language of the label catalogues: "Delegation comments" finds "Commentaires de la délégation").

        Found among the header cells in the sheet (:attr:`header_cells`); ``None`` when no
        header cell says it. :class:`AnnexFileError` naming the sheet and header when several do.
        """
        wanted = _known_as(header)
        if self.header_cells is None:  # a table without a header row: its definition is all there is
            return next((self.left + i for i, name in enumerate(self.headers) if _known_as(name) == wanted), None)
        found = [col for col, name in self.header_cells.items() if _known_as(name) == wanted]
        if len(found) > 1:
            raise AnnexFileError(
                f"sheet '{self.sheet.name}', table '{self.name}': the header '{header}' appears in "
                f"{len(found)} columns ({', '.join(col_letters(c) + str(self.top) for c in found)}), so it is not "
                "clear which one to read. Rename or delete the extra column and try again.")
        return found[0] if found else None

    def sheet_headers(self) -> list[tuple[str, int]]:
        """``(header text, sheet column)`` of every column of the table as the sheet shows it."""
        if self.header_cells is None:
            return [(h, self.left + i) for i, h in enumerate(self.headers)]
        return [(text, col) for col, text in sorted(self.header_cells.items())]


def _known_as(header: str) -> str:
    """What a header is compared by: its English header when a catalogue knows it, in lower case."""
    return canonical_header(header).strip().lower()


def workbook_sheets(package: Package) -> list[SheetInfo]:
    """The worksheets of the workbook in tab order (chart sheets and the like skipped)."""
    root = package.xml(package.workbook_part)
    rels = package.rels(package.workbook_part)
    sheets: list[SheetInfo] = []
    node = root.find(M + "sheets")
    for index, sheet in enumerate(node if node is not None else ()):
        rel = rels.get(sheet.get(f"{{{NS_REL}}}id", ""))
        if rel and rel[0].endswith("/worksheet") and rel[1] in package.parts:
            sheets.append(SheetInfo(sheet.get("name", ""), index, rel[1]))
    return sheets


def workbook_tables(package: Package) -> list[TableInfo]:
    """Every table of every worksheet, found through the sheets' table parts, with its header cells."""
    tables: list[TableInfo] = []
    reader: Reader | None = None
    for sheet in workbook_sheets(package):
        for rel_type, target in package.rels(sheet.part).values():
            if rel_type != REL_TABLE or target not in package.parts:
                continue
            root = package.xml(target)
            try:
                top, left, bottom, right = parse_range(root.get("ref", "A1"))
            except ValueError:  # a damaged table: not one of ours to match rows in
                continue
            columns = root.find(M + "tableColumns")
            headers = [col.get("name", "") for col in (columns if columns is not None else ())]
            header_rows = whole(root.get("headerRowCount"), 1)
            if reader is None:
                reader = Reader(package)
            cells = _header_cells(package, reader, sheet.part, top, left, right) if header_rows else None
            tables.append(TableInfo(root.get("displayName") or root.get("name", ""), target, sheet, top, left,
                                    bottom, right, headers, header_rows,
                                    whole(root.get("totalsRowCount")), root, cells))
    return tables


def _header_cells(package: Package, reader: Reader, part: str, row: int, left: int, right: int) -> dict[int, str]:
    """The non-empty cells of a table's header row: inside its range, and the run of headers just past it
    (a column inserted inside the table by a tool that left the table's range as it was)."""
    cells = Grid(package.read_xml(part)).cells(row)
    out: dict[int, str] = {}
    for col in sorted(cells):
        if col < left:
            continue
        text = reader.text(cells[col]).strip()
        if col > right and (not text or col - 1 not in out):
            break
        if text:
            out[col] = text
    return out


def find_table(tables: list[TableInfo], name: str, headers: list[str]) -> TableInfo | None:
    """Our table: by name first, else the one table whose headers include all of ``headers``."""
    for table in tables:
        if table.name.lower() == name.lower():
            return table
    wanted = {_known_as(h) for h in headers}
    matches = [t for t in tables if wanted <= {_known_as(h) for h in t.headers}]
    return matches[0] if len(matches) == 1 else None


class Grid:
    """The ``<row>``/``<c>`` elements of one worksheet, indexed by row and column number.

    Rows and cells written without an ``r`` attribute (allowed, rare) get one, so later
    edits can address them.
    """

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        data = root.find(M + "sheetData")
        if data is None:
            data = etree.SubElement(root, M + "sheetData")
        self.data = data
        self.rows: dict[int, etree._Element] = {}
        number = 0
        for row in data.iterchildren(M + "row"):
            r = row.get("r")
            given = whole(r, -1)
            number = given if given > number else number + 1  # absent, damaged or out of order: the next one
            if given != number:
                row.set("r", str(number))
            self.rows[number] = row
        self._cells: dict[int, dict[int, etree._Element]] = {}

    def cells(self, row_number: int) -> dict[int, etree._Element]:
        """``{column: <c>}`` of a row (empty when the row has no element)."""
        cached = self._cells.get(row_number)
        if cached is None:
            cached = {}
            row = self.rows.get(row_number)
            column = 0
            for c in row.iterchildren(M + "c") if row is not None else ():
                ref = c.get("r")
                try:
                    given = cell_column(ref) if ref else 0
                except ValueError:
                    given = 0
                if given > 0:
                    column = given
                else:
                    column += 1
                    c.set("r", f"{col_letters(column)}{row_number}")
                cached[column] = c
            self._cells[row_number] = cached
        return cached

    def forget(self, row_number: int) -> None:
        """Drop the cached cells of a row after its children changed."""
        self._cells.pop(row_number, None)


def custom_property(package: Package, name: str) -> str | None:
    """A custom document property (File › Properties › Custom) as text, if the workbook has it."""
    if "docProps/custom.xml" not in package.parts:
        return None
    for prop in package.xml("docProps/custom.xml"):
        if prop.get("name") == name and len(prop):
            return (prop[0].text or "").strip() or None
    return None


def annex_pack_id(package: Package) -> str | None:
    """The ``Pack`` custom document property our writer sets, if the workbook still has it."""
    return custom_property(package, "Pack")


def check_pack(package: Package, pack_id: str, force: bool = False) -> None:
    """Refuse (:class:`AnnexFileError`) to use the workbook with another pack than the one it was made for
    (its ``Pack`` property), unless ``force``: that would re-target the annex and misfile its feedback."""
    made_for = annex_pack_id(package)
    if made_for and made_for != pack_id and not force:
        raise AnnexFileError(
            f"this workbook was made for the pack '{made_for}', not '{pack_id}'.", Location(package.path),
            Hint(f"Use it with the pack '{made_for}'; to use it with '{pack_id}' anyway, say so explicitly.",
                 Do.USE_PACK_MADE_FOR, (("made_for", made_for), ("pack", pack_id))))


def not_an_annex(package: Package, table_names: list[str]) -> str | None:
    """Why the workbook is not one of our annexes (``None`` when it looks like one).

    An annex has at least one of its tables (``table_names``, or any table with an ``ID``
    column), its ``Pack`` property or its baseline sheet.
    """
    names = {name.lower() for name in table_names}
    for table in workbook_tables(package):
        if table.name.lower() in names or table.column("ID") is not None:
            return None
    if annex_pack_id(package) or custom_property(package, "AnnexBaseline"):
        return None
    return (f"{package.path}: this workbook is not an annex made by Briefing Builder — it has none of the annex's "
            f"tables ({', '.join(table_names)}) with an 'ID' column and does not say which pack it was made for. "
            "Choose the annex that was sent to the delegation (or its returned copy).")
