"""Colours for what the app draws itself — chart series and labels, timeline years, hyperlinks — readable where they go.

A template's theme may give dark accents on a navy page, or pale ones on white: the chart's
series line, the timeline's year labels or a hyperlink in the theme's hyperlink colour would
vanish. Each is checked with WCAG 2 (:mod:`.contrast`) against the colours sampled under its box
on the slide's :class:`~briefing_builder.compose.marking_layout.Surface` (as body text is, see
:mod:`.text_contrast`): text needs 4.5:1 (3:1 at 18 pt or 14 pt bold), a series line or bar and an
axis 3:1 (non-text contrast). Where the template's own colour passes, nothing is written (the
deck keeps following its theme); where it fails, the first of the theme's colours that passes
(for a series, the accents from its own onwards; for text, light 1, dark 1, light 2, dark 2, the
accents), else black or white, is written as a ``(part, RRGGBB)`` pair on the slide spec, and the
deck writer and the preview both use it.

Parts: ``series1`` … (chart series by number), ``chart_text`` (title, axis labels, legend), ``years``
(timeline year labels), ``year_axis`` (its axis band), ``link`` (hyperlink and cross-reference runs in the
body; seen through the body's backing panel when it has one).
"""

from __future__ import annotations

from briefing_builder.compose.contrast import (
    GRAPHIC_CONTRAST,
    MIN_CONTRAST,
    THEME_ORDER,
    first_readable,
    required_ratio,
    worst_contrast,
)
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.marking_layout import Surface
from briefing_builder.compose.plan import SlideSpec
from briefing_builder.compose.text_contrast import blend, sampled

#: The grey a chart's category axis is drawn in.
AXIS_GREY = "A6A6A6"
#: The size a chart's labels are set at (its title is 12 pt bold).
CHART_TEXT_PT = 11.0
_ACCENTS = tuple(f"accent{i}" for i in range(1, 7))


def _theme_text(theme: dict[str, str]) -> list[str]:
    return [theme.get(name, "") for name in THEME_ORDER]


def _own_or(own: str, under: tuple[str, ...], needed: float, others: list[str]) -> str | None:
    """None when ``own`` reaches ``needed`` on ``under``; else the first of ``others`` that does; where none does
    (mixed colours under the box), black or white when it reads better there than ``own``, else None."""
    if not under or worst_contrast(own, under) >= needed:
        return None
    chosen = first_readable(others, under, needed)
    if worst_contrast(chosen, under) < needed and worst_contrast(own, under) >= worst_contrast(chosen, under):
        return None
    return chosen


def chart_colours(slide: SlideSpec, surface: Surface, theme: dict[str, str]) -> list[tuple[str, str]]:
    """The colours a slide's chart needs instead of its theme's: series (3:1) and labels (4.5:1); the grey axis
    line and gridlines are decoration (the labels and gridlines say what the axis does) and keep their grey."""
    chart = slide.chart
    if chart is None:
        return []
    under = sampled(surface, chart.box)
    found: list[tuple[str, str]] = []
    for number in range(len(chart.series)):
        rotated = [theme.get(_ACCENTS[(number + i) % 6], "") for i in range(6)]
        own = rotated[0] or "4472C4"
        better = _own_or(own, under, GRAPHIC_CONTRAST, rotated + _theme_text(theme))
        if better is not None:
            found.append((f"series{number + 1}", better))
    text = slide.text_colour("body") or theme.get("dk1", "000000")
    better = _own_or(text, under, MIN_CONTRAST, _theme_text(theme))
    if better is not None:
        found.append(("chart_text", better))
    return found


def timeline_colours(slide: SlideSpec, surface: Surface, theme: dict[str, str]) -> list[tuple[str, str]]:
    """The colours a slide's timeline needs for its year labels and axis band instead of the theme's dark 2."""
    timeline = slide.timeline
    if timeline is None:
        return []
    box = timeline.box
    under = sampled(surface, Box(box.left, box.top, box.width, int(timeline.axis_pt * EMU_PER_POINT)))
    own = theme.get("dk2", "1B2A4A")
    years = _own_or(own, under, required_ratio(timeline.year_size or timeline.font_size, bold=True), _theme_text(theme))
    axis = _own_or(own, under, GRAPHIC_CONTRAST, [years or own, *_theme_text(theme)])
    return ([("years", years)] if years else []) + ([("year_axis", axis)] if axis else [])


def link_colours(slide: SlideSpec, surface: Surface, theme: dict[str, str]) -> list[tuple[str, str]]:
    """The colour hyperlinks and cross-references in the slide's body need instead of the theme's hyperlink one."""
    frames = [f for f in slide.bodies if any(r.link or r.ref for p in f.paragraphs for r in p.runs)]
    if not frames:
        return []
    under = tuple(dict.fromkeys(c for f in frames for c in sampled(surface, f.box)))
    panel = slide.text_panel("body")
    if panel is not None:
        under = tuple(dict.fromkeys(blend(panel[0], c, panel[1]) for c in under))
    size = min(f.font_size for f in frames)
    link = _own_or(theme.get("hlink", "0563C1"), under, required_ratio(size),
                   [theme.get(name, "") for name in _ACCENTS] + _theme_text(theme))
    return [("link", link)] if link else []


def figure_colours(slide: SlideSpec, surface: Surface | None, theme: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Every colour the slide's chart, timeline and links need written instead of the theme's (none without a
    surface to check against)."""
    if surface is None:
        return ()
    return tuple(chart_colours(slide, surface, theme) + timeline_colours(slide, surface, theme)
                 + link_colours(slide, surface, theme))
