"""The app's own words and dates in the pack's language, from the label catalogues the app ships."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_builder.compose import wording

EU_LANGUAGES = ("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv")


def test_english_is_complete_and_every_other_catalogue_names_only_english_keys() -> None:
    english = wording.catalogue("en")
    assert "en" in wording.catalogue_languages() and english
    for language in wording.catalogue_languages():
        unknown = set(wording.catalogue(language)) - set(english)
        assert not unknown, f"{language}.yaml has keys English lacks: {sorted(unknown)}"


@pytest.mark.parametrize("language", wording.catalogue_languages())
def test_every_label_reads_in_every_language_with_english_where_untranslated(language: str) -> None:
    own = wording.catalogue(language)
    for key, english in wording.catalogue("en").items():
        assert wording.label(key, language) == (own.get(key) or english)
    assert wording.slide_reference(language).count("{n}") == 1
    assert "{n}" not in wording.continued(language) and "3" in wording.continued(language, 3)


def test_a_language_without_a_catalogue_and_odd_spellings_fall_back_to_english() -> None:
    assert wording.catalogue("sv") == {}
    assert wording.label("main_goals", "sv") == wording.label("main_goals", "en")
    assert wording.label("main_goals", "FR-be") == wording.label("main_goals", "fr") == wording.label(
        "main_goals", "fr_BE")
    assert wording.label("main_goals", "") == wording.label("main_goals", "en")
    assert wording.catalogue("../en") == {} and wording.catalogue("en/../en") == {}  # no path out of the folder
    assert wording.optional_label("no_such_key", "fr") is None
    with pytest.raises(KeyError):
        wording.label("no_such_key", "fr")


def test_the_catalogue_returned_is_a_copy_a_caller_cannot_spoil() -> None:
    labels = wording.catalogue("fr")
    labels["main_goals"] = "spoilt"
    assert wording.label("main_goals", "fr") != "spoilt"


def test_runs_are_tagged_with_a_full_language_tag() -> None:
    assert wording.locale_tag("en") == "en-GB" and wording.locale_tag("fr") == "fr-BE"
    assert wording.locale_tag("de_AT") == "de-AT" and wording.locale_tag("nl-NL") == "nl-NL"
    assert wording.locale_tag("sv") == "en-GB"  # no catalogue: the English one's tag


def test_a_meeting_date_is_written_day_month_year_in_every_eu_language() -> None:
    day = dt.date(2026, 1, 12)
    assert wording.long_date(day, "en") == "12 January 2026"
    assert wording.long_date(day, "fr") == "12 janvier 2026"
    assert wording.long_date(day, "de") == "12. Januar 2026"
    for language in EU_LANGUAGES:
        text = wording.long_date(day, language)
        assert "2026" in text and "12" in text, (language, text)
    assert wording.long_date(day, "xx") == "12 January 2026"  # an unknown language: EU English
    assert wording.long_date(day, "fr-BE") == "12 janvier 2026"
