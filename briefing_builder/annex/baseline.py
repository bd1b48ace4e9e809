"""What was sent: the baseline a returned annex is compared with.

For every data table and every row id, the baseline holds the exported value of each cell
of our columns (the ``text`` and ``status`` kinds — what an update rewrites and an import
compares) and the row's :func:`~.merge.fingerprint`, as one JSON document::

    {"pack": "<pack-id>", "tables": {"<table>": {"<record id>": {"f": "<fingerprint>", "v": {"<column>": …}}}}}

Its id is a hash of that text: the same export always has the same baseline, and an edited
or damaged copy is recognised and not trusted. It travels **inside the workbook**, on a
*very hidden* worksheet (named in the annex's language from the label catalogues, "Annex
baseline" in English, :data:`SHEET_NAME`; Excel offers no way to show it, LibreOffice and
openpyxl keep it through a re-save): A1 says what the sheet is, B1 holds the id, C1 the
pack, and column A from row 2 down the document in 32,000-character pieces (a cell's limit).
Reading takes the sheet under its name in any catalogue's language, so an annex sent before the
name was translated (an English name in a French annex) is read as before.

The id of the annex as exported is also the workbook's ``AnnexBaseline`` document property
and names the **sidecar** copy written next to the pack file at export
(``<packs>/.annex-baselines/<pack-id>-<id>.json``; not for the bundled sample store, nor
when the store is read-only), used when a re-save dropped the sheet. Where neither is
found, :func:`find_baseline` says so; the caller never guesses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from briefing_builder.annex.merge import fingerprint
from briefing_builder.annex.package import Package
from briefing_builder.annex.plan import AnnexPlan, SheetSpec
from briefing_builder.annex.workbook import Comparable, Grid, M, Reader, col_letters, planned, workbook_sheets
from briefing_builder.compose import wording
from briefing_builder.ooxml.builder import reserialised_part
from briefing_builder.render.output import OutputError, atomic_write
from briefing_builder.store.catalog import Catalog

SHEET_NAME = wording.label("annex_sheet_baseline", "en")
PROPERTY = "AnnexBaseline"
TITLE = wording.label("annex_baseline_title", "en")
SIDECAR_FOLDER = ".annex-baselines"
CHUNK = 32_000
BASELINE_KINDS = ("text", "status")

Row = dict[str, Comparable]


@dataclass
class Baseline:
    """Per table name, per record id: the sent value of each of our cells (see module doc)."""

    pack_id: str
    tables: dict[str, dict[str, Row]] = field(default_factory=dict)
    source: str = "workbook"  # or "sidecar", or "history"
    #: Rows as read from a document: (table, id) → (values, their JSON data); rows still equal
    #: to what was read are written back from it, without encoding them again.
    read: dict[tuple[str, str], tuple[Row, Any]] = field(default_factory=dict, repr=False, compare=False)

    def _row_data(self, table: str, rid: str, values: Row) -> Any:
        known = self.read.get((table, rid))
        if known is not None and known[0] == values:
            return known[1]
        return {"f": fingerprint(values), "v": {k: _encode(v) for k, v in values.items() if v is not None}}

    def document(self) -> str:
        """The canonical JSON text of the baseline (see module doc)."""
        data = {"pack": self.pack_id, "tables": {
            table: {rid: self._row_data(table, rid, values) for rid, values in rows.items()}
            for table, rows in self.tables.items()}}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @property
    def id(self) -> str:
        """A hash of the content: the same export always has the same id."""
        return document_id(self.document())

    def rows(self, language: str = "en") -> list[list[str]]:
        """The rows of the hidden sheet (title row first, in ``language``, then the document in pieces)."""
        return sheet_rows(self.pack_id, self.document(), language)


def sheet_name(language: str) -> str:
    """The hidden sheet's name in an annex in ``language`` ("Annex baseline", "Annexe telle qu'envoyée")."""
    return wording.label("annex_sheet_baseline", language)


def sheet_title(language: str) -> str:
    """What the hidden sheet's A1 says it is, in ``language``."""
    return wording.label("annex_baseline_title", language)


def _known(key: str) -> frozenset[str]:
    """``key``'s label in every catalogue's language (and English): what reading accepts."""
    return frozenset({wording.label(key, language) for language in wording.catalogue_languages()} | {
        wording.label(key, "en")})


