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
