"""Store text as annex cells: cross-references named after their targets, links with their address."""

from __future__ import annotations

import pytest

from briefing_builder.annex.cell_text import CellText, joined_lines, plain_lines
from briefing_builder.markup import Run, plain_text
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_store
from briefing_builder.store.schema import SubPoint
from tests.annex.test_planner import REFERENCE, tiny_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog = load_store(sample_store_dir())
    assert not catalog.errors
    return catalog


def test_an_area_is_named_by_its_agenda_number_in_the_pack_and_by_its_title_outside_it(catalog: Catalog) -> None:
    pack = catalog.packs[REFERENCE]
    text = CellText(pack, catalog)
    in_pack = [s.area for s in pack.sections if getattr(s, "area", None)]
    assert text.area_label(in_pack[0]) == f"1. {catalog.areas[in_pack[0]].title}"
    assert text.area_label(in_pack[3]) == f"4. {catalog.areas[in_pack[3]].title}"
    partners = catalog.packs["strategy-partners-briefing"]
    outside = next(a for a in catalog.areas if a not in {getattr(s, "area", None) for s in partners.sections})
    assert CellText(partners, catalog).area_label(outside) == catalog.areas[outside].title
    assert text.area_label("no-such-area") == "no-such-area"


def test_a_cross_reference_keeps_its_own_text_and_an_unknown_target_is_named_by_its_id() -> None:
    pack, tiny = tiny_catalog("unused")
    runs = CellText(pack, tiny).rich("See [the other slide](#area-one) and [slide {n}](#nowhere) and [](#area-one)")
    assert plain_text(runs) == "See the other slide and nowhere and 1. Area one"
    assert all(r.ref is None for r in runs)


def test_a_hyperlink_keeps_its_text_and_shows_its_address() -> None:
    pack, tiny = tiny_catalog("unused")
    runs = CellText(pack, tiny).rich("Read [the Pact](https://example.eu/pact) or https://x.eu")
    assert plain_text(runs) == "Read the Pact (https://example.eu/pact) or https://x.eu"
    assert any(r.link == "https://example.eu/pact" and r.text == "the Pact" for r in runs)


def test_sub_points_are_one_line_each_and_deeper_levels_are_indented() -> None:
    pack, tiny = tiny_catalog("unused")
    points = [SubPoint(text="**First**", sub_points=[SubPoint(text="inner")]), SubPoint(text="Second")]
    lines = CellText(pack, tiny).sub_point_lines(points)
    assert [plain_text(line) for line in lines] == ["– First", "    – inner", "– Second"]
    assert Run("First", bold=True) in lines[0]
    assert plain_text(joined_lines([*lines, ()])) == "– First\n    – inner\n– Second"


def test_plain_lines_are_each_shown_once_without_blanks_or_control_characters() -> None:
    assert plain_lines(["Frontex", "", "  ", "Frontex", "EU\x07AA"]) == "Frontex\nEUAA"
    assert plain_lines(["", " "]) is None
