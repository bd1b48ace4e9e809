"""Milestones on a year axis: chosen by area and years, lanes that never overlap, pages when they overflow."""

from __future__ import annotations

import itertools

from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.plan import TimelineSpec
from briefing_builder.compose.timeline import AXIS_PT, lane_height_pt, layout_timeline, select_milestones
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.schema import MilestonesSection

WIDE = Box(0, 0, 720 * EMU_PER_POINT, 400 * EMU_PER_POINT)


def _section(**values: object) -> MilestonesSection:
    return MilestonesSection.model_validate({"type": "milestones", **values})


def _no_overlap(spec: TimelineSpec) -> None:
    for lane in {e.lane for e in spec.entries}:
        cards = sorted((e.left_pt, e.left_pt + e.width_pt) for e in spec.entries if e.lane == lane)
        assert all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(cards)), cards


def test_milestones_are_chosen_by_area_and_years_in_date_order() -> None:
    milestones = list(load_store(sample_store_dir()).milestones.values())
    every = select_milestones(milestones, _section(from_year=1900, to_year=2200))
    assert len(every) == len(milestones)
    assert [m.starts for m in every] == sorted(m.starts for m in every)
    area = every[0].areas[0]
    assert all(area in m.areas for m in select_milestones(milestones, _section(areas=[area], from_year=1900,
                                                                                  to_year=2200)))
    late = select_milestones(milestones, _section(from_year=2030, to_year=2034))
    assert all(m.end_year >= 2030 for m in late) and len(late) < len(every)


def test_cards_stay_in_the_box_in_lanes_that_never_overlap() -> None:
    milestones = list(load_store(sample_store_dir()).milestones.values())
    section = _section(from_year=2024, to_year=2034)
    (spec,) = layout_timeline(select_milestones(milestones, section), section, WIDE, "Calibri", 11.0, "Timeline: ")
    assert spec.entries and spec.alt_text.startswith("Timeline: ")
    assert all(e.left_pt >= 0 and e.left_pt + e.width_pt <= 720 + 0.01 for e in spec.entries)
    assert all(section.from_year <= e.start_year <= e.end_year <= section.to_year for e in spec.entries)
    _no_overlap(spec)
    assert all(e.label in spec.alt_text for e in spec.entries)


def test_lanes_that_do_not_fit_go_to_further_pages() -> None:
    milestones = list(load_store(sample_store_dir()).milestones.values())
    section = _section(from_year=2026, to_year=2027)  # two columns: nearly every card gets a lane of its own
    chosen = select_milestones(milestones, section)
    short = Box(0, 0, 720 * EMU_PER_POINT, int((AXIS_PT + 1.5 * lane_height_pt(11.0, "Calibri")) * EMU_PER_POINT))
    pages = layout_timeline(chosen, section, short, "Calibri", 11.0, "")
    assert len(pages) > 1
    assert all({e.lane for e in page.entries} == {0} for page in pages)  # one lane fits a page
    assert sum(len(page.entries) for page in pages) == len(chosen)
    for page in pages:
        _no_overlap(page)


def test_no_milestone_in_the_period_gives_one_empty_page_that_says_so() -> None:
    (page,) = layout_timeline([], _section(), WIDE, "Calibri", 11.0, "Timeline: ")
    assert page.entries == () and page.alt_text == "Timeline: no milestones in this period"


