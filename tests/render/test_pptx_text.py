"""How paragraphs and runs are written: language tags follow the script a run is written in."""

from __future__ import annotations

from lxml import etree

from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.pptx_text import set_language, write_paragraphs


def _body(*texts: str) -> etree._Element:
    body = etree.Element(qn("p:txBody"))
    etree.SubElement(body, qn("a:bodyPr"))
    write_paragraphs(body, tuple(Paragraph((Run(text),)) for text in texts), 18.0, lambda _run: None)
    return body


def test_runs_in_arabic_hebrew_or_greek_script_are_tagged_with_that_language_not_the_decks() -> None:
    body = _body("Agreed text of the regulation.", "النص المتفق عليه", "הטקסט המוסכם", "Κείμενο συμφωνίας")
    set_language(body, "fr-BE")
    runs = [r.get("lang") for r in body.iter(qn("a:rPr"))]
    ends = [r.get("lang") for r in body.iter(qn("a:endParaRPr"))]
    assert runs == ["fr-BE", "ar", "he", "el"]
    assert ends == runs  # the paragraph's end (where a user types on) says the same


def test_a_run_of_digits_or_punctuation_keeps_the_decks_language() -> None:
    body = _body("2026 — 12/01")
    set_language(body, "de-DE")
    assert {r.get("lang") for r in body.iter(qn("a:rPr"), qn("a:endParaRPr"))} == {"de-DE"}
