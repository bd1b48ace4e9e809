"""One slide number per slide: the template's own (a placeholder, or a shape of its own holding the
slide-number field) when it shows one, the marking's otherwise, never over the marking."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build, sample_catalog
from tests.fixtures.templates import traits


def _marked_build(template: Path, marking: str) -> tuple[DeckPlan, bytes]:
    catalog = sample_catalog()
    pack = catalog.packs[REFERENCE_PACK]
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"marking": marking})})
    catalog = dataclasses.replace(catalog, packs={**catalog.packs, REFERENCE_PACK: pack})
    opened = open_template(template)
    plan = plan_deck(pack, catalog, opened.geometry, surfaces=read_surfaces(opened))
    return plan, deck_bytes(plan, open_template(template))


def _numbers_written(slide) -> int:  # noqa: ANN001
    """Slide-number fields the app wrote on the slide itself."""
    return sum(1 for _ in slide.element.iter(qn("a:fld")) if _.get("type") == "slidenum")


def test_a_template_drawing_its_own_number_gets_no_second_one_from_the_marking(tmp_path: Path) -> None:
    path = traits.make_number_circle(tmp_path)
    for marking in ("LIMITE", "RESTREINT UE/EU RESTRICTED"):
        plan, data = _marked_build(path, marking)
        slides = list(Presentation(io.BytesIO(data)).slides)
        assert len(slides) == len(plan.slides)
        for spec, slide in zip(plan.slides, slides):
            assert _numbers_written(slide) == 0, (marking, spec.number)  # the master's circle shows it
            assert not [s for s in slide.shapes if s.name.startswith("Slide number")], (marking, spec.number)
            assert [s for s in slide.shapes if s.name.startswith("Marking")], (marking, spec.number)


def test_a_template_showing_no_slide_number_gets_the_apps_own_on_every_slide(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK, traits.make_no_slide_number(tmp_path))  # the pack has no marking
    slides = list(Presentation(io.BytesIO(data)).slides)
    height = Presentation(io.BytesIO(data)).slide_height
    for spec, slide in zip(plan.slides, slides):
        numbers = [s for s in slide.shapes if any(f.get("type") == "slidenum" for f in s.element.iter(qn("a:fld")))]
        assert len(numbers) == 1 and numbers[0].top > height * 0.8, spec.number  # one, at the foot
    assert any("no slide number; the app writes its own" in n.message for n in plan.warnings)

