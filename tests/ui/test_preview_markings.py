"""The preview draws the markings the deck will carry: same text, same place, same colour."""

from __future__ import annotations

from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.preview_scene import TextOp
from briefing_builder.ui.preview.worker import TemplateCache, compute_preview
from tests.deck_helpers import REFERENCE_PACK, sample_catalog


def test_preview_draws_each_planned_marking_where_and_as_the_deck_has_it() -> None:
    catalog = sample_catalog()
    base = catalog.packs[REFERENCE_PACK]
    pack = base.model_copy(update={"meeting": base.meeting.model_copy(update={"marking": "RESTREINT UE + LIMITE"})})
    result = compute_preview(pack, catalog, TemplateCache())
    assert result.error is None and result.plan is not None
    for spec, scene in zip(result.plan.slides, result.scenes):
        assert len(spec.marks) == 3
        for mark in spec.marks:
            texts = [op for op in scene.ops if isinstance(op, TextOp) and op.text == mark.text]
            assert texts, f"slide {spec.number}: {mark.text} not drawn"
            op = min(texts, key=lambda t: abs(t.top - mark.box.top / EMU_PER_POINT))
            assert op.color == mark.colour and op.bold and op.size == mark.size_pt
            left, top = mark.box.left / EMU_PER_POINT, mark.box.top / EMU_PER_POINT
            assert left <= op.x <= left + mark.box.width / EMU_PER_POINT and top <= op.top + 1 <= top + 25
    title_colours = {m.colour for m in result.plan.slides[0].marks}
    assert "B00020" not in title_colours  # the navy title slide gets a lighter red, in the preview as in the deck
