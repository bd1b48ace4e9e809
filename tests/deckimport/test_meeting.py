"""deckimport/meeting.py: the title slide's title and subtitle, made from the pack's meeting, read back."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.deckimport.meeting import read_date
from briefing_builder.store import load_store
from tests.deckimport.decks import PACK, PARTNERS, libreoffice_resave, store_and_deck

FR = "jha-counsellors-2026-01-12-fr"


def _title_slide(deck: Path, subtitle: list[str], title: str | None = None) -> None:
    """Retype the title slide's subtitle as the lines ``subtitle`` (a line more: Enter and type, as PowerPoint
    copies the paragraph's formatting), and its title."""
    prs = Presentation(str(deck))
    slide = prs.slides[0]
    box = next(s for s in slide.shapes if s.name.startswith("Subtitle"))
    paragraphs = box.text_frame.paragraphs
    while len(paragraphs) < len(subtitle):
        paragraphs[-1]._p.addnext(copy.deepcopy(paragraphs[-1]._p))
        paragraphs = box.text_frame.paragraphs
    for paragraph, text in zip(paragraphs, subtitle):
        paragraph.runs[0].text = text
    if title is not None:
        slide.shapes.title.text_frame.paragraphs[0].runs[0].text = title
    prs.save(str(deck))


def test_the_subtitle_and_title_edited_are_offered_as_the_packs_meeting_fields(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    pack_file = store / "packs" / f"{PACK}.yaml"
    before = pack_file.read_text(encoding="utf-8")
    _title_slide(deck, ["JHA Counsellors (extraordinary), 19 January 2026", "Brussels, Justus Lipsius"],
                 "Long-term European Asylum and Migration Strategy")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    for name in ("title", "body", "date", "venue"):
        assert f"to apply: --accept pack:meeting:{name}" in out, out
    assert "pack:meeting:date: meeting text (slide 1) “2026-01-19”" in out
    assert "New content, not in the library: 0" in out and "Edits: 0 " in out
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply", "--accept", "pack:meeting:title",
                 "--accept", "pack:meeting:body", "--accept", "pack:meeting:date", "--accept",
                 "pack:meeting:venue"]) == 0
    after = pack_file.read_text(encoding="utf-8")
    assert after == before.replace(
        'title: "Long-term European Asylum and Migration Management Strategy"',
        'title: "Long-term European Asylum and Migration Strategy"').replace(
        'body: "JHA Counsellors"', 'body: "JHA Counsellors (extraordinary)"').replace(
        "date: 2026-01-12", 'date: 2026-01-19\n  venue: "Brussels, Justus Lipsius"')
    meeting = load_store(store).packs[PACK].meeting
    assert (meeting.date, meeting.venue) == (dt.date(2026, 1, 19), "Brussels, Justus Lipsius")
    capsys.readouterr()
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    assert "pack:meeting" not in capsys.readouterr().out  # the pack now says what the deck says


def test_a_subtitle_date_that_is_no_date_is_told_and_not_applicable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    _title_slide(deck, ["JHA Counsellors, 32 January 2026"])
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "pack:meeting:date" in out and "not applicable: “32 January 2026” is not a date" in out, out


def test_a_french_subtitle_is_read_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, FR)
    _title_slide(deck, ["Conseillers JAI, 19 janvier 2026"])
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply", "--accept", "pack:meeting:date"]) == 0
    assert load_store(store).packs[FR].meeting.date == dt.date(2026, 1, 19)


def test_a_date_is_read_as_the_app_writes_it_and_as_people_type_it() -> None:
    assert read_date("12 January 2026", "en") == dt.date(2026, 1, 12)
    assert read_date("1er février 2026", "fr") == dt.date(2026, 2, 1)
    assert read_date("2026-03-04", "fr") == dt.date(2026, 3, 4)
    assert read_date("4/3/2026", "en") == dt.date(2026, 3, 4)
    assert read_date("March 4, 2026", "en") == dt.date(2026, 3, 4)
    assert read_date("sometime in March", "en") is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_after_a_libreoffice_save_the_subtitle_edit_is_still_read_and_an_unedited_one_is_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    assert main(["deck", "import", str(libreoffice_resave(deck, tmp_path)), "--store", str(store)]) == 0
    assert "pack:meeting" not in capsys.readouterr().out
    _title_slide(deck, ["JHA Counsellors, 19 January 2026", "Brussels"])
    assert main(["deck", "import", str(libreoffice_resave(deck, tmp_path / "edited")), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "pack:meeting:date: meeting text (slide 1) “2026-01-19”" in out and "pack:meeting:venue" in out, out
    assert "pack:meeting:body" not in out and "New content, not in the library: 0" in out


def test_the_marking_on_a_title_slide_is_no_meeting_field(tmp_path: Path) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)  # marked LIMITE: a box of its own on the title slide
    changes = read_changes(deck, load_store(store))
    assert changes.structure == [] and changes.new_content == [] and changes.edits == []
