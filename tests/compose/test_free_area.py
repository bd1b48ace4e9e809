"""The largest free box: inside the region, clear of every obstacle, and no free box is larger."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_builder.compose.free_area import largest_free_box
from briefing_builder.compose.geometry import Box

REGION = Box(0, 0, 20, 12)


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


boxes = st.builds(Box, st.integers(-3, 20), st.integers(-3, 12),
                  st.integers(1, 10), st.integers(1, 8))


@settings(max_examples=200, deadline=None)
@given(st.lists(boxes, max_size=5))
def test_the_box_is_free_inside_the_region_and_no_free_box_on_the_grid_is_larger(obstacles: list[Box]) -> None:
    found = largest_free_box(REGION, obstacles)
    best = 0
    for left in range(REGION.width):  # every free box of whole units, by brute force
        for right in range(left + 1, REGION.width + 1):
            for top in range(REGION.height):
                for bottom in range(top + 1, REGION.height + 1):
                    box = Box(left, top, right - left, bottom - top)
                    if not any(_overlaps(box, o) for o in obstacles):
                        best = max(best, box.width * box.height)
    if found is None:
        assert best == 0
        return
    assert REGION.left <= found.left and found.right <= REGION.right
    assert REGION.top <= found.top and found.bottom <= REGION.bottom
    assert not any(_overlaps(found, o) for o in obstacles)
    assert found.width * found.height == best


def test_no_obstacle_gives_the_region_and_ties_go_to_the_higher_box() -> None:
    assert largest_free_box(REGION, []) == REGION
    assert largest_free_box(REGION, [Box(100, 100, 5, 5)]) == REGION  # outside the region: ignored
    middle_band = Box(0, 5, 20, 2)  # two free halves of equal size: the top one wins
    assert largest_free_box(REGION, [middle_band]) == Box(0, 0, 20, 5)


def test_min_width_skips_narrow_boxes() -> None:
    wall = Box(6, 0, 1, 12)  # free: 6 wide on the left, 13 wide on the right
    assert largest_free_box(REGION, [wall], min_width=14) is None
    assert largest_free_box(REGION, [wall], min_width=7) == Box(7, 0, 13, 12)
