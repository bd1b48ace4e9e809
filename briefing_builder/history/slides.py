"""A :class:`~.changes.ChangeReport` as the :class:`ChangeList` a ``type: changes`` slide draws."""

from __future__ import annotations

import datetime as dt

from briefing_builder.compose.change_list import ChangeItem, ChangeList, word
from briefing_builder.history.changes import ChangeReport, FieldChange
from briefing_builder.history.word_diff import slide_runs
from briefing_builder.markup import Run, parse_markup


def change_list(report: ChangeReport, since: dt.date, language: str) -> ChangeList:
    """The slide's list: one item per record, one detail line per changed field."""
    items = []
    for record in report.records:
        title = f"{record.title} ({record.where})" if record.where else record.title
        items.append(ChangeItem(record.kind, title, tuple(detail_runs(f, language) for f in record.fields)))
    return ChangeList(since, tuple(items))


def detail_runs(change: FieldChange, language: str) -> tuple[Run, ...]:
    """One changed field as a line of runs: its name, then the word diff or old → new."""
    name = change.label if change.field == "figure" else word(change.field, language)
    head = (Run(f"{name}: ", italic=True),)
    if change.words:
        return head + slide_runs(change.words)
    if change.old is None:
        return head + (Run("+ "),) + _runs(change.field, change.new or "")
    if change.new is None:
        return head + tuple(Run(r.text, r.bold, r.italic, True) for r in _runs(change.field, change.old))
    return head + _runs(change.field, change.old) + (Run(" → "),) + _runs(change.field, change.new)


def _runs(field: str, text: str) -> tuple[Run, ...]:
    return parse_markup(text) if field in ("text", "sub-point", "title") else (Run(text),)
