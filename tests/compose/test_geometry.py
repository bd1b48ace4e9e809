"""Plain boxes: the part of a title box its lines run in."""

from __future__ import annotations


def test_a_titles_own_margin_is_kept_only_while_its_box_leaves_the_lines_room() -> None:
    from briefing_builder.compose.geometry import Box, title_inset_in, title_lines_box

    box = Box(100, 0, 1000, 300)
    assert title_lines_box(box, (200, 0)) == Box(300, 0, 800, 300)
    assert title_lines_box(box, (200, -200)) == Box(300, 0, 800, 300)  # a hanging first line: the margin counts
    assert title_lines_box(box, (200, 200)) == Box(500, 0, 600, 300)
    assert title_lines_box(box, (300, 300)) == box  # 400 of 1000 left: under half, the margin is dropped
    narrowed = Box(100, 0, 700, 300)  # a logo took the end: 600 of 700 would go to the margin
    assert title_inset_in(narrowed, (600, 0)) == (0, 0) and title_lines_box(narrowed, (600, 0)) == narrowed
