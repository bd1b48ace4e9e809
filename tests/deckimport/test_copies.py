"""deckimport/copies.py: copies of one slide edited differently are told, with what each says."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from tests.deckimport.decks import AREA5, content, duplicate, store_and_deck


def test_two_copies_of_a_slide_edited_differently_are_told_not_one_dropped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    before = (store / AREA5).read_text(encoding="utf-8")
    prs = Presentation(str(deck))
    copy_ = duplicate(prs, 7)
    for slide, word in ((copy_, "destination"), (prs.slides[7], "spot")):
        run = content(slide).text_frame.paragraphs[1].runs[0]
        run.text = run.text.replace("place", word)
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "copies of this text were edited differently (slide 8 and slide 11)" in out
    assert "slide 11: “Ambition to become the most attractive destination" in out
    assert (store / AREA5).read_text(encoding="utf-8") == before
