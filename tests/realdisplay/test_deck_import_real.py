"""The deck import's choices on the real app (Xvfb + xcb): copies, moves, the subtitle, key figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realdisplay.test_real_app import SCREENS, assert_clean, pytestmark, run_scenario

__all__ = ["pytestmark"]


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_review_takes_one_copy_a_move_the_subtitle_and_a_key_figure(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("deck_import_choices", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
