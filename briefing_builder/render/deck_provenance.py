"""Provenance written into a deck: which record and field every paragraph came from.

Two invisible marks, each surviving what the other may not:

* every shape the app writes is *keyed*: its name (PowerPoint's selection pane only) ends
  with `` #bb:S.K`` (slide S, shape K as exported). PowerPoint, python-pptx and copy/paste
  keep names, so a keyed shape is found again wherever its slide moved; LibreOffice renames
  placeholders, so the import also matches shapes by their text (:mod:`deckimport.match`);
* the *baseline* — what each keyed shape said, paragraph by paragraph, with each
  paragraph's source (``record-id:field``) and generated lead length, and each source
  field's store value at export — is kept compactly (JSON, zlib, base64) in the deck's
  custom document properties, which PowerPoint and LibreOffice both keep, in chunks of at
  most 255 characters (the longest PowerPoint edits).

Paragraphs are read back with :func:`read_body`, the same function the import uses, so
what the baseline says was written is exactly what an unedited deck reads as.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from briefing_builder.markup import Run, to_markup
from briefing_builder.ooxml.namespaces import qn

KEY_MARK = " #bb:"
KEY_PATTERN = re.compile(r" #bb:(\d+\.\d+(?:\.g\d+)?)$")
#: Custom document properties: the deck's id, and the baseline's chunks.
DECK_PROPERTY = "BriefingBuilderDeck"
CHUNK_PROPERTY = "BriefingBuilderBaseline"
CHUNK_CHARS = 255
FORMAT = 1
_SPACE = re.compile(r"\s+")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True)
class ReadParagraph:
    """A paragraph as read from a deck: its runs (style kept), indent level and markup."""

    runs: tuple[Run, ...]
    level: int

    @property
    def text(self) -> str:
        """The plain text."""
        return "".join(run.text for run in self.runs)

    def markup(self, skip: int = 0) -> str:
        """The text as store markup (bold, italic, strike), minus its first ``skip`` characters."""
        return _markup(self.runs, skip)


@lru_cache(maxsize=1 << 16)
def _markup(runs: tuple[Run, ...], skip: int) -> str:
    return normalise(to_markup(_drop(runs, skip)))


def normalise(text: str) -> str:
    """Text as a reader compares it: NFC, single plain spaces, no edge spaces (quotes kept as typed)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_SPACES)).strip()


def _drop(runs: tuple[Run, ...], skip: int) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in runs:
        if skip >= len(run.text):
            skip -= len(run.text)
            continue
        out.append(Run(run.text[skip:], run.bold, run.italic, run.strike, run.link, run.ref) if skip else run)
        skip = 0
    return tuple(out)


def _on(value: str | None) -> bool:
    return value in ("1", "true", "on")


_P, _PPR, _R, _FLD, _RPR, _T, _BR = (qn(tag) for tag in ("a:p", "a:pPr", "a:r", "a:fld", "a:rPr", "a:t", "a:br"))


def read_body(body: etree._Element) -> list[ReadParagraph]:
    """The paragraphs of a ``txBody`` (runs, fields and line breaks; empty paragraphs skipped)."""
    out: list[ReadParagraph] = []
    for p in body.iterchildren(_P):
        ppr = p.find(_PPR)
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        runs: list[Run] = []
        for child in p:
            if child.tag == _R or child.tag == _FLD:
                rpr = child.find(_RPR)
                text = "".join(t.text or "" for t in child.iterchildren(_T))
                if rpr is None:
                    runs.append(Run(text))
                else:
                    strike = rpr.get("strike")
                    runs.append(Run(text, _on(rpr.get("b")), _on(rpr.get("i")),
                                    strike is not None and strike != "noStrike"))
            elif child.tag == _BR:
                runs.append(Run(" "))
        if normalise("".join(r.text for r in runs)):
            out.append(ReadParagraph(tuple(runs), level))
    return out


def shape_key(name: str) -> str | None:
    """The ``S.K`` key at the end of a shape's name, or None for a shape the app did not key."""
    found = KEY_PATTERN.search(name or "")
    return found.group(1) if found else None


@dataclass
class Block:
    """One keyed shape (or table cell) as exported: paragraphs with their sources."""

    key: str
    slide: int
    title: str
    paragraphs: list[tuple[str, int, str, int]]  # (markup of the whole paragraph, level, source, lead)


@dataclass
class Baseline:
    """What the app wrote into one deck, and each source field's store value then."""

    pack_id: str
    blocks: list[Block] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    generated: list[str] = field(default_factory=list)  # footer and marking texts

    def document(self) -> str:
        """The baseline as canonical JSON (the same plan always gives the same text)."""
        data = {"format": FORMAT, "pack": self.pack_id, "generated": self.generated, "values": self.values,
                "blocks": [[b.key, b.slide, b.title, [list(p) for p in b.paragraphs]] for b in self.blocks]}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def deck_id(self) -> str:
        """A short id of this export (a digest of the baseline)."""
        import hashlib

        return hashlib.sha256(self.document().encode("utf-8")).hexdigest()[:16]


def encode(baseline: Baseline) -> list[str]:
    """The baseline's chunks for the custom properties."""
    packed = base64.b64encode(zlib.compress(baseline.document().encode("utf-8"), 9)).decode("ascii")
    return [packed[i:i + CHUNK_CHARS] for i in range(0, len(packed), CHUNK_CHARS)] or [""]


