"""deckimport/copies.py: copies of one slide edited differently are told, and the user picks one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.store import load_store
from tests.deckimport.decks import AREA5, copies_edited_differently, libreoffice_resave, store_and_deck

EDITED = "Ambition to become the most attractive {} in the global race for talent"


def _two_copies(tmp_path: Path, retitle: bool = False) -> tuple[Path, Path]:
    store, deck = store_and_deck(tmp_path)
    copies_edited_differently(deck, retitle)
    return store, deck


def test_two_copies_edited_differently_offer_each_copy_and_apply_none_unchosen(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = _two_copies(tmp_path)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "proposal: global-race-for-talent · text (slide 8;" in out
    assert "proposal: global-race-for-talent · text (slide 11;" in out
    assert ("copies edited differently (slide 8, slide 11): take this copy's with --accept "
            "global-race-for-talent:text@slide 11") in out, out
    assert "Nothing written: copies of one text were edited differently" in out
    assert (store / AREA5).read_text(encoding="utf-8") == before


def test_the_chosen_copy_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = _two_copies(tmp_path)
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "global-race-for-talent:text@slide 11"]) == 0
    measure = next(m for m in load_store(store).areas["labour-mobility-legal-pathways"].measures
                   if m.id == "global-race-for-talent")
    assert measure.text.startswith(EDITED.format("destination"))


def test_an_accept_without_the_copy_or_of_both_copies_writes_nothing_and_says_how_a_reject_does_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = _two_copies(tmp_path)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "global-race-for-talent:text"]) == 2
    assert ("say which copy: --accept global-race-for-talent:text@slide 8 or "
            "--accept global-race-for-talent:text@slide 11") in capsys.readouterr().err
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply", "--accept",
                 "global-race-for-talent:text@slide 8", "--accept", "global-race-for-talent:text@slide 11"]) == 2
    assert "accept one copy only" in capsys.readouterr().err
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--reject", "global-race-for-talent:text"]) == 0  # rejecting every copy needs no copy named
    assert "names no edit" not in capsys.readouterr().err
    assert (store / AREA5).read_text(encoding="utf-8") == before


def test_what_only_one_copy_changed_is_an_ordinary_edit(tmp_path: Path) -> None:
    store, deck = _two_copies(tmp_path, retitle=True)
    changes = read_changes(deck, load_store(store))
    rows = sorted((e.record_id, e.where, e.applicable, type(e).__name__) for e in changes.edits)
    assert rows == [("global-race-for-talent", "slide 11", True, "CopyEdit"),
                    ("global-race-for-talent", "slide 8", True, "CopyEdit"),
                    ("illegal-employment-exploitation", "slide 11", True, "FieldChange")]
    chosen, _why = changes.chosen()
    assert [e.record_id for e in chosen] == ["illegal-employment-exploitation"]  # no copy taken unasked


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_after_a_libreoffice_save_each_copy_is_still_offered(tmp_path: Path) -> None:
    store, deck = _two_copies(tmp_path)
    changes = read_changes(libreoffice_resave(deck, tmp_path), load_store(store))
    assert sorted((e.where, type(e).__name__) for e in changes.edits) == [("slide 11", "CopyEdit"),
                                                                          ("slide 8", "CopyEdit")]

