"""The records a pack shows in English because they have no text in its language."""

from __future__ import annotations

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.language_fallbacks import shown_record_ids
from briefing_builder.paths import sample_store_dir
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store
from tests.deck_helpers import bundled_template

FRENCH = "jha-counsellors-2026-01-12-fr"


def test_each_record_shown_is_named_once_with_the_first_section_showing_it() -> None:
    catalog = load_store(sample_store_dir())
    ids = shown_record_ids(catalog.packs[FRENCH], catalog)
    assert ids["ms-input-2026-01"] == 1 and ids["return-readmission"] == 6
    assert ids["readmission-by-third-countries"] == 6


def test_the_plan_notes_each_fallback_at_its_section_and_none_in_english() -> None:
    catalog = load_store(sample_store_dir())
    geometry = open_template(bundled_template()).geometry
    french = [n for n in plan_deck(catalog.packs[FRENCH], catalog, geometry).warnings if n.kind == "language"]
    by_record = {n.message.split("'")[1]: n for n in french}
    assert by_record["readmission-by-third-countries"].section_index == 6
    assert "migration-diplomacy" not in by_record  # its title, goals and sources are all in French
    english = plan_deck(catalog.packs["jha-counsellors-2026-01-12"], catalog, geometry).warnings
    assert [n for n in english if n.kind == "language"] == []
