"""deckimport/slides.py: slides pasted from another deck, and the pack's own text on a slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.deckimport.decks import PARTNERS, content, duplicate, store_and_deck


def test_a_slide_pasted_from_another_packs_deck_is_told_as_such(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    catalog = load_store(store)
    other = build_pack(catalog.packs[PARTNERS], catalog, tmp_path / "other", annex=False).deck
    prs = Presentation(str(deck))
    pasted = duplicate(prs, 3, Presentation(str(other)).slides[3])
    assert pasted is not None
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "slide 11 comes from another deck" in out
    assert "Edits: 0" in out and "New and removed records (applied only when accepted by name): 0" in out
    assert "moved within the deck" not in out


def test_the_packs_own_text_edited_in_the_deck_is_reported_with_its_pack_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    prs = Presentation(str(deck))
    run = content(prs.slides[2]).text_frame.paragraphs[6].runs[0]
    run.text = "EDITED " + run.text
    closing = prs.slides[len(prs.slides) - 1]
    next(s for s in closing.shapes if s.has_text_frame and s.text_frame.text.strip()).text_frame \
        .paragraphs[0].runs[0].text = "Thanks!"
    prs.save(str(deck))
    pack = store / "packs" / "jha-counsellors-2026-01-12.yaml"
    before = pack.read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "pack:3:note: pack text (slide 3) “EDITED Based on the national strategies" in out
    assert ("pack:10:title: pack text (slide 10) “Thanks!” — the pack's own text: section 10 · title (was “Thank "
            "you”) in jha-counsellors-2026-01-12.yaml") in out and "to apply: --accept pack:10:title" in out
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply", "--accept", "pack:10:title"]) == 0
    assert pack.read_text(encoding="utf-8") == before.replace('title: "Thank you"', 'title: "Thanks!"')
