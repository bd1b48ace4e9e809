"""The plan is plain frozen data: safe to hand to a worker, to compare, and to look anchors up in.

Checked on the plans of the bundled packs on the bundled template.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from briefing_builder.compose.plan import DeckPlan, NoteKind, PlanNote
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build

PACKS = [REFERENCE_PACK, DEMO_PACK, "jha-counsellors-2026-01-12-fr"]


@pytest.fixture(scope="module", params=PACKS)
def plan(request: pytest.FixtureRequest) -> DeckPlan:
    return build(request.param)[0]


def test_a_plan_crosses_to_another_process_unchanged(plan: DeckPlan) -> None:
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan and again.source_values == plan.source_values
    assert [s.number for s in again.slides] == list(range(1, len(plan.slides) + 1))


def test_a_plan_cannot_be_changed_under_the_preview_or_the_writer(plan: DeckPlan) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.pack_id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.slides[0].title = "other"  # type: ignore[misc]
    assert isinstance(plan.slides, tuple) and all(isinstance(s.bodies, tuple) for s in plan.slides)


def test_what_was_kept_for_the_deck_import_does_not_make_two_plans_differ(plan: DeckPlan) -> None:
    assert dataclasses.replace(plan, source_values={}) == plan
    assert dataclasses.replace(plan, pack_id=plan.pack_id + "-2") != plan


def test_every_anchor_leads_to_a_slide_of_the_deck_and_an_unknown_one_to_none(plan: DeckPlan) -> None:
    assert plan.anchor_slides
    for anchor in plan.anchor_slides:
        number = plan.slide_for(anchor)
        assert number is not None and 1 <= number <= len(plan.slides)
    assert plan.slide_for("no-such-record") is None


def test_a_slides_text_colours_name_only_parts_it_has(plan: DeckPlan) -> None:
    for spec in plan.slides:
        assert {part for part, _ in spec.text_colours} <= {"title", "subtitle", "body"}
        assert spec.text_colour("footer") is None
        for part, colour in spec.text_colours:
            assert spec.text_colour(part) == colour and len(colour) == 6


def test_a_note_reads_as_its_message_and_its_kind_is_a_pre_flight_kind(plan: DeckPlan) -> None:
    note = PlanNote(NoteKind.CONTINUED, "Slide 7 continues on slide 8", 4)
    assert str(note) == "Slide 7 continues on slide 8" and NoteKind("continued") is NoteKind.CONTINUED
    assert all(isinstance(w.kind, NoteKind) and str(w) == w.message for w in plan.warnings)
