"""Where markings go on a page and which colour keeps them readable (plain surfaces, no template)."""

from __future__ import annotations

import io

from PIL import Image

from briefing_builder.compose.contrast import MIN_CONTRAST, contrast, readable_colour, worst_contrast
from briefing_builder.compose.geometry import EMU_PER_INCH, Box
from briefing_builder.compose.marking_layout import Paint, Surface, place_marks, sample
from briefing_builder.store.markings import MarkingSettings, resolve_marking

IN = EMU_PER_INCH
W, H = int(13.333 * IN), int(7.5 * IN)
TITLE = Box(int(0.6 * IN), int(0.42 * IN), int(12.13 * IN), int(0.95 * IN))
FOOTER = Box(int(1.8 * IN), int(7.0 * IN), int(8.7 * IN), int(0.36 * IN))
BODY = Box(int(0.6 * IN), int(1.72 * IN), int(12.13 * IN), int(5.0 * IN))
NUMBER = Box(int(12.13 * IN), int(7.0 * IN), int(0.6 * IN), int(0.36 * IN))
RESTREINT = resolve_marking("RESTREINT UE", MarkingSettings()).markings
LIMITE = resolve_marking("LIMITE", MarkingSettings()).markings


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _page(**changes: object) -> Surface:
    values = {"width": W, "height": H, "obstacles": (BODY, NUMBER), "title": TITLE, "footer": FOOTER}
    values.update(changes)
    return Surface(**values)  # type: ignore[arg-type]


def test_wcag_contrast_known_values() -> None:
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast("B00020", "1B2A4A"), 2) < 2.0  # the old marking on the navy title slide
    assert contrast("777777", "FFFFFF") < MIN_CONTRAST < contrast("595959", "FFFFFF")


def test_the_house_red_stays_on_white_and_is_lightened_on_navy() -> None:
    assert readable_colour("B00020", ["FFFFFF"]) == ("B00020", None)
    colour, fill = readable_colour("B00020", ["1B2A4A"])
    assert fill is None and colour != "B00020" and contrast(colour, "1B2A4A") >= MIN_CONTRAST
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    assert red > green and red > blue  # still a red


def test_no_single_shade_reads_on_black_and_white_halves_so_the_box_gets_a_backing() -> None:
    colour, fill = readable_colour("B00020", ["000000", "FFFFFF", "808080"])
    assert fill == "FFFFFF" and contrast(colour, fill) >= MIN_CONTRAST


def test_classification_top_and_bottom_centre_clear_of_title_footer_and_number() -> None:
    placed = place_marks(RESTREINT, _page(), "Calibri", "Content slides", number=True)
    top, bottom = placed.marks
    for mark in (top, bottom):
        assert abs(mark.box.left + mark.box.width / 2 - W / 2) < 0.05 * W
        assert mark.size_pt >= 12 and mark.bold and mark.contrast >= MIN_CONTRAST
        assert not _overlap(mark.box, BODY) and not _overlap(mark.box, NUMBER)
    assert top.box.bottom <= TITLE.top and placed.title is None  # the free band above the title
    assert bottom.box.top >= FOOTER.top and placed.footer is not None
    assert not _overlap(bottom.box, placed.footer) and placed.footer.left == FOOTER.left


def test_limite_goes_top_right_and_moves_away_from_the_templates_own_box() -> None:
    free = place_marks(LIMITE, _page(), "Calibri", "Slides").marks[0]
    assert free.box.right == TITLE.right and free.box.top < TITLE.top and free.align == "r"
    own_box = Box(int(10.5 * IN), 0, int(2.8 * IN), int(0.4 * IN))  # the template's "Confidential" box
    moved = place_marks(LIMITE, _page(obstacles=(BODY, NUMBER, own_box)), "Calibri", "Slides")
    assert not _overlap(moved.marks[0].box, own_box) and moved.marks[0].box.left > W / 2
    assert not moved.problems