def document_id(document: str) -> str:
    """The id of a baseline document: a hash of its text."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()[:16]


def sheet_rows(pack_id: str, document: str, language: str = "en") -> list[list[str]]:
    """The rows of the hidden sheet holding ``document`` (title row first, in ``language``, then the
    document in pieces)."""
    return ([[sheet_title(language), document_id(document), pack_id]]
            + [[document[i:i + CHUNK]] for i in range(0, len(document), CHUNK)])


def baseline_columns(sheet: SheetSpec) -> list[tuple[int, str]]:
    """``(plan column index, key)`` of the columns a baseline keeps."""
    return [(i, c.key) for i, c in enumerate(sheet.columns) if c.kind in BASELINE_KINDS]


def from_plan(plan: AnnexPlan) -> Baseline:
    """The baseline of an annex written from ``plan``."""
    baseline = Baseline(plan.pack_id)
    for sheet in plan.sheets:
        columns = baseline_columns(sheet)
        baseline.tables[sheet.table_name] = {
            str(row[0]): {key: planned(row[i]) for i, key in columns} for row in sheet.rows}
    return baseline


#: The plan :func:`sent_document` last worked on, and its document.
_LAST_SENT: tuple[weakref.ref[AnnexPlan], str] | None = None


def sent_document(plan: AnnexPlan) -> str:
    """``from_plan(plan).document()``, worked out once for a plan object: an export writes it into the
    workbook and keeps it next to the pack, and a 10,000-row document takes a good part of a second."""
    global _LAST_SENT
    last = _LAST_SENT
    if last is not None and last[0]() is plan:
        return last[1]
    text = from_plan(plan).document()
    _LAST_SENT = (weakref.ref(plan), text)
    return text


def _encode(value: Comparable) -> Any:
    if isinstance(value, tuple):
        return [[int(b) | int(i) << 1 | int(s) << 2 | int(u) << 3, text] for (b, i, s, u), text in value]
    if isinstance(value, float):
        return {"n": value}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return None


_STYLES = tuple((bool(f & 1), bool(f & 2), bool(f & 4), bool(f & 8)) for f in range(16))


def _decode(data: Any) -> Comparable:
    if isinstance(data, list):
        return tuple((_STYLES[f & 15], str(text)) for f, text in data) or None
    if isinstance(data, dict) and "n" in data:
        return float(data["n"])
    if isinstance(data, dict) and "d" in data:
        return dt.date.fromisoformat(data["d"])
    return None


def parse_document(text: str, expected_id: str | None, source: str = "workbook") -> Baseline | None:
    """The baseline in a document (see module doc); ``None`` when it is not one or its id does not match."""
    if expected_id is not None and document_id(text) != expected_id:
        return None  # edited or damaged: not trusted as what was sent
    try:
        data = json.loads(text)
        baseline = Baseline(str(data["pack"]), source=source)
        for table, rows in data["tables"].items():
            decoded = baseline.tables[table] = {}
            for rid, row in rows.items():
                values = decoded[rid] = {k: _decode(v) for k, v in row["v"].items()}
                baseline.read[(table, rid)] = (values, row)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return baseline


def parse_rows(rows: list[list[str]], source: str = "workbook") -> Baseline | None:
    """A baseline from the hidden sheet's rows; ``None`` when they are not one."""
    if not rows or len(rows[0]) < 3 or rows[0][0] not in _known("annex_baseline_title"):
        return None
    return parse_document("".join(row[0] for row in rows[1:] if row), rows[0][1], source)


def read_sheet(package: Package, reader: Reader) -> tuple[Baseline | None, str | None]:
    """The baseline on the workbook's hidden sheet and that sheet's part (``None``s if absent)."""
    names = _known("annex_sheet_baseline")
    for sheet in workbook_sheets(package):
        if sheet.name not in names:
            continue
        grid = Grid(package.read_xml(sheet.part))
        rows = []
        for r in sorted(grid.rows):
            cells = grid.cells(r)
            rows.append([reader.text(cells[c]) for c in sorted(cells)])
        return parse_rows(rows), sheet.part
    return None, None


def sidecar_path(catalog: Catalog, pack_id: str, baseline_id: str) -> Path | None:
    """Where the sidecar copy of a baseline lives (``None`` when the pack has no file)."""
    pack_file = catalog.pack_path(pack_id)
    if pack_file is None:
        return None
    return pack_file.parent / SIDECAR_FOLDER / f"{pack_id}-{baseline_id}.json"


def write_sidecar(baseline: Baseline, catalog: Catalog) -> Path | None:
    """Keep a copy of ``baseline`` next to its pack file; the path, or ``None`` when there is no pack file."""
    return keep_document(baseline.pack_id, baseline.document(), catalog)


