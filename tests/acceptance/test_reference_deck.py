"""The reference pack reproduces the reference deck, slide by slide.

The expected text is ``/work/shared/reference/strategy-slides.txt`` (format described in the
README beside it; a copy of the parser's expectations is kept here so the test states what
it checks): slides separated by three blank lines, the first block holding slides 1 and 2;
``**bold**`` and ``~~struck~~`` marks; "- " bullets and " - " sub-points.

Each deck paragraph is turned back into that markup from its runs (``b="1"`` → ``**…**``,
``strike`` → ``~~…~~``) and compared with the reference line, bullet prefix stripped.

On slide 9 (area 6) the bullets under the two bold headings are the sub-points of two
measures marked ``heading: true``, so the deck shows them at the top level, as the reference
does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import Catalog, load_store
from briefing_builder.store.schema import Pack

REFERENCE = Path("/work/shared/reference/strategy-slides.txt")
PACK_ID = "jha-counsellors-2026-01-12"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SLIDE_JUMP = "ppaction://hlinksldjump"
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
FURNITURE = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}

pytestmark = pytest.mark.skipif(not REFERENCE.is_file(), reason=f"{REFERENCE} is not available here")


# ---------------------------------------------------------------------------- the reference


@dataclass(frozen=True)
class Line:
    """One body line of the reference: its markup and its bullet level (None: not a bullet)."""

    markup: str
    level: int | None


@dataclass(frozen=True)
class RefSlide:
    title: str
    lines: tuple[Line, ...]


def _line(raw: str) -> Line:
    if raw.startswith(" - "):
        return Line(raw[3:], 1)
    if raw.startswith("- "):
        return Line(raw[2:], 0)
    return Line(raw, None)


def reference_slides() -> list[RefSlide]:
    blocks = [b.strip("\n") for b in REFERENCE.read_text(encoding="utf-8").split("\n\n\n\n") if b.strip()]
    slides: list[RefSlide] = []
    first = [line for line in blocks[0].splitlines() if line.strip()]
    slides.append(RefSlide(first[0], (Line(first[1], None),)))           # 1: title; "<body>, <date>"
    slides.append(RefSlide(first[2], tuple(_line(x) for x in first[3:])))  # 2: input received from MS
    for block in blocks[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        slides.append(RefSlide(lines[0].strip(), tuple(_line(x) for x in lines[1:])))
    return slides


# ---------------------------------------------------------------------------- the deck


@dataclass(frozen=True)
class DeckParagraph:
    markup: str
    level: int
    element: etree._Element


def _segments(p: etree._Element) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    for r in p.findall("a:r", NS):
        rpr = r.find("a:rPr", NS)
        bold = rpr is not None and rpr.get("b") in {"1", "true"}
        strike = rpr is not None and rpr.get("strike") not in {None, "noStrike"}
        text = "".join(t.text or "" for t in r.findall("a:t", NS))
        if out and (out[-1][1], out[-1][2]) == (bold, strike):
            out[-1] = (out[-1][0] + text, bold, strike)
        else:
            out.append((text, bold, strike))
    return out


def to_reference_markup(p: etree._Element) -> str:
    """The paragraph's runs as reference markup; spaces at a mark's edge go outside it."""
    parts: list[str] = []
    for text, bold, strike in _segments(p):
        core = text.strip(" ")
        if not core or not (bold or strike):
            parts.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
        if strike:
            core = f"~~{core}~~"
        if bold:
            core = f"**{core}**"
        parts.append(lead + core + trail)
    return "".join(parts)


def title_of(slide: Slide) -> str:
    titles = [s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES]
    assert len(titles) == 1
    return titles[0].text_frame.text


def body_paragraphs(slide: Slide) -> list[DeckParagraph]:
    """Paragraphs of every text shape except the title and the footer furniture, in shape order."""
    out: list[DeckParagraph] = []
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        if shape.is_placeholder and shape.placeholder_format.type in TITLE_TYPES | FURNITURE:
            continue
        out.extend(DeckParagraph(to_reference_markup(para._p), para.level, para._p)
                   for para in shape.text_frame.paragraphs if para.text.strip())
    return out


def jumps(slide: Slide, prs: PresentationType) -> list[tuple[str, int]]:
    """(run text, 1-based target slide number) of every slide-jump link on ``slide``."""
    numbers = {id(s.part): i for i, s in enumerate(prs.slides, 1)}
    out = []
    for r in slide.shapes._spTree.iter(f"{{{NS['a']}}}r"):
        link = r.find("a:rPr/a:hlinkClick", NS)
        if link is None:
            continue
        assert link.get("action") == SLIDE_JUMP
        target = slide.part.related_part(link.get(f"{{{NS['r']}}}id"))
        out.append(("".join(t.text for t in r.findall("a:t", NS)), numbers[id(target)]))
    return out


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_store(sample_store_dir())
    assert loaded.diagnostics == []
    return loaded


def _build(pack: Pack, catalog: Catalog, out: Path) -> PresentationType:
    result = build_pack(pack, catalog, out, annex=False)
    assert result.deck == out / f"{pack.id}.pptx"
    return Presentation(str(result.deck))


@pytest.fixture(scope="module")
def deck(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> PresentationType:
    return _build(catalog.packs[PACK_ID], catalog, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def reference() -> list[RefSlide]:
    slides = reference_slides()
    assert len(slides) == 10
    return slides


# ---------------------------------------------------------------------------- tests


def test_slide_count(deck: PresentationType) -> None:
    assert len(deck.slides) == 10


def test_slide_titles(deck: PresentationType, reference: list[RefSlide]) -> None:
    assert [title_of(s) for s in deck.slides] == [r.title for r in reference]


def test_title_slide(deck: PresentationType) -> None:
    slide = deck.slides[0]
    assert title_of(slide) == "Long-term European Asylum and Migration Management Strategy"
    assert [p.markup for p in body_paragraphs(slide)] == ["JHA Counsellors, 12 January 2026"]


def test_closing_slide(deck: PresentationType) -> None:
    assert title_of(deck.slides[9]) == "Thank you"
    assert body_paragraphs(deck.slides[9]) == []


@pytest.mark.parametrize("number", range(2, 10))
def test_body_text_and_markup(deck: PresentationType, reference: list[RefSlide], number: int) -> None:
    got = [p.markup for p in body_paragraphs(deck.slides[number - 1])]
    want = [line.markup for line in reference[number - 1].lines]
    assert got == want


@pytest.mark.parametrize("number", range(3, 10))
def test_bullet_levels(deck: PresentationType, reference: list[RefSlide], number: int) -> None:
    paragraphs = body_paragraphs(deck.slides[number - 1])
    lines = reference[number - 1].lines
    assert len(paragraphs) == len(lines)
    for para, line in zip(paragraphs, lines):
        if line.level in (None, 0):     # agenda items (no level) are numbered lines, not bullets
            assert para.level == 0, para.markup
        else:
            assert para.level >= 1, para.markup


def test_input_slide_themes_and_summaries(deck: PresentationType) -> None:
    paragraphs = body_paragraphs(deck.slides[1])
    assert [p.level for p in paragraphs] == [0] + [0, 1] * 6
    assert [p.markup[:2] for p in paragraphs[1:]] == ["1.", "→ ", "2.", "→ ", "3.", "→ ", "4.", "→ ", "5.", "→ ",
                                                      "6.", "→ "]


def test_cross_references_resolved_and_linked(deck: PresentationType) -> None:
    slide = deck.slides[3]
    texts = [p.markup for p in body_paragraphs(slide)]
    assert "Return and readmission (see slide 7)" in texts
    assert "labour mobility (see slide 8)" in texts
    assert jumps(slide, deck) == [("slide 7", 7), ("slide 8", 8)]
    assert title_of(deck.slides[6]) == "4. Return and readmission"
    assert title_of(deck.slides[7]) == "5. Labour mobility and legal pathways"


def test_no_other_slide_jumps(deck: PresentationType) -> None:
    assert [n for n, s in enumerate(deck.slides, 1) if jumps(s, deck)] == [4]


def test_struck_and_bold_runs_on_the_diplomacy_slide(deck: PresentationType) -> None:
    first = body_paragraphs(deck.slides[3])[0].element
    assert _segments(first)[:3] == [("Main goals:", True, False), (" ", False, False), ("reduce", False, True)]


# ---------------------------------------------------------------------------- reordering


def _reordered(pack: Pack, order: list[str]) -> Pack:
    """The pack with its area sections in ``order`` (other sections stay where they are)."""
    areas = {s.area: s for s in pack.sections if s.type == "area"}
    assert set(order) == set(areas)
    queue = iter(order)
    sections = [areas[next(queue)] if s.type == "area" else s for s in pack.sections]
    return pack.model_copy(update={"sections": sections})


def _agenda(prs: PresentationType) -> list[str]:
    return [p.markup for p in body_paragraphs(prs.slides[2])][:-1]


def test_swapping_two_areas_renumbers_agenda_and_references(catalog: Catalog, tmp_path: Path) -> None:
    pack = _reordered(catalog.packs[PACK_ID], [
        "return-readmission", "strong-borders", "asylum-migration-system", "migration-diplomacy",
        "labour-mobility-legal-pathways", "financial-operational-support"])
    prs = _build(pack, catalog, tmp_path)
    assert len(prs.slides) == 10
    assert _agenda(prs) == [
        "1. Returns and readmission",
        "2. Strong EU borders",
        "3. A fair, firm and adaptable asylum and migration system",
        "4. Migration Diplomacy",
        "5. Legal pathways and labour mobility",
        "6. Strategic use of financial resources and enhancing operational support",
    ]
    assert title_of(prs.slides[3]) == "1. Return and readmission"
    diplomacy = prs.slides[6]
    assert title_of(diplomacy) == "4. Migration Diplomacy"
    texts = [p.markup for p in body_paragraphs(diplomacy)]
    assert "Return and readmission (see slide 4)" in texts
    assert "labour mobility (see slide 8)" in texts
    assert jumps(diplomacy, prs) == [("slide 4", 4), ("slide 8", 8)]


def test_moving_both_targets_moves_both_references(catalog: Catalog, tmp_path: Path) -> None:
    pack = _reordered(catalog.packs[PACK_ID], [
        "labour-mobility-legal-pathways", "migration-diplomacy", "strong-borders", "asylum-migration-system",
        "financial-operational-support", "return-readmission"])
    prs = _build(pack, catalog, tmp_path)
    assert [title_of(s) for s in prs.slides][3:9] == [
        "1. Labour mobility and legal pathways",
        "2. Migration Diplomacy",
        "3. Strong EU borders",
        "4. A fair, firm and adaptable asylum and migration system",
        "5. STRATEGIC USE OF FINANCIAL RESOURCES AND ENHANCING OPERATIONAL SUPPORT",
        "6. Return and readmission",
    ]
    assert _agenda(prs)[0] == "1. Legal pathways and labour mobility"
    assert _agenda(prs)[5] == "6. Returns and readmission"
    diplomacy = prs.slides[4]
    texts = [p.markup for p in body_paragraphs(diplomacy)]
    assert "Return and readmission (see slide 9)" in texts
    assert "labour mobility (see slide 4)" in texts
    assert jumps(diplomacy, prs) == [("slide 9", 9), ("slide 4", 4)]
