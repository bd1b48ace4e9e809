"""Plain description of a template's geometry, as the planner needs it to fit text.

The render layer reads a real .pptx/.potx and produces a :class:`TemplateGeometry`; the
compose layer only ever sees this plain data (no python-pptx objects), so plans stay
pure and testable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_builder.compose.text_scale import HOUSE_BODY_MAX_PT, HOUSE_BODY_MIN_PT, TextScale

#: Every slide role the planner asks a template for.
SLIDE_ROLES: tuple[str, ...] = (
    "title",
    "agenda",
    "section",
    "content",
    "two_content",
    "title_only",
    "closing",
)

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """Right edge in EMU."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """Bottom edge in EMU."""
        return self.top + self.height


@dataclass(frozen=True)
class RoleGeometry:
    """Where a role's layout puts its title and body boxes.

    ``bodies`` are in reading order (left to right, then top to bottom). ``fallback``
    is true when the template had no layout made for this role and another one is used
    (for example title-only plus a text box placed in the body area). ``free`` is the
    largest area below the title and above the footer band clear of the layout's own
    pictures and shapes, where content without a placeholder (a timeline) may go.
    ``score`` says how well the layout suits the role (0–100, see ``template inspect``).
    ``subtitle_room`` is the room the subtitle's box may grow into where its lines do not
    fit it: its column, up to the title and down to the footer band, clear of the layout's
    pictures and shapes.
    ``title_inset`` is the template's own title margin and indent, kept where it leaves room.
    """

    role: str
    layout_name: str
    title: Box | None
    bodies: tuple[Box, ...]
    subtitle: Box | None = None
    fallback: bool = False
    footer: Box | None = None
    free: Box | None = None
    score: float = 0.0
    subtitle_room: Box | None = None
    #: The layout sets the subtitle's text in capitals (measured so, and painted so).
    subtitle_caps: bool = False
    #: The left margin and first-line indent (EMU) the template gives its titles, when kept (see ``title_lines_box``).
    title_inset: tuple[int, int] = (0, 0)
    #: The footer box is not the layout's (it lay over the text area, see ``compose.footer_room``):
    #: it is written where ``footer`` says, or left off when ``footer`` is None.
    footer_moved: bool = False
    #: The template sets the layout's footer in bold (it is measured so).
    footer_bold: bool = False
    #: The typeface the template sets for the layout's footer ("": the theme's body font).
    footer_font: str = ""
    #: The (bold, italic) the template gives body text of levels 1-9 (index 0-8) in the role's first body
    #: placeholder; empty: regular (the planner sets its runs so, :func:`compose.textstyle.styled`).
    body_weights: tuple[tuple[bool, bool], ...] = ()


@dataclass(frozen=True)
class TemplateGeometry:
    """Slide size, per-role boxes and theme fonts of one template."""

    name: str
    slide_width: int
    slide_height: int
    roles: dict[str, RoleGeometry]
    body_font: str = "Calibri"
    heading_font: str = "Calibri"
    #: Titles the template sets in bold, in italics or in capitals (measured so, and painted so).
    heading_bold: bool = False
    heading_italic: bool = False
    heading_caps: bool = False
    #: Character spacing the template's body and title styles add after every character (points).
    body_spacing_pt: float = 0.0
    heading_spacing_pt: float = 0.0
    #: Largest and smallest body text sizes the fitter may use (points). The brand
    #: definition or the template's sidecar sets them; the minimum is the brand's floor.
    body_max_pt: float = HOUSE_BODY_MAX_PT
    body_min_pt: float = HOUSE_BODY_MIN_PT
    #: How many times the house sizes the template's text is set (compose/text_scale.py): 1 on the
    #: bundled templates, 2 on a 1920×1080 pt slide.
    text_scale: TextScale = field(default_factory=TextScale)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: The theme's colours (``dk1``, ``lt1``, ``accent1``… as ``RRGGBB``), for picking readable text colours.
    theme_colors: dict[str, str] = field(default_factory=dict)
    #: The bundled template's geometry, to compare a deck's length with (None on a bundled template).
    reference: TemplateGeometry | None = None

    def role(self, role: str) -> RoleGeometry:
        """The geometry for ``role`` (every role in :data:`SLIDE_ROLES` is present)."""
        return self.roles[role]


def title_inset_in(box: Box, inset: tuple[int, int]) -> tuple[int, int]:
    """The template's title margin and indent as kept in ``box`` (which a marking or a logo may have
    narrowed): none when they would leave its lines under half of its width."""
    margin, indent = inset
    shift = max(margin + max(indent, 0), 0)
    return inset if box.width - shift >= box.width // 2 else (0, 0)


def title_lines_box(box: Box, inset: tuple[int, int]) -> Box:
    """The part of a title ``box`` its lines run in with the template's left margin and first-line indent
    (:func:`title_inset_in`).

    The measurer, the writer and the preview all use it, so a title breaks where it was measured.
    """
    margin, indent = title_inset_in(box, inset)
    shift = max(margin + max(indent, 0), 0)
    return Box(box.left + shift, box.top, box.width - shift, box.height)
