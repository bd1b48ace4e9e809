"""Dates typed in the usual forms."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_builder.pack.date_text import DateTextError, parse_date, show_date

MARCH_4 = dt.date(2026, 3, 4)


@pytest.mark.parametrize("text", ["4 March 2026", "04/03/2026", "2026-03-04", "4.3.2026", "4 Mar 2026",
                                  "March 4, 2026", " 4 march 2026 ", "4-3-26", "04 MARCH 2026"])
def test_usual_forms(text: str) -> None:
    assert parse_date(text) == MARCH_4


@pytest.mark.parametrize("text", ["31/02/2026", "hello", "4 Marsh 2026", "2026", "", "13/13/2026"])
def test_not_dates_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateTextError, match="not a date"):
        parse_date(text)


def test_shown_as_typed() -> None:
    assert show_date(MARCH_4) == "4 March 2026" and parse_date(show_date(MARCH_4)) == MARCH_4
    assert show_date(MARCH_4, "fr") == "4 mars 2026" and parse_date(show_date(MARCH_4, "fr"), "fr") == MARCH_4


@pytest.mark.parametrize(("text", "language"), [
    ("4 mars 2026", "fr"), ("4 Mars 2026", "fr"), ("4. März 2026", "de"), ("4 Marz 2026", "de"),
    ("4 de marzo de 2026", "es"), ("4 marca 2026", "pl"), ("4 maart 2026", "nl"), ("4 de março de 2026", "pt"),
    ("4 marzo 2026", "it"), ("4 March 2026", "fr"),  # English is always understood
])
def test_month_names_of_the_pack_language(text: str, language: str) -> None:
    assert parse_date(text, language) == MARCH_4


def test_the_deck_s_own_french_dates_read_back() -> None:
    from briefing_builder.compose import wording

    for day in (dt.date(2026, month, 1 + month) for month in range(1, 13)):
        assert parse_date(wording.long_date(day, "fr"), "fr") == day
        assert parse_date(wording.long_date(day, "de"), "de") == day


@pytest.mark.parametrize(("text", "expected"), [("1er févr. 2026", dt.date(2026, 2, 1)),
                                                ("12 fevrier 2026", dt.date(2026, 2, 12)),
                                                ("3 juil 2026", dt.date(2026, 7, 3)),
                                                ("1er mai 2026", dt.date(2026, 5, 1))])
def test_french_abbreviations_ordinals_and_missing_accents(text: str, expected: dt.date) -> None:
    assert parse_date(text, "fr") == expected


def test_an_ambiguous_abbreviation_is_refused_with_an_example_in_the_pack_language() -> None:
    with pytest.raises(DateTextError, match="Type it as 4 mars 2026, 04/03/2026 or 2026-03-04"):
        parse_date("4 jui 2026", "fr")  # juin or juillet
