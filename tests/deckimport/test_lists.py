"""deckimport/lists.py: the store value of a list shown in the deck, and what its edit does in words."""

from __future__ import annotations

from briefing_builder.deckimport.lists import describe_list, list_value


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
