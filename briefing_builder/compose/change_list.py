"""The ``type: changes`` section: a list of what changed, as plain data, and its slide draft.

The list itself is worked out from the store's history (``briefing_builder.history``) by the
caller and handed to the planner as a :class:`ChangeList` per section index; the planner
only lays it out, its fixed words from the label catalogues (``changes_…``). Without one (no
history, or the app's preview before it has one) the slide says so instead of guessing (the
preview, which has no list, says it comes at export).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing_builder.compose import wording
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run


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
    """A fixed word of the changes slide (``added``, ``none``, a field: ``sub-point``) in ``language``, from the
    label catalogues (``changes_<key>``; English when not translated, the key itself when no catalogue has it)."""
    return wording.optional_label(f"changes_{key.replace('-', '_')}", language) or key


def changes_title(since: dt.date | None, language: str) -> str:
    """"What has changed since 12 January 2026", localised."""
    if since is None:
        return wording.label("changes_heading", language)
    return wording.label("changes_heading_since", language).format(date=wording.long_date(since, language))


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
