"""The "what has changed" slide's title and bullets, for a list the store's history gives or cannot give."""

from __future__ import annotations

import datetime as dt

from briefing_builder.compose import wording
from briefing_builder.compose.change_list import ChangeItem, ChangeList, change_groups, changes_title, word
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

SINCE = dt.date(2026, 1, 12)


def _lines(groups: list[tuple[Paragraph, ...]]) -> list[tuple[int, bool, str]]:
    return [(p.level, p.bullet, "".join(r.text for r in p.runs)) for group in groups for p in group]


def test_the_title_names_the_last_meetings_date_in_the_packs_language() -> None:
    assert changes_title(SINCE, "en") == "What has changed since 12 January 2026"
    assert changes_title(SINCE, "fr-BE") == "Ce qui a changé depuis le 12 janvier 2026"
    assert changes_title(SINCE, "de") == "Was sich seit dem 12. Januar 2026 geändert hat"
    # not translated: the English words, the date as the pack's language writes it
    assert changes_title(SINCE, "sv") == f"What has changed since {wording.long_date(SINCE, 'sv')}"
    assert changes_title(None, "fr") == "Ce qui a changé" and changes_title(None, "") == "What has changed"


def test_each_changed_record_is_a_bold_heading_with_one_line_per_field() -> None:
    listed = ChangeList(SINCE, (ChangeItem("added", "EU Talent Pool (area 5)"),
                                ChangeItem("changed", "Return hubs", ((Run("status: "), Run("adopted", bold=True)),
                                                                      (Run("text: new wording"),)))))
    groups = change_groups(listed, "en")
    assert _lines(groups) == [(0, True, "New: EU Talent Pool (area 5)"), (0, True, "Changed: Return hubs"),
                              (1, True, "status: adopted"), (1, True, "text: new wording")]
    assert groups[0][0].runs[0].bold and not groups[0][0].runs[1].bold
    assert _lines(change_groups(listed, "fr"))[0][2] == "Nouveau: EU Talent Pool (area 5)"


def test_no_changes_no_history_and_not_yet_known_are_each_said_plainly() -> None:
    assert _lines(change_groups(ChangeList(SINCE), "en")) == [(0, False, "No changes.")]
    unknown = _lines(change_groups(ChangeList(None, unavailable=True), "de"))
    assert unknown == [(0, False, word("unknown", "de"))] and unknown[0][2].startswith("Die Historie")
    assert _lines(change_groups(None, "fr")) == [(0, False, word("later", "fr"))]  # the preview, before export


def test_a_word_missing_in_a_language_is_taken_from_english() -> None:
    assert word("added", "it") == "New" and word("removed", "FR") == "Retiré" and word("figure", "de") == "Kennzahl"
