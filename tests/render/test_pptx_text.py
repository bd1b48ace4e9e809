"""Paragraphs written into a deck as PowerPoint reads them: styles, links, jumps, direction, language.

Text is written into slides of the bundled template and read back with python-pptx after a
save; the cross-references and languages are checked on the bundled packs' decks.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run
from briefing_builder.ooxml.namespaces import NS, qn
from briefing_builder.ooxml.pptx_internals import text_body
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.pptx_text import (
    direction,
    reading_side,
    reset_body,
    right_to_left,
    set_language,
    write_lines,
    write_paragraphs,
)
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template, sample_catalog
from tests.fixtures.templates import traits

SLIDE_JUMP = "ppaction://hlinksldjump"


@pytest.mark.parametrize(("text", "rtl"), [
    ("Return and readmission", False), ("التعاون مع بلدان ثالثة", True), ("שיתוף פעולה", True),
    ("2026 – التعاون", True),  # digits are weak: the first strong letter decides
    ("«Asile» التعاون", False), ("", False), ("12 – 2026", False),
])
def test_a_paragraphs_direction_is_that_of_its_first_strong_letter(text: str, rtl: bool) -> None:
    assert right_to_left(text) is rtl and direction(text) == ("1" if rtl else "0")


def test_styled_runs_and_links_read_back_as_written() -> None:
    prs = Presentation(str(bundled_template()))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    box = slide.shapes.add_textbox(Inches(1), Inches(1.5), Inches(8), Inches(4))
    body = text_body(box.text_frame)
    body_pr = body.find(qn("a:bodyPr"))
    assert body_pr is not None
    body_pr.set("vert", "eaVert")  # a template's vertical text is not kept
    reset_body(body)
    link = "https://home-affairs.ec.europa.eu/"
    rid = slide.part.relate_to(link, RT.HYPERLINK, is_external=True)
    write_paragraphs(body, (
        Paragraph((Run("Pact ", bold=True), Run("in force", italic=True), Run(" old", strike=True))),
        Paragraph((Run("Details", link=link),), level=1),
        Paragraph((Run("\x07Intro\tline"),), bullet=False),
    ), 20.0, lambda run: (rid, "") if run.link else None, color="1F3A5F", explicit_bullets=True)
    out = io.BytesIO()
    prs.save(out)
    frame = Presentation(out).slides[-1].shapes[-1].text_frame
    first, second, third = frame.paragraphs
    assert [(r.text, r.font.bold, r.font.italic) for r in first.runs] == [("Pact ", True, None),
                                                                        ("in force", None, True),
                                                                        (" old", None, None)]
    assert first.runs[2]._r.find(qn("a:rPr")).get("strike") == "sngStrike"
    assert str(first.runs[0].font.color.rgb) == "1F3A5F" and first.runs[0].font.size.pt == 20
    assert second.level == 1 and second.runs[0].hyperlink.address == link and second.runs[0].font.size.pt == 18
    assert third.text == "Intro line"  # control characters never reach the deck
    bullets = [p._p.find(f"{qn('a:pPr')}/{qn('a:buChar')}") for p in (first, second)]
    assert [b.get("char") for b in bullets] == ["•", "–"]
    assert third._p.find(f"{qn('a:pPr')}/{qn('a:buNone')}") is not None
    written_pr = frame._txBody.find(qn("a:bodyPr"))
    assert (written_pr.get("vert"), written_pr.get("numCol"), written_pr.get("wrap")) == ("horz", "1", "square")
    assert written_pr.find(qn("a:normAutofit")) is not None


def test_lines_are_plain_paragraphs_with_no_inherited_indent() -> None:
    body = etree.fromstring(f'<p:txBody xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><a:bodyPr/></p:txBody>')
    write_lines(body, ["Thank you", "شكرا"], 28.0, bold=True)
    paragraphs = body.findall(qn("a:p"))
    assert [p.find(qn("a:pPr")).get("rtl") for p in paragraphs] == ["0", "1"]
    assert all(p.find(qn("a:pPr")).get("marL") == "0" == p.find(qn("a:pPr")).get("indent") for p in paragraphs)
    assert all(p.find(f"{qn('a:r')}/{qn('a:rPr')}").get("b") == "1" for p in paragraphs)


@pytest.mark.parametrize("pack", [REFERENCE_PACK, DEMO_PACK])
def test_every_see_slide_reference_jumps_to_the_slide_its_number_names(pack: str) -> None:
    plan, data = build(pack)
    prs = Presentation(io.BytesIO(data))
    number_of = {slide.part.partname: n for n, slide in enumerate(prs.slides, start=1)}
    jumps = 0
    for slide in prs.slides:
        for link in slide._element.iter(qn("a:hlinkClick")):
            if link.get("action") != SLIDE_JUMP:
                continue
            run = link.getparent().getparent()
            text = "".join(t.text or "" for t in run.iter(qn("a:t")))
            target = number_of[slide.part.related_part(link.get(qn("r:id"))).partname]
            if re.search(r"\d", text):  # "slide 7" says its number; "the readmission slide" does not
                assert re.search(rf"\b{target}\b", text), (text, target)
            jumps += 1
    expected = sum(1 for spec in plan.slides for frame in spec.bodies for p in frame.paragraphs
                   for run in p.runs if run.ref is not None and plan.slide_for(run.ref))
    assert jumps == expected


def test_a_french_deck_tags_every_run_and_paragraph_end_in_french() -> None:
    _, data = build("jha-counsellors-2026-01-12-fr")
    prs = Presentation(io.BytesIO(data))
    tags = set()
    for slide in prs.slides:
        pages = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
        for page in pages:
            tags |= {props.get("lang") for props in page.iter(qn("a:rPr"), qn("a:endParaRPr"))}
    assert tags == {"fr-BE"}


def test_a_run_without_properties_is_given_them_to_carry_its_language() -> None:
    body = etree.fromstring(f'<a:p xmlns:a="{NS["a"]}"><a:r><a:t>Merci</a:t></a:r>'
                            '<a:fld type="slidenum"><a:t>3</a:t></a:fld></a:p>')
    set_language(body, "fr-BE")
    assert [r.find(qn("a:rPr")).get("lang") for r in body] == ["fr-BE", "fr-BE"]


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


def test_a_right_to_left_line_in_a_left_aligned_placeholder_starts_at_the_right() -> None:
    """Fails before: titles kept the template's left alignment, so an Arabic title was drawn from the left."""
    body = etree.fromstring(f'<p:txBody xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><a:bodyPr/></p:txBody>')
    write_lines(body, ["Thank you", "شكرا"], 28.0, align=reading_side("l"))
    write_lines(body, ["Centred", "مركز"], 28.0, align=reading_side("ctr"))  # the template's alignment stays
    write_lines(body, ["شكرا"], 28.0, align=reading_side(None))  # nothing set: left, so from the reading side
    assert [(p.get("algn"), p.get("rtl")) for p in body.iter(qn("a:pPr"))] == [
        ("l", "0"), ("r", "1"), (None, "0"), (None, "1"), ("r", "1")]


