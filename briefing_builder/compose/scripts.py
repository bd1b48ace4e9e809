"""Characters the shipped fonts have no glyphs for (CJK, Thai, Arabic…): which script, and how wide to assume.

The metric-compatible fonts shipped for measuring (Carlito, Liberation, Caladea) cover Latin,
Greek and Cyrillic. A character they lack is measured as a conservative estimate — a full
em for East Asian wide characters, 0.6 em for others — and the plan names the script, so
nobody is surprised when PowerPoint sets it in a system font.

For CJK no stand-in is used: neither the shipped fonts nor a typical machine's (``fc-list
:lang=ja`` finds none here) are sure to be there, and measuring with whatever font a machine
happens to have would make the same pack fit differently on two laptops. A full em is what
every CJK font gives an ideograph, kana and full-width punctuation, so the width is exact;
lines holding such characters are measured at least :data:`WIDE_LINE_EM` tall, the line
height of the tall CJK faces PowerPoint falls back to (Noto Sans CJK, Yu Gothic UI, Microsoft
YaHei, Malgun Gothic: 1.32–1.45 em), where the shipped Latin fonts' is 1.22.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Assumed width, in ems, of a character no shipped font has: East Asian wide/full-width ones, others.
WIDE_EM = 1.0
OTHER_EM = 0.6
#: Least line height, in ems, of a line holding East Asian wide characters no shipped font has.
WIDE_LINE_EM = 1.45
_SCRIPT_WORDS = {"CJK": "CJK (Chinese, Japanese, Korean)", "IDEOGRAPHIC": "CJK (Chinese, Japanese, Korean)",
                 "FULLWIDTH": "CJK (Chinese, Japanese, Korean)", "HIRAGANA": "Japanese kana",
                 "KATAKANA": "Japanese kana", "HANGUL": "Korean Hangul"}


def is_wide(char: str) -> bool:
    """An East Asian wide or full-width character (ideographs, kana, Hangul, CJK punctuation)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def fallback_em(char: str) -> float:
    """The width assumed for ``char`` when no shipped font has it."""
    return WIDE_EM if is_wide(char) else OTHER_EM


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """A readable name of the script ``char`` belongs to (from its Unicode name)."""
    name = unicodedata.name(char, "")
    first = name.split(" ")[0] if name else "UNKNOWN"
    return _SCRIPT_WORDS.get(first, first.title())


def uncovered(text: str, coverage: frozenset[int]) -> list[str]:
    """The characters of ``text`` a font with ``coverage`` cannot draw (spaces and controls aside)."""
    return [c for c in text if ord(c) not in coverage and not c.isspace() and unicodedata.category(c)[0] != "C"]
