"""Text in several languages: read, refused where wrong, written back, picked per pack."""

from __future__ import annotations

import pickle
import re

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.localise import localised
from briefing_builder.store.localised import LocalText, text_in
from briefing_builder.store.schema import Area

from .conftest import StoreCopy

RETURN = "areas/04-return-readmission.yaml"


def _area(title: object) -> Area:
    return Area.model_validate({"id": "x", "number": 1, "title": title})


def test_a_mapping_of_languages_is_the_english_text_that_knows_its_translations() -> None:
    area = _area({"en": "Returns and readmission", "fr": "Retour et réadmission"})
    assert area.title == "Returns and readmission" and isinstance(area.title, LocalText)
    assert text_in(area.title, "fr-BE") == ("Retour et réadmission", True)
    assert text_in(area.title, "de") == ("Returns and readmission", False)
    assert pickle.loads(pickle.dumps(area)).title.translations == area.title.translations


def test_written_back_the_mapping_keeps_every_language() -> None:
    area = _area({"en": "Returns", "fr": "Retour"})
    assert area.model_dump()["title"] == {"en": "Returns", "fr": "Retour"}
    assert Area.model_validate(area.model_dump()) == area


@pytest.mark.parametrize("title, phrase", [
    ({"fre": "Retour"}, "'fre' is not a language code"),
    ({}, "empty mapping of languages"),
    ({"en": "Returns", "fr": "   "}, "its French ('fr') text: this text is empty"),
])
def test_a_wrong_mapping_is_refused_with_what_to_write(title: object, phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase.replace("(", r"\(").replace(")", r"\)")):
        _area(title)


def test_a_wrong_language_code_in_a_store_file_is_located(store: StoreCopy) -> None:
    store.replace(RETURN, '  fr: "Retours et réadmission"', '  french: "Retours et réadmission"')
    catalog = load_store(store.root)
    (problem,) = [d for d in catalog.diagnostics if d.path.name == "04-return-readmission.yaml"]
    # the line of the mapping; the message names the code
    assert problem.line == store.line_of(RETURN, "en: \"Returns and readmission\"")
    assert "'french' is not a language code" in problem.message and "fr" in problem.message
    assert "return-readmission" not in catalog.areas


def test_a_pack_in_an_unknown_language_is_located(store: StoreCopy) -> None:
    pack = "packs/jha-counsellors-2026-01-12-fr.yaml"
    store.replace(pack, "  language: fr", "  language: francais")
    catalog = load_store(store.root)
    (problem,) = [d for d in catalog.diagnostics if d.path.name == "jha-counsellors-2026-01-12-fr.yaml"]
    assert problem.line == store.line_of(pack, "language: francais")
    assert "'francais' is not a language" in problem.message


def test_the_french_catalog_has_french_titles_and_names_what_fell_back(store: StoreCopy) -> None:
    catalog = load_store(store.root)
    french = localised(catalog, "fr")
    area = french.catalog.areas["return-readmission"]
    assert (area.title, area.display_title) == ("Retours et réadmission", "Retour et réadmission")
    assert type(area.title) is str  # one language only from here on
    assert "return-readmission" not in french.fallbacks  # every text of the area itself is in French
    fallback = french.fallbacks["readmission-by-third-countries"]
    assert fallback.path is not None and fallback.path.as_posix() == RETURN
    assert fallback.line == store.line_of(RETURN, "id: readmission-by-third-countries")
    assert fallback.fields == ("text", "sub_points")
    assert "measure 'readmission-by-third-countries' (areas/04-return-readmission.yaml:" in fallback.message("fr")


def test_the_english_catalog_is_the_store_as_written(store: StoreCopy) -> None:
    catalog = load_store(store.root)
    english = localised(catalog, "en")
    assert english.fallbacks == {}
    assert english.catalog.areas["return-readmission"].title == catalog.areas["return-readmission"].title


