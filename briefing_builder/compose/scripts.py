"""Characters the shipped fonts have no glyphs for (CJK, Thai, Arabic…): which script, and how wide to assume.

The metric-compatible fonts shipped for measuring (Carlito, Liberation, Caladea) cover Latin,
Greek and Cyrillic. A character they lack is measured as a conservative estimate — a full
em for East Asian wide characters, 0.6 em for others — and the plan names the script, so
nobody is surprised when PowerPoint sets it in a system font.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Assumed width, in ems, of a character no shipped font has: East Asian wide/full-width ones, others.
WIDE_EM = 1.0
OTHER_EM = 0.6
_SCRIPT_WORDS = {"CJK": "CJK (Chinese, Japanese, Korean)", "IDEOGRAPHIC": "CJK (Chinese, Japanese, Korean)",
                 "FULLWIDTH": "CJK (Chinese, Japanese, Korean)", "HIRAGANA": "Japanese kana",
                 "KATAKANA": "Japanese kana", "HANGUL": "Korean Hangul"}


def fallback_em(char: str) -> float:
    """The width assumed for ``char`` when no shipped font has it."""
    return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F") else OTHER_EM


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """A readable name of the script ``char`` belongs to (from its Unicode name)."""
    name = unicodedata.name(char, "")
    first = name.split(" ")[0] if name else "UNKNOWN"
    return _SCRIPT_WORDS.get(first, first.title())


def uncovered(text: str, coverage: frozenset[int]) -> list[str]:
    """The characters of ``text`` a font with ``coverage`` cannot draw (spaces and controls aside)."""
    return [c for c in text if ord(c) not in coverage and not c.isspace() and unicodedata.category(c)[0] != "C"]
