"""Tests of briefing_builder.history.word_diff: word diffs that know the markup."""

from __future__ import annotations

from briefing_builder.history.word_diff import diff_text, slide_runs, word_diff


def test_words_inserted_and_deleted() -> None:
    pieces = word_diff("Building a common system for return", "Building a common European system for returns")
    assert diff_text(pieces) == "Building a common {+European+} system for [-return-]{+returns+}"


def test_a_change_of_style_alone_is_a_change_and_markup_is_no_word() -> None:
    assert diff_text(word_diff("**Return** hubs", "Return hubs")) == "[-**Return**-]{+Return+} hubs"
    assert word_diff("**Return**  hubs", "**Return** hubs") == ()


def test_on_a_slide_deleted_words_are_struck() -> None:
    runs = slide_runs(word_diff("prevent arrivals", "reduce arrivals"))
    assert [(r.text.strip(), r.strike) for r in runs] == [("prevent", True), ("reduce", False), ("arrivals", False)]
