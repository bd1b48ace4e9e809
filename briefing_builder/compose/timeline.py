"""Place milestones on a year axis in non-overlapping lanes, paginating when they overflow."""

from __future__ import annotations

import math
from dataclasses import replace

from briefing_builder.compose.fitting import WIDTH_SAFETY
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines, font_face, text_width
from briefing_builder.compose.plan import TimelineEntry, TimelineSpec
from briefing_builder.markup import Run
from briefing_builder.store.schema import Milestone, MilestonesSection

#: Height of the year axis band, in points on the house slide (every length here grows with the text scale).
AXIS_PT = 40.0
#: Lines of a card's title measured for every lane (a lane grows when a title needs more).
LABEL_LINES = 2
#: Room between cards side by side and between lanes, in points.
CARD_GAP_PT = 4.0
CARD_GAP_Y_PT = 6.0
#: The theme accent a milestone card is filled with, by status.
STATUS_ACCENTS = {"proposed": "accent2", "planned": "accent1", "ongoing": "accent1", "adopted": "accent6",
                  "implemented": "accent6"}
#: Text margins inside a milestone card (left/right, top/bottom), in points.
CARD_PAD_X_PT = 4.0
CARD_PAD_Y_PT = 3.0
#: A card's corner radius, as a share of its shorter side (the rounded rectangle's ``adj``).
CARD_CORNER = 0.12
#: How far a rounded rectangle's own text area lies inside its edges, as a share of its shorter side: both
#: renderers set the text inside the preset's text rectangle (inset by the corner radius times 1 − √½), then the
#: margins. Unnoticed at 12 pt (under 2 pt); on a poster's 210 pt card it is 7 pt a side, and the last line fell
#: out of the card.
CARD_TEXT_INSET = CARD_CORNER * (1 - math.sqrt(0.5))
#: LibreOffice sets the lines of a shape's text 1.2 em apart whatever the font (measured in LibreOffice 7.4 on
#: Liberation Sans, Carlito, Caladea and DejaVu at 8 to 40 pt); PowerPoint at the font's own line height. A
#: card's lines are counted at the taller of the two (Arial's own are 1.15 em).
SHAPE_LINE_EM = 1.2
#: The date and owner line ("2026 · Frontex") is set this many points smaller than the card's title.
DATE_SIZE_DROP_PT = 1.0


#: Year labels are set down to this size (points) to fit their columns; narrower still, only every second (third…)
#: year is labelled.
YEAR_MIN_PT = 8.0
#: The room kept between two year labels, in points.
YEAR_GAP_PT = 3.0


def year_labels(from_year: int, to_year: int, column_pt: float, family: str, size: float) -> tuple[float, int]:
    """(size, step) of the axis's year labels: the largest size from ``size`` down to :data:`YEAR_MIN_PT` (half
    points) at which the widest year, bold, fits its column with :data:`YEAR_GAP_PT` to spare, labelling every
    year; else at the floor, labelling every ``step``-th year so that labels never run together."""
    def widest(at: float) -> float:
        return max(text_width(str(year), family, at, bold=True) for year in range(from_year, to_year + 1))

    at = size
    while at > YEAR_MIN_PT and widest(at) + YEAR_GAP_PT > column_pt:
        at = max(YEAR_MIN_PT, at - 0.5)
    step = 1
    while widest(at) + YEAR_GAP_PT > step * column_pt and step < to_year - from_year + 1:
        step += 1
    return at, step


def select_milestones(milestones: list[Milestone], section: MilestonesSection) -> list[Milestone]:
    """Milestones of the section's areas that overlap its years, in date order."""
    wanted = set(section.areas) if section.areas else None
    chosen = [m for m in milestones
              if (wanted is None or wanted & set(m.areas))
              and m.end_year >= section.from_year and m.start_year <= section.to_year]
    return sorted(chosen, key=lambda m: (m.starts, m.end_year, m.title))


def date_size(font_size: float) -> float:
    """Size of a card's date and owner line when its title is set at ``font_size``."""
    return font_size - DATE_SIZE_DROP_PT


def card_line_pt(font_size: float, family: str) -> float:
    """Height of one line of a card's text at ``font_size``, as the taller renderer sets it."""
    return font_size * max(font_face(family).line_height_em, SHAPE_LINE_EM)


def lane_height_pt(font_size: float, family: str, label_lines: int = LABEL_LINES, date_lines: int = 1,
                   scale: float = 1.0) -> float:
    """Height of one lane: a card of ``label_lines`` title lines and ``date_lines`` date lines, its margins and
    its corners' text inset, and the gap to the next lane (margins and gap grow with the text ``scale``)."""
    text = (label_lines * card_line_pt(font_size, family) + date_lines * card_line_pt(date_size(font_size), family)
            + 2 * CARD_PAD_Y_PT * scale)
    return text / (1 - 2 * CARD_TEXT_INSET) + CARD_GAP_Y_PT * scale


