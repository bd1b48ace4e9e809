"""With the shrink-on-overflow autofit removed, no text of a built deck falls outside its box in LibreOffice.

The deck is rendered to PDF by LibreOffice; ``pdftotext -bbox-layout`` gives every word's
box; each word must lie inside the box of the shape whose text it is (placeholders at their
inherited positions, text boxes, table frames, each member of the timeline group); a word no
shape's text holds (bullets, slide numbers, chart labels) inside some box of its slide. A box
that grows with its text (``spAutoFit``, honoured by renderers) may take the slide's height.

The check judges the deck's text, what the app writes on the slides. The template's own text
shapes on the layouts and masters (not placeholders: a confidentiality box, a logo's caption),
which the app never edits, are left out: a word only such a shape's text holds is not judged,
since its fit is the template's (bug65228's "Diskussionsentwurf – Streng vertraulich" is set
without wrapping in a box narrower than its text in LibreOffice's stand-in font); so is a dash
or other mark such a shape's text holds on its own lines. Their boxes still hold the words the
slide's text shares with them, which are judged.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from briefing_builder.compose.geometry import EMU_PER_POINT
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
from tests.fixtures import make_templates as mt
from tests.fixtures.templates import traits
from tests.zip_parts import parts_of, rewrite_parts

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice (soffice) and pdftotext are needed"),
]
TOLERANCE_PT = 3.0
TOLERANCE_SHARE = 0.12
#: A list's automatic number ("1.", "(2)", "3)"), drawn by the renderer and not part of the text.
_AUTO_NUMBER = re.compile(r"^\(?\d+[.)]$")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _without_autofit(data: bytes) -> bytes:
    """The deck without the app's shrink-on-overflow autofit (``normAutofit``, which LibreOffice applies at load
    even where text fits); a box's own growth (``spAutoFit``), which renderers honour, is kept."""
    def no_autofit(text: str) -> str:
        return re.sub(r"<a:normAutofit[^>]*/>", "<a:noAutofit/>", text)
    slides = [name for name in parts_of(data) if name.endswith(".xml") and name.startswith("ppt/slide")]
    return rewrite_parts(data, dict.fromkeys(slides, no_autofit))


@dataclass(frozen=True)
class _Box:
    """Where one shape's text may lie on its slide (points), and that text (casefolded)."""

    bounds: tuple[float, float, float, float]
    #: None: a shape whose text the slide XML does not hold (a chart's title and labels).
    text: str | None
    #: A text shape of the template's own on the slide's layout or master (its text is not judged).
    template: bool = False


def _body_pr_setting(shape: Any, read: Callable[[etree._Element], str | None]) -> str | None:
    """The first value ``read`` finds in the bodyPr of ``shape``, then of the placeholders it inherits from."""
    owner: Any = shape
    while owner is not None:
        body_pr = owner._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        value = read(body_pr) if body_pr is not None else None
        if value is not None:
            return value
        owner = getattr(owner, "_base_placeholder", None) if owner.is_placeholder else None
    return None


def _autofit(body_pr: etree._Element) -> str | None:
    found = [etree.QName(c).localname for c in body_pr if etree.QName(c).localname.endswith(("utofit", "AutoFit"))]
    return found[0] if found else None


def _grown(shape: Any, bounds: tuple[float, float, float, float], slide: tuple[float, float]
           ) -> tuple[float, float, float, float]:
    """A box that grows with its text (spAutoFit) may take the slide's height, and its width when unwrapped."""
    if _body_pr_setting(shape, _autofit) != "spAutoFit":
        return bounds
    left, right = bounds[0], bounds[2]
    if _body_pr_setting(shape, lambda body_pr: body_pr.get("wrap")) == "none":
        left, right = 0.0, slide[0]
    return left, 0.0, right, slide[1]


def _text_of(shape: Any) -> str | None:
    """The shape's text (a table's cells too); None for shapes whose text the slide XML does not hold (charts,
    fields such as the slide number, which the renderer fills in)."""
    if shape.has_text_frame and shape._element.find(f".//{qn('a:fld')}") is not None:
        return None
    if shape.has_text_frame:
        return str(shape.text_frame.text)
    if getattr(shape, "has_table", False):
        return " ".join(cell.text for row in shape.table.rows for cell in row.cells)
    return None


def _flattened(shapes: Iterable[Any]) -> Iterator[tuple[Any, tuple[float, float, float, float]]]:
    """Every shape with its box on the slide (points), a group's members at their place in the group."""
    for shape in shapes:
        if shape.left is None or shape.width is None:
            continue
        left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
        box = (left, top, left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT)
        if shape.shape_type != MSO_SHAPE_TYPE.GROUP:
            yield shape, box
            continue
        xfrm = shape._element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
        child_off, child_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
        cx, cy = int(child_off.get("x")) / EMU_PER_POINT, int(child_off.get("y")) / EMU_PER_POINT
        sx = (box[2] - box[0]) / max(int(child_ext.get("cx")) / EMU_PER_POINT, 1e-9)
        sy = (box[3] - box[1]) / max(int(child_ext.get("cy")) / EMU_PER_POINT, 1e-9)
        for member, (x0, y0, x1, y1) in _flattened(shape.shapes):
            yield member, (left + (x0 - cx) * sx, top + (y0 - cy) * sy, left + (x1 - cx) * sx, top + (y1 - cy) * sy)


