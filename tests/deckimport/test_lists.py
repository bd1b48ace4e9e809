"""deckimport/lists.py: the store value of a list shown in the deck, and what its edit does in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.deckimport.lists import describe_list, list_value, moves, reorder
from briefing_builder.store import load_store
from tests.deckimport.decks import PARTNERS, store_and_deck

AREA2 = Path("areas") / "02-strong-borders.yaml"


def test_unchanged_items_keep_their_store_text_and_a_reworded_one_its_link() -> None:
    raw = {"See slide 7": "See [slide {n}](#talent)", "Keep": "Keep"}
    value, unplaced = list_value(["See slide 7", "Keep"], ["Now see slide 7", "Keep"], raw)
    assert value == ["Now see [slide {n}](#talent)", "Keep"] and unplaced == []


def test_a_reword_that_retypes_the_link_itself_is_unplaced() -> None:
    raw = {"See slide 7": "See [slide {n}](#talent)"}
    value, unplaced = list_value(["See slide 7"], ["See page 9"], raw)
    assert unplaced == ["See page 9"] and value == ["See page 9"]


def test_a_list_edit_in_words_counts_what_it_drops() -> None:
    before = [(0, "a"), (0, "b"), (0, "c")]
    assert describe_list(before, [(0, "a"), (0, "B"), (0, "c"), (0, "d")], "sub-points") == \
        ("sub-points 1 reworded, 1 added", 0)
    assert describe_list(before, [(0, "a"), (0, "c")], "sub-points") == ("sub-points 1 removed", 1)


def test_items_only_moved_are_a_reorder_each_with_the_deeper_items_under_it() -> None:
    before = [(0, "a"), (1, "a.1"), (0, "b"), (0, "c")]
    assert reorder(before, [(0, "c"), (0, "a"), (1, "a.1"), (0, "b")]) == (2, 0, 1)
    assert reorder(before, before) is None
    assert reorder(before, [(0, "c"), (0, "a"), (0, "b")]) is None  # a.1 deleted: no mere move
    assert reorder(before, [(0, "c"), (0, "a"), (0, "B")]) is None


def test_a_reorder_in_words_names_the_moved_items_only() -> None:
    assert moves((2, 0, 1), "sub-points") == "sub-point 3 moved to 1"
    assert moves((1, 0), "sub-points") == "sub-point 2 moved to 1"
    assert moves((0, 3, 1, 2), "cooperation areas") == "cooperation area 4 moved to 2"


def test_a_sub_point_moved_in_powerpoint_is_shown_and_applied_as_a_move(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    area = store / AREA2
    area.write_text(area.read_text(encoding="utf-8").replace(
        '"Ensuring resources for the Agencies under the next MFF."',
        '"Ensuring resources for the Agencies under the next MFF."  # agreed with the Presidency'), encoding="utf-8")
    before = area.read_text(encoding="utf-8")
    prs = Presentation(str(deck))
    body = next(s for s in prs.slides[4].shapes if s.has_text_frame and "Screening" in s.text_frame.text)
    paragraphs = body.text_frame.paragraphs
    third = next(p for p in paragraphs if p.text.startswith("New Pact provisions"))
    first = next(p for p in paragraphs if p.text.startswith("Full roll-out"))
    first._p.addprevious(third._p)  # cut and pasted above the first sub-point
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "proposal: control-of-access · sub-points: sub-point 3 moved to 1" in out, out
    assert "[-" not in out and "{+" not in out
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    assert area.read_text(encoding="utf-8") == before.replace(
        '''      - "Full roll-out of interoperability - Entry/Exit System, Eurodac, ETIAS, VIS."
      - "Ensuring resources for the Agencies under the next MFF."  # agreed with the Presidency
      - "New Pact provisions – Screening, mandatory border procedures."
''', '''      - "New Pact provisions – Screening, mandatory border procedures."
      - "Full roll-out of interoperability - Entry/Exit System, Eurodac, ETIAS, VIS."
      - "Ensuring resources for the Agencies under the next MFF."  # agreed with the Presidency
''')
    capsys.readouterr()
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    assert "Edits: 0 " in capsys.readouterr().out


def test_a_cooperation_area_moved_to_the_top_of_its_list_is_a_move(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    areas = [str(a) for a in load_store(store).countries["tunisia"].cooperation_areas]
    prs = Presentation(str(deck))
    body = next(s for s in prs.slides[5].shapes if s.has_text_frame and areas[0] in s.text_frame.text)
    paragraphs = body.text_frame.paragraphs
    first = next(p for p in paragraphs if p.text == areas[0])
    first._p.addprevious(next(p for p in paragraphs if p.text == areas[-1])._p)  # right under the list's label
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert f"cooperation areas: cooperation area {len(areas)} moved to 1" in out, out
    assert "New content, not in the library: 0" in out
    assert [str(a) for a in load_store(store).countries["tunisia"].cooperation_areas] == [areas[-1], *areas[:-1]]
