"""Place milestones on a year axis in non-overlapping lanes, paginating when they overflow."""

from __future__ import annotations

from dataclasses import replace

from briefing_builder.compose.fitting import WIDTH_SAFETY
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines, font_face
from briefing_builder.compose.plan import TimelineEntry, TimelineSpec
from briefing_builder.markup import Run
from briefing_builder.store.schema import Milestone, MilestonesSection

#: Height of the year axis band, in points, and of one lane per text line.
AXIS_PT = 40.0
LANE_PADDING_PT = 10.0
LABEL_LINES = 2
CARD_GAP_PT = 4.0
#: The theme accent a milestone card is filled with, by status.
STATUS_ACCENTS = {"proposed": "accent2", "planned": "accent1", "ongoing": "accent1", "adopted": "accent6",
                  "implemented": "accent6"}
#: Text margins inside a milestone card (left/right, top/bottom), in points.
CARD_PAD_X_PT = 4.0
CARD_PAD_Y_PT = 3.0


def select_milestones(milestones: list[Milestone], section: MilestonesSection) -> list[Milestone]:
    """Milestones of the section's areas that overlap its years, in date order."""
    wanted = set(section.areas) if section.areas else None
    chosen = [m for m in milestones
              if (wanted is None or wanted & set(m.areas))
              and m.end_year >= section.from_year and m.start_year <= section.to_year]
    return sorted(chosen, key=lambda m: (m.starts, m.end_year, m.title))


def lane_height_pt(font_size: float, family: str) -> float:
    """Height of one lane: a label of up to two lines plus its date line and padding."""
    return (LABEL_LINES + 1) * font_size * font_face(family).line_height_em + LANE_PADDING_PT


def label_width_pt(card_width_pt: float) -> float:
    """The width of a card's label lines, inside its margins (measured at the fitter's safety)."""
    return card_width_pt - 2 * CARD_PAD_X_PT


def layout_timeline(milestones: list[Milestone], section: MilestonesSection, box: Box, family: str,
                    font_size: float, alt_prefix: str) -> list[TimelineSpec]:
    """Timeline pages for ``milestones`` in ``box`` (several when the lanes do not fit)."""
    years = section.to_year - section.from_year + 1
    column_pt = box.width / EMU_PER_POINT / years
    lanes_per_page = max(1, int((box.height / EMU_PER_POINT - AXIS_PT) // lane_height_pt(font_size, family)))
    entries: list[TimelineEntry] = []
    lane_ends: list[float] = []
    for milestone in milestones:
        start = max(milestone.start_year, section.from_year) - section.from_year
        end = min(milestone.end_year, section.to_year) - section.from_year + 1
        span = max(end - start, 1)
        columns = max(span, 2)  # a label needs at least two year columns
        label = (Run(milestone.title, bold=True),)
        while columns < years and count_lines(label, family, font_size, label_width_pt(
                columns * column_pt - CARD_GAP_PT) * WIDTH_SAFETY) > LABEL_LINES:
            columns += 1
        width_pt = columns * column_pt - CARD_GAP_PT
        left = min(start * column_pt, years * column_pt - columns * column_pt)
        lane = next((i for i, e in enumerate(lane_ends) if e <= left + 0.5), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = left + width_pt + CARD_GAP_PT
        entries.append(TimelineEntry(milestone.title, max(milestone.start_year, section.from_year),
                                     min(milestone.end_year, section.to_year), _when(milestone),
                                     milestone.status.value if milestone.status else None, lane,
                                     round(left, 2), round(width_pt, 2)))
    pages: list[list[TimelineEntry]] = []
    for entry in entries:
        page_index = entry.lane // lanes_per_page
        while len(pages) <= page_index:
            pages.append([])
        pages[page_index].append(replace(entry, lane=entry.lane % lanes_per_page))
    if not pages:
        pages = [[]]
    specs = []
    for page in pages:
        alt = alt_prefix + (
            "; ".join(f"{e.when}: {e.label}" for e in page) if page else "no milestones in this period")
        specs.append(TimelineSpec(section.from_year, section.to_year, tuple(page), box, font_size, alt,
                                  AXIS_PT, round(lane_height_pt(font_size, family), 2)))
    return specs


def _when(milestone: Milestone) -> str:
    text = milestone.when
    return f"{text} · {milestone.body}" if milestone.body else text