def _shape_boxes(data: bytes) -> list[list[_Box]]:
    """Per slide, the boxes of its shapes and of the text its layout and master draw themselves (a group's
    members each at its place), the latter marked as the template's."""
    prs = Presentation(io.BytesIO(data))
    size = ((prs.slide_width or 0) / EMU_PER_POINT, (prs.slide_height or 0) / EMU_PER_POINT)
    pages = []
    for slide in prs.slides:
        layout = slide.slide_layout
        template_shapes = [(s, bounds) for owner in (layout, layout.slide_master)
                           for s, bounds in _flattened(owner.shapes)
                           if not s.is_placeholder and s.has_text_frame and s.text_frame.text.strip()]
        boxes = []
        for shapes, template in ((list(_flattened(slide.shapes)), False), (template_shapes, True)):
            for shape, bounds in shapes:
                text = _text_of(shape)
                boxes.append(_Box(_grown(shape, bounds, size), None if text is None else text.casefold(), template))
        pages.append(boxes)
    return pages


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[(float(a), float(b), float(c), float(d), html_unescape(w)) for a, b, c, d, w in _WORD.findall(page)]
            for page in html.split("<page ")[1:]]


def _inside(word: tuple[float, float, float, float, str], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1, _ = word
    # pdftotext's word box is 1.3 em tall whatever the font's lines: on large text (a poster's 175 pt title)
    # it reaches past the last line by more than a fixed tolerance, in proportion to the size.
    tolerance = max(TOLERANCE_PT, TOLERANCE_SHARE * (y1 - y0))
    return (x0 >= box[0] - tolerance and y0 >= box[1] - tolerance
            and x1 <= box[2] + tolerance and y1 <= box[3] + tolerance)


def _the_templates(word: tuple[float, float, float, float, str], boxes: list[_Box], own: bool) -> bool:
    """The word is the template's own text: only the template's text shapes hold it; or, with neither letter nor
    digit (a dash), one of them holds it and it lies on that shape's lines (an unwrapped line runs out sideways)."""
    text = word[4].casefold()
    holders = [b for b in boxes if b.text is not None and text in b.text]
    template = [b for b in holders if b.template]
    if own:
        return bool(template) and len(template) == len(holders)
    return any(word[1] < b.bounds[3] and b.bounds[1] < word[3] for b in template)


def _in_its_box(word: tuple[float, float, float, float, str], boxes: list[_Box]) -> bool:
    """Inside a box whose text has the word (pdftotext cuts widely spaced words into letters), or whose text
    the slide does not hold (a chart, a slide number); a word no shape's text has, with neither letter nor
    digit (a bullet, a dash), or a list's automatic number, inside some box. A word only the template's own
    text shapes hold is the template's, not judged."""
    text = word[4].casefold()
    own = any(c.isalnum() for c in text) and not _AUTO_NUMBER.match(text)
    if _the_templates(word, boxes, own):
        return True
    holders = [b for b in boxes if b.text is not None and text in b.text] if own else []
    candidates = [*holders, *(b for b in boxes if b.text is None)] if holders else boxes
    return any(_inside(word, b.bounds) for b in candidates)


def words_outside(data: bytes, pdf: Path) -> list[tuple[int, str, int, int]]:
    """(slide, word, top, bottom) of every word LibreOffice drew outside its own box (the shape whose text it is)."""
    assert pdf.exists()
    boxes, words = _shape_boxes(data), _words(pdf)
    assert len(words) == len(boxes)
    return [(number, word[4], round(word[1]), round(word[3]))
            for number, (page_words, page_boxes) in enumerate(zip(words, boxes), start=1)
            for word in page_words if not _in_its_box(word, page_boxes)]


USER_TEMPLATES = {"french": mt.make_french, "no-body-layout": mt.make_no_body, "two-masters": mt.make_two_masters,
                  "arial-theme": mt.make_arial, "master-styles": traits.make_master_styles,
                  "libreoffice-style": traits.make_libreoffice, "header-strip": traits.make_header_strip,
                  "wide-spacing": traits.make_wide_spacing, "cramped-slide-number": traits.make_cramped_slide_number,
                  "tiny-slide-number": lambda folder: traits.make_cramped_slide_number(folder, tiny=True),
                  "tiny-subtitle": traits.make_tiny_subtitle, "arial-large-slide": traits.make_arial_on_a_large_slide,
                  "body-font-apart-from-theme": traits.make_body_font_apart_from_theme,
                  "crowded-footer-row": traits.make_crowded_footer_row,
                  "crowded-last-row": lambda folder: traits.make_crowded_footer_row(folder, free_foot=False)}


@pytest.mark.parametrize("pack_id,template", [
    (REFERENCE_PACK, "briefing-16x9"), (REFERENCE_PACK, "briefing-4x3"), (DEMO_PACK, "briefing-16x9"),
    (DEMO_PACK, "briefing-4x3"), *[(REFERENCE_PACK, name) for name in USER_TEMPLATES],
    (DEMO_PACK, "no-body-layout"), (DEMO_PACK, "tiny-subtitle"), (DEMO_PACK, "arial-large-slide"),
    (DEMO_PACK, "body-font-apart-from-theme"), (DEMO_PACK, "crowded-footer-row"), (DEMO_PACK, "crowded-last-row"),
])
def test_no_text_outside_its_box(tmp_path: Path, pack_id: str, template: str) -> None:
    path = USER_TEMPLATES[template](tmp_path) if template in USER_TEMPLATES else bundled_template(template)
    _, data = build(pack_id, path)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(_without_autofit(data))
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], capture_output=True, timeout=240, check=True)
    assert words_outside(data, tmp_path / "deck.pdf") == []


