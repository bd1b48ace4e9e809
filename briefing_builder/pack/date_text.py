"""Reading a date the way people type it: "4 March 2026", "04/03/2026", "2026-03-04", "4.3.26".

No Qt here. Numeric dates are day first (the European order) unless the year comes first;
month names may be English or of the pack's language, in full or abbreviated, with or
without accents ("4 mars 2026", "4. März 2026", "4 de marzo de 2026", "1er févr. 2026"), and
the month may come first ("March 4, 2026"). Two-digit years are 20xx.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from briefing_builder.compose import wording
from briefing_builder.errors import BriefingError

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


EXAMPLE = dt.date(2026, 3, 4)


class DateTextError(BriefingError, ValueError):
    """The text is not a date; the message says what is accepted."""


CONNECTORS = frozenset({"de", "del"})  # "4 de marzo de 2026" (Spanish, Portuguese long dates)
ORDINAL = re.compile(r"^(\d{1,2})(?:er|re|st|nd|rd|th|º|°)$")  # "1er mars", "1st March"


def _plain(word: str) -> str:
    """Lower case without accents or a final dot: "Févr." → "fevr"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=16)
def month_names(language: str) -> dict[str, int]:
    """Every spelling of each month accepted for ``language`` (English always), plain → number."""
    from babel.core import UnknownLocaleError
    from babel.dates import get_month_names

    names = {name: number for number, name in enumerate(MONTHS, start=1)}
    for locale in {"en", language.split("-")[0].split("_")[0] or "en"}:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    spelled = get_month_names(width, context, locale)
                except (UnknownLocaleError, ValueError):
                    continue
                names.update({_plain(name): number for number, name in spelled.items()})
    return names


def _month(word: str, language: str) -> int | None:
    plain = _plain(word)
    names = month_names(language)
    if plain in names:
        return names[plain]
    found = {number for name, number in names.items() if len(plain) >= 3 and name.startswith(plain)}
    return found.pop() if len(found) == 1 else None  # "jui" is juin or juillet: not a month


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) <= 2 else year


def example(language: str = "en") -> str:
    """How to type a date, for messages: "4 March 2026, 04/03/2026 or 2026-03-04" (month in ``language``)."""
    return f"{wording.long_date(EXAMPLE, language)}, 04/03/2026 or 2026-03-04"


def parse_date(text: str, language: str = "en") -> dt.date:
    """The date in ``text``, month names in English or ``language``; raises :class:`DateTextError`
    with a readable message."""
    cleaned = text.strip().replace(",", " ")
    parts = [ORDINAL.sub(r"\1", part) for part in re.split(r"[\s/.\-]+", cleaned)
             if part and _plain(part) not in CONNECTORS]
    try:
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            if len(parts[0]) == 4:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return dt.date(_year(parts[2]), int(parts[1]), int(parts[0]))
        if len(parts) == 3:
            words = [(i, _month(part, language)) for i, part in enumerate(parts) if not part.isdigit()]
            where, month = words[0] if len(words) == 1 else (0, None)
            if month is not None:
                numbers = [part for i, part in enumerate(parts) if i != where]
                day, year = (numbers[0], numbers[1]) if len(numbers[1]) >= len(numbers[0]) else \
                    (numbers[1], numbers[0])
                return dt.date(_year(year), month, int(day))
    except ValueError as exc:
        raise DateTextError(f"“{text.strip()}” is not a date of the calendar ({exc}). "
                             f"Type it as {example(language)}.") from None
    raise DateTextError(f"“{text.strip()}” is not a date. Type it as {example(language)}.")


def show_date(value: dt.date, language: str = "en") -> str:
    """How a date is shown in the field: "4 March 2026", in the pack's ``language`` as its deck and annex
    write it ("4 mars 2026"); :func:`parse_date` reads it back."""
    return wording.long_date(value, language)