def decode(chunks: list[str]) -> Baseline | None:
    """The baseline from its chunks (in order), or None when they are missing or damaged."""
    try:
        text = zlib.decompress(base64.b64decode("".join(chunks))).decode("utf-8")
    except (ValueError, zlib.error, UnicodeDecodeError):
        return None
    return parse_document(text)


def parse_document(text: str) -> Baseline | None:
    """The baseline from its JSON document (:meth:`Baseline.document`), or None when it is damaged."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    blocks = [Block(str(k), int(s), str(t), [(str(p[0]), int(p[1]), str(p[2]), int(p[3])) for p in paras])
              for k, s, t, paras in data.get("blocks", [])]
    return Baseline(str(data.get("pack", "")), blocks, dict(data.get("values", {})),
                    [str(g) for g in data.get("generated", [])])


def chunk_properties(baseline: Baseline) -> list[tuple[str, str]]:
    """``(name, value)`` custom properties carrying the deck id and the baseline."""
    chunks = encode(baseline)
    return [(DECK_PROPERTY, baseline.deck_id())] + [(f"{CHUNK_PROPERTY}{i:04d}", c) for i, c in enumerate(chunks, 1)]


def baseline_from_properties(properties: dict[str, str]) -> Baseline | None:
    """The baseline kept in a deck's custom properties (see :func:`chunk_properties`)."""
    names = sorted(n for n in properties if n.startswith(CHUNK_PROPERTY))
    if not names:
        return None
    return decode([properties[n] for n in names])


class Stamper:
    """Collects, while slides are filled, which paragraphs of which shape came from where."""

    def __init__(self) -> None:
        self._sources: dict[int, list[tuple[str, int]]] = {}
        self._tables: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._keep: list[etree._Element] = []

    def note(self, element: etree._Element, sources: list[tuple[str, int]]) -> None:
        """Record the ``(source, lead)`` of each paragraph written into shape ``element``."""
        self._keep.append(element)
        self._sources[id(element)] = sources

    def note_table(self, frame: etree._Element, sources: tuple[tuple[str, ...], ...]) -> None:
        """Record the source of each body cell of the table in ``frame`` (the header row is the app's)."""
        self._keep.append(frame)
        self._tables[id(frame)] = sources

    def stamp(self, tree: etree._Element, slide: int, title: str, baseline: Baseline) -> None:
        """Key every shape of a filled slide (its ``spTree``) and add its text to ``baseline``."""
        for number, shape in enumerate(_shapes(tree), start=1):
            c_nv_pr = shape.find(".//" + qn("p:cNvPr"))
            if c_nv_pr is None:
                continue
            key = f"{slide}.{number}"
            _name(c_nv_pr, key)
            if shape.tag == qn("p:grpSp"):  # a timeline: each text shape inside is keyed too
                for inner, sp in enumerate(shape.iter(qn("p:sp")), start=1):
                    inner_pr, inner_body = sp.find(".//" + qn("p:cNvPr")), sp.find(qn("p:txBody"))
                    if inner_pr is not None:
                        _name(inner_pr, f"{key}.g{inner}")
                    if inner_body is not None:
                        baseline.blocks.append(Block(f"{key}.g{inner}", slide, title, _rows(inner_body, [])))
            body = shape.find(qn("p:txBody"))
            if body is not None:
                baseline.blocks.append(Block(key, slide, title, _rows(body, self._sources.get(id(shape), []))))
            table_sources = self._tables.get(id(shape), ())
            for r, c, cell_body in table_cells(shape):
                row = table_sources[r - 1] if 0 < r <= len(table_sources) else ()
                source = row[c] if c < len(row) else ""
                cell_rows = _rows(cell_body, [(source, 0)] * len(cell_body.findall(qn("a:p"))))
                baseline.blocks.append(Block(f"{key}.{r}.{c}", slide, title, cell_rows))


def _name(c_nv_pr: etree._Element, key: str) -> None:
    c_nv_pr.set("name", KEY_PATTERN.sub("", c_nv_pr.get("name", "")) + KEY_MARK + key)


def _rows(body: etree._Element, sources: list[tuple[str, int]]) -> list[tuple[str, int, str, int]]:
    rows = []
    for index, paragraph in enumerate(read_body(body)):
        source, lead = sources[index] if index < len(sources) else ("", 0)
        rows.append((paragraph.markup(), paragraph.level, source, lead))
    return rows


def table_cells(frame: etree._Element) -> list[tuple[int, int, etree._Element]]:
    """``(row, column, txBody)`` of each cell of the table in a graphic frame (none for other shapes)."""
    table = frame.find(".//" + qn("a:tbl"))
    if table is None:
        return []
    out = []
    for r, tr in enumerate(table.iterchildren(qn("a:tr"))):
        for c, tc in enumerate(tr.iterchildren(qn("a:tc"))):
            body = tc.find(qn("a:txBody"))
            if body is not None:
                out.append((r, c, body))
    return out


def _shapes(tree: etree._Element) -> list[etree._Element]:
    return [child for child in tree if child.tag in (qn("p:sp"), qn("p:graphicFrame"), qn("p:pic"),
                                                     qn("p:grpSp"), qn("p:cxnSp"))]