def test_an_edit_of_a_text_in_two_languages_changes_its_english_and_keeps_its_french(store: StoreCopy) -> None:
    """As a deck import or an annex return writes it: one plain text for the field."""
    from briefing_builder.store.writer import FieldEdit, apply_edits

    assert apply_edits(store.path(RETURN), [FieldEdit("return-readmission", "slide_title", "Return policy")])
    text = store.path(RETURN).read_text(encoding="utf-8")
    assert 'slide_title:\n  en: "Return policy"\n  fr: "Retour et réadmission"\n' in text
    area = load_store(store.root).areas["return-readmission"]
    assert area.slide_title.translations == {"en": "Return policy", "fr": "Retour et réadmission"}


def test_a_record_written_back_keeps_every_language(store: StoreCopy) -> None:
    """As the library editor writes a record: the mapping stays, each language in place."""
    from briefing_builder.store.localised import keep_translations
    from briefing_builder.store.record_editor import apply_change, replace_record

    area = load_store(store.root).areas["return-readmission"]
    data = {**area.model_dump(exclude_defaults=True), "title": "Return and readmission policy"}
    data["title"] = keep_translations(area.title, data["title"])
    path = store.path(RETURN)
    apply_change(replace_record(path, path.read_text(encoding="utf-8"), area.id, Area.model_validate(data)))
    text = path.read_text(encoding="utf-8")
    assert 'title:\n  en: "Return and readmission policy"\n  fr: "Retours et réadmission"\n' in text
    assert load_store(store.root).areas["return-readmission"].sources[0].translations["fr"].startswith("Présentation")


def test_a_text_only_in_french_shown_in_an_english_pack_is_said_to_be_in_french(store: StoreCopy) -> None:
    store.replace(RETURN, '  en: "Returns and readmission"\n', "")
    english = localised(load_store(store.root), "en")
    assert english.catalog.areas["return-readmission"].title == "Retours et réadmission"
    fallback = english.fallbacks["return-readmission"]
    assert fallback.fields == ("title",) and "has no English text (title): shown in French" in fallback.message("en")


def test_a_pack_written_in_two_languages_shows_its_own_language() -> None:
    from briefing_builder.store.localise import localised_pack
    from briefing_builder.store.schema import Pack

    data = {"id": "p", "meeting": {"title": {"en": "Strategy", "fr": "Stratégie"}, "body": "JHA Counsellors",
                                   "date": "2026-01-12", "language": "fr-BE"},
            "sections": [{"type": "closing", "title": {"en": "Thanks", "fr": "Merci beaucoup"}}]}
    pack = localised_pack(Pack.model_validate(data))
    assert (pack.meeting.title, pack.sections[0].title) == ("Stratégie", "Merci beaucoup")
    assert type(pack.meeting.title) is str and pack.meeting.body == "JHA Counsellors"


def test_a_store_without_translations_is_used_as_it_is_for_a_pack_in_its_language(store: StoreCopy) -> None:
    for path in (store.root / "areas").glob("*.yaml"):  # every text back to one English string
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n +fr: .*", "", text)
        text = re.sub(r"^(\w+):(\s*#.*)?\n  en: (.*)$", r"\1: \3", text, flags=re.M).replace('  - en: "', '  - "')
        path.write_text(text, encoding="utf-8")
    catalog = load_store(store.root)
    assert catalog.diagnostics == [] and not catalog.translated
    assert localised(catalog, "en-GB").catalog is catalog  # nothing to pick: no copy
    assert localised(catalog, "fr").fallbacks["return-readmission"].fields == ("title", "slide_title", "short_title",
                                                                              "sources")
    assert load_store(sample_store_dir()).translated  # the bundled store has French texts


def test_a_sub_point_may_be_written_in_two_languages_as_a_bare_item() -> None:
    from briefing_builder.store.schema import Measure

    measure = Measure.model_validate({"id": "m", "text": "Text", "sub_points": [
        {"en": "Return hubs", "fr": "Plateformes de retour"}, "Plain", {"text": {"en": "A", "fr": "B"}}]})
    assert [p.text for p in measure.sub_points] == ["Return hubs", "Plain", "A"]
    assert measure.sub_points[0].text.translations["fr"] == "Plateformes de retour"


