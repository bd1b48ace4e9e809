"""The deck plan: plain, frozen data that every output (deck, preview) is drawn from.

The planner makes every decision here — numbering, cross-reference resolution, text
fitting and splitting, footers and markings — so renderers only draw what they are given.
Plans are safe to hand to a worker thread and compare in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from briefing_builder.compose.geometry import Box
from briefing_builder.markup import Run


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its runs, indent level (0 = top) and whether it shows a bullet."""

    runs: tuple[Run, ...]
    level: int = 0
    bullet: bool = True
    #: Where the text came from, ``"record-id:field"`` ("" = made by the app); not compared.
    source: str = field(default="", compare=False)
    #: How many leading characters the app generated (a label, a number) before the field's text.
    lead: int = field(default=0, compare=False)

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class TextFrame:
    """Paragraphs placed in a box at a font size chosen by the fitter (points)."""

    paragraphs: tuple[Paragraph, ...]
    box: Box
    font_size: float
    placeholder: int = 0  # index among the layout's body boxes; -1 = a free text box


@dataclass(frozen=True)
class TableSpec:
    """A table with a header row; cells are runs. ``col_widths`` are fractions of the box."""

    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    col_widths: tuple[float, ...]
    box: Box
    font_size: float
    alt_text: str = ""
    row_heights: tuple[int, ...] = ()  # EMU, header first; empty = equal rows
    #: The family the cells were measured in, written on their runs ("": the template's table font).
    font_family: str = ""
    #: Each body cell's source (``"record-id:field"``, "" = made by the app), row by row; not compared.
    sources: tuple[tuple[str, ...], ...] = field(default=(), compare=False)
    #: The cells' margins as a share of PowerPoint's default ones (the template's text scale; 1: not written).
    cell_pad: float = 1.0


@dataclass(frozen=True)
class ChartSeries:
    """A named series of values."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartSpec:
    """A native, editable chart."""

    kind: str  # "line" or "column"
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    box: Box
    alt_text: str
    number_format: str = "General"
    #: The chart title's size and its labels' and legend's (the house's 12 and 11 pt times the text scale).
    title_size: float = 12.0
    text_size: float = 11.0


@dataclass(frozen=True)
class TimelineEntry:
    """A milestone on the timeline: label, years covered, status, row (lane) and placement.

    ``left_pt`` and ``width_pt`` place the label card from the timeline box's left edge.
    """

    label: str
    start_year: int
    end_year: int
    when: str
    status: str | None
    lane: int
    left_pt: float = 0.0
    width_pt: float = 0.0


@dataclass(frozen=True)
class TimelineSpec:
    """A horizontal timeline of years with milestones placed in lanes."""

    from_year: int
    to_year: int
    entries: tuple[TimelineEntry, ...]
    box: Box
    font_size: float
    alt_text: str
    axis_pt: float = 40.0
    lane_pt: float = 60.0
    #: The family the cards were measured in, written on their runs ("": the template's shape font).
    font_family: str = ""
    #: The template's text scale the axis, card margins and gaps were set at (1 on the house slide).
    scale: float = 1.0
    #: The year labels' size (0: ``font_size``) and which are labelled (every ``year_step``-th, from the first),
    #: so that they never run together (:func:`~briefing_builder.compose.timeline.year_labels`).
    year_size: float = 0.0
    year_step: int = 1


@dataclass(frozen=True)
class MarkSpec:
    """A marking placed on a page in a colour readable there — or, where the layout has no
    place for them, the slide number or the document reference, placed the same way.

    ``fill`` is a backing colour when no shade of the marking's colour is readable on what
    lies under the box; ``contrast`` is the worst WCAG ratio against what was sampled there.
    """

    text: str
    box: Box
    colour: str
    size_pt: float
    align: str = "ctr"  # l, ctr, r
    bold: bool = True
    fill: str | None = None
    contrast: float = 21.0
    slide_number: bool = False
    #: The shape's name in the deck: "Marking", "Slide number" or "Reference".
    name: str = "Marking"
    #: Its alt text in the deck's language ("Marquage : LIMITE"); empty: the name and the text.
    description: str = ""
    #: The language tag of its text (the deck's: ``fr-BE``).
    lang: str = "en-GB"


@dataclass(frozen=True)
class SlideSpec:
    """One slide, fully decided."""

    number: int
    role: str
    title: str
    subtitle: tuple[str, ...] = ()
    bodies: tuple[TextFrame, ...] = ()
    table: TableSpec | None = None
    chart: ChartSpec | None = None
    timeline: TimelineSpec | None = None
    notes: str = ""
    anchors: tuple[str, ...] = ()
    section_index: int = 0
    continuation: int = 0
    footer: str = ""
    marking: str = ""
    marks: tuple[MarkSpec, ...] = ()
    #: Set when the markings needed room: the title or footer box the slide uses instead of the layout's.
    title_box: Box | None = None
    footer_box: Box | None = None
    #: Set when the subtitle's lines needed more room than the layout's box: the box grown into free space.
    subtitle_box: Box | None = None
    title_font_size: float | None = None
    subtitle_font_size: float | None = None
    footer_font_size: float | None = None
    #: Colours written over the template's where its own would not be readable: ("title"|"subtitle"|"body", RRGGBB).
    text_colours: tuple[tuple[str, str], ...] = ()
    #: Backing panels behind text over a busy picture: (part, RRGGBB, opacity %).
    text_panels: tuple[tuple[str, str, int], ...] = ()
    #: Colours written over the theme's for what the app draws (chart series, timeline years, links), where the
    #: theme's would not be readable there: (part, RRGGBB); see :mod:`.figure_colours`.
    figure_colours: tuple[tuple[str, str], ...] = ()
    #: Where the title came from (``"record-id:field"``, "" = made by the app) and its generated lead length.
    title_source: str = field(default="", compare=False)
    title_lead: int = field(default=0, compare=False)

    def text_colour(self, part: str) -> str | None:
        """The colour to write for ``part`` ("title", "subtitle", "body"), or None for the template's own."""
        return dict(self.text_colours).get(part)

    def figure_colour(self, part: str) -> str | None:
        """The colour to draw ``part`` in ("series1", "chart_text", "years", "link"…), or None for the theme's."""
        return dict(self.figure_colours).get(part)

    def text_panel(self, part: str) -> tuple[str, int] | None:
        """The backing panel (RRGGBB, opacity %) to put behind ``part``'s box, or None."""
        return next(((colour, opacity) for p, colour, opacity in self.text_panels if p == part), None)


