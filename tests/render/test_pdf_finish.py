"""A finished PDF as poppler and pypdf read it: metadata, language, links, the outline, subset font names."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from briefing_builder.render.pdf_finish import PdfExtras, PdfLink, finish_pdf
from tests.deck_helpers import REFERENCE_PACK, build

needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler (pdfinfo, pdffonts) not installed")


def _drawn(pages: int = 3, fonts: tuple[str, ...] = ("Carlito",)) -> bytes:
    """A PDF as a drawing engine leaves it: pages, fonts named as the whole font, no extras."""
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(720, 405)
        resources = {NameObject(f"/F{i}"): writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject(f"/{font}")})) for i, font in enumerate(fonts)}
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(resources)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _poppler(tool: str, data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "finished.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


@needs_poppler
def test_metadata_and_language_as_a_reader_shows_them(tmp_path: Path) -> None:
    extras = PdfExtras(title="Strategy briefing", subject="JHA Counsellors", author="Desk officer",
                       language="fr-BE")
    data = finish_pdf(_drawn(), extras)
    info = dict(line.split(":", 1) for line in _poppler("pdfinfo", data, tmp_path).splitlines() if ":" in line)
    assert info["Title"].strip() == "Strategy briefing"
    assert info["Subject"].strip() == "JHA Counsellors"
    assert info["Author"].strip() == "Desk officer"
    assert info["Creator"].strip() == "Briefing Builder"
    assert "Keywords" not in info  # an empty field is left out, not written empty
    assert info["Pages"].strip() == "3"
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "fr-BE"


def test_links_jump_to_pages_or_open_addresses_and_impossible_ones_are_left_out() -> None:
    links = (PdfLink(0, (10, 10, 100, 30), target_page=2), PdfLink(0, (10, 40, 100, 60), url="https://europa.eu"),
             PdfLink(1, (10, 10, 100, 30), target_page=7), PdfLink(5, (10, 10, 100, 30), target_page=0),
             PdfLink(2, (10, 10, 100, 30)))
    reader = PdfReader(io.BytesIO(finish_pdf(_drawn(), PdfExtras(links=links))))
    first = [annotation.get_object() for annotation in reader.pages[0]["/Annots"]]
    assert [a["/Subtype"] for a in first] == ["/Link", "/Link"]
    jump, address = first
    assert _target_page(reader, jump) == 2
    assert address["/A"]["/URI"] == "https://europa.eu"
    assert [float(v) for v in address["/Rect"]] == [10, 40, 100, 60]
    for page in reader.pages[1:]:
        assert "/Annots" not in page  # a target beyond the last page, no target at all: no dead link


def _target_page(reader: PdfReader, link: DictionaryObject) -> int:
    """The 0-based page a link annotation jumps to (a direct /Dest or a GoTo action)."""
    destination = link["/Dest"] if "/Dest" in link else link["/A"]["/D"]
    return reader.get_page_number(destination[0].get_object())


def test_the_outline_lists_the_bookmarks_on_their_pages_and_opens_with_the_document() -> None:
    extras = PdfExtras(bookmarks=(("Title", 0), ("Agenda", 1), ("Closing", 2), ("Beyond the end", 3)))
    reader = PdfReader(io.BytesIO(finish_pdf(_drawn(), extras)))
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] == [
        ("Title", 0), ("Agenda", 1), ("Closing", 2)]
    assert reader.page_mode == "/UseOutlines"
    assert PdfReader(io.BytesIO(finish_pdf(_drawn(), PdfExtras()))).page_mode != "/UseOutlines"


@needs_poppler
def test_embedded_fonts_are_named_as_subsets_the_same_way_every_time(tmp_path: Path) -> None:
    drawn = _drawn(fonts=("Carlito", "Caladea-Bold", "ABCDEF+Already"))
    first, second = finish_pdf(drawn, PdfExtras()), finish_pdf(drawn, PdfExtras())
    names = [str(font["/BaseFont"]) for font in _fonts(first)]
    assert names == [str(font["/BaseFont"]) for font in _fonts(second)]
    tagged = [name.lstrip("/") for name in names]
    assert tagged[2] == "ABCDEF+Already"  # already a subset name: kept
    for name, font in zip(tagged[:2], ("Carlito", "Caladea-Bold")):
        assert name.endswith("+" + font) and len(name.split("+")[0]) == 6 and name[:6].isupper()
    assert tagged[0][:6] != tagged[1][:6]
    report = _poppler("pdffonts", first, tmp_path).splitlines()[2:]
    assert sorted({line.split()[0] for line in report}) == sorted(tagged)  # one line per font and page


def _fonts(data: bytes) -> list[DictionaryObject]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [ref.get_object() for ref in page["/Resources"]["/Font"].values()]


def test_a_deck_gets_one_bookmark_per_slide_on_its_page() -> None:
    plan, _ = build(REFERENCE_PACK)
    one = PdfExtras.of_deck(plan)
    assert [title for title, _ in one.bookmarks] == [s.title or str(s.number) for s in plan.slides]
    assert [page for _, page in one.bookmarks] == list(range(len(plan.slides)))
    two = PdfExtras.of_deck(plan, per_page=2)  # a handout: two slides a page
    assert [page for _, page in two.bookmarks] == [i // 2 for i in range(len(plan.slides))]
    assert one.language == "en-GB" and one.title == plan.properties.title
