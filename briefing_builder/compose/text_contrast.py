"""Is the template's own text colour readable where our text goes? If not, a theme colour that is, or a warning.

A template can say "black body text" on a master whose background is navy, or lay its body
over a busy photograph. For each slide role, the title, subtitle and body boxes are sampled
on the role's :class:`~briefing_builder.compose.marking_layout.Surface` (background colour,
filled shapes and pictures) — or, where the box itself has a fill (a title on its own grey
band, set in the layout's or the master's placeholder), that fill alone — and every colour
the template gives that text (at every list level the writer uses, from the layout's
placeholders or the master's styles) is checked against
every sampled colour with WCAG 2 (:mod:`.contrast`). The points sampled lie at most
:data:`SAMPLE_PITCH` of the slide's width apart (a blot of ink in a picture's corner is a few
per cent of the slide; a coarse grid steps over it): titles are large text (3:1), bodies and
subtitles may be shrunk to the minimum size (4.5:1). Where the colour fails, the first of the
theme's colours that passes everywhere (its light text colour on a dark page) is written
instead; where none passes (a busy picture), a backing panel is put behind the text box: the
page's background colour (else the theme's light or dark one), as transparent as it can be
while the text keeps its own colour and passes over the panel blended with every colour under
it. Where even an opaque panel would not do, the build says which layout and how low.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing_builder.compose.contrast import LARGE_CONTRAST, MIN_CONTRAST, readable_on, worst_contrast
from briefing_builder.compose.geometry import Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.marking_layout import Surface, sample

#: What each part of a slide's text needs (titles are set at 16 pt and up, bold or large).
NEEDED = {"title": LARGE_CONTRAST, "subtitle": MIN_CONTRAST, "body": MIN_CONTRAST}
_WORDS = {"title": "title", "subtitle": "subtitle", "body": "body text"}


#: The largest distance between two points sampled under a text box, as a share of the slide's width.
SAMPLE_PITCH = 0.01
#: The most points sampled across and down one box.
MAX_POINTS = (96, 48)

#: Panel opacities tried, most transparent first (percent): below 80 % a photograph still shows through too much.
PANEL_OPACITIES = (80, 90, 100)


@dataclass(frozen=True)
class RoleColours:
    """The colours written over the template's for one role, by part, the backing panels
    (part, RRGGBB, opacity %) put behind text boxes, and what to tell about them."""

    colours: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    panels: tuple[tuple[str, str, int], ...] = ()


def blend(top: str, under: str, opacity: int) -> str:
    """``top`` laid at ``opacity`` percent over ``under`` (both ``RRGGBB``)."""
    mixed = (round(int(top[i:i + 2], 16) * opacity / 100 + int(under[i:i + 2], 16) * (100 - opacity) / 100)
             for i in (0, 2, 4))
    return "".join(f"{c:02X}" for c in mixed)


def backing_panel(texts: list[str], under: tuple[str, ...], candidates: list[str], needed: float,
                  theme: dict[str, str] | None = None) -> tuple[str | None, str, int] | None:
    """The first panel (colour of ``candidates`` in order, least opacity first) over which every colour
    of ``texts`` reaches ``needed`` against every colour in ``under`` seen through it — else over which
    one of the ``theme``'s colours does — as (theme colour to write or None, panel colour, opacity %);
    None when even an opaque panel would not do."""
    for colour in dict.fromkeys(c.upper() for c in candidates if c):
        for opacity in PANEL_OPACITIES:
            seen = [blend(colour, u, opacity) for u in under]
            if all(worst_contrast(text, seen) >= needed for text in texts):
                return None, colour, opacity
            written = readable_on(seen, theme or {}, needed)
            if written is not None:
                return written, colour, opacity
    return None


def sampled(surface: Surface, box: Box) -> tuple[str, ...]:
    """The distinct colours under ``box``, at points no more than :data:`SAMPLE_PITCH` of the slide apart (inside
    it: a shape that only touches its edge is not under the text)."""
    pitch = max(1, int(surface.width * SAMPLE_PITCH))
    columns = min(MAX_POINTS[0], max(12, -(-box.width // pitch)))
    rows = min(MAX_POINTS[1], max(4, -(-box.height // pitch)))
    return sample(surface, Box(box.left, box.top, max(0, box.width - 1), max(0, box.height - 1)), columns, rows)


def _boxes(part: str, role: RoleGeometry) -> tuple[Box, ...]:
    if part == "title":
        return (role.title,) if role.title is not None else ()
    if part == "subtitle":
        if role.role not in ("title", "closing", "section"):
            return ()
        box = role.subtitle or (role.bodies[0] if role.bodies else None)
        return (box,) if box is not None else ()
    if role.role in ("title", "closing", "section"):
        return ()  # their text box holds the subtitle lines, checked as the subtitle
    return role.bodies


def role_colours(role: RoleGeometry, surface: Surface, theme: dict[str, str]) -> RoleColours:
    """The text colours ``role``'s slides need instead of the template's, and the problems left."""
    colours: list[tuple[str, str]] = []
    problems: list[str] = []
    panels: list[tuple[str, str, int]] = []
    for part, needed in NEEDED.items():
        boxes, own = _boxes(part, role), [c for p, c in surface.text_colours if p == part]
        if not boxes or not own:
            continue
        fill = next((f for p, f in surface.text_fills if p == part), None)  # the box's own fill is what is under
        under = (fill,) if fill is not None else tuple(dict.fromkeys(c for box in boxes for c in sampled(surface, box)))
        colour = min(own, key=lambda c: worst_contrast(c, under))  # the palest of the colours its levels take
        if worst_contrast(colour, under) >= needed:
            continue
        better = readable_on(under, theme, needed)
        if better is not None:
            colours.append((part, better))
            problems.append(f"Layout '{role.layout_name}': its {_WORDS[part]} colour #{colour} "
                            f"reaches only {worst_contrast(colour, under):.1f}:1 against its background; "
                            f"written in the theme's #{better} instead.")
            continue
        found = backing_panel(own, under, [surface.background, theme.get("lt1", ""), theme.get("dk1", "")], needed,
                              theme)
        if found is not None:
            text, fill, opacity = found
            panels.append((part, fill, opacity))
            if text is not None:
                colours.append((part, text))
            problems.append(f"Layout '{role.layout_name}': its {_WORDS[part]} colour #{colour} reaches only "
                            f"{worst_contrast(colour, under):.1f}:1 against what lies under it (a picture or mixed "
                            f"colours) and no colour of the template's theme reads everywhere there; a panel of "
                            f"#{fill} at {opacity}% opacity is put behind the {_WORDS[part]}"
                            + (f", written in the theme's #{text}," if text else "") + f" so that it reaches "
                            f"{needed:g}:1.")
            continue
        problems.append(f"Layout '{role.layout_name}': its {_WORDS[part]} colour #{colour} reaches "
                        f"only {worst_contrast(colour, under):.1f}:1 against what lies under it (a picture or "
                        f"mixed colours), and no colour of the template's theme reaches {needed:g}:1 everywhere "
                        "there, even on a backing panel. Check those slides, or pin a plainer layout in the "
                        "template's sidecar.")
    return RoleColours(tuple(colours), tuple(problems), tuple(panels))


def template_colours(geometry: TemplateGeometry, surfaces: Mapping[str, Surface],
                     roles: Iterable[str]) -> tuple[dict[str, RoleColours], tuple[str, ...]]:
    """For each of ``roles`` with a surface, the colours (and backing panels) written over the template's;
    every problem once.

    Roles may share a layout, so a problem is listed once. The planner writes the colours;
    ``template inspect`` lists the problems, the same as a build reports them.
    """
    found: dict[str, RoleColours] = {}
    problems: list[str] = []
    for role in dict.fromkeys(roles):
        surface = surfaces.get(role)
        if surface is not None:
            result = role_colours(geometry.role(role), surface, geometry.theme_colors)
            found[role] = result
            problems += result.problems
    return found, tuple(dict.fromkeys(problems))
