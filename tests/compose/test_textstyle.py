"""The paragraph geometry the fitter measures with is the geometry the deck is written with.

Checked on the decks of the bundled packs: every body paragraph's margin, hanging indent,
space before and run size, as written in the .pptx, is what :mod:`compose.textstyle` says for
its level and bullet.
"""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pptx import Presentation

from briefing_builder.compose import textstyle
from briefing_builder.compose.geometry import EMU_PER_INCH
from briefing_builder.markup import clean_text
from briefing_builder.ooxml.namespaces import qn
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build


def test_levels_past_the_tables_keep_the_deepest_value() -> None:
    assert textstyle.margin(9, True) == textstyle.BULLET_MARGIN[-1] and textstyle.bullet_char(9) == "–"
    assert textstyle.margin(0, False) == 0 < textstyle.margin(1, False) < textstyle.margin(1, True)
    assert textstyle.indent(True) == -EMU_PER_INCH // 4 and textstyle.indent(False) == 0
    assert [textstyle.level_size(19, level) for level in (0, 1, 2)] == [19, 17.0, 17.0]  # half points
    assert textstyle.space_before(20, 0) == 9.0 and textstyle.space_before(20, 1) == 3.0


def _written(data: bytes) -> dict[int, list[list[etree._Element]]]:
    """Per slide number, the paragraphs of each text shape."""
    prs = Presentation(io.BytesIO(data))
    return {n: [list(shape._element.iter(qn("a:p"))) for shape in slide.shapes if shape.has_text_frame]
            for n, slide in enumerate(prs.slides, start=1)}


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("a:t")))


@pytest.mark.parametrize("pack", [REFERENCE_PACK, DEMO_PACK])
def test_every_body_paragraph_is_written_with_the_geometry_it_was_measured_with(pack: str) -> None:
    plan, data = build(pack)
    written = _written(data)
    checked = 0
    for spec in plan.slides:
        for frame in spec.bodies:
            texts = [clean_text(p.text) for p in frame.paragraphs]
            shape = next(s for s in written[spec.number] if [_text(p) for p in s] == texts)
            for index, (planned, paragraph) in enumerate(zip(frame.paragraphs, shape)):
                ppr = paragraph.find(qn("a:pPr"))
                assert ppr is not None
                level, bullet = planned.level, planned.bullet
                assert int(ppr.get("marL", "0")) == textstyle.margin(level, bullet), (spec.number, texts[index])
                assert int(ppr.get("indent", "0")) == textstyle.indent(bullet)
                before = ppr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}")
                expected = 0.0 if index == 0 else textstyle.space_before(frame.font_size, level)
                assert before is not None and int(before.get("val", "0")) == round(expected * 100)
                sizes = {int(r.get("sz")) for r in paragraph.iter(qn("a:rPr")) if r.get("sz")}
                assert sizes <= {round(textstyle.level_size(frame.font_size, level) * 100)}
                checked += 1
    assert checked > 20


def test_styled_adds_the_templates_weight_of_the_paragraphs_level_to_its_runs() -> None:
    from briefing_builder.compose.plan import Paragraph
    from briefing_builder.markup import Run

    paragraph = Paragraph((Run("plain "), Run("stressed", italic=True)), level=1)
    weights = ((False, False), (True, False))
    assert [(r.bold, r.italic) for r in textstyle.styled(paragraph, weights).runs] == [(True, False), (True, True)]
    assert textstyle.styled(paragraph, ((True, True),)).runs[0].italic  # deeper levels take the last level's
    assert textstyle.styled(paragraph, ()) is paragraph
    assert textstyle.styled(Paragraph((Run("top"),)), weights).runs == (Run("top"),)
