"""The records a pack shows in English because they have no text in its language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.language_fallbacks import shown_record_ids
from briefing_builder.paths import sample_store_dir
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store
from tests.deck_helpers import bundled_template

FRENCH = "jha-counsellors-2026-01-12-fr"


def test_each_record_shown_is_named_once_with_the_first_section_showing_it() -> None:
    catalog = load_store(sample_store_dir())
    ids = shown_record_ids(catalog.packs[FRENCH], catalog)
    assert ids["ms-input-2026-01"] == 1 and ids["return-readmission"] == 6
    assert ids["readmission-by-third-countries"] == 6


def test_the_plan_notes_each_fallback_at_its_section_and_none_in_english() -> None:
    catalog = load_store(sample_store_dir())
    geometry = open_template(bundled_template()).geometry
    french = [n for n in plan_deck(catalog.packs[FRENCH], catalog, geometry).warnings if n.kind == "language"]
    by_record = {n.message.split("'")[1]: n for n in french}
    assert by_record["readmission-by-third-countries"].section_index == 6
    assert "migration-diplomacy" not in by_record  # its title, goals and sources are all in French
    english = plan_deck(catalog.packs["jha-counsellors-2026-01-12"], catalog, geometry).warnings
    assert [n for n in english if n.kind == "language"] == []


def _in(language: str):  # noqa: ANN202
    catalog = load_store(sample_store_dir())
    pack = catalog.packs["jha-counsellors-2026-01-12"]
    return pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"language": language})}), catalog


@pytest.mark.parametrize("language, says", [
    ("sv", ("No Swedish labels: the deck's and annex's fixed words (agenda, “(cont.)”, “Page 1 of 2”, the annex's "
            "headers…) are in English.")),
    ("es", "Spanish labels are incomplete: "),
])
def test_a_pack_whose_language_lacks_labels_says_so_once(language: str, says: str) -> None:
    pack, catalog = _in(language)
    said = [n for n in plan_deck(pack, catalog, open_template(bundled_template()).geometry).warnings
            if n.message.startswith(says)]
    assert len(said) == 1 and said[0].kind == "language" and said[0].section_index is None
    if language == "es":  # names some of the words and how many of them fell back
        assert re.search(r"incomplete: \d+ of the \d+ fixed words of the deck and annex are in English \(",
                         said[0].message)
        assert "“Thank you”" in said[0].message


@pytest.mark.parametrize("language", ["en", "fr", "fr-FR"])
def test_a_pack_in_a_language_with_every_label_says_nothing_of_labels(language: str) -> None:
    pack, catalog = _in(language)
    notes = plan_deck(pack, catalog, open_template(bundled_template()).geometry).warnings
    assert [n for n in notes if "labels" in n.message] == []


def test_the_build_and_the_check_say_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    pack = store / "packs" / "jha-counsellors-2026-01-12.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("  language: en\n", "  language: de\n"), encoding="utf-8")
    assert main(["check", "jha-counsellors-2026-01-12", "--store", str(store)]) in (0, 1)
    checked = capsys.readouterr().out
    assert checked.count("German labels are incomplete") == 1, checked
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store), "--out", str(tmp_path / "out"),
                 "--no-annex"]) == 0
    assert capsys.readouterr().out.count("German labels are incomplete") == 1
