"""The ``type: changes`` section: a list of what changed, as plain data, and its slide draft.

The list itself is worked out from the store's history (``briefing_builder.history``) by the
caller and handed to the planner as a :class:`ChangeList` per section index; the planner
only lays it out. Without one (no history, or the app's preview before it has one) the
slide says so instead of guessing (the preview, which has no list, says it comes at export).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing_builder.compose import wording
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

_TITLE = {"en": "What has changed since {date}", "fr": "Ce qui a changé depuis le {date}",
          "de": "Was sich seit dem {date} geändert hat", "es": "Qué ha cambiado desde el {date}",
          "it": "Cosa è cambiato dal {date}", "nl": "Wat er is veranderd sinds {date}",
          "pt": "O que mudou desde {date}", "pl": "Co się zmieniło od {date}"}
_UNDATED = {"en": "What has changed", "fr": "Ce qui a changé", "de": "Was sich geändert hat"}
_WORDS = {
    "en": {"added": "New", "removed": "No longer shown", "changed": "Changed", "none": "No changes.",
           "unknown": "The store's history has no earlier export to compare with, so the changes cannot be listed yet.",
           "later": "The changes are listed from the store's history when the deck is exported.",
           "status": "status", "lead": "lead", "timeline": "timeline", "sub-point": "sub-point",
           "figure": "figure", "title": "title", "date": "date", "text": "text"},
    "fr": {"added": "Nouveau", "removed": "Retiré", "changed": "Modifié", "none": "Aucun changement.",
           "unknown": "L'historique du fonds n'a pas encore d'export antérieur : "
                      "les changements ne peuvent être listés.",
           "later": "Les changements sont listés à partir de l'historique du fonds lors de l'export.",
           "status": "état", "lead": "chef de file", "timeline": "calendrier", "sub-point": "sous-point",
           "figure": "indicateur", "title": "titre", "date": "date", "text": "texte"},
    "de": {"added": "Neu", "removed": "Nicht mehr gezeigt", "changed": "Geändert", "none": "Keine Änderungen.",
           "unknown": "Die Historie des Bestands hat noch keinen früheren Export; "
                      "die Änderungen können nicht aufgelistet werden.",
           "later": "Die Änderungen werden beim Export aus der Historie des Bestands aufgelistet.",
           "status": "Status", "lead": "Federführung", "timeline": "Zeitplan", "sub-point": "Unterpunkt",
           "figure": "Kennzahl", "title": "Titel", "date": "Datum", "text": "Text"},
}


@dataclass(frozen=True)
class ChangeItem:
    """One changed record: its kind (added/removed/changed), title, and one line per field."""

    kind: str
    title: str
    details: tuple[tuple[Run, ...], ...] = ()


@dataclass(frozen=True)
class ChangeList:
    """The changes a ``type: changes`` section shows, since ``since``."""

    since: dt.date | None
    items: tuple[ChangeItem, ...] = ()
    #: True when the store's history could not give the list (none yet, or no earlier export).
    unavailable: bool = False


def word(key: str, language: str) -> str:
    """A fixed word of the changes slide in ``language`` (English when not translated)."""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    return _WORDS.get(lang, _WORDS["en"]).get(key) or _WORDS["en"][key]


def changes_title(since: dt.date | None, language: str) -> str:
    """"What has changed since 12 January 2026", localised."""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    if since is None:
        return _UNDATED.get(lang, _UNDATED["en"])
    return _TITLE.get(lang, _TITLE["en"]).format(date=wording.long_date(since, language))


def change_groups(changes: ChangeList | None, language: str) -> list[tuple[Paragraph, ...]]:
    """The slide's bullet groups: per record a bold heading, then one line per changed field."""
    if changes is None or changes.unavailable:
        key = "later" if changes is None else "unknown"
        return [(Paragraph((Run(word(key, language)),), bullet=False),)]
    if not changes.items:
        return [(Paragraph((Run(word("none", language)),), bullet=False),)]
    groups = []
    for item in changes.items:
        head = Paragraph((Run(f"{word(item.kind, language)}: ", bold=True), Run(item.title)))
        groups.append((head, *(Paragraph(runs, level=1) for runs in item.details)))
    return groups
