"""The annex's words in every catalogue language, and reading them back whatever language a return is in.

Checked over the real annex plan of the bundled reference pack and every label catalogue the
app ships, so a new catalogue (or a new column) that breaks the round trip fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_builder.annex.headers import (
    HEADER_CHAR_WIDTH,
    canonical_header,
    column_header,
    folded,
    header_key,
    in_language,
    is_position_value,
    position_label,
    position_labels,
    position_value,
    status_label,
    status_labels,
    status_value,
)
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.xlsx_safety import check_sheet_name
from briefing_builder.compose import wording
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from briefing_builder.store.schema import Status

LANGUAGES = wording.catalogue_languages()


@pytest.fixture(scope="module")
def plan() -> AnnexPlan:
    catalog = load_store(sample_store_dir())
    return plan_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, dt.date(2026, 1, 10))


def test_the_catalogue_key_of_a_header_is_its_words_in_lower_case() -> None:
    assert header_key("Delegation comments") == "annex_col_delegation_comments"
    assert header_key("Changed since (last export)") == "annex_col_changed_since_last_export"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_header_reads_back_as_its_english_header_in_every_language(plan: AnnexPlan, language: str) -> None:
    for sheet in plan.sheets:
        for column in sheet.columns:
            shown = column_header(column.header, language)
            assert canonical_header(f"  {shown.upper()} ") == column.header, (language, sheet.name, shown)


def test_a_header_no_catalogue_knows_reads_as_typed() -> None:
    assert canonical_header("NL remarks") == "NL remarks"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_sheets_keep_valid_excel_names_and_columns_wide_enough_for_their_words(
        plan: AnnexPlan, language: str) -> None:
    names = []
    for sheet in plan.sheets:
        shown = in_language(sheet, language)
        check_sheet_name(shown.name)
        names.append(shown.name.lower())
        assert shown.table_name == sheet.table_name and len(shown.columns) == len(sheet.columns)
        for before, after in zip(sheet.columns, shown.columns):
            longest = max((len(word) for word in after.header.split()), default=0)
            assert after.width >= before.width
            if after.header != before.header:  # a wrapped header breaks between words, never inside one
                assert longest * HEADER_CHAR_WIDTH < after.width, (language, after.header, after.width)
    assert len(set(names)) == len(names), f"two sheets share a name in {language}: {names}"


def test_a_sheet_shown_in_french_is_renamed_and_in_english_left_as_it_is(plan: AnnexPlan) -> None:
    measures = plan.sheet("Measures")
    assert in_language(measures, "en") == measures  # nothing to translate: the same sheet
    french = in_language(measures, "fr")
    assert (french.name, french.description[:12]) == ("Mesures", "Les mesures ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_statuses_and_positions_read_back_from_every_language_however_typed(language: str) -> None:
    for status in Status:
        label = status_label(status.value, language)
        assert status_value(label) == status.value
        assert status_value(f" {label.upper()}  ") == status.value
    assert status_labels(tuple(s.value for s in Status), language) == tuple(
        status_label(s.value, language) for s in Status)
    for english, label in zip(position_labels("en"), position_labels(language)):
        assert position_value(label) == english and is_position_value(english)
        assert position_value(label.replace("'", "\u2019").title()) == english  # typed, not chosen
        assert position_label(english, language) == label


def test_a_delegations_own_words_are_kept_as_they_typed_them() -> None:
    assert position_value("  Support, with a reserve on §3 ") == "Support, with a reserve on §3"
    assert not is_position_value("Support, with a reserve on §3")
    assert position_label("Support, with a reserve on §3", "fr") == "Support, with a reserve on §3"
    assert status_value("pending COREPER") == "pending COREPER"


def test_folding_ignores_case_spacing_apostrophes_and_accent_encoding_but_not_accents() -> None:
    assert folded("Réserve  d\u2019Examen") == folded("re\u0301serve d'examen") == "réserve d'examen"
    assert folded("Mis en Œuvre") == "mis en oeuvre"
    assert folded("reserve") != folded("réserve")
