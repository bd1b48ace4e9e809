"""The room a layout leaves for text, measured on plain layouts (a 720×540 pt slide, boxes in points)."""

from __future__ import annotations

from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.render.template_frame import Frame, covers_slide
from briefing_builder.render.template_layouts import LayoutInfo, Ph

FRAME = Frame(720 * EMU_PER_POINT, 540 * EMU_PER_POINT)


def pt(left: float, top: float, width: float, height: float) -> Box:
    """A box given in points."""
    return Box(*(int(v * EMU_PER_POINT) for v in (left, top, width, height)))


def plain_layout(title: Box | None, bodies: tuple[Box, ...] = (), obstacles: tuple[Box, ...] = (),
            footer_top: float | None = None) -> LayoutInfo:
    """A layout with a title, bodies and pictures at these boxes (no python-pptx layout behind it)."""
    return LayoutInfo(
        layout=None, master_index=0, name="Layout", type="obj",
        title=Ph("title", "title", 0, title) if title is not None else None, centred_title=False, subtitle=None,
        bodies=[Ph("body", "body", i + 1, box) for i, box in enumerate(bodies)],
        footer_top=int(footer_top * EMU_PER_POINT) if footer_top is not None else None, obstacles=list(obstacles))


def test_a_title_covering_the_slide_is_read_as_a_band_at_its_top() -> None:
    tall = pt(36, 20, 648, 480)
    assert covers_slide(tall, FRAME) and not covers_slide(pt(36, 20, 648, 80), FRAME)
    band = FRAME.title_box(plain_layout(tall))
    assert band.top == tall.top and band.height == int(FRAME.h * 0.15)


def test_a_layout_without_a_title_gets_a_band_at_the_top() -> None:
    band = FRAME.title_box(plain_layout(None))
    assert band.top < FRAME.h * 0.1 and band.width > FRAME.w * 0.8


def test_a_title_in_the_lower_half_is_low_and_its_text_band_is_above_it() -> None:
    low = plain_layout(pt(36, 380, 648, 80))
    assert FRAME.low_title(low) and not FRAME.low_title(plain_layout(pt(36, 20, 648, 80)))
    free = FRAME.free_box(low)
    assert free is not None and free.bottom <= pt(36, 380, 648, 80).top


def test_the_usable_share_is_clipped_below_the_title_and_above_the_footer_band() -> None:
    info = plain_layout(pt(36, 20, 648, 80), footer_top=500)
    body = pt(36, 60, 648, 470)  # starts under the title, ends in the footer band
    usable = FRAME.usable(body, info)
    expected = (FRAME.bottom(info) - pt(36, 20, 648, 80).bottom) * body.width / (FRAME.w * FRAME.h)
    assert abs(usable - expected) < 1e-9 and FRAME.bottom(info) < int(500 * EMU_PER_POINT)


def test_the_free_area_keeps_clear_of_the_layouts_pictures() -> None:
    picture = pt(400, 120, 300, 380)
    free = FRAME.free_box(plain_layout(pt(36, 20, 648, 80), obstacles=(picture,)))
    assert free is not None and free.right <= picture.left


def test_a_body_drawn_smaller_than_its_room_grows_into_it_under_the_title() -> None:
    small = pt(36, 120, 648, 150)
    info = plain_layout(pt(36, 20, 648, 80), (small,))
    grown = FRAME.grown(small, info)
    assert grown is not None and pt(36, 20, 648, 80).bottom <= grown.top <= small.top
    assert grown.left <= small.left and grown.height > 1.5 * small.height
    assert FRAME.grown(pt(36, 120, 648, 60), info) is None  # a strip is a subheading, not a body


def test_a_band_of_a_few_lines_above_a_low_title() -> None:
    title = pt(36, 380, 648, 80)
    band = FRAME.band_above_title(plain_layout(title))
    assert band is not None and band.bottom < title.top and band.height >= FRAME.h * 0.12
    assert FRAME.band_above_title(plain_layout(pt(36, 50, 648, 60))) is None  # no room above a title at the top


def test_split_gives_two_halves_with_a_gutter() -> None:
    left, right = FRAME.split(pt(36, 100, 648, 380))
    assert left.width == right.width and left.right < right.left and right.right <= pt(36, 100, 648, 380).right


def test_a_boxs_room_reaches_up_to_the_title_and_down_to_a_picture_in_its_column() -> None:
    title, sub = pt(36, 150, 648, 90), pt(36, 260, 300, 16)
    picture, aside = pt(36, 400, 300, 100), pt(400, 250, 300, 250)  # under the box; beside it (not in its column)
    room = FRAME.room_around(sub, plain_layout(title, obstacles=(picture, aside)))
    assert (room.left, room.width) == (sub.left, sub.width)
    assert title.bottom < room.top <= sub.top and room.bottom == picture.top
    free = FRAME.room_around(sub, plain_layout(title, footer_top=500))
    assert free.bottom == FRAME.bottom(plain_layout(title, footer_top=500))
    overlapped = plain_layout(pt(36, 250, 648, 30), obstacles=(pt(36, 262, 300, 40),))  # title over its top
    assert FRAME.room_around(sub, overlapped) == sub  # and a shape over its bottom: no room either side
