"""Text colours that can be read on the fills they sit on (WCAG 2 contrast).

A colour we choose for text on a fill we choose (table headers, timeline cards) must reach
4.5:1 against it, or 3:1 for large text (18 pt, or 14 pt bold). The template's own text
colours are tried first — light 1, dark 1, light 2, dark 2, then the accents — and the first
that passes wins; when none does, black or white, whichever contrasts more.
"""

from __future__ import annotations

NORMAL_RATIO = 4.5
LARGE_RATIO = 3.0
_PREFERRED = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG relative luminance of an ``RRGGBB`` colour."""
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def required_ratio(size_pt: float, bold: bool = False) -> float:
    """The ratio text of this size needs."""
    return LARGE_RATIO if size_pt >= 18 or (bold and size_pt >= 14) else NORMAL_RATIO


def readable_text(fill: str, theme: dict[str, str], size_pt: float, bold: bool = False) -> str:
    """The text colour for ``fill``: the first of the theme's colours that passes, else black or white."""
    needed = required_ratio(size_pt, bold)
    for name in _PREFERRED:
        color = theme.get(name)
        if color and contrast_ratio(color, fill) >= needed:
            return color
    return "000000" if contrast_ratio("000000", fill) >= contrast_ratio("FFFFFF", fill) else "FFFFFF"
