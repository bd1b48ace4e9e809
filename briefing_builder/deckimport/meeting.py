"""The title slide read back: its title and subtitle are made from the pack's meeting.

The app writes the meeting's title as the title slide's title and, unless the title section has
a subtitle of its own, the lines "body, date", venue and presenter under it. Each of those fields
edited in the deck (a line typed under the subtitle: the venue, then the presenter, when the
meeting has none) is offered as ``pack:meeting:FIELD`` — written to the pack file only when
accepted, like the pack's own text on other slides — unless the pack changed that field since
the export (then the pack's newer text is kept, and the offer says so).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefing_builder.deckimport.changes import DeckChanges
from briefing_builder.deckimport.deck_file import DeckShape
from briefing_builder.deckimport.match import FURNITURE, TITLES
from briefing_builder.deckimport.structure import Planner
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.render.deck_provenance import Block, normalise
from briefing_builder.store.schema import Meeting, TitleSection

_LINES = ("venue", "presenter")  # the subtitle's lines after "body, date", in the app's order


def meeting_texts(block: Block, number: int, shape: DeckShape, planner: Planner, changes: DeckChanges) -> bool:
    """Offer the meeting fields the title slide's ``block`` (as ``shape`` in the deck, on slide
    ``number``) now says otherwise; True when ``block`` is the title slide's title or subtitle (it
    holds no record's text: nothing else is to be read from it)."""
    pack, meeting = planner.pack, planner.meeting
    if pack is None or meeting is None or shape.placeholder in FURNITURE or any(p[2] for p in block.paragraphs):
        return False
    title_section = next((s for s in pack.sections if isinstance(s, TitleSection)), None)
    if title_section is None:
        return False
    if normalise(block.title) != normalise(meeting.title) and not (block.slide == 1 and pack.sections[0] is
                                                                    title_section):
        return False
    sent = [normalise(plain_text(parse_markup(p[0]))) for p in block.paragraphs]
    read = [normalise(p.text) for p in shape.paragraphs if p.text.strip()]
    where = f"slide {number}"
    if shape.placeholder in TITLES:
        _offer(planner, where, "title", " ".join(sent), " ".join(read), meeting.title)
        return True
    if title_section.subtitle:
        return False  # the title section's own subtitle: the pack's section text (slides.pack_texts)
    if shape.placeholder != "subTitle" and not (sent and read_date(sent[0].rpartition(", ")[2], meeting.language)):
        return False  # another box on the title slide (the marking): not made from the meeting
    names = ["line", *(name for name in _LINES if getattr(meeting, name))]
    names += [name for name in _LINES if name not in names][:max(0, len(sent) - len(names))]
    free = [name for name in _LINES if name not in names]
    names += free[:max(0, len(read) - len(names))]
    for extra in read[len(names):]:
        changes.new_content.append(f"{where}: a line typed under the title slide's subtitle, which shows the "
                                   f"meeting's body and date, venue and presenter only: “{extra}”")
    for position, name in enumerate(names):
        old = sent[position] if position < len(sent) else ""
        new = read[position] if position < len(read) else ""
        if name == "line":
            _line(planner, where, old, new, meeting)
        else:
            _offer(planner, where, name, old, new, getattr(meeting, name))
    return True


def _line(planner: Planner, where: str, old: str, new: str, meeting: Meeting) -> None:
    """The subtitle's first line, "body, date", edited: its body and its date, each a field."""
    old_body, _, old_date = old.rpartition(", ")
    new_body, comma, new_date = new.rpartition(", ")
    if not comma:
        new_body, new_date = new, ""
    _offer(planner, where, "body", old_body, new_body, meeting.body)
    if normalise(old_date) == normalise(new_date):
        return
    day = read_date(new_date, meeting.language)
    sent_day = read_date(old_date, meeting.language)
    reason = "" if day is not None else (f"“{new_date}” is not a date; type it as the app wrote it "
                                         f"(“{old_date}”), with the new day")
    _offer(planner, where, "date", sent_day.isoformat() if sent_day else old_date,
           day.isoformat() if day else new_date, meeting.date.isoformat(), reason)


def _offer(planner: Planner, where: str, name: str, old: str, new: str, now: Any, reason: str = "") -> None:
    """The meeting field ``name`` now ``new`` in the deck (``old`` when exported; ``now`` in the pack)."""
    now_text = normalise(str(now)) if now is not None else ""
    if normalise(new) in (normalise(old), now_text):
        return  # unedited, or the pack already says it
    if now_text != normalise(old):
        reason = reason or (f"the pack's meeting {name} changed since the export (now “{now_text}”); the pack's "
                            "text is kept — edit it in the pack if the deck's should win")
    planner.meeting_text(where, name, old, new, reason)


def _month_names(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, lower case) of ``language`` and of English, to their number."""
    from babel.core import UnknownLocaleError
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in dict.fromkeys((language.replace("-", "_"), "en_IE")):
        for width in ("wide", "abbreviated"):
            try:
                found = get_month_names(width, locale=locale)
            except (UnknownLocaleError, ValueError):
                continue
            names.update({str(text).lower().rstrip("."): month for month, text in found.items()})
    return names


_WORDS = re.compile(r"(\d{1,2})(?:er|st|nd|rd|th|\.)?\s+([^\W\d_]+\.?)\s+(\d{4})")
_MONTH_FIRST = re.compile(r"([^\W\d_]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")  # January 19, 2026
_NUMBERS = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def read_date(text: str, language: str) -> dt.date | None:
    """The day ``text`` names, as the app writes it in ``language`` ("12 January 2026", "1 février
    2026"), month first ("January 12, 2026"), as ISO (2026-01-12) or day first (12/1/2026); None when
    it names no day of the calendar."""
    cleaned = normalise(text).lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return dt.date.fromisoformat(cleaned)
        numbers = _NUMBERS.fullmatch(cleaned)
        if numbers:
            return dt.date(int(numbers[3]), int(numbers[2]), int(numbers[1]))
        words = _WORDS.fullmatch(cleaned)
        month = _month_names(language).get(words[2].rstrip(".")) if words else None
        if words and month:
            return dt.date(int(words[3]), month, int(words[1]))
        words = _MONTH_FIRST.fullmatch(cleaned)
        month = _month_names(language).get(words[1].rstrip(".")) if words else None
        if words and month:
            return dt.date(int(words[3]), month, int(words[2]))
    except ValueError:
        return None
    return None

