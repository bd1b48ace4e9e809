"""``briefing-builder deck import``: the report, --apply, and readable refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store

PACK = "jha-counsellors-2026-01-12"
AREA5 = Path("areas") / "05-labour-mobility-legal-pathways.yaml"


def _store_and_deck(tmp_path: Path, pack: str = PACK) -> tuple[Path, Path]:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    catalog = load_store(store)
    return store, build_pack(catalog.packs[pack], catalog, tmp_path / "out", annex=False).deck


def test_a_retitled_slide_is_reported_then_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = _store_and_deck(tmp_path)
    prs = Presentation(deck)
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "5. Labour mobility and legal migration"
    prs.save(deck)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "proposal: labour-mobility-legal-pathways · slide title" in out
    assert "[-pathways-] {+migration+}" in out and (store / AREA5).read_text(encoding="utf-8") == before
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    assert (store / AREA5).read_text(encoding="utf-8") == before.replace(  # the English changes, the French stays
        'slide_title:\n  en: "Labour mobility and legal pathways"', 'slide_title:\n  en: "Labour mobility and legal migration"')


@pytest.mark.parametrize("content, words", [(b"not a zip at all", "not a PowerPoint deck"),
                                             (None, "was not made by Briefing Builder")])
def test_files_that_are_not_the_apps_decks_are_refused_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                content: bytes | None, words: str) -> None:
    path = tmp_path / "deck.pptx"
    if content is None:
        Presentation().save(path)
    else:
        path.write_bytes(content)
    assert main(["deck", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_retitled_slide_of_a_french_deck_changes_the_french_title(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = _store_and_deck(tmp_path, "jha-counsellors-2026-01-12-fr")
    prs = Presentation(deck)
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    assert slide.shapes.title.text == "5. Mobilité de la main-d'œuvre et voies légales"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "5. Mobilité de la main-d'œuvre et migration légale"
    prs.save(deck)
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "conflicts with the store: 0" in out and "Mobilité de la main-d'œuvre et [-voies légales-]" in out, out
    assert (store / AREA5).read_text(encoding="utf-8") == before.replace(  # the French changes, the English stays
        "  fr: \"Mobilité de la main-d'œuvre et voies légales\"",
        "  fr: \"Mobilité de la main-d'œuvre et migration légale\"")
