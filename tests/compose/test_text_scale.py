"""The house text sizes in proportion to the slide, the smallest bounded by the template's own sizes."""

from __future__ import annotations

from briefing_builder.compose.text_scale import TextScale, floor_scale, scaled, slide_scale, template_text_scale


def test_the_bundled_slides_and_smaller_ones_keep_the_house_sizes() -> None:
    assert slide_scale(960, 540) == slide_scale(720, 540) == 1.0
    assert slide_scale(468, 216) == slide_scale(547, 792) == 1.0
    assert template_text_scale(960, 540, 28, 44, 28) == TextScale()


def test_a_large_slide_scales_by_the_number_of_house_slides_it_holds_across_and_down() -> None:
    assert slide_scale(1920, 1080) == 2.0
    assert slide_scale(3600, 540) == 1.0  # a wide strip is no taller than the house slide


def test_the_templates_own_size_bounds_the_smallest_sizes_but_never_below_the_house_size() -> None:
    assert floor_scale(2.0, 48, 20) == 2.0  # Keynote asks for more than twice the house body: twice
    assert floor_scale(4.75, 28, 20) == 1.4  # a poster's own 28 pt body
    assert floor_scale(2.0, 16, 20) == 1.0
    assert floor_scale(2.0, None, 20) == 2.0


def test_ranges_start_with_the_slide_and_end_at_the_floor() -> None:
    poster = template_text_scale(3419, 2564, 28, 44, 28)
    assert poster.body_range(20, 12) == (95.0, 17.0)
    assert poster.title_range(28, 14) == (133.0, 22.0)
    assert poster.steps((10, 9)) == (47.5, 42.5)
    assert TextScale(start=1.0, body_floor=3.0).body_range(20, 12) == (20, 20)  # never above the start


def test_sizes_scale_to_the_half_point() -> None:
    assert scaled(12, 1.4) == 17.0 and scaled(20, 2.0) == 40.0 and scaled(10.3, 1.0) == 10.3
