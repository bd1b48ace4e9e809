"""With autofit flags removed, no text of a built deck falls outside its box in LibreOffice.

The deck is rendered to PDF by LibreOffice; ``pdftotext -bbox-layout`` gives every word's
box; each word must lie inside the box of some shape on its slide (placeholders at their
inherited positions, text boxes, tables, charts, the timeline group).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

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
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _without_autofit(data: bytes) -> bytes:
    def no_autofit(text: str) -> str:
        return re.sub(r"<a:normAutofit[^>]*/>|<a:spAutoFit/>", "<a:noAutofit/>", text)
    slides = [name for name in parts_of(data) if name.endswith(".xml") and name.startswith("ppt/slide")]
    return rewrite_parts(data, dict.fromkeys(slides, no_autofit))


def _shape_boxes(data: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Per slide, the boxes of its shapes and of the text its layout and master draw themselves."""
    prs = Presentation(io.BytesIO(data))
    pages = []
    for slide in prs.slides:
        layout = slide.slide_layout
        template_shapes = [s for owner in (layout, layout.slide_master) for s in owner.shapes
                           if not s.is_placeholder and s.has_text_frame and s.text_frame.text.strip()]
        boxes = []
        for shape in [*slide.shapes, *template_shapes]:
            if shape.left is None or shape.width is None:
                continue
            left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
            boxes.append((left, top, left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT))
        pages.append(boxes)
    return pages


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
            for page in html.split("<page ")[1:]]


def _inside(word: tuple[float, float, float, float, str], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1, _ = word
    return (x0 >= box[0] - TOLERANCE_PT and y0 >= box[1] - TOLERANCE_PT
            and x1 <= box[2] + TOLERANCE_PT and y1 <= box[3] + TOLERANCE_PT)


def words_outside(data: bytes, pdf: Path) -> list[tuple[int, str, int, int]]:
    """(slide, word, top, bottom) of every word LibreOffice drew outside all boxes of its slide."""
    assert pdf.exists()
    boxes, words = _shape_boxes(data), _words(pdf)
    assert len(words) == len(boxes)
    return [(number, word[4], round(word[1]), round(word[3]))
            for number, (page_words, page_boxes) in enumerate(zip(words, boxes), start=1)
            for word in page_words if not any(_inside(word, box) for box in page_boxes)]


USER_TEMPLATES = {"french": mt.make_french, "no-body-layout": mt.make_no_body, "two-masters": mt.make_two_masters,
                  "arial-theme": mt.make_arial, "master-styles": traits.make_master_styles,
                  "libreoffice-style": traits.make_libreoffice, "header-strip": traits.make_header_strip,
                  "wide-spacing": traits.make_wide_spacing, "cramped-slide-number": traits.make_cramped_slide_number,
                  "tiny-slide-number": lambda folder: traits.make_cramped_slide_number(folder, tiny=True),
                  "tiny-subtitle": traits.make_tiny_subtitle}


@pytest.mark.parametrize("pack_id,template", [
    (REFERENCE_PACK, "briefing-16x9"), (REFERENCE_PACK, "briefing-4x3"), (DEMO_PACK, "briefing-16x9"),
    (DEMO_PACK, "briefing-4x3"), *[(REFERENCE_PACK, name) for name in USER_TEMPLATES],
    (DEMO_PACK, "no-body-layout"), (DEMO_PACK, "tiny-subtitle"),
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
