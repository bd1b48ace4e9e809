"""The deck's PDF, read back with poppler and pypdf as a reader's PDF viewer would see it.

One page per slide at the slide's size, embedded font subsets, the reference text, clickable
"see slide N" jumps to the right pages, a bookmark per slide, the marking on every page,
the deck's properties — and the lines the deck was measured with.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from briefing_builder import cli
from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.textstyle import BULLET_CHARS
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import Catalog, load_store
from briefing_builder.ui.pdf.export import PdfRequest, write_pdfs
from tests.acceptance.test_reference_deck import REFERENCE, reference_slides
from tests.fixtures import make_templates as mk
from tests.ui.pdf.pdf_tools import info, needs_poppler, normalised, page_lines, page_texts, run
from tests.ui.test_preview_line_breaks import deck_lines

PACK_ID = "jha-counsellors-2026-01-12"
MARKING = "LIMITE"
pytestmark = needs_poppler


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def marked(catalog, pack_id: str = PACK_ID):  # noqa: ANN001, ANN201
    pack = catalog.packs[pack_id]
    return pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"marking": MARKING})})


@pytest.fixture(scope="module")
def built(catalog: Catalog, qapp: QApplication, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The marked reference pack built with its PDF: (build result, pdf path)."""
    out = tmp_path_factory.mktemp("pdf")
    result = build_pack(marked(catalog), catalog, out, annex=False)
    [pdf] = write_pdfs(result.plan, result.template, result.deck, PdfRequest("app"))
    return result, pdf


