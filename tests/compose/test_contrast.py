"""Readable colours: a marking keeps its hue and reaches the target on every background, or gets a backing."""

from __future__ import annotations

import colorsys

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_builder.compose.contrast import (
    BACKING,
    LARGE_CONTRAST,
    MIN_CONTRAST,
    TARGET_CONTRAST,
    contrast,
    readable_colour,
    readable_text,
    required_ratio,
    worst_contrast,
)

RED, NAVY, WHITE = "B00020", "1B2A4A", "FFFFFF"
colours = st.integers(0, 0xFFFFFF).map(lambda n: f"{n:06X}")


def _hue(colour: str) -> float:
    return colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)))[0]


def test_the_house_red_is_kept_on_white_and_lightened_on_navy() -> None:
    assert readable_colour(RED, [WHITE]) == (RED, None)
    shade, backing = readable_colour(RED, [NAVY])
    assert backing is None and shade != RED and contrast(shade, NAVY) >= TARGET_CONTRAST
    assert abs(_hue(shade) - _hue(RED)) < 0.02  # the same red, lighter


def test_a_page_both_dark_and_light_gets_a_backing() -> None:
    shade, backing = readable_colour(RED, [WHITE, "000000", "808080"])
    assert backing == BACKING and contrast(shade, BACKING) >= TARGET_CONTRAST


@settings(max_examples=200, deadline=None)
@given(colours, st.lists(colours, min_size=1, max_size=4))
def test_the_choice_always_reaches_the_target_on_what_it_is_set_on(base: str, backgrounds: list[str]) -> None:
    shade, backing = readable_colour(base, backgrounds)
    if backing is None:
        assert worst_contrast(shade, backgrounds) >= TARGET_CONTRAST
    else:
        assert contrast(shade, backing) >= TARGET_CONTRAST


def test_text_on_our_fills_uses_the_themes_colours_first() -> None:
    theme = {"lt1": "FFFFFF", "dk1": "000000", "dk2": NAVY}
    assert readable_text(NAVY, theme, 12) == "FFFFFF"
    assert readable_text("F2F2F2", theme, 12) == "000000"
    assert readable_text("777777", {}, 20) in {"000000", "FFFFFF"}
    assert required_ratio(12) == MIN_CONTRAST and required_ratio(18) == LARGE_CONTRAST
    assert required_ratio(14, bold=True) == LARGE_CONTRAST and required_ratio(14) == MIN_CONTRAST
    assert worst_contrast(RED, []) == 21.0