def keep_document(pack_id: str, text: str, catalog: Catalog) -> Path | None:
    """Keep the baseline document ``text`` of ``pack_id`` next to its pack file (:func:`write_sidecar`)."""
    path = sidecar_path(catalog, pack_id, document_id(text))
    if path is None or catalog.read_only:
        return None
    if not path.exists():
        try:
            atomic_write(path, text.encode("utf-8"))
        except OutputError:  # a read-only store: the workbook's own baseline still travels with it
            return None
    return path


def read_sidecar(catalog: Catalog, pack_id: str, baseline_id: str) -> Baseline | None:
    """The sidecar copy of baseline ``baseline_id``, if it is there and intact."""
    path = sidecar_path(catalog, pack_id, baseline_id)
    if path is None or not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_document(text, baseline_id, "sidecar")


def read_from_history(catalog: Catalog, pack_id: str, baseline_id: str) -> tuple[Baseline, str] | None:
    """The sidecar copy of ``baseline_id`` as the store's history kept it (every export commits
    it), when the file itself is gone; with where it was found (an export's tag)."""
    from dulwich.errors import ChecksumMismatch, FileFormatException, ObjectMissing, WrongObjectException

    from briefing_builder.history.service import HistoryError, kept_file

    path = sidecar_path(catalog, pack_id, baseline_id)
    if path is None:
        return None
    damaged = (ChecksumMismatch, FileFormatException, ObjectMissing, WrongObjectException)  # a broken .git
    try:
        found = kept_file(catalog.root, path.relative_to(catalog.root).as_posix())
        text = found[0].decode("utf-8") if found else None
    except (HistoryError, ValueError, OSError, UnicodeDecodeError, *damaged):  # the fallback is only missing
        return None
    baseline = parse_document(text, baseline_id, "history") if text is not None else None
    return (baseline, found[1]) if baseline is not None and found else None


@dataclass
class Found:
    """The baseline an update or import works with, and what the user must be told about it."""

    baseline: Baseline | None
    part: str | None
    message: str
    #: True when the workbook's own sheet could not be trusted (so an update rewrites it).
    stale: bool = False


def find_baseline(package: Package, reader: Reader, catalog: Catalog | None, pack_id: str,
                  baseline_id: str | None) -> Found:
    """The workbook's own baseline, else its sidecar copy, else none — always with a message."""
    baseline, part = read_sheet(package, reader)
    if baseline is not None:
        return Found(baseline, part, "Compared with what was sent (the baseline inside the workbook).")
    if baseline_id and catalog is not None:
        sidecar = read_sidecar(catalog, pack_id, baseline_id)
        if sidecar is not None:
            return Found(sidecar, part, "The workbook's own baseline is gone (a re-save dropped or damaged it); "
                                        f"compared with the copy kept next to the pack ({baseline_id}).",
                         stale=part is not None)
        kept = read_from_history(catalog, pack_id, baseline_id)
        if kept is not None:
            return Found(kept[0], part, "The workbook's own baseline is gone (a re-save dropped or damaged it) and so "
                                        "is the copy next to the pack; compared with the copy kept in the store's "
                                        f"history ({kept[1]}, baseline {baseline_id}).", stale=part is not None)
    return Found(None, part, "No baseline: this workbook does not say what was sent (the hidden sheet "
                             f"'{SHEET_NAME}' or '{sheet_name('fr')}', the copy next to the pack and the store's "
                             "history lack it). "
                             "Every difference from the store is shown as unverified and nothing is applied or "
                             "overwritten without your choice.")


def baseline_sheet_xml(root: etree._Element, baseline: Baseline, language: str = "en") -> bytes:
    """The hidden sheet's XML (``root``, its current worksheet) holding ``baseline`` instead (its
    title in ``language``; the sheet keeps the name it has).

    Every value is an inline string, so the shared strings part is not rewritten.
    """
    data = root.find(M + "sheetData")
    if data is None:
        data = etree.SubElement(root, M + "sheetData")
    for child in list(data):
        data.remove(child)
    rows = baseline.rows(language)
    for r, values in enumerate(rows, start=1):
        row = etree.SubElement(data, M + "row", r=str(r))
        for c, text in enumerate(values, start=1):
            cell = etree.SubElement(row, M + "c", r=f"{col_letters(c)}{r}", t="inlineStr")
            t = etree.SubElement(etree.SubElement(cell, M + "is"), M + "t")
            t.text = text
            if text != text.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    dimension = root.find(M + "dimension")
    if dimension is not None:
        width = max(len(values) for values in rows)
        dimension.set("ref", f"A1:{col_letters(width)}{len(rows)}")
    return reserialised_part(root)