def test_a_fallback_note_names_both_languages_of_the_mapping_to_write() -> None:
    from briefing_builder.store.localise import Fallback

    english_pack = Fallback("r1", "measure", ("text",), shown_in=("fr",)).message("en")
    assert "has no English text (text): shown in French — write each as {fr: …, en: …}" in english_pack
    assert "{en: …, fr: …}" in Fallback("r1", "measure", ("text",)).message("fr-BE")


def test_a_sub_point_with_a_misspelt_language_code_says_so() -> None:
    import pydantic
    import pytest

    from briefing_builder.store.schema import Measure

    with pytest.raises(pydantic.ValidationError) as caught:
        Measure.model_validate({"id": "m1", "text": "T", "sub_points": [{"en": "A point", "fre": "Un point"}]})
    messages = [e["msg"] for e in caught.value.errors()]
    assert len(messages) == 1 and "'fre' is not a language code" in messages[0], messages


def test_each_theme_fallback_points_at_the_themes_own_line() -> None:
    from briefing_builder.paths import sample_store_dir
    from briefing_builder.store import load_store
    from briefing_builder.store.localise import localised

    catalog = load_store(sample_store_dir())
    fallbacks = localised(catalog, "fr").fallbacks
    path = sample_store_dir() / "consultations" / "ms-input-2026-01.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    themes = [f for f in fallbacks.values() if f.kind == "MS input theme"]
    assert len({f.line for f in themes}) == len(themes) > 1
    for theme in themes:
        assert f"id: {theme.record_id}" in lines[theme.line - 1]


#: One rule for language codes in a store's texts, a pack's and a store's ``language``: lower case,
#: never empty; each refusal located at its line and saying what to write.
PACK_FR = "packs/jha-counsellors-2026-01-12-fr.yaml"


TEXT_EN = '  en: "Returns and readmission"'
PACK_LANGUAGE = "  language: fr"


@pytest.mark.parametrize("rel, old, written, says", [
    (RETURN, TEXT_EN, '  EN: "Returns and readmission"',
     "'EN' is written in capitals: write the language code in lower case, 'en'"),
    (RETURN, TEXT_EN, '  "": "Returns and readmission"', "a language code is empty"),
    (PACK_FR, PACK_LANGUAGE, "  language: FR",
     "'FR' is written in capitals: write the language code in lower case, 'fr'"),
    (PACK_FR, PACK_LANGUAGE, "  language: FR-be",
     "'FR-be' is written in capitals: write the language code in lower case, 'fr-BE'"),
    (PACK_FR, PACK_LANGUAGE, '  language: ""', "a language code is empty"),
    (PACK_FR, PACK_LANGUAGE, "  language:   # (none yet)", "a language code is empty"),
])
def test_a_text_s_language_code_and_a_pack_s_language_follow_the_one_rule(
        store: StoreCopy, rel: str, old: str, written: str, says: str) -> None:
    store.replace(rel, old, written)
    catalog = load_store(store.root)
    (problem,) = [d for d in catalog.diagnostics if d.path.name == rel.rpartition("/")[2]]
    assert problem.line == store.line_of(rel, written.strip())
    assert says in problem.message
    assert ("jha-counsellors-2026-01-12-fr" in catalog.packs) is (rel != PACK_FR)  # a refused language refuses its pack


def test_the_store_s_own_language_follows_the_same_rule(store: StoreCopy) -> None:
    store.replace("store.yaml", "language: en", "language: EN")
    problems = [d for d in load_store(store.root).diagnostics if d.path.name == "store.yaml"]
    assert any("'EN' is written in capitals" in d.message for d in problems), problems


def test_a_language_tag_keeps_its_region_as_written() -> None:
    from briefing_builder.store.schema import Meeting

    meeting = Meeting.model_validate({"title": "T", "body": "B", "date": "2026-01-12", "language": "fr-BE"})
    assert meeting.language == "fr-BE"
