"""A template's look as plain data: each role's background, decorations and text colours, the theme.

:func:`briefing_builder.render.appearance.read_appearance` reads it from a template; the
preview scene (:mod:`briefing_builder.compose.preview_scene`) and the marking planner read it
without python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_builder.compose.geometry import Box


@dataclass(frozen=True)
class Decoration:
    """A shape drawn behind the slide's content: ``kind`` is rect, ellipse, line, picture or path (a freeform:
    its ``polygons`` in slide EMU, filled even-odd; ``box`` is the shape's box)."""

    kind: str
    box: Box
    fill: str | None = None
    line: str | None = None
    line_width: int = 0  # EMU
    image: bytes = b""
    radius: float = 0.0  # rounded rectangles: corner radius as a fraction of the short side
    polygons: tuple[tuple[tuple[int, int], ...], ...] = ()


@dataclass(frozen=True)
class RoleAppearance:
    """How one role's layout looks (colours as ``RRGGBB``)."""

    role: str
    background: str = "FFFFFF"
    decorations: tuple[Decoration, ...] = ()
    title_color: str = "000000"
    title_bold: bool = False
    title_anchor: str = "ctr"  # t, ctr, b
    title_align: str = "l"  # l, ctr, r
    subtitle_color: str = "404040"
    body_color: str = "000000"
    bullet_color: str | None = None
    footer_color: str = "808080"
    number_box: Box | None = None
    #: The fill of the box each part's text goes in, when that box has one of its own
    #: (``("title", "595959")``): the background that text is read against, wherever the box is.
    text_fills: tuple[tuple[str, str], ...] = ()

    def text_fill(self, part: str) -> str | None:
        """The own fill of the box ``part`` ("title", "subtitle", "body") is written in, or None."""
        return next((fill for name, fill in self.text_fills if name == part), None)


@dataclass(frozen=True)
class TemplateAppearance:
    """Every role's look, the theme's colours and fonts."""

    roles: dict[str, RoleAppearance]
    theme_colors: dict[str, str] = field(default_factory=dict)
    heading_font: str = "Calibri"
    body_font: str = "Calibri"

    def role(self, role: str) -> RoleAppearance:
        """The look of ``role`` (a plain white page when unknown)."""
        return self.roles.get(role) or RoleAppearance(role)
