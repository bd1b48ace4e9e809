"""What a designer may change, read from ``templates/brand.yaml`` (no Qt, no python-pptx).

The bundled templates are built from that file (:mod:`briefing_builder.render.brand_builder`);
the settings here apply to every deck and annex whatever the template: the largest and
smallest title, subtitle and footer sizes (long text shrinks rather than spill over its box), the
colour markings are printed in, and the annex's colours. :func:`brand_settings` reads the
file once per process; :func:`read_settings` reads any brand file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from briefing_builder.errors import BriefingError
from briefing_builder.paths import templates_dir

#: Largest and smallest size in points.
SizeRange = tuple[float, float]
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
#: Slide role → the keys of its title sizes under ``text:`` (other roles: content slides).
_TITLE_KEYS = {"title": "cover_title", "closing": "cover_title", "section": "section_title"}


class BrandError(BriefingError, ValueError):
    """The brand file cannot be used; the message names the file, the key and what to write."""


@dataclass(frozen=True)
class AnnexColours:
    """The annex's colours as ``RRGGBB``."""

    heading: str
    label: str
    border: str
    input: str


@dataclass(frozen=True)
class BrandSettings:
    """The house style's sizes (points) and colours (``RRGGBB``) outside the template files."""

    title_sizes: dict[str, SizeRange]
    content_title_sizes: SizeRange
    subtitle_sizes: SizeRange
    #: The footer's sizes, largest first, 1 pt apart.
    footer_sizes: tuple[float, ...]
    marking_colour: str
    annex: AnnexColours

    def title_range(self, role: str) -> SizeRange:
        """Largest and smallest title size for slides of ``role``."""
        return self.title_sizes.get(role, self.content_title_sizes)


@lru_cache(maxsize=1)
def brand_file() -> Path:
    """The brand definition the app uses: ``templates/brand.yaml``."""
    return templates_dir() / "brand.yaml"


def brand_settings() -> BrandSettings:
    """The settings of :func:`brand_file` (read once)."""
    return read_settings(brand_file())


def read_brand_yaml(path: Path) -> dict[str, Any]:
    """The brand file's mapping; :class:`BrandError` when it is not a YAML mapping."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BrandError(f"{path}: the brand file cannot be read ({exc}).") from None
    if not isinstance(data, dict):
        raise BrandError(f"{path}: the brand file must be a YAML mapping (name:, colours:, text:…).")
    return data


@lru_cache(maxsize=8)
def read_settings(path: Path) -> BrandSettings:
    """The settings in the brand file at ``path``; :class:`BrandError` names a missing or bad value."""
    data = read_brand_yaml(path)
    text = _section(data, "text", path)

    def size(key: str) -> float:
        value = text.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 400:
            raise BrandError(f"{path}: text: {key} must be a size in points between 1 and 400 (not {value!r}).")
        return float(value)

    def size_range(prefix: str) -> SizeRange:
        high, low = size(f"{prefix}_pt"), size(f"{prefix}_min_pt")
        if low > high:
            raise BrandError(f"{path}: text: {prefix}_min_pt ({low:g}) is larger than {prefix}_pt ({high:g}).")
        return high, low

    def colour(section: str, key: str) -> str:
        value = _section(data, section, path).get(key)
        if not isinstance(value, str) or not _HEX.match(value.lstrip("#")):
            raise BrandError(f"{path}: {section}: {key} must be a colour as 6 hex digits in quotes, "
                             f'e.g. "B00020" (not {value!r}).')
        return value.lstrip("#").upper()

    return BrandSettings(
        title_sizes={role: size_range(prefix) for role, prefix in _TITLE_KEYS.items()},
        content_title_sizes=size_range("title"), subtitle_sizes=size_range("subtitle"),
        footer_sizes=_steps(*size_range("footer")),
        marking_colour=colour("marking", "colour"),
        annex=AnnexColours(*(colour("annex", key) for key in ("heading", "label", "border", "input"))),
    )


def _steps(high: float, low: float) -> tuple[float, ...]:
    """``high``, ``high - 1`` … down to ``low`` (points)."""
    return tuple(high - n for n in range(int(high - low) + 1)) + ((low,) if (high - low) % 1 else ())


def _section(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise BrandError(f"{path}: the brand file needs a '{name}:' section (see the bundled templates/brand.yaml).")
    return section
