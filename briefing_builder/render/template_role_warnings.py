"""The build's warnings about the layouts chosen for a template's slide roles.

A role's warning that says "below the title" is worded "above the title" where the layout
has its title placed low; one warning names the chosen layouts whose title placeholder
covers most of the slide (the title is set in a band at its top), and one those whose text
placeholders reach past the slide's edge (their boxes are clamped to it), and one those whose
title box still overlaps a body box (the title would be drawn over the text's first lines).
"""

from __future__ import annotations

from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry
from briefing_builder.render.template_frame import Frame, covers_slide
from briefing_builder.render.template_layouts import LayoutInfo


def layout_warnings(warnings: list[str], chosen: dict[str, LayoutInfo], frame: Frame,
                    template_name: str) -> list[str]:
    """The role warnings ``warnings`` worded for where each layout's title sits, then the layouts' own warnings."""
    return [_placed_truly(w, chosen, frame) for w in warnings] + _title_warnings(chosen, frame, template_name) + \
        _outside_warnings(chosen, frame, template_name)


def _placed_truly(warning: str, chosen: dict[str, LayoutInfo], frame: Frame) -> str:
    """A warning's "below the title" said as "above the title" where the layout it names has its title low."""
    for info in chosen.values():
        if f"'{info.name}'" in warning and frame.low_title(info):
            return warning.replace("below the title", "above the title").replace("under the title", "above the title")
    return warning


def _title_warnings(chosen: dict[str, LayoutInfo], frame: Frame, template_name: str) -> list[str]:
    """One warning naming the layouts used whose title placeholder covers most of the slide (the title is moved)."""
    covering: dict[str, float] = {}
    for info in chosen.values():
        box = info.title.box if info.title is not None else None
        if box is not None and covers_slide(box, frame):
            covering.setdefault(info.name, box.height / frame.h)
    if not covering:
        return []
    names = ", ".join(f"'{n}'" for n in covering)
    plural = len(covering) > 1
    return [(f"Template '{template_name}': the title placeholder of layout{'s' if plural else ''} {names} "
             f"cover{'' if plural else 's'} {100 * max(covering.values()):.0f}% of the slide's height; the title is "
             "set in a band at its top and the text below it. Check the layouts in PowerPoint (View → Slide Master).")]


def _outside_warnings(chosen: dict[str, LayoutInfo], frame: Frame, template_name: str) -> list[str]:
    """One warning naming the layouts used whose text placeholders reach past the slide's edge (boxes clamped)."""
    layouts: dict[str, tuple[str, Box]] = {}
    for info in chosen.values():
        if info.outside:
            layouts.setdefault(info.name, info.outside[0])
    if not layouts:
        return []
    pt = EMU_PER_POINT
    name, (box_name, box) = next(iter(layouts.items()))
    names, plural = ", ".join(f"'{n}'" for n in layouts), len(layouts) > 1
    return [(f"Template '{template_name}': layout{'s' if plural else ''} {names} "
             f"reach{'' if plural else 'es'} past the {frame.w / pt:.0f}×{frame.h / pt:.0f} pt slide "
             f"(in '{name}', '{box_name}' is {_where(box)}); "
             "their text is kept inside the slide. The layouts may be made for another slide size: check "
             "them in PowerPoint (View → Slide Master).")]


def _where(box: Box) -> str:
    """``box``'s size and position in points, as the warnings say it."""
    pt = EMU_PER_POINT
    return f"{box.width / pt:.0f}×{box.height / pt:.0f} pt at ({box.left / pt:.0f}, {box.top / pt:.0f})"


def overlap(title: Box, body: Box, frame: Frame) -> Box | None:
    """Where ``title`` and ``body`` overlap by more than 1 % of the slide each way (None if they do not)."""
    left, top = max(title.left, body.left), max(title.top, body.top)
    right, bottom = min(title.right, body.right), min(title.bottom, body.bottom)
    if right - left <= frame.w * 0.01 or bottom - top <= frame.h * 0.01:
        return None
    return Box(left, top, right - left, bottom - top)


def overlap_warnings(roles: dict[str, RoleGeometry], frame: Frame, template_name: str) -> list[str]:
    """One warning naming the layouts chosen whose title box, as the deck places it, overlaps a body box."""
    layouts: dict[str, tuple[Box, Box]] = {}
    for geo in roles.values():
        title = geo.title
        if title is None or geo.layout_name in layouts:
            continue
        hit = next((body for body in geo.bodies if overlap(title, body, frame) is not None), None)
        if hit is not None:
            layouts[geo.layout_name] = (title, hit)
    if not layouts:
        return []
    name, (title, body) = next(iter(layouts.items()))
    names, plural = ", ".join(f"'{n}'" for n in layouts), len(layouts) > 1
    return [(f"Template '{template_name}': on layout{'s' if plural else ''} {names} the title box overlaps the "
             f"body (in '{name}', title {_where(title)}, body {_where(body)}): on those slides the title is drawn "
             "over the text's first lines. Move the layout's body below its title in PowerPoint (View → Slide "
             "Master), or pin another layout in the template's sidecar.")]
