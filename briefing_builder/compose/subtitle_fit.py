"""The subtitle lines of a title, section or closing slide fitted into the layout's box, or into the room around it.

The lines (meeting and date, venue, presenter; a section's line) take the largest subtitle
size at which they fit the layout's subtitle box. Where even the smallest size does not
fit, the box grows within its column into the free room the template leaves
(``RoleGeometry.subtitle_room``: up to the title, down to the footer band, clear of its
pictures and shapes) — downwards first, only as far as the lines need at the largest size
that fits there — and the build says so. Where the room cannot hold them all either, the
first lines that fit are shown and the build names the ones left out; only a first line
that fits nowhere even at the smallest size runs out of its box, and the build says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_builder.brand import brand_settings
from briefing_builder.compose import textstyle
from briefing_builder.compose.fitting import HEIGHT_SAFETY, fits, largest_fitting_size, text_height
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run


@dataclass(frozen=True)
class SubtitleFit:
    """The lines a slide shows under its title, their size, the box they go in (None: the layout's) and a note."""

    lines: tuple[str, ...]
    size: float | None
    box: Box | None = None
    note: str = ""


def _paragraphs(lines: tuple[str, ...]) -> list[Paragraph]:
    return [Paragraph((Run(line),), bullet=False) for line in lines]


def subtitle_size(lines: tuple[str, ...], box: Box | None, family: str, spacing: float,
                  sizes: tuple[float, float]) -> float | None:
    """The largest subtitle size between ``sizes`` (largest, smallest) at which ``lines`` fit ``box`` (the
    smallest when none does)."""
    if box is None or not lines:
        return None
    return largest_fitting_size(_paragraphs(lines), box, family, *sizes, spacing)


def _pt(box: Box) -> str:
    return f"{box.width / EMU_PER_POINT:.0f}×{box.height / EMU_PER_POINT:.0f} pt"


def fit_subtitle(title: str, lines: tuple[str, ...], role: RoleGeometry, geometry: TemplateGeometry) -> SubtitleFit:
    """Fit the subtitle ``lines`` of the slide titled ``title`` on ``role``'s layout (see the module's policy).

    Lines the template sets in capitals (``role.subtitle_caps``) are measured in capitals.
    """
    box = role.subtitle or (role.bodies[0] if role.bodies else None)
    family, spacing = geometry.body_font, geometry.body_spacing_pt
    sizes = geometry.text_scale.body_range(*brand_settings().subtitle_sizes)  # in proportion to the slide
    smallest = sizes[1]
    joined = "; ".join(lines)
    if not lines:
        return SubtitleFit(lines, None)
    if box is None:
        return SubtitleFit(lines, None, note=f"“{title}”: layout '{role.layout_name}' has no room for “{joined}”; "
                           "left out. Pin a layout with a subtitle in the template's sidecar.")
    measured = tuple(line.upper() for line in lines) if role.subtitle_caps else lines
    size = subtitle_size(measured, box, family, spacing, sizes)
    if size is not None and fits(_paragraphs(measured), box, family, size, spacing):
        return SubtitleFit(lines, size)
    room = role.subtitle_room if role.subtitle_room is not None and role.subtitle_room.height > box.height else None
    where = f"the subtitle box of layout '{role.layout_name}' ({_pt(box)})"
    if room is not None and fits(_paragraphs(measured), room, family, smallest, spacing):
        size = subtitle_size(measured, room, family, spacing, sizes) or smallest
        grown = _grown(box, room, _needed(measured, room, family, size, spacing))
        if not fits(_paragraphs(measured), grown, family, size, spacing):
            grown = room
        return SubtitleFit(lines, size, grown, f"“{title}”: “{joined}” does not fit {where}; the box is grown to "
                           f"{_pt(grown)} into the free space {_direction(box, grown)} it.")
    area = room or box
    count = next((n for n in range(len(lines) - 1, 0, -1)
                  if fits(_paragraphs(measured[:n]), area, family, smallest, spacing)), 0)
    if not count:  # not even the first line fits: it alone is shown, the rest left out
        rest = f"; left out: “{'; '.join(lines[1:])}”" if len(lines) > 1 else ""
        return SubtitleFit(lines[:1], smallest, room, f"“{title}”: “{lines[0]}” does not fit {where} even at "
                           f"{smallest:g} pt{' grown into the free space around it' if room else ''}; check that "
                           f"slide{rest}.")
    kept = measured[:count]
    size = subtitle_size(kept, area, family, spacing, sizes) or smallest
    shown: Box | None = None
    if room is not None:
        shown = _grown(box, room, _needed(kept, room, family, size, spacing))
        shown = shown if fits(_paragraphs(kept), shown, family, size, spacing) else room
    return SubtitleFit(lines[:count], size, shown, f"“{title}”: {where}"
                       f"{' and the free space around it' if room else ''} hold{'' if room else 's'} only "
                       f"“{'; '.join(lines[:count])}”; left out: “{'; '.join(lines[count:])}”. Pin a layout "
                       "with a larger subtitle box in the template's sidecar.")


def _needed(lines: tuple[str, ...], room: Box, family: str, size: float, spacing: float) -> int:
    """The box height (EMU) ``lines`` need at ``size`` in a box as wide as ``room``."""
    points = text_height(_paragraphs(lines), room, family, size, spacing) / HEIGHT_SAFETY
    return int(points * EMU_PER_POINT) + 2 * textstyle.INSET_Y + EMU_PER_POINT


def _grown(box: Box, room: Box, height: int) -> Box:
    """``box`` made ``height`` tall inside ``room``: downwards first, then upwards for what is left."""
    bottom = min(room.bottom, max(box.bottom, box.top + height))
    top = max(room.top, min(box.top, bottom - height))
    return Box(box.left, top, box.width, bottom - top)


def _direction(box: Box, grown: Box) -> str:
    if grown.top < box.top and grown.bottom > box.bottom:
        return "around"
    return "above" if grown.top < box.top else "below"
