"""Read a .pptx as slides of shapes of paragraphs, with its custom properties (no python-pptx: fast)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree
from pptx.oxml.ns import qn

from briefing_builder.errors import BriefingError
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.ooxml.zip_reader import ZipRefused, read_zip
from briefing_builder.render.deck_provenance import ReadParagraph, normalise, read_body, shape_key, table_cells

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PROP = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


class DeckFileError(BriefingError):
    """The file cannot be read as a deck; the message says why and what to do."""


@dataclass(frozen=True)
class DeckShape:
    """A text shape on a slide: its name's key (None if not the app's), placeholder type, paragraphs."""

    key: str | None
    name: str
    placeholder: str | None
    paragraphs: tuple[ReadParagraph, ...]


@dataclass(frozen=True)
class DeckSlide:
    """A slide in the deck's current order (1-based ``number``)."""

    number: int
    shapes: tuple[DeckShape, ...]

    @property
    def title(self) -> str:
        """The text of the slide's title placeholder ("" if none)."""
        for shape in self.shapes:
            if shape.placeholder in ("title", "ctrTitle") and shape.paragraphs:
                return shape.paragraphs[0].text
        return ""


@dataclass(frozen=True)
class DeckContent:
    """The slides and custom document properties of one deck."""

    path: Path
    slides: tuple[DeckSlide, ...]
    properties: dict[str, str]


def _xml(parts: dict[str, bytes], name: str) -> etree._Element | None:
    data = parts.get(name)
    return etree.fromstring(data, SAFE_PARSER) if data is not None else None


def read_deck(path: Path) -> DeckContent:
    """The deck at ``path``; :class:`DeckFileError` when it is not a readable .pptx (the package is read
    with the one zip reader and its limits, :func:`~briefing_builder.ooxml.zip_reader.read_zip`)."""
    try:
        parts = read_zip(Path(path).read_bytes(), "deck").parts
    except OSError as exc:
        raise DeckFileError(f"{path}: cannot be read ({exc.strerror or exc}); check the file and try again.") from None
    except ZipRefused as exc:
        if exc.kind == "damaged" and "zip index" in exc.problem:
            raise DeckFileError(f"{path}: not a PowerPoint deck (.pptx) that can be read ({exc.problem}); save it "
                                "as .pptx in PowerPoint and try again.") from None
        if exc.kind == "damaged":
            raise DeckFileError(f"{path}: a part of the deck is damaged (it {exc.problem}); open it in PowerPoint, "
                                "save it again and retry.") from None
        raise DeckFileError(f"{path}: {exc.problem}; it is not read. Open it in PowerPoint, save it again and "
                            "retry, or choose the deck the app exported.") from None
    try:
        presentation = _xml(parts, "ppt/presentation.xml")
        rels = _xml(parts, "ppt/_rels/presentation.xml.rels")
        if presentation is None or rels is None:
            raise DeckFileError(f"{path}: not a PowerPoint presentation (it has no ppt/presentation.xml); "
                                "choose the .pptx deck.")
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(_REL)}
        slides = []
        id_list = presentation.find(qn("p:sldIdLst"))
        for number, sld in enumerate(id_list if id_list is not None else [], start=1):
            target = targets.get(sld.get(_R), "")
            name = posixpath.normpath(posixpath.join("ppt", target)) if not target.startswith("/") else target[1:]
            root = _xml(parts, name)
            if root is None:
                raise DeckFileError(f"{path}: the deck is damaged: slide {number}'s part ({name or 'no target'}) is "
                                    "missing; open it in PowerPoint, save it again and retry.")
            slides.append(DeckSlide(number, tuple(_shapes(root))))
        properties = {}
        custom = _xml(parts, "docProps/custom.xml")
        if custom is not None:
            for prop in custom.iter(_PROP):
                properties[prop.get("name", "")] = "".join(prop.itertext())
    except etree.XMLSyntaxError as exc:
        raise DeckFileError(f"{path}: a part of the deck is damaged ({exc}); open it in PowerPoint, save it "
                            "again and retry.") from None
    return DeckContent(Path(path), tuple(slides), properties)


_LEVELLED = qn("a:pPr") + "[@lvl]"


def _levels_from_indents(body: etree._Element, paragraphs: list[ReadParagraph]) -> tuple[ReadParagraph, ...]:
    """``paragraphs`` (read from ``body``) with their indent levels read from their left margins when no
    paragraph says its level: LibreOffice drops ``lvl`` from paragraphs without bullets and keeps their
    ``marL`` — the deeper the margin, the deeper the level."""
    every = list(body.iterchildren(qn("a:p")))
    if any(p.find(_LEVELLED) is not None for p in every):
        return tuple(paragraphs)  # the levels are written (the app, PowerPoint, python-pptx)
    kept = [p for p in every if normalise("".join(p.itertext()))]
    settings = [p.find(qn("a:pPr")) for p in kept]
    if len(kept) != len(paragraphs):
        return tuple(paragraphs)
    margins = [int(s.get("marL", "0")) if s is not None and s.get("marL", "0").isdigit() else 0 for s in settings]
    ranks = {margin: rank for rank, margin in enumerate(sorted(set(margins)))}
    return tuple(replace(p, level=ranks[m]) for p, m in zip(paragraphs, margins))


def _shapes(root: etree._Element) -> list[DeckShape]:
    out = []
    for sp in root.iter(qn("p:sp")):
        body = sp.find(qn("p:txBody"))
        if body is None:
            continue
        c_nv_pr = sp.find(".//" + qn("p:cNvPr"))
        name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        ph = sp.find(".//" + qn("p:nvPr") + "/" + qn("p:ph"))
        kind = (ph.get("type") or "body") if ph is not None else None
        out.append(DeckShape(shape_key(name), name, kind, _levels_from_indents(body, read_body(body))))
    for frame in root.iter(qn("p:graphicFrame")):
        c_nv_pr = frame.find(".//" + qn("p:cNvPr"))
        name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        key = shape_key(name)
        for r, c, body in table_cells(frame):
            out.append(DeckShape(f"{key}.{r}.{c}" if key else None, name, "cell", tuple(read_body(body))))
    return out
