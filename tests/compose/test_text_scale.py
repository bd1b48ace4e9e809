"""The house text sizes in proportion to the slide, larger and smaller alike; the template's own sizes never
lower the floor."""

from __future__ import annotations

from briefing_builder.compose.text_scale import TextScale, scaled, slide_scale, template_text_scale


def test_the_bundled_slides_keep_the_house_sizes() -> None:
    assert slide_scale(960, 540) == slide_scale(720, 540) == 1.0
    assert template_text_scale(960, 540) == template_text_scale(720, 540) == TextScale()
    assert TextScale().body_range(20, 12) == (20, 12) and TextScale().steps((10.3, 9)) == (10.3, 9)


def test_a_slide_scales_by_the_number_of_house_slides_it_holds_across_and_down() -> None:
    assert slide_scale(1920, 1080) == 2.0
    assert slide_scale(3600, 540) == 1.0  # a wide strip is no taller than the house slide


def test_a_small_slide_scales_down_as_a_large_one_scales_up() -> None:
    """A 468×216 pt banner holds 0.4 house slides: its text, floors and steps included, is 0.4 times the house's
    (it was kept at the house sizes, 12 pt at the least: the banner deck ran to 3.3 times the bundled one's)."""
    assert slide_scale(468, 216) == 0.4
    banner = template_text_scale(468, 216)
    assert banner.body_range(20, 12) == (8.0, 5.0)
    assert banner.title_range(28, 14) == (11.0, 5.5)
    assert banner.steps((10, 9, 8, 7)) == (4.0, 3.5, 3.0, 3.0)
    assert slide_scale(720, 405) == 0.75  # a Google Slides export


def test_the_floor_is_the_house_floor_in_proportion_to_the_slide() -> None:
    """A poster's smallest body size is the house minimum as large as the poster is (57 pt on 3419×2564 pt), so
    text shown full screen reads at least as the house's 12 pt, whatever its template's own styles say."""
    poster = template_text_scale(3419, 2564)
    assert poster.body_range(20, 12) == (95.0, 57.0)
    assert poster.title_range(28, 14) == (133.0, 66.5)
    assert poster.steps((10, 9)) == (47.5, 42.5)


def test_sizes_scale_to_the_half_point_and_never_below_one_point() -> None:
    assert scaled(12, 1.4) == 17.0 and scaled(20, 2.0) == 40.0 and scaled(10.3, 1.0) == 10.3
    assert scaled(7, 0.05) == 1.0
    assert TextScale(0.05).body_range(20, 12) == (1.0, 1.0)
