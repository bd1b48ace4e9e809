"""WCAG 2 contrast, and the text colours chosen with it.

Two choices use one measure:

* :func:`readable_colour` — a marking keeps its catalogue colour (the house red) where that
  is readable; where it is not — the navy title slide, a dark picture — the same hue is
  lightened or darkened just enough to reach :data:`MIN_CONTRAST` against *every* colour
  sampled under its box. When no shade of the hue works against all of them (a busy
  picture), the box gets a solid backing.
* :func:`readable_text` — text on a fill we choose (table headers, timeline cards) must
  reach 4.5:1 against it, or 3:1 for large text (18 pt, or 14 pt bold). The template's own
  colours are tried first — light 1, dark 1, light 2, dark 2, then the accents — and the
  first that passes wins; when none does, black or white, whichever contrasts more.
* :func:`readable_on` — the same choice against several colours at once (the template's own
  text over a background that is not one colour; see :mod:`.text_contrast`).
"""

from __future__ import annotations

import colorsys

#: WCAG 2 AA for normal text.
MIN_CONTRAST = 4.5
#: WCAG 2 AA for large text (18 pt, or 14 pt bold).
LARGE_CONTRAST = 3.0
#: Aimed at when choosing a marking's shade, so rounding in renderers still leaves ≥ MIN_CONTRAST.
TARGET_CONTRAST = 4.7
BACKING = "FFFFFF"
#: The theme colours tried for text, in this order.
THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


def _channels(hex_color: str) -> tuple[float, float, float]:
    red, green, blue = (int(hex_color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def luminance(hex_color: str) -> float:
    """WCAG relative luminance of ``RRGGBB``."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``RRGGBB`` colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def worst_contrast(colour: str, backgrounds: tuple[str, ...] | list[str]) -> float:
    """The lowest contrast of ``colour`` against any of ``backgrounds``."""
    return min((contrast(colour, bg) for bg in backgrounds), default=21.0)


def _shades(base: str) -> list[str]:
    """``base`` first, then ever lighter and ever darker shades of its hue, nearest first."""
    h, lum, s = colorsys.rgb_to_hls(*_channels(base))
    out = [base.upper()]
    for step in range(1, 21):
        for target in (lum + step * 0.05, lum - step * 0.05):
            if 0.0 <= target <= 1.0:
                r, g, b = colorsys.hls_to_rgb(h, target, s)
                out.append("".join(f"{round(c * 255):02X}" for c in (r, g, b)))
    return out + ["FFFFFF", "000000"]


def readable_colour(base: str, backgrounds: tuple[str, ...] | list[str]) -> tuple[str, str | None]:
    """(text colour, backing fill or None) so the text reaches the target on every background."""
    for shade in _shades(base):
        if worst_contrast(shade, backgrounds) >= TARGET_CONTRAST:
            return shade, None
    for shade in _shades(base):
        if contrast(shade, BACKING) >= TARGET_CONTRAST:
            return shade, BACKING
    return "000000", BACKING


def required_ratio(size_pt: float, bold: bool = False) -> float:
    """The ratio text of this size needs."""
    return LARGE_CONTRAST if size_pt >= 18 or (bold and size_pt >= 14) else MIN_CONTRAST


def readable_on(backgrounds: tuple[str, ...] | list[str], theme: dict[str, str], needed: float) -> str | None:
    """The first of the theme's colours (light 1, dark 1, light 2, dark 2, accents) reaching ``needed``
    against every one of ``backgrounds``; None when none does."""
    for name in THEME_ORDER:
        color = theme.get(name)
        if color and worst_contrast(color, backgrounds) >= needed:
            return color
    return None


def readable_text(fill: str, theme: dict[str, str], size_pt: float, bold: bool = False) -> str:
    """The text colour for ``fill``: the first of the theme's colours that passes, else black or white."""
    needed = required_ratio(size_pt, bold)
    for name in THEME_ORDER:
        color = theme.get(name)
        if color and contrast(color, fill) >= needed:
            return color
    return "000000" if contrast("000000", fill) >= contrast("FFFFFF", fill) else "FFFFFF"


#: WCAG 2.1 non-text contrast: a chart's series line or bar, a graphic's axis, against what it sits on.
GRAPHIC_CONTRAST = 3.0


def first_readable(candidates: tuple[str, ...] | list[str], backgrounds: tuple[str, ...] | list[str],
                   needed: float) -> str:
    """The first of ``candidates`` (``RRGGBB``; empty ones skipped) reaching ``needed`` against every one of
    ``backgrounds``; else black or white, whichever reads better there."""
    for color in candidates:
        if color and worst_contrast(color, backgrounds) >= needed:
            return color.upper()
    return "000000" if worst_contrast("000000", backgrounds) >= worst_contrast("FFFFFF", backgrounds) else "FFFFFF"