def card_height_pt(lane_pt: float, scale: float = 1.0) -> float:
    """Height of a card in a lane ``lane_pt`` tall."""
    return lane_pt - CARD_GAP_Y_PT * scale


def card_insets(width_pt: float, height_pt: float, scale: float = 1.0) -> tuple[float, float]:
    """How far a card's text lies inside its left (and right) and top edges: its margins and the corners' inset."""
    corner = CARD_TEXT_INSET * min(width_pt, height_pt)
    return CARD_PAD_X_PT * scale + corner, CARD_PAD_Y_PT * scale + corner


def label_width_pt(card_width_pt: float, card_height: float = 0.0, scale: float = 1.0) -> float:
    """The width of a card's label lines, inside its margins and corners (measured at the fitter's safety)."""
    return card_width_pt - 2 * card_insets(card_width_pt, card_height, scale)[0]


def _card_lines(milestone: Milestone, family: str, font_size: float, width_pt: float,
                scale: float = 1.0) -> tuple[int, int]:
    """(title lines, date lines) of a card ``width_pt`` wide, measured at the fitter's width safety."""
    height = card_height_pt(lane_height_pt(font_size, family, scale=scale), scale)
    width = label_width_pt(width_pt, height, scale) * WIDTH_SAFETY
    return (count_lines((Run(milestone.title, bold=True),), family, font_size, width),
            count_lines((Run(_when(milestone)),), family, date_size(font_size), width))


def layout_timeline(milestones: list[Milestone], section: MilestonesSection, box: Box, family: str,
                    font_size: float, alt_prefix: str, scale: float = 1.0) -> list[TimelineSpec]:
    """Timeline pages for ``milestones`` in ``box`` (several when the lanes do not fit).

    A card is widened, a year column at a time, until its title takes at most two lines and its date
    and owner line one; every lane is as tall as the tallest card needs. The axis, margins and gaps are the
    house slide's times ``scale`` (the template's text scale), as the text is.
    """
    axis_pt, gap_pt = AXIS_PT * scale, CARD_GAP_PT * scale
    years = section.to_year - section.from_year + 1
    column_pt = box.width / EMU_PER_POINT / years
    entries: list[TimelineEntry] = []
    lane_ends: list[float] = []
    label_lines, date_lines = LABEL_LINES, 1
    for milestone in milestones:
        start = max(milestone.start_year, section.from_year) - section.from_year
        end = min(milestone.end_year, section.to_year) - section.from_year + 1
        span = max(end - start, 1)
        columns = max(span, 2)  # a label needs at least two year columns
        lines = _card_lines(milestone, family, font_size, columns * column_pt - gap_pt, scale)
        while columns < years and (lines[0] > LABEL_LINES or lines[1] > 1):
            columns += 1
            lines = _card_lines(milestone, family, font_size, columns * column_pt - gap_pt, scale)
        label_lines, date_lines = max(label_lines, lines[0]), max(date_lines, lines[1])
        width_pt = columns * column_pt - gap_pt
        left = min(start * column_pt, years * column_pt - columns * column_pt)
        lane = next((i for i, e in enumerate(lane_ends) if e <= left + 0.5), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = left + width_pt + gap_pt
        entries.append(TimelineEntry(milestone.title, max(milestone.start_year, section.from_year),
                                     min(milestone.end_year, section.to_year), _when(milestone),
                                     milestone.status.value if milestone.status else None, lane,
                                     round(left, 2), round(width_pt, 2)))
    lane_pt = lane_height_pt(font_size, family, label_lines, date_lines, scale)
    lanes_per_page = max(1, int((box.height / EMU_PER_POINT - axis_pt) // lane_pt))
    pages: list[list[TimelineEntry]] = []
    for entry in entries:
        page_index = entry.lane // lanes_per_page
        while len(pages) <= page_index:
            pages.append([])
        pages[page_index].append(replace(entry, lane=entry.lane % lanes_per_page))
    if not pages:
        pages = [[]]
    year_size, year_step = year_labels(section.from_year, section.to_year, column_pt, family, font_size)
    specs = []
    for page in pages:
        alt = alt_prefix + (
            "; ".join(f"{e.when}: {e.label}" for e in page) if page else "no milestones in this period")
        specs.append(TimelineSpec(section.from_year, section.to_year, tuple(page), box, font_size, alt,
                                  round(axis_pt, 2), round(lane_pt, 2), family, scale, year_size, year_step))
    return specs


def _when(milestone: Milestone) -> str:
    text = milestone.when
    return f"{text} · {milestone.body}" if milestone.body else text