def test_the_command_line_writes_the_pdf_and_the_handout(
        qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", PACK_ID, "--out", str(tmp_path), "--pdf", "--handout", "--no-annex"]) == 0
    printed = capsys.readouterr().out
    for name in (f"{PACK_ID}.pdf", f"{PACK_ID}-handout.pdf"):
        assert (tmp_path / name).is_file() and name in printed
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def test_one_page_per_slide_at_the_slides_size(built) -> None:  # noqa: ANN001
    result, pdf = built
    fields = info(pdf)
    assert int(fields["Pages"]) == len(result.plan.slides) == 10
    deck = Presentation(result.deck)
    width, height = deck.slide_width / EMU_PER_POINT, deck.slide_height / EMU_PER_POINT
    for page in PdfReader(pdf).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((width, height), abs=0.5)


def test_the_fonts_are_embedded_subsets(built) -> None:  # noqa: ANN001
    rows = run("pdffonts", str(built[1])).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_middle, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert name[6] == "+"


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the reference text is not available here")
def test_every_line_of_the_reference_text_is_in_the_pdf(built) -> None:  # noqa: ANN001
    pages = [normalised(text) for text in page_texts(built[1])]
    for number, slide in enumerate(reference_slides(), start=1):
        assert normalised(slide.title).lower() in pages[number - 1].lower(), number
        for line in slide.lines:
            plain = normalised(line.markup.replace("**", "").replace("~~", ""))
            assert plain in pages[number - 1], (number, plain)


def test_see_slide_links_jump_to_the_slides_they_name(built) -> None:  # noqa: ANN001
    result, pdf = built
    reader = PdfReader(pdf)
    starts = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    jumps = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            target = starts[annot["/Dest"][0].idnum]
            left, bottom, right, top = (float(v) for v in annot["/Rect"])
            words = _text_in(pdf, index, (left, page.mediabox.height - top, right, page.mediabox.height - bottom))
            jumps.append((index + 1, words, target + 1))
    assert jumps, "no slide jumps in the PDF"
    for slide, words, target in jumps:
        assert words.strip("()[].,;:") == f"slide {target}", (slide, words, target)  # whole words: "7)" too
    expected = {(s.number, result.plan.slide_for(r.ref)) for s in result.plan.slides for f in s.bodies
                for p in f.paragraphs for r in p.runs if r.ref}
    assert {(slide, target) for slide, _w, target in jumps} == expected


def _text_in(pdf: Path, page: int, box: tuple[float, float, float, float]) -> str:
    """The words ``pdftotext`` finds inside ``box`` (left, top, right, bottom from the top-left) of a page."""
    x, y, r, b = box
    return normalised(run("pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-x", str(int(x)), "-y", str(int(y)),
                          "-W", str(int(r - x + 1)), "-H", str(int(b - y + 1)), str(pdf), "-"))


def test_a_bookmark_per_slide_title(built) -> None:  # noqa: ANN001
    result, pdf = built
    reader = PdfReader(pdf)
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert marks == [(spec.title, index) for index, spec in enumerate(result.plan.slides)]


def test_the_marking_is_on_every_page(built) -> None:  # noqa: ANN001
    texts = page_texts(built[1])
    assert len(texts) == 10 and all(MARKING in text for text in texts)


def test_the_documents_properties(built) -> None:  # noqa: ANN001
    result, pdf = built
    meta = PdfReader(pdf).metadata
    props = result.plan.properties
    assert (meta.title, meta.subject, meta["/Keywords"]) == (props.title, props.subject, MARKING)
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "en-GB"


def _assert_same_lines(result, pdf: Path) -> int:  # noqa: ANN001
    """Every text line of every page is a line the deck was measured with, and none is missing."""
    from briefing_builder.render.template import open_template

    deck = Presentation(result.deck)
    geometry = open_template(result.template).geometry
    compared = 0
    pages = page_lines(pdf)
    assert len(pages) == len(deck.slides)
    for number, (slide, lines) in enumerate(zip(deck.slides, pages), start=1):
        expected, _charts = deck_lines(slide.shapes, geometry)
        expected = [normalised(line) for line in expected if line.strip()]
        got = [normalised(line) for line in lines if line.strip() not in BULLET_CHARS]
        got = [line[2:] if line[:1] in BULLET_CHARS else line for line in got]
        where = f"{result.template.name} slide {number}"
        assert Counter(got) - Counter([*expected, MARKING]) == Counter(), where
        assert Counter(expected) - Counter(got) == Counter(), where
        compared += len(expected)
    return compared


def test_the_pdfs_lines_are_the_decks_lines(built) -> None:  # noqa: ANN001
    assert _assert_same_lines(*built) > 100


@pytest.mark.parametrize("make", [mk.make_french, mk.make_arial, mk.make_two_masters])
def test_user_templates_give_their_size_and_the_decks_lines(
        catalog: Catalog, qapp: QApplication, tmp_path: Path, make) -> None:  # noqa: ANN001
    template = make(tmp_path)
    result = build_pack(marked(catalog), catalog, tmp_path, template=str(template), annex=False)
    [pdf] = write_pdfs(result.plan, result.template, result.deck, PdfRequest("app"))
    deck = Presentation(result.deck)
    page = PdfReader(pdf).pages[0]
    assert float(page.mediabox.width) == pytest.approx(deck.slide_width / EMU_PER_POINT, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(deck.slide_height / EMU_PER_POINT, abs=0.5)
    assert _assert_same_lines(result, pdf) > 100


def test_the_4x3_template_gives_4x3_pages(catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    result = build_pack(marked(catalog), catalog, tmp_path, template=str(templates_dir() / "briefing-4x3.pptx"),
                        annex=False)
    [pdf] = write_pdfs(result.plan, result.template, result.deck, PdfRequest("app"))
    page = PdfReader(pdf).pages[0]
    assert float(page.mediabox.width) / float(page.mediabox.height) == pytest.approx(4 / 3, abs=0.01)
    assert len(PdfReader(io.BytesIO(pdf.read_bytes())).pages) == len(result.plan.slides)


def test_a_hyperlink_opens_its_address(catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    from briefing_builder.store.schema import SubPoint, TextSection

    url = "https://eur-lex.europa.eu/eli/reg/2024/1348/oj"
    pack = catalog.packs[PACK_ID]
    text = TextSection(type="text", title="Sources",
                       bullets=[SubPoint(text=f"The [Asylum Procedure Regulation]({url})")])
    pack = pack.model_copy(update={"sections": [pack.sections[0], text]})
    result = build_pack(pack, catalog, tmp_path, annex=False)
    [pdf] = write_pdfs(result.plan, result.template, result.deck, PdfRequest("app"))
    page = PdfReader(pdf).pages[1]
    links = [a.get_object() for a in page.get("/Annots", [])]
    assert links and {a["/A"]["/URI"] for a in links} == {url}
    for annot in links:
        left, bottom, right, top = (float(v) for v in annot["/Rect"])
        words = _text_in(pdf, 1, (left, page.mediabox.height - top, right, page.mediabox.height - bottom))
        assert words and words in "Asylum Procedure Regulation", words
