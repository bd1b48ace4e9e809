"""The library as plain trees: every record of the store once, in order, with the text search matches."""

from __future__ import annotations

import pytest

from briefing_builder.pack.library_data import HEADERS, TABS, library_trees
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Catalog, load_store


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def test_every_record_is_one_node_under_its_tab(catalog: Catalog) -> None:
    trees = library_trees(catalog)
    assert list(trees) == [key for key, _ in TABS] == list(HEADERS)
    assert [n.record_id for n in trees["areas"]] == [a.id for a in sorted(catalog.areas.values(),
                                                                          key=lambda a: a.number)]
    measures = [c.record_id for n in trees["areas"] for c in n.children]
    assert measures == [m.id for a in sorted(catalog.areas.values(), key=lambda a: a.number) for m in a.measures]
    assert {n.record_id for n in trees["countries"]} == set(catalog.countries)
    assert {n.record_id for n in trees["milestones"]} == set(catalog.milestones)
    themes = [c.record_id for n in trees["consultations"] for c in n.children]
    assert themes == [t.id for c in catalog.consultations.values() for t in c.themes]
    for tab, roots in trees.items():
        for node in roots:
            assert len(node.columns) == len(HEADERS[tab]), (tab, node.record_id)
            assert all(child.parent is node for child in node.children)


def test_milestones_are_in_date_order(catalog: Catalog) -> None:
    milestones = [catalog.milestones[n.record_id] for n in library_trees(catalog)["milestones"]]
    years = [m.start_year for m in milestones]
    assert years == sorted(years)


def test_search_text_is_lower_case_plain_text_of_titles_bodies_and_ids(catalog: Catalog) -> None:
    trees = library_trees(catalog)
    area = catalog.areas[trees["areas"][0].record_id]
    measure = area.measures[0]
    node = trees["areas"][0].children[0]
    assert node.search == node.search.lower()
    assert measure.id in node.search
    assert "**" not in node.search and "](" not in node.search  # markup is gone, its words stay
    assert area.title.lower() in trees["areas"][0].search
    egypt = next(n for n in trees["countries"] if n.record_id == "egypt")
    assert egypt.region == catalog.countries["egypt"].region
    assert "eg" in egypt.search.split() and "return and readmission" in egypt.search
