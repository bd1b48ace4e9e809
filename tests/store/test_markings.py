"""The marking catalogue: bundled defaults, a store's changes, and what a pack's marking resolves to."""

from __future__ import annotations

import pytest

from briefing_builder.store.markings import (
    MarkingSettings,
    label_properties,
    marking_options,
    resolve_marking,
    split_marking,
)
from tests.store.conftest import StoreCopy

DEFAULTS = MarkingSettings()


def test_bundled_catalogue_has_the_eu_levels_limite_and_their_placement() -> None:
    by_id = {d.id: d for d in DEFAULTS.definitions()}
    assert [by_id[i].level for i in ("restreint-ue", "confidentiel-ue", "secret-ue", "tres-secret-ue")] == [1, 2, 3, 4]
    assert by_id["restreint-ue"].wording("en") == "RESTREINT UE/EU RESTRICTED"
    assert by_id["restreint-ue"].placement == ("top-centre", "bottom-centre")
    assert by_id["limite"].kind == "distribution" and by_id["limite"].placement == ("top-right",)
    assert by_id["sensitive"].wording("fr") == "SENSIBLE" and by_id["sensitive"].wording("de") == "SENSITIVE"


@pytest.mark.parametrize("written", ["restreint-ue", "RESTREINT UE/EU RESTRICTED", "restreint ue",
                                     "  Restreint UE / EU Restricted ", "EU RESTRICTED"])
def test_a_marking_is_named_by_id_wording_or_alias(written: str) -> None:
    choice = resolve_marking(written, DEFAULTS)
    assert choice.text == "RESTREINT UE/EU RESTRICTED" and choice.level == 1 and not choice.unknown


def test_a_classification_and_a_distribution_marking_combine_classification_first() -> None:
    choice = resolve_marking("LIMITE + restreint-ue", DEFAULTS)
    assert [m.id for m in choice.markings] == ["restreint-ue", "limite"]
    assert choice.text == "RESTREINT UE/EU RESTRICTED · LIMITE" and not choice.conflicts
    assert split_marking("RESTREINT UE + LIMITE") == ["RESTREINT UE", "LIMITE"]


def test_two_classifications_are_a_conflict() -> None:
    choice = resolve_marking("RESTREINT UE + CONFIDENTIEL UE", DEFAULTS)
    assert choice.conflicts and "Only one classification" in choice.conflicts[0]


def test_a_misspelt_marking_is_refused_with_the_known_ones() -> None:
    choice = resolve_marking("RESTRAINT UE", DEFAULTS)
    assert choice.unknown == ("RESTRAINT UE",) and not choice.markings
    message = choice.unknown_message()
    assert "'RESTRAINT UE'" in message and "RESTREINT UE/EU RESTRICTED" in message and "allow_custom" in message


def test_custom_text_is_accepted_when_the_store_allows_it() -> None:
    choice = resolve_marking("FOR THE WORKING PARTY ONLY", MarkingSettings(allow_custom=True))
    assert choice.custom == ("FOR THE WORKING PARTY ONLY",) and choice.markings[0].text == "FOR THE WORKING PARTY ONLY"
    assert choice.markings[0].placement == ("top-right",) and not choice.unknown


def test_a_store_changes_a_bundled_marking_and_adds_its_own(store: StoreCopy) -> None:
    store.append("store.yaml", """
markings:
  catalogue:
    - id: limite
      placement: [top-left, bottom-left]
    - id: restreint-ue
      label: {id: "{3A5F0C1E-8B7D-4C2A-9E61-0D4B2F7A9C13}", name: "EU RESTRICTED"}
    - id: internal
      kind: handling
      text: {en: "INTERNAL USE", fr: "USAGE INTERNE"}
""")
    catalog = store.load()
    assert not catalog.diagnostics
    settings = catalog.meta.markings
    by_id = {d.id: d for d in settings.definitions()}
    assert by_id["limite"].placement == ("top-left", "bottom-left") and by_id["limite"].kind == "distribution"
    assert by_id["restreint-ue"].label.guid == "3a5f0c1e-8b7d-4c2a-9e61-0d4b2f7a9c13"
    assert by_id["restreint-ue"].wording("en") == "RESTREINT UE/EU RESTRICTED"  # the rest is kept
    assert resolve_marking("internal", settings, "fr").text == "USAGE INTERNE"
    assert "USAGE INTERNE" in marking_options(settings, "fr")


def test_a_new_marking_without_text_is_a_located_error(store: StoreCopy) -> None:
    store.append("store.yaml", "\nmarkings:\n  catalogue:\n    - id: new-one\n      kind: handling\n")
    [diagnostic] = store.diagnostics_for("store.yaml")
    assert "new-one" in diagnostic.message and "text" in diagnostic.message
    assert diagnostic.line == store.line_of("store.yaml", "- id: new-one")


def test_an_unknown_placement_is_a_located_error(store: StoreCopy) -> None:
    store.append("store.yaml", "\nmarkings:\n  catalogue:\n    - id: limite\n      placement: middle\n")
    [diagnostic] = store.diagnostics_for("store.yaml")
    assert diagnostic.line == store.line_of("store.yaml", "placement: middle") and "top-centre" in diagnostic.message


def test_label_properties_are_only_what_the_store_says() -> None:
    props = label_properties("abc", "EU RESTRICTED", "", "2026-01-12")
    assert props == {"MSIP_Label_abc_Enabled": "true", "MSIP_Label_abc_SetDate": "2026-01-12T00:00:00Z",
                     "MSIP_Label_abc_Method": "Standard", "MSIP_Label_abc_Name": "EU RESTRICTED",
                     "MSIP_Label_abc_ContentBits": "0"}
    assert label_properties("", "x", "y", "2026-01-12") == {}


def test_a_pack_may_list_its_markings() -> None:
    from briefing_builder.store.schema import Meeting

    meeting = Meeting.model_validate({"title": "T", "body": "B", "date": "2026-01-12",
                                      "marking": ["restreint-ue", "limite"], "reference": "WK 1234/2026 INIT"})
    assert meeting.marking == "restreint-ue + limite" and meeting.reference == "WK 1234/2026 INIT"


def test_a_pack_naming_an_unknown_marking_is_a_located_error(store: StoreCopy) -> None:
    rel = "packs/strategy-partners-briefing.yaml"
    store.replace(rel, 'marking: "LIMITE"', 'marking: "RESTRAINT UE"')
    [diagnostic] = store.diagnostics_for(rel)
    assert diagnostic.line == store.line_of(rel, "RESTRAINT UE") and "RESTREINT UE/EU RESTRICTED" in diagnostic.message


def test_an_overlong_custom_marking_is_refused() -> None:
    choice = resolve_marking("X" * 80, MarkingSettings(allow_custom=True))
    assert choice.conflicts and "60 characters" in choice.conflicts[0] and not choice.markings
