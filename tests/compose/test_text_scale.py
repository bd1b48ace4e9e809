"""The house text sizes in proportion to the slide, bounded by the template's own sizes."""

from __future__ import annotations

from briefing_builder.compose.text_scale import scaled, slide_scale, text_scale


def test_the_bundled_slides_and_smaller_ones_keep_the_house_sizes() -> None:
    assert slide_scale(960, 540) == slide_scale(720, 540) == 1.0
    assert slide_scale(468, 216) == slide_scale(547, 792) == 1.0


def test_a_large_slide_scales_by_the_number_of_house_slides_it_holds_across_and_down() -> None:
    assert slide_scale(1920, 1080) == 2.0
    assert slide_scale(3600, 540) == 1.0  # a wide strip is no taller than the house slide


def test_the_templates_own_size_bounds_the_scale_but_never_below_the_house_size() -> None:
    assert text_scale(2.0, 48, 20) == 2.0  # Keynote asks for more than twice the house body: twice
    assert text_scale(4.75, 28, 20) == 1.4  # a poster's own 28 pt body, not 95 pt
    assert text_scale(2.0, 16, 20) == 1.0
    assert text_scale(2.0, None, 20) == 2.0


def test_sizes_scale_to_the_half_point() -> None:
    assert scaled(12, 1.4) == 17.0 and scaled(20, 2.0) == 40.0 and scaled(10.3, 1.0) == 10.3