@pytest.mark.soffice
def test_libreoffice_draws_a_right_to_left_title_from_the_right_of_a_left_aligned_box(tmp_path: Path) -> None:
    """Arabic and Hebrew titles end at the right edge of the title box, English ones start at its left."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")
    path, catalog = traits.make_left_titles(tmp_path), sample_catalog()
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, open_template(path).geometry)
    titles = {3: "الأولويات الاستراتيجية", 4: "עדיפויות אסטרטגיות", 5: "Strategic priorities"}
    slides = tuple(dataclasses.replace(s, title=titles[n]) if n in titles else s for n, s in enumerate(plan.slides))
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(dataclasses.replace(plan, slides=slides), open_template(path)))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(deck)], capture_output=True, timeout=240, check=True)
    for number, title in titles.items():
        box = plan.slides[number].title_box or open_template(path).geometry.role(plan.slides[number].role).title
        left, top, right, bottom = (v / EMU_PER_POINT for v in (box.left, box.top, box.right, box.bottom))
        xml = subprocess.run(["pdftotext", "-bbox", "-f", str(number + 1), "-l", str(number + 1),
                              str(tmp_path / "deck.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        words = [(float(x0), float(x1)) for x0, y0, x1, y1 in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xml)
            if left - 1 <= float(x0) and float(x1) <= right + 1 and top - 1 <= float(y0) and float(y1) <= bottom + 1]
        assert len(words) == len(title.split()), (title, xml)  # the title's words, and nothing else, in its box
        start, end = min(w[0] for w in words), max(w[1] for w in words)
        if right_to_left(title):
            assert right - end < 20 < 60 < start - left, (title, start, end, left, right)
        else:
            assert start - left < 20 < 60 < right - end, (title, start, end, left, right)
