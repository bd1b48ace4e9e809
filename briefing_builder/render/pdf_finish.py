"""What a PDF drawn by Qt lacks, added with pypdf: links, the outline, metadata and language.

Qt's PDF writer draws pages with real, embedded text but has no API for jumps between pages,
bookmarks, a subject or keywords. :func:`finish_pdf` takes the drawn bytes and a
:class:`PdfExtras` (plain data, no Qt) and returns the finished document.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from briefing_builder.compose import wording
from briefing_builder.compose.plan import DeckPlan


@dataclass(frozen=True)
class PdfLink:
    """A clickable area of a page: a jump to ``target_page`` (0-based) or to the address ``url``.

    ``rect`` is (left, bottom, right, top) in PDF points from the page's bottom-left corner.
    """

    page: int
    rect: tuple[float, float, float, float]
    target_page: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class PdfExtras:
    """Links, bookmarks (title, 0-based page) and document information for a finished PDF."""

    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    language: str = ""
    links: tuple[PdfLink, ...] = ()
    bookmarks: tuple[tuple[str, int], ...] = field(default_factory=tuple)

    @classmethod
    def of_deck(cls, plan: DeckPlan, links: tuple[PdfLink, ...] = (), per_page: int = 1) -> PdfExtras:
        """The deck's properties and language, ``links``, and a bookmark per slide on its page."""
        props = plan.properties
        bookmarks = tuple((spec.title or str(spec.number), index // per_page)
                          for index, spec in enumerate(plan.slides))
        return cls(props.title, props.subject, props.author, props.keywords, wording.locale_tag(props.language),
                   links, bookmarks)


def finish_pdf(data: bytes, extras: PdfExtras) -> bytes:
    """``data`` (a PDF) with the links, outline, metadata and language of ``extras`` added."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    _tag_subsets(writer)
    pages = len(writer.pages)
    for link in extras.links:
        if not 0 <= link.page < pages:
            continue
        if link.target_page is not None and 0 <= link.target_page < pages:
            writer.add_annotation(link.page, Link(rect=link.rect, target_page_index=link.target_page))
        elif link.url:
            writer.add_annotation(link.page, Link(rect=link.rect, url=link.url))
    for title, page in extras.bookmarks:
        if 0 <= page < pages:
            writer.add_outline_item(title=title, page_number=page)
    if extras.bookmarks:
        writer.page_mode = "/UseOutlines"
    info = {"/Title": extras.title, "/Subject": extras.subject, "/Author": extras.author,
            "/Keywords": extras.keywords, "/Creator": "Briefing Builder"}
    writer.add_metadata({key: value for key, value in info.items() if value})
    if extras.language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(extras.language)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _tag_subsets(writer: Any) -> None:
    """Name each embedded font ``ABCDEF+Name``, the PDF convention for a subset (Qt embeds subsets
    but names them as the whole font, so readers and ``pdffonts`` cannot tell)."""
    from pypdf.generic import NameObject

    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or "/BaseFont" not in font:
                continue
            seen.add(id(font))
            name = str(font["/BaseFont"]).lstrip("/")
            if len(name) > 7 and name[6] == "+":
                continue
            tagged = NameObject("/" + _subset_tag(name) + "+" + name)
            font[NameObject("/BaseFont")] = tagged
            for child in font.get("/DescendantFonts", []):
                descriptor = child.get_object().get("/FontDescriptor")
                child.get_object()[NameObject("/BaseFont")] = tagged
                if descriptor is not None:
                    descriptor.get_object()[NameObject("/FontName")] = tagged


def _subset_tag(name: str) -> str:
    """Six capital letters derived from the font's name (stable from build to build)."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