def test_no_free_band_above_the_title_shortens_the_title_never_overlaps_it() -> None:
    high_title = Box(TITLE.left, int(0.1 * IN), TITLE.width, int(1.3 * IN))
    placed = place_marks(RESTREINT, _page(title=high_title), "Calibri", "Slides")
    top = placed.marks[0]
    assert placed.title is not None and placed.title.bottom == high_title.bottom
    assert placed.title.top >= top.box.bottom and not _overlap(top.box, placed.title)


def test_no_room_anywhere_is_reported() -> None:
    wall = Box(0, 0, W, H)
    placed = place_marks(LIMITE, _page(obstacles=(wall,)), "Calibri", "Title slides")
    assert placed.problems and "Title slides" in placed.problems[0] and "top right" in placed.problems[0]


def test_colour_is_chosen_against_the_picture_under_the_box() -> None:
    image = Image.new("RGB", (100, 50), (20, 25, 60))
    data = io.BytesIO()
    image.save(data, "PNG")
    surface = _page(paints=(Paint(None, image=data.getvalue()),))
    assert sample(surface, Box(0, 0, IN, IN)) == ("14193C",)
    mark = place_marks(RESTREINT, surface, "Calibri", "Slides").marks[0]
    assert mark.fill is None and worst_contrast(mark.colour, ["14193C"]) >= MIN_CONTRAST


def test_a_slide_number_is_added_where_the_layout_has_none() -> None:
    placed = place_marks(LIMITE, _page(has_number=False, obstacles=(BODY,)), "Calibri", "Slides", number=True)
    number = next(m for m in placed.marks if m.slide_number)
    assert number.box.left > W / 2 and number.box.top > H * 0.8
    assert not any(_overlap(number.box, m.box) for m in placed.marks if m is not number)


def test_a_shortened_title_is_fitted_to_its_shorter_box() -> None:
    import dataclasses

    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.compose.geometry import TemplateGeometry
    from briefing_builder.compose.marking_layout import MarkingSurfaces
    from briefing_builder.render.template import open_template
    from tests.deck_helpers import REFERENCE_PACK, bundled_template, sample_catalog

    catalog = sample_catalog()
    geometry: TemplateGeometry = open_template(bundled_template()).geometry
    content = geometry.role("content")
    # A title filling the top of the slide, just tall enough for the longest area title at full size.
    high = dataclasses.replace(content, title=Box(content.title.left, int(0.06 * IN), content.title.width,
                                                  int(1.0 * IN)))
    geometry = dataclasses.replace(geometry, roles={**geometry.roles, "content": high})
    base = catalog.packs[REFERENCE_PACK]
    marked = base.model_copy(update={"meeting": base.meeting.model_copy(update={"marking": "RESTREINT UE"})})
    plain = {s.number: s for s in plan_deck(base, catalog, geometry, MarkingSurfaces()).slides}
    for slide in plan_deck(marked, catalog, geometry, MarkingSurfaces()).slides:
        if slide.role != "content":
            continue
        assert slide.title_box is not None and slide.title_box.top >= slide.marks[0].box.bottom
        assert slide.title_font_size <= plain[slide.number].title_font_size
    assert any(s.title_font_size < plain[s.number].title_font_size
               for s in plan_deck(marked, catalog, geometry, MarkingSurfaces()).slides if s.role == "content")


def test_the_area_the_app_fills_gives_way_from_its_top_to_a_marking_pushed_down_by_a_logo() -> None:
    logo = Box(int(10.3 * IN), int(0.1 * IN), int(2.9 * IN), int(1.2 * IN))
    free = Box(TITLE.left, TITLE.bottom + int(0.1 * IN), TITLE.width, int(5.2 * IN))  # a timeline's area
    placed = place_marks(LIMITE, _page(obstacles=(NUMBER, logo), content=free), "Calibri", "Slides")
    mark = placed.marks[0].box
    assert not placed.problems and not _overlap(mark, logo) and mark.left > W / 2
    assert placed.content is not None and not _overlap(mark, placed.content)
    assert placed.content.bottom == free.bottom and placed.content.height >= free.height * 0.8
    bottom = place_marks(RESTREINT, _page(obstacles=(NUMBER,), content=Box(0, int(2 * IN), W, int(5.4 * IN))),
                         "Calibri", "Slides")
    assert bottom.content is not None and bottom.content.top == int(2 * IN)  # shortened from the bottom
    assert not any(_overlap(m.box, bottom.content) for m in bottom.marks)


