"""The plain look of a template's layouts: backgrounds, decorations, text colours, fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from briefing_builder.compose.geometry import SLIDE_ROLES
from briefing_builder.paths import templates_dir
from briefing_builder.render.appearance import _Colors, read_appearance
from briefing_builder.render.template import open_template
from tests.fixtures import make_templates as mk

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@pytest.fixture(scope="module")
def brand():  # noqa: ANN201
    return read_appearance(open_template(templates_dir() / "briefing-16x9.pptx"))


def test_backgrounds_follow_layout_then_master(brand) -> None:  # noqa: ANN001
    assert brand.role("title").background == "1B2A4A"  # the layout's own background
    assert brand.role("closing").background == "1B2A4A"
    assert brand.role("section").background == "E7EAEF"
    assert brand.role("content").background == "FFFFFF"  # inherited from the master
    assert set(brand.roles) == set(SLIDE_ROLES)


def test_decorations_and_pictures_in_drawing_order(brand) -> None:  # noqa: ANN001
    content = brand.role("content")
    kinds = [(d.kind, d.fill) for d in content.decorations]
    # master: footer rule and logo; layout: the gold title rule
    assert kinds == [("rect", "E7EAEF"), ("picture", None), ("rect", "C9A227")]
    picture = content.decorations[1]
    assert picture.image.startswith(b"\x89PNG") and picture.box.width > 0
    # the title layout hides the master's shapes (showMasterSp="0"): its own logo only
    title = brand.role("title")
    assert [d.kind for d in title.decorations].count("picture") == 1
    assert all(d.fill != "E7EAEF" for d in title.decorations)


def test_text_colours_fonts_and_slide_number(brand) -> None:  # noqa: ANN001
    content, title = brand.role("content"), brand.role("title")
    assert content.title_color == "1B2A4A" and content.title_bold  # schemeClr tx2 → dk2 through the colour map
    assert content.body_color == "2B313B"  # tx1 → dk1
    assert content.bullet_color == "C9A227"  # accent2
    assert title.title_color == "FFFFFF" and title.subtitle_color == "D5DCE8"
    assert content.footer_color == "5F6673"
    assert content.title_anchor == "b"
    assert content.number_box is not None and content.number_box.top > 6_000_000
    assert brand.heading_font == "Calibri" and brand.body_font == "Calibri"
    assert brand.theme_colors["accent1"] == "1B2A4A"


def test_four_by_three_has_its_own_boxes() -> None:
    look = read_appearance(open_template(templates_dir() / "briefing-4x3.pptx"))
    assert look.role("content").number_box.right <= 9144000
    assert look.role("title").background == "1B2A4A"


@pytest.mark.parametrize("maker", [mk.make_french, mk.make_two_masters, mk.make_arial, mk.make_no_body])
def test_user_templates(tmp_path: Path, maker) -> None:  # noqa: ANN001
    opened = open_template(maker(tmp_path))
    look = read_appearance(opened)
    for role in SLIDE_ROLES:
        item = look.role(role)
        assert len(item.background) == 6 and int(item.background, 16) >= 0
        assert len(item.title_color) == 6
    # python-pptx's default theme: background bg1 = window white, text tx1 = window black
    assert look.role("content").background == "FFFFFF"
    assert look.role("content").body_color == "000000"
    if maker is mk.make_arial:
        assert look.body_font == "Arial"


def test_scheme_colours_and_transforms() -> None:
    colors = _Colors({"dk1": "000000", "lt1": "FFFFFF", "accent1": "4472C4"}, {"bg1": "lt1", "tx1": "dk1"})

    def of(xml: str) -> str | None:
        return colors.of(etree.fromstring(f'<a:solidFill xmlns:a="{A}">{xml}</a:solidFill>'))

    assert of('<a:schemeClr val="bg1"/>') == "FFFFFF"
    assert of('<a:srgbClr val="c9a227"/>') == "C9A227"
    assert of('<a:sysClr val="windowText" lastClr="000000"/>') == "000000"
    lighter = of('<a:schemeClr val="accent1"><a:lumMod val="20000"/><a:lumOff val="80000"/></a:schemeClr>')
    assert lighter is not None and int(lighter[:2], 16) > 0xC0  # a pale tint of the accent
    assert of('<a:schemeClr val="phClr"/>') is None  # a placeholder colour needs its context


def test_a_gradient_text_fill_gives_the_text_its_first_stop_colour(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.oxml.ns import qn

    from tests.fixtures.templates import traits

    prs = Presentation(str(traits.make_dark_background(tmp_path)))
    run = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    for old in run.findall(qn("a:solidFill")):
        run.remove(old)
    run.insert(0, etree.fromstring('<a:gradFill xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                                   '<a:gsLst><a:gs pos="0"><a:srgbClr val="F2F2F2"/></a:gs><a:gs pos="100000">'
                                   '<a:srgbClr val="FFFFFF"/></a:gs></a:gsLst></a:gradFill>'))
    prs.save(str(tmp_path / "gradient-title.pptx"))
    look = read_appearance(open_template(tmp_path / "gradient-title.pptx"))
    assert look.role("content").title_color == "F2F2F2"


def test_a_pattern_filled_band_is_seen_as_the_colour_its_two_colours_mix_to(tmp_path: Path) -> None:
    """The band was ignored (taken as white): the red marking on it was left at 2:1."""
    from briefing_builder.compose.contrast import MIN_CONTRAST, contrast
    from briefing_builder.compose.text_contrast import blend
    from tests.deck_helpers import REFERENCE_PACK
    from tests.fixtures.templates import traits
    from tests.render.test_template_hostile import _marked_build

    path = traits.make_pattern_band(tmp_path)
    look = read_appearance(open_template(path)).role("content")
    mixed = blend("3465A4", "009EDA", 25)
    assert any(d.kind == "rect" and d.fill == mixed for d in look.decorations)
    plan, _data = _marked_build(REFERENCE_PACK, path, "RESTREINT UE")
    content = next(s for s in plan.slides if s.role == "content")
    low = max(content.marks, key=lambda m: m.box.top)  # the bottom-centre marking, on the band
    assert low.box.top > plan.slides[0].marks[0].box.top
    assert contrast(low.colour, low.fill or mixed) >= MIN_CONTRAST and low.colour != "B00020"
