"""The handout read back with poppler: A4 pages of 3 slides with notes (or 6), numbered and marked."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from briefing_builder.pipeline import build_pack
from briefing_builder.store import Catalog
from briefing_builder.ui.pdf.export import PdfRequest, write_pdfs
from briefing_builder.ui.pdf.handout import A4_PT, handout_pdf
from tests.ui.pdf.pdf_tools import needs_poppler, normalised, page_texts
from tests.ui.pdf.test_slides import MARKING, catalog, marked  # noqa: F401 - the module's store fixture

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def result(catalog: Catalog, qapp: QApplication, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201, F811
    return build_pack(marked(catalog), catalog, tmp_path_factory.mktemp("handout"), annex=False)


@pytest.mark.parametrize("per_page", [3, 6])
def test_pages_are_a4_numbered_and_marked(result, per_page: int) -> None:  # noqa: ANN001
    [path] = write_pdfs(result.plan, result.template, result.deck, PdfRequest(None, per_page))
    assert path.name == f"{result.deck.stem}-handout.pdf"
    pages = math.ceil(len(result.plan.slides) / per_page)
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_PT, abs=0.5)
    for number, text in enumerate(page_texts(path), start=1):
        assert f"Page {number} of {pages}" in text
        assert text.count(MARKING) >= 2, number  # top and bottom


def test_three_a_page_shows_each_slides_notes_beside_it(result) -> None:  # noqa: ANN001
    [path] = write_pdfs(result.plan, result.template, result.deck, PdfRequest(None, 3))
    texts = [normalised(t) for t in page_texts(path)]
    noted = 0
    for index, spec in enumerate(result.plan.slides):
        assert normalised(spec.title) in texts[index // 3]
        if spec.notes.strip():
            assert " ".join(spec.notes.split()[:4]) in texts[index // 3], spec.number
            noted += 1
    assert noted >= 5


def test_six_a_page_has_no_notes(result) -> None:  # noqa: ANN001
    [path] = write_pdfs(result.plan, result.template, result.deck, PdfRequest(None, 6))
    text = normalised(" ".join(page_texts(path)))
    assert "Records:" not in text and "Sources:" not in text


def test_long_notes_are_shrunk_then_cut_with_an_ellipsis(result, qapp: QApplication) -> None:  # noqa: ANN001
    from dataclasses import replace

    from briefing_builder.ui.pdf.export import deck_scenes

    spec = replace(result.plan.slides[0], notes=" ".join(["word"] * 3000))
    plan = replace(result.plan, slides=(spec,))
    data = handout_pdf(plan, deck_scenes(plan, result.template), 3)
    tmp = result.deck.with_name("long.pdf")
    tmp.write_bytes(data)
    text = page_texts(tmp)[0]
    assert "…" in text and len(PdfReader(tmp).pages) == 1


def test_a_handout_has_3_or_6_slides_a_page(result) -> None:  # noqa: ANN001
    with pytest.raises(ValueError):
        handout_pdf(result.plan, (), 4)


def _word_boxes(path: Path, word: str) -> list[list[tuple[float, float, float]]]:
    """Per page, the ``(x centre, top, bottom)`` of every occurrence of ``word`` (``pdftotext -bbox``)."""
    from lxml import etree

    from tests.ui.pdf.pdf_tools import run

    tree = etree.fromstring(run("pdftotext", "-bbox", str(path), "-").encode("utf-8"), etree.XMLParser(recover=True))
    return [[((float(w.get("xMin")) + float(w.get("xMax"))) / 2, float(w.get("yMin")), float(w.get("yMax")))
             for w in page.iter("{*}word") if w.text == word] for page in tree.iter("{*}page")]


@pytest.mark.parametrize("per_page", [3, 6])
def test_the_marking_is_where_its_rule_puts_it_on_every_page(result, per_page: int) -> None:  # noqa: ANN001
    """LIMITE's placement rule (the marking catalogue) is top-right only, as on the slides."""
    [path] = write_pdfs(result.plan, result.template, result.deck, PdfRequest(None, per_page))
    for number, boxes in enumerate(_word_boxes(path, MARKING), start=1):
        edges = [b for b in boxes if b[2] < 48 or b[1] > 800]  # the page's own, not the slides'
        assert len(edges) == 1 and edges[0][2] < 40 and edges[0][0] > A4_PT[0] * 0.75, (number, boxes)


@pytest.mark.parametrize("per_page", [3, 6])
def test_a_classified_marking_is_centred_at_the_top_and_bottom_of_every_page(result, per_page: int) -> None:  # noqa: ANN001
    """A classified marking's rule is top-centre and bottom-centre: so on every handout page."""
    from dataclasses import replace

    from briefing_builder.compose.plan import MarkingRule

    plan = replace(result.plan, marking_rules=(MarkingRule("RESTREINT", ("top-centre", "bottom-centre"), "B00020"),))
    [path] = write_pdfs(plan, result.template, result.deck, PdfRequest(None, per_page))
    pages = _word_boxes(path, "RESTREINT")
    assert len(pages) == math.ceil(len(plan.slides) / per_page)
    for number, boxes in enumerate(pages, start=1):
        assert len(boxes) == 2, (number, boxes)
        assert min(b[1] for b in boxes) < 40 and max(b[2] for b in boxes) > 800
        for centre, _, _ in boxes:
            assert centre == pytest.approx(A4_PT[0] / 2, abs=1.0), number


def test_a_long_title_gives_way_to_a_top_right_marking_and_is_cut_to_the_page(result) -> None:  # noqa: ANN001
    from dataclasses import replace

    title = "Stratégie européenne à long terme en matière d'asile et de gestion des migrations : " * 3
    plan = replace(result.plan, properties=replace(result.plan.properties, title=title))
    [path] = write_pdfs(plan, result.template, result.deck, PdfRequest(None, 3))
    marks = [b for b in _word_boxes(path, MARKING)[0] if b[2] < 48]
    firsts = [b for b in _word_boxes(path, "Stratégie")[0] if b[2] < 48]
    assert len(marks) == 1 and firsts
    assert all(word[1] > marks[0][2] for word in firsts)  # the title's line is below the marking's
    assert "…" in page_texts(path)[0]  # cut to the page's width
