"""Title-slide fields (meeting and date, venue, presenter) are never dropped silently."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.geometry import Box
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, build, sample_catalog
from tests.fixtures.templates import traits


def test_a_title_layout_without_subtitle_gets_a_text_box_for_every_field(tmp_path: Path) -> None:
    path = traits.make_title_without_subtitle(tmp_path)
    plan, data = build(DEMO_PACK, path)
    first = Presentation(io.BytesIO(data)).slides[0]
    text = "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    for line in plan.slides[0].subtitle:  # meeting and date, venue, presenter
        assert line in text
    assert len(plan.slides[0].subtitle) == 3


def test_fields_that_cannot_be_shown_are_named(tmp_path: Path) -> None:
    catalog = sample_catalog()
    geometry = open_template(traits.make_title_without_subtitle(tmp_path)).geometry
    title = geometry.role("title")
    tiny = Box(title.title.left, title.title.bottom, title.title.width, 12700 * 10)
    cramped = geometry.__class__(**{**geometry.__dict__, "roles": {**geometry.roles, "title": title.__class__(
        **{**title.__dict__, "subtitle": tiny})}})
    plan = plan_deck(catalog.packs[DEMO_PACK], catalog, cramped)
    notes = [n.message for n in plan.warnings if "does not fit the subtitle box" in n.message]
    assert len(notes) == 1 and "Brussels" in notes[0]
    gone = cramped.__class__(**{**cramped.__dict__, "roles": {**cramped.roles, "title": title.__class__(
        **{**title.__dict__, "subtitle": None})}})
    plan = plan_deck(catalog.packs[DEMO_PACK], catalog, gone)
    notes = [n.message for n in plan.warnings if "left out" in n.message]
    assert len(notes) == 1 and "Brussels" in notes[0] and "Presidency" in notes[0]
