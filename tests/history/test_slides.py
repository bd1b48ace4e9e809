"""The "what has changed" slide's list, made from a change report as the store's history gives it."""

from __future__ import annotations

import datetime as dt

from briefing_builder.compose.change_list import word
from briefing_builder.history.changes import ChangeReport, FieldChange, RecordChange
from briefing_builder.history.slides import change_list, detail_runs
from briefing_builder.history.word_diff import word_diff

SINCE = dt.date(2026, 1, 12)


def _text(runs: tuple[object, ...]) -> str:
    return "".join(r.text for r in runs)  # type: ignore[attr-defined]


def test_each_changed_record_becomes_one_item_named_with_its_area() -> None:
    report = ChangeReport("jha", "export-1", "now", (
        RecordChange("added", "measure", "return-hubs", "Return hubs", "4. Return and readmission"),
        RecordChange("changed", "country", "egypt", "Egypt", "", (FieldChange("status", "planned", "ongoing"),)),
    ))
    listed = change_list(report, SINCE, "en")
    assert listed.since == SINCE and not listed.unavailable
    assert [(i.kind, i.title) for i in listed.items] == [("added", "Return hubs (4. Return and readmission)"),
                                                          ("changed", "Egypt")]
    assert _text(listed.items[1].details[0]) == f"{word('status', 'en')}: planned → ongoing"


def test_a_reworded_text_shows_the_new_words_with_the_old_ones_struck_through() -> None:
    old, new = "Improving **readmission** by third countries", "Improving **readmission** by partner countries"
    runs = detail_runs(FieldChange("text", old, new, word_diff(old, new)), "fr")
    assert runs[0].text == f"{word('text', 'fr')}: " and runs[0].italic
    struck = [r.text.strip() for r in runs if r.strike]
    assert struck == ["third"] and "partner" in _text(runs) and any(r.bold for r in runs)


def test_a_field_added_or_removed_is_marked_so() -> None:
    added = detail_runs(FieldChange("sub-point", None, "Reintegration **support**"), "en")
    assert _text(added) == f"{word('sub-point', 'en')}: + Reintegration support" and added[-1].bold
    removed = detail_runs(FieldChange("lead", "COM", None), "en")
    assert _text(removed) == f"{word('lead', 'en')}: COM" and removed[-1].strike
    figure = detail_runs(FieldChange("figure", "70", "72", label="Asylum applications (thousands)"), "en")
    assert _text(figure) == "Asylum applications (thousands): 70 → 72"