def test_a_card_is_widened_until_its_owner_line_takes_one_line_and_lanes_hold_every_cards_lines() -> None:
    """The owner line ("2026 · EUAA") was never measured: a long owner wrapped below its card. A card now widens
    until its date line takes one line, and a lane is as tall as its tallest card's lines need."""
    from briefing_builder.compose.fitting import WIDTH_SAFETY
    from briefing_builder.compose.measure import count_lines
    from briefing_builder.compose.timeline import (
        CARD_PAD_Y_PT,
        card_height_pt,
        card_line_pt,
        date_size,
        label_width_pt,
    )
    from briefing_builder.markup import Run
    from briefing_builder.store.schema import Milestone

    owner = "European Union Agency for Asylum and European Border and Coast Guard Agency"
    long_title = "Evaluation of the mandate, followed by a possible amendment of the founding regulation " * 3
    milestones = [Milestone(id="a", title="Review", period="2026", body=owner),
                  Milestone(id="b", title=long_title.strip(), period="2030")]
    section = _section(from_year=2026, to_year=2034)
    (spec,) = layout_timeline(milestones, section, WIDE, "Arial", 13.0, "")
    review, long = spec.entries
    width = label_width_pt(review.width_pt) * WIDTH_SAFETY
    assert count_lines((Run(review.when),), "Arial", date_size(13.0), width) == 1
    long_width = label_width_pt(long.width_pt) * WIDTH_SAFETY
    title_lines = count_lines((Run(long.label, bold=True),), "Arial", 13.0, long_width)
    assert title_lines > 2
    needed = title_lines * card_line_pt(13.0, "Arial") + card_line_pt(date_size(13.0), "Arial") + 2 * CARD_PAD_Y_PT
    assert card_height_pt(spec.lane_pt) >= needed - 0.01
    assert card_line_pt(13.0, "Arial") >= 1.2 * 13.0  # LibreOffice's line height in shapes, above Arial's own


def test_on_a_poster_the_axis_margins_and_gaps_grow_with_the_text_and_the_corners_inset_is_room_in_the_card() -> None:
    """On a 3419×2564 pt poster (text scale 4.75) the cards' text is 57 pt, but the axis band stayed 40 pt (the
    57 pt years crossed the axis line) and the card was as tall as its lines and 3 pt margins only: a rounded
    card's text area lies inside its corners (7 pt a side at 210 pt tall), and LibreOffice set the owner line
    ("2026 · Frontex") below the card. The lengths now scale, and a card holds its lines inside its corners."""
    from briefing_builder.compose.timeline import (
        CARD_PAD_Y_PT,
        card_height_pt,
        card_insets,
        card_line_pt,
        date_size,
    )
    from briefing_builder.store.schema import Milestone

    scale = 4.75
    poster = Box(0, 0, 3200 * EMU_PER_POINT, 1800 * EMU_PER_POINT)
    milestones = [Milestone(id="a", title="Revision of the Frontex regulation", period="2026", body="Frontex")]
    (spec,) = layout_timeline(milestones, _section(from_year=2026, to_year=2034), poster, "Arial", 57.0, "",
                              scale)
    assert spec.axis_pt == AXIS_PT * scale and spec.scale == scale
    (card,) = spec.entries
    height = card_height_pt(spec.lane_pt, scale)
    lines = 2 * card_line_pt(57.0, "Arial") + card_line_pt(date_size(57.0), "Arial")
    inset_y = card_insets(card.width_pt, height, scale)[1]
    assert inset_y > CARD_PAD_Y_PT * scale + 5  # the corners' inset counts
    assert height >= lines + 2 * inset_y - 0.01
    (house,) = layout_timeline(milestones, _section(from_year=2026, to_year=2034), WIDE, "Arial", 12.0, "")
    assert house.axis_pt == AXIS_PT and house.scale == 1.0
def test_year_labels_in_narrow_columns_are_set_smaller_then_thinned_never_running_together() -> None:
    from briefing_builder.compose.measure import text_width
    from briefing_builder.compose.timeline import YEAR_GAP_PT, YEAR_MIN_PT, year_labels

    assert year_labels(2026, 2034, 80.0, "Calibri", 12.0) == (12.0, 1)  # roomy columns: as the cards
    for column in (30.0, 22.0, 12.0, 5.0):
        size, step = year_labels(2026, 2034, column, "Calibri", 12.0)
        assert YEAR_MIN_PT <= size <= 12.0
        assert text_width("2034", "Calibri", size, bold=True) + YEAR_GAP_PT <= step * column or step == 9
    assert year_labels(2026, 2034, 5.0, "Calibri", 12.0)[1] > 1
    milestones = list(load_store(sample_store_dir()).milestones.values())
    section = _section(from_year=2026, to_year=2034)
    narrow = Box(0, 0, 200 * EMU_PER_POINT, 400 * EMU_PER_POINT)
    (spec, *_rest) = layout_timeline(select_milestones(milestones, section), section, narrow, "Calibri", 12.0, "")
    column = 200 / 9
    assert text_width("2034", "Calibri", spec.year_size, bold=True) + YEAR_GAP_PT <= spec.year_step * column
