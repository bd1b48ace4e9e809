"""Where library records land in a pack: measures join their area's section; content after the agenda."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_builder.pack.adding import add_records, content_position
from briefing_builder.pack.document import PackEditError, new_pack
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Catalog, load_store

MEASURE = "readmission-by-third-countries"
OTHER = "common-european-return-system"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def test_a_measure_of_an_area_shown_in_full_is_already_there(catalog: Catalog) -> None:
    pack = catalog.packs["jha-counsellors-2026-01-12"]  # every area, all their measures
    addition = add_records(pack, [("measure", MEASURE)], catalog, 3)
    assert not addition.changed and addition.already == [MEASURE] and addition.pack == pack
    areas = [s.area for s in addition.pack.sections if s.type == "area"]
    assert len(areas) == len(set(areas))


def test_a_measure_joins_its_areas_section_with_chosen_measures(catalog: Catalog) -> None:
    pack = catalog.packs["strategy-partners-briefing"]  # return-readmission shows only MEASURE
    row = next(n for n, s in enumerate(pack.sections) if s.type == "area" and s.area == "return-readmission")
    addition = add_records(pack, [("measure", OTHER), ("country", "tunisia")], catalog, 2)
    assert len(addition.pack.sections) == len(pack.sections) + 1  # the country only
    assert addition.inserted[0].type == "country" and addition.pack.sections[2].type == "country"
    assert addition.joined == [row + 1]  # shifted by the country inserted before it
    assert addition.pack.sections[row + 1].measures == [MEASURE, OTHER]  # the pack's order, the new one last
    again = add_records(addition.pack, [("measure", OTHER)], catalog, 2)
    assert not again.changed and again.already == [OTHER]


def test_two_measures_of_a_new_area_make_one_section(catalog: Catalog) -> None:
    pack = new_pack(catalog, dt.date(2026, 3, 4))
    addition = add_records(pack, [("measure", MEASURE), ("measure", OTHER)], catalog, 2)
    [section] = addition.inserted
    assert section.area == "return-readmission" and section.measures == [MEASURE, OTHER]
    with pytest.raises(PackEditError, match="no longer in the store"):
        add_records(pack, [("measure", "gone")], catalog, 2)


def test_content_goes_after_the_agenda_and_before_the_closing(catalog: Catalog) -> None:
    pack = new_pack(catalog, dt.date(2026, 3, 4))  # title, agenda, closing
    assert [content_position(pack, row) for row in (-1, 0, 1, 2)] == [2, 2, 2, 2]
    filled = add_records(pack, [("area", "strong-borders")], catalog, 2).pack  # title, agenda, area, closing
    assert [content_position(filled, row) for row in (0, 1, 2, 3)] == [2, 2, 3, 3]
