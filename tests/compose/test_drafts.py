"""Each pack section as its slide's draft: the bundled packs, reordered and edited as users edit packs."""

from __future__ import annotations

import pytest

from briefing_builder.compose import wording
from briefing_builder.compose.drafts import PACK_TEXT, Draft, area_numbers, default_title, make_drafts
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import AreaSection, CountrySection, Pack
from tests.deck_helpers import sample_catalog

REFERENCE, DEMO, FRENCH = "jha-counsellors-2026-01-12", "strategy-partners-briefing", "jha-counsellors-2026-01-12-fr"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return sample_catalog()


def _drafts(catalog: Catalog, pack: Pack) -> list[Draft]:
    return make_drafts(pack, catalog, "JHA Counsellors, 12 January 2026")


def _text(draft: Draft) -> list[str]:
    return ["".join(run.text for run in p.runs) for group in draft.bodies[0] for p in group]


def _areas(pack: Pack) -> list[AreaSection]:
    return [s for s in pack.sections if isinstance(s, AreaSection)]


def test_the_reference_pack_gives_one_draft_per_section_in_order(catalog: Catalog) -> None:
    pack = catalog.packs[REFERENCE]
    drafts = _drafts(catalog, pack)
    assert [d.section_index for d in drafts] == list(range(len(pack.sections)))
    assert drafts[0].role == "title" and drafts[0].title == pack.meeting.title
    assert drafts[0].subtitle[0] == "JHA Counsellors, 12 January 2026"
    assert drafts[-1].role == "closing"


def test_area_numbers_and_the_agenda_follow_the_packs_order_when_an_area_moves(catalog: Catalog) -> None:
    pack = catalog.packs[DEMO]
    areas = [i for i, s in enumerate(pack.sections) if isinstance(s, AreaSection)]
    swapped = list(pack.sections)
    swapped[areas[0]], swapped[areas[1]] = swapped[areas[1]], swapped[areas[0]]
    moved = pack.model_copy(update={"sections": swapped})
    assert area_numbers(moved) == {areas[0]: 1, areas[1]: 2}
    drafts = {d.section_index: d for d in _drafts(catalog, moved)}
    agenda = next(d for d in drafts.values() if d.role == "agenda")
    first, second = (catalog.areas[swapped[i].area] for i in areas)  # type: ignore[union-attr]
    assert _text(agenda)[:2] == [f"1. {first.title}", f"2. {second.title}"]
    assert drafts[areas[0]].title == f"1. {first.display_title}" and drafts[areas[0]].title_lead == 3


def test_an_area_shows_the_chosen_measures_in_the_packs_order_with_their_anchors(catalog: Catalog) -> None:
    pack = catalog.packs[DEMO]
    index, section = next((i, s) for i, s in enumerate(pack.sections) if isinstance(s, AreaSection) and s.measures)
    chosen = list(reversed(section.measures or []))
    edited = list(pack.sections)
    edited[index] = section.model_copy(update={"measures": chosen, "show_main_goals": False})
    draft = next(d for d in _drafts(catalog, pack.model_copy(update={"sections": edited}))
                 if d.section_index == index)
    heads = [group[0] for group in draft.bodies[0]]
    assert [p.source for p in heads] == [f"{m}:text" for m in chosen]  # no main goals, the pack's order
    assert draft.group_anchors == {m: i for i, m in enumerate(chosen)}
    assert draft.anchors == ((section.id,) if section.id else ()) + (section.area, *chosen)
    assert draft.notes[-1].endswith(", ".join(chosen))


def test_a_section_naming_a_record_the_store_lacks_is_skipped_and_the_rest_drawn(catalog: Catalog) -> None:
    pack = catalog.packs[DEMO]
    broken = [s.model_copy(update={"country": "atlantis"}) if isinstance(s, CountrySection) else s
              for s in pack.sections]
    drafts = _drafts(catalog, pack.model_copy(update={"sections": broken}))
    kept = {d.section_index for d in drafts}
    missing = {i for i, s in enumerate(broken) if isinstance(s, CountrySection)}
    assert missing and not kept & missing and kept | missing == set(range(len(broken)))


def test_a_country_card_has_its_figures_table_chart_and_notes(catalog: Catalog) -> None:
    pack = catalog.packs[DEMO]
    index, section = next((i, s) for i, s in enumerate(pack.sections) if isinstance(s, CountrySection))
    card = catalog.countries[section.country]
    draft = next(d for d in _drafts(catalog, pack) if d.section_index == index)
    assert draft.role == "two_content" and draft.title == card.name and draft.anchors[-1] == card.id
    assert draft.table is not None and len(draft.table.rows) == len(card.key_figures)
    assert draft.table.sources[0][0] == f"{card.id}:key_figures.0.label"
    value = "".join(run.text for run in draft.table.rows[0][1])
    if card.key_figures[0].illustrative:
        assert value.endswith(f"({wording.label('illustrative', 'en')})")
    if any(f.series for f in card.key_figures):
        assert draft.chart is not None and draft.chart.alt_text.startswith("Line chart of ")
    assert draft.notes[-1].startswith(wording.label("notes_line", "en").format(
        label=wording.label("records", "en"), text="")) and card.id in draft.notes[-1]
    without = section.model_copy(update={"figures": False, "chart": False})
    plain = make_drafts(pack.model_copy(update={"sections": [without]}), catalog, "")[0]
    assert plain.table is None and plain.chart is None


def test_free_text_is_marked_as_the_packs_own_text(catalog: Catalog) -> None:
    pack = catalog.packs[DEMO]
    draft = next(d for d in _drafts(catalog, pack) if d.role == "content" and d.bodies[0]
                 and d.bodies[0][0][0].source.startswith(PACK_TEXT))
    assert {p.source for group in draft.bodies[0] for p in group} == {f"{PACK_TEXT}:{draft.section_index + 1}"}


def test_a_french_pack_gets_french_default_titles_and_notes(catalog: Catalog) -> None:
    pack = catalog.packs[FRENCH]
    drafts = _drafts(catalog, pack)
    closing = next(d for d in drafts if d.role == "closing")
    closing_section = pack.sections[closing.section_index]
    if "title" not in closing_section.model_fields_set:
        assert closing.title == wording.label("closing", "fr")
    area = next(d for d in drafts if d.role == "content" and d.title_source)
    assert area.notes[-1].startswith(wording.label("records", "fr"))
    agenda = next(s for s in pack.sections if s.type == "agenda")
    assert default_title(agenda, "agenda", "fr") == (agenda.title if "title" in agenda.model_fields_set  # type: ignore[arg-type]
                                                     else wording.label("agenda", "fr"))
