"""Where deck text comes from: ``record-id:field`` sources and the values they name in the bundled store."""

from __future__ import annotations

import pytest

from briefing_builder.compose import provenance
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.render.template import open_template
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import SubPoint
from tests.deck_helpers import REFERENCE_PACK, bundled_template, sample_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return sample_catalog()


def test_a_source_splits_at_its_last_colon() -> None:
    assert provenance.split("eu-talent-pool:text") == ("eu-talent-pool", "text")
    assert provenance.split("afghanistan:key_figures.0.label") == ("afghanistan", "key_figures.0.label")
    assert provenance.split("pack:agenda:note") == ("pack:agenda", "note")
    assert provenance.split("no-field") == ("", "no-field")


def test_sub_points_read_as_levels_in_reading_order() -> None:
    points = [SubPoint(text="Returns", sub_points=[SubPoint(text="Readmission", sub_points=[
        SubPoint(text="Third countries")]), SubPoint(text="Reintegration")]), SubPoint(text="Visas")]
    assert provenance.flat_points(points) == [[0, "Returns"], [1, "Readmission"], [2, "Third countries"],
                                   [1, "Reintegration"], [0, "Visas"]]


def test_every_record_is_found_with_the_record_whose_file_holds_it(catalog: Catalog) -> None:
    index = provenance.record_index(catalog)
    area = next(iter(catalog.areas.values()))
    measure = area.measures[0]
    consultation = next(iter(catalog.consultations.values()))
    assert provenance.owner(index, area.id) == (area, area.id)
    assert provenance.owner(index, measure.id) == (measure, measure.id)
    assert provenance.owner(index, consultation.themes[0].id) == (consultation.themes[0], consultation.id)
    assert provenance.record(index, "afghanistan") is catalog.countries["afghanistan"]
    assert provenance.owner(index, "no-such-record") == (None, "")


def test_a_fields_value_now_follows_paths_lists_and_gone_records(catalog: Catalog) -> None:
    index = provenance.record_index(catalog)

    def now(source: str) -> object:
        return provenance.field_value(index, source)

    card = catalog.countries["afghanistan"]
    assert now("afghanistan:key_figures.0.label") == card.key_figures[0].label
    assert now("afghanistan:key_figures.0.value") == str(card.key_figures[0].value)
    assert now("afghanistan:key_figures.99.label") is None
    assert now("afghanistan:cooperation_areas") == [[0, str(a)] for a in card.cooperation_areas]
    assert now("main-areas-of-cooperation:sub_points")[0] == [  # type: ignore[index]
        0, "Return and readmission (see [slide {n}](#return-readmission))"]
    assert now("gone-record:text") is None and now("afghanistan:no_field") is None


def test_the_deck_keeps_a_value_for_every_source_its_paragraphs_name(catalog: Catalog) -> None:
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, open_template(bundled_template()).geometry)
    sources = {p.source for spec in plan.slides for frame in spec.bodies for p in frame.paragraphs if p.source}
    assert sources, "the reference deck's paragraphs carry their sources"
    values = provenance.plan_values(catalog, sources | {""})
    assert set(values) == sources and all(value is not None for value in values.values())
    kept = dict(plan.source_values)  # what the export writes into the deck
    assert sources <= set(kept) and all(kept[source] == values[source] for source in sources)