@dataclass(frozen=True)
class DeckProperties:
    """Document properties written into the deck (and the annex)."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    marking: str
    date_iso: str
    reference: str = ""
    #: The sensitivity label the store maps the marking to: its id and ``MSIP_Label_<id>_*`` properties.
    label_id: str = ""
    label: tuple[tuple[str, str], ...] = ()


class NoteKind(StrEnum):
    """What a :class:`PlanNote` is about; the values are the kinds the pre-flight check lists."""

    SHRUNK = "shrunk"  # text set smaller than the template's size
    CONTINUED = "continued"  # text continued on "(cont.)" slides
    UNRESOLVED_REF = "unresolved-ref"  # a cross-reference to nothing in the deck
    MISSING_RECORD = "missing-record"  # a section names a record the store does not have
    TEMPLATE = "template"  # the template falls short: layouts, fonts, glyphs, deck length
    NO_MARKING = "no-marking"
    UNKNOWN_MARKING = "unknown-marking"  # not in the catalogue, custom text, or two classifications
    NO_REFERENCE = "no-reference"  # classified without a document reference
    ACCREDITED = "accredited"  # material for accredited systems only
    MARKING_PLACE = "marking-place"  # the marking had no good place on a layout
    EMPTY = "empty"  # a slide with nothing but its title
    LANGUAGE = "language"  # a record shown in another language: the store has no text in the pack's
    CONTRAST = "contrast"  # the template's text colour is unreadable on its background (rewritten or not)


@dataclass(frozen=True)
class PlanNote:
    """Something the counsellor should know about the plan (shown by pre-flight checks)."""

    kind: NoteKind
    message: str
    #: The pack section the note is about, when it is about one.
    section_index: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class MarkingRule:
    """A marking for pages the plan does not lay out itself (handouts): its text, placements
    (``top-centre``, ``bottom-centre``…, as the store's marking catalogue says) and colour."""

    text: str
    placement: tuple[str, ...]
    colour: str


@dataclass(frozen=True)
class DeckPlan:
    """The whole deck: slides in order, where each anchor landed, and what to warn about."""

    pack_id: str
    slides: tuple[SlideSpec, ...]
    anchor_slides: dict[str, int]
    properties: DeckProperties
    template_name: str
    warnings: tuple[PlanNote, ...] = ()
    #: Markings of the notes master and every notes page, and the page number's box when it made room.
    notes_marks: tuple[MarkSpec, ...] = ()
    notes_number_box: Box | None = None
    #: The pack's markings with their placement rules, for pages drawn outside the deck (handouts).
    marking_rules: tuple[MarkingRule, ...] = ()
    #: Each paragraph source's store value at planning time (kept in the deck for its import).
    source_values: dict[str, object] = field(default_factory=dict, compare=False)

    def slide_for(self, anchor: str) -> int | None:
        """The number of the first slide showing ``anchor`` (a record or section id)."""
        return self.anchor_slides.get(anchor)
