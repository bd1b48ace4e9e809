"""The few words the planner writes itself, in the pack's language, and dates.

Dates use Babel's CLDR data, so "12 January 2026" comes out right in every EU language.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

_SLIDE_REF = {
    "en": "slide {n}", "fr": "diapositive {n}", "de": "Folie {n}", "es": "diapositiva {n}",
    "it": "diapositiva {n}", "nl": "dia {n}", "pt": "diapositivo {n}", "pl": "slajd {n}",
}
_CONTINUED = {
    "en": "(cont.)", "fr": "(suite)", "de": "(Forts.)", "es": "(cont.)", "it": "(segue)",
    "nl": "(vervolg)", "pt": "(cont.)", "pl": "(cd.)",
}
_LABELS = {
    "en": {"main_goals": "Main goals:", "relationship": "Relationship:", "cooperation": "Cooperation areas:",
           "instruments": "Instruments and leverage:", "figure": "Figure", "value": "Value",
           "period": "Period", "source": "Source, as of", "illustrative": "illustrative",
           "notes": "Notes:", "sources": "Sources", "records": "Records",
           "page_of": "Page {n} of {total}"},
    "fr": {"main_goals": "Objectifs principaux :", "relationship": "Relation :",
           "cooperation": "Domaines de coopération :", "instruments": "Instruments et leviers :",
           "figure": "Indicateur", "value": "Valeur", "period": "Période", "source": "Source, à la date du",
           "illustrative": "illustratif", "notes": "Notes :", "sources": "Sources", "records": "Fiches",
           "page_of": "Page {n} sur {total}"},
    "de": {"main_goals": "Hauptziele:", "relationship": "Beziehung:", "cooperation": "Kooperationsbereiche:",
           "instruments": "Instrumente und Hebel:", "figure": "Kennzahl", "value": "Wert",
           "period": "Zeitraum", "source": "Quelle, Stand", "illustrative": "illustrativ",
           "notes": "Hinweise:", "sources": "Quellen", "records": "Datensätze",
           "page_of": "Seite {n} von {total}"},
}


def _lang(language: str) -> str:
    return (language or "en").split("-")[0].split("_")[0].lower()


def slide_reference(language: str) -> str:
    """Default wording of a cross-reference, with ``{n}`` for the slide number."""
    return _SLIDE_REF.get(_lang(language), _SLIDE_REF["en"])


def continued(language: str) -> str:
    """The suffix marking a continuation slide's title."""
    return _CONTINUED.get(_lang(language), _CONTINUED["en"])


def label(key: str, language: str) -> str:
    """A fixed label (e.g. ``main_goals``) in ``language``, English when not translated."""
    return _LABELS.get(_lang(language), _LABELS["en"]).get(key) or _LABELS["en"][key]


@lru_cache(maxsize=256)
def long_date(day: dt.date, language: str) -> str:
    """``12 January 2026`` in ``language`` (CLDR long date without weekday)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    lang = _lang(language)
    locale = "en_IE" if lang == "en" else lang  # EU English: day month year
    try:
        return format_date(day, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_date(day, format="long", locale="en_IE")