def test_no_room_outside_the_app_area_is_reported_and_the_area_still_cleared() -> None:
    free = Box(0, 0, W, int(1.0 * IN))  # a short area at the top: a marking would take a third of it
    wall = Box(0, free.bottom, W, int(2 * IN))  # the template's own banner under it
    placed = place_marks(LIMITE, _page(obstacles=(wall,), title=None, content=free), "Calibri", "Slides")
    assert placed.problems and "no free place for “LIMITE”" in placed.problems[0]
    assert placed.content is not None and placed.content.bottom == free.bottom
    assert not _overlap(placed.marks[0].box, placed.content)


def test_a_title_gives_way_to_the_templates_logo_at_its_end_not_to_shapes_elsewhere() -> None:
    from briefing_builder.compose.marking_layout import title_clear_of

    logo = Box(TITLE.right - int(1.5 * IN), int(0.3 * IN), int(1.8 * IN), int(0.8 * IN))
    narrowed = title_clear_of(TITLE, [logo])
    assert narrowed.left == TITLE.left and narrowed.right < logo.left and not _overlap(narrowed, logo)
    bar = Box(TITLE.left - int(0.2 * IN), TITLE.top, int(0.3 * IN), TITLE.height)  # an accent bar at the left
    assert title_clear_of(TITLE, [bar]).left > bar.right
    rule = Box(TITLE.left + int(0.1 * IN), TITLE.bottom - int(0.2 * IN), TITLE.width, int(0.25 * IN))  # a rule under
    shortened = title_clear_of(TITLE, [rule])
    assert shortened.top == TITLE.top and shortened.bottom < rule.top and shortened.width == TITLE.width
    dot = Box(TITLE.left + int(5 * IN), TITLE.top + int(0.3 * IN), int(0.3 * IN), int(0.3 * IN))  # in the middle
    assert title_clear_of(TITLE, [dot]) == TITLE
    wide = Box(TITLE.left + int(3 * IN), TITLE.top, TITLE.width, TITLE.height)  # would leave the title a quarter
    assert title_clear_of(TITLE, [wide]) == TITLE


def test_a_body_reaching_the_page_edge_gives_way_only_when_nothing_else_does() -> None:
    deep = Box(BODY.left, BODY.top, BODY.width, H - BODY.top - int(0.05 * IN))  # to the bottom edge
    placed = place_marks(RESTREINT, _page(obstacles=(NUMBER,), bodies=(deep,), footer=None), "Calibri", "Slides")
    top, bottom = placed.marks
    assert not placed.problems and placed.bodies is not None
    body = placed.bodies[0]
    assert body.top == deep.top and body.bottom < bottom.box.top and body.height >= deep.height * 0.8
    assert not _overlap(top.box, body)
    roomy = place_marks(RESTREINT, _page(obstacles=(NUMBER,), bodies=(BODY,)), "Calibri", "Slides")
    assert roomy.bodies is None and not any(_overlap(m.box, BODY) for m in roomy.marks)


def test_with_no_free_place_the_title_still_gives_way_where_it_can() -> None:
    cells = tuple(Box(x, 0, int(0.8 * IN), int(0.75 * IN)) for x in range(0, W, int(0.8 * IN)))  # a honeycomb band
    low_title = Box(TITLE.left, int(0.3 * IN), TITLE.width, int(1.1 * IN))
    below = Box(0, low_title.bottom, W, H - low_title.bottom)
    placed = place_marks(LIMITE, _page(obstacles=(*cells, below), title=low_title), "Calibri", "Slides")
    assert placed.problems and placed.title is not None
    assert not _overlap(placed.marks[0].box, placed.title) and placed.title.bottom == low_title.bottom
