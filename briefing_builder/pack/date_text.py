"""Reading a date the way people type it: "4 March 2026", "04/03/2026", "2026-03-04", "4.3.26".

No Qt here. Numeric dates are day first (the European order) unless the year comes first;
month names may be English in full or abbreviated, and the month may come first
("March 4, 2026"). Two-digit years are 20xx.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing_builder.compose import wording
from briefing_builder.errors import BriefingError

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


class DateTextError(BriefingError, ValueError):
    """The text is not a date; the message says what is accepted."""


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) <= 2 else year


def parse_date(text: str) -> dt.date:
    """The date in ``text``; raises :class:`DateTextError` with a readable message."""
    cleaned = text.strip().replace(",", " ")
    parts = [part for part in re.split(r"[\s/.\-]+", cleaned) if part]
    try:
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            if len(parts[0]) == 4:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return dt.date(_year(parts[2]), int(parts[1]), int(parts[0]))
        if len(parts) == 3:
            words = [(i, _month(part)) for i, part in enumerate(parts) if not part.isdigit()]
            where, month = words[0] if len(words) == 1 else (0, None)
            if month is not None:
                numbers = [part for i, part in enumerate(parts) if i != where]
                day, year = (numbers[0], numbers[1]) if len(numbers[1]) >= len(numbers[0]) else \
                    (numbers[1], numbers[0])
                return dt.date(_year(year), month, int(day))
    except ValueError as exc:
        raise DateTextError(f"“{text.strip()}” is not a date of the calendar ({exc}). "
                             "Type it as 4 March 2026, 04/03/2026 or 2026-03-04.") from None
    raise DateTextError(f"“{text.strip()}” is not a date. Type it as 4 March 2026, 04/03/2026 or 2026-03-04.")


def show_date(value: dt.date) -> str:
    """How a date is shown in the field: "4 March 2026" (the app's English, as decks and annexes write dates)."""
    return wording.long_date(value, "en")