#: The template's own text box of ``_two_boxes``: (left, top, width, height) in points, its text set unwrapped.
TEMPLATE_BOX = (50.0, 320.0, 60.0, 30.0)
TEMPLATE_TEXT = "Diskussionsentwurf – Streng vertraulich"


def _two_boxes(tmp_path: Path, grow: bool, template_box: bool = False) -> tuple[bytes, Path]:
    """A slide with a short box whose four lines run down into a second box below it (or, with ``grow``, whose
    own spAutoFit grows it over them as renderers do), rendered by LibreOffice with the check's autofit removed;
    with ``template_box``, its layout draws a text box of its own (``TEMPLATE_BOX``) narrower than its unwrapped
    text, as bug65228's master does."""
    from pptx.util import Pt

    prs = Presentation()
    if template_box:
        scratch = prs.slides.add_slide(prs.slide_layouts[6])
        own = scratch.shapes.add_textbox(*(Pt(v) for v in TEMPLATE_BOX))
        own.text_frame.word_wrap = False
        own.text_frame.text = TEMPLATE_TEXT
        own.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
        body_pr = own.text_frame._txBody.bodyPr
        for child in list(body_pr):  # a box of fixed size, as the template's: no growth with its text
            body_pr.remove(child)
        prs.slide_layouts[6].shapes._spTree.append(own._element)
        slides = prs.slides._sldIdLst
        prs.part.drop_rel(slides[0].rId)
        slides.remove(slides[0])
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    upper = slide.shapes.add_textbox(Pt(50), Pt(50), Pt(300), Pt(40))
    upper.text_frame.word_wrap = True
    upper.text_frame.text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron"
    upper.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    lower = slide.shapes.add_textbox(Pt(50), Pt(90), Pt(300), Pt(200))
    lower.text_frame.text = "below – here"
    for shape in (upper, lower):
        body_pr = shape.text_frame._txBody.bodyPr
        for child in list(body_pr):
            body_pr.remove(child)
    fit = "a:spAutoFit" if grow else "a:normAutofit"
    upper.text_frame._txBody.bodyPr.append(upper.text_frame._txBody.bodyPr.makeelement(qn(fit), {}))
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(_without_autofit(data))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(deck)], capture_output=True, timeout=240, check=True)
    return data, tmp_path / "deck.pdf"


def test_a_word_inside_another_box_than_its_own_is_outside(tmp_path: Path) -> None:
    """Text running out of its box into the next box (Keynote's milestone dates below their cards) is flagged,
    though every word lies inside some box of the slide."""
    outside = words_outside(*_two_boxes(tmp_path, grow=False))
    assert {word for _slide, word, _top, _bottom in outside} >= {"kappa", "omicron"}
    assert not {"below", "–", "here"} & {word for _slide, word, _top, _bottom in outside}


def test_a_box_that_grows_with_its_text_keeps_it_inside(tmp_path: Path) -> None:
    """A box whose own spAutoFit grows it to fit its text (renderers honour it) is not judged at its drawn
    height: the check removes only the shrink-on-overflow autofit."""
    assert words_outside(*_two_boxes(tmp_path, grow=True)) == []


def test_the_templates_own_text_box_is_not_judged_while_the_decks_text_still_is(tmp_path: Path) -> None:
    """bug65228: the master's own unwrapped box runs out of its sides in LibreOffice's stand-in font; the fit is
    the template's, not the app's, so its words are not counted. The slide's text running out of its box is."""
    data, pdf = _two_boxes(tmp_path, grow=False, template_box=True)
    left, _top, width, _height = TEMPLATE_BOX
    drawn = [w for w in _words(pdf)[0] if w[4].casefold() in TEMPLATE_TEXT.casefold()]
    assert any(w[2] > left + width + TOLERANCE_PT for w in drawn)  # the template's text does run out of its box
    outside = {word for _slide, word, _top, _bottom in words_outside(data, pdf)}
    assert outside >= {"kappa", "omicron"}
    assert not outside & {"Diskussionsentwurf", "–", "Streng", "vertraulich"}
