"""Text we colour on fills we choose (table headers, timeline cards) reaches WCAG contrast on any theme."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing_builder.compose.contrast import contrast, readable_text, required_ratio
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, build
from tests.fixtures.templates import traits


def test_contrast_matches_wcag() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert readable_text("F0ED7B", {"lt1": "FFFFFF", "dk1": "000000"}, 12) == "000000"
    assert readable_text("1B2A4A", {"lt1": "FFFFFF", "dk1": "000000"}, 12) == "FFFFFF"


def _fill(properties, theme: dict[str, str]) -> str:  # noqa: ANN001
    colour = properties.find(qn("a:solidFill"))[0]
    return theme[colour.get("val")] if colour.tag == qn("a:schemeClr") else colour.get("val")


def _inks(element) -> list[str]:  # noqa: ANN001
    return [c.get("val") for rpr in element.iter(qn("a:rPr")) for c in rpr.iter(qn("a:srgbClr"))]


@pytest.mark.parametrize("accent", ["F0ED7B", "8C8C8C", "1B2A4A"])  # pale, mid, dark
def test_table_headers_and_timeline_cards_are_readable(tmp_path: Path, accent: str) -> None:
    path = traits.make_accents(tmp_path, accent, f"accent-{accent}.pptx")
    theme = open_template(path).geometry.theme_colors
    plan, data = build(DEMO_PACK, path)
    deck = Presentation(io.BytesIO(data))
    checked = 0
    for spec, slide in zip(plan.slides, deck.slides):
        if spec.table is not None:
            table = next(s for s in slide.shapes if s.has_table).table
            for cell in table.rows[0].cells:
                fill, inks = _fill(cell._tc.find(qn("a:tcPr")), theme), _inks(cell._tc)
                assert inks and all(contrast(i, fill) >= required_ratio(spec.table.font_size, True) for i in inks)
                checked += 1
        if spec.timeline is not None:
            cards = [s for s in slide.shapes if s.shape_type == 6 for s in s.shapes if s.name.startswith("Rounded")]
            for card in cards:
                fill, inks = _fill(card._element.find(qn("p:spPr")), theme), _inks(card._element)
                assert inks and all(contrast(i, fill) >= 4.5 for i in inks), (accent, fill, inks)
                checked += 1
    assert checked >= 10
