"""Layouts chosen by geometry and role on templates with other tools' traits; the written decks checked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from briefing_builder.compose.geometry import SLIDE_ROLES, Box
from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import open_template
from briefing_builder.render.template_report import format_report, inspect_template
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.fixtures.templates import traits


def _box(shape) -> Box:  # noqa: ANN001
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _titled_and_bodies_apart(data: bytes, plan) -> None:  # noqa: ANN001
    """Every slide's title placeholder holds its title, and no body text sits in it."""
    deck = Presentation(io.BytesIO(data))
    assert check_package(data) == []
    for spec, slide in zip(plan.slides, deck.slides):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text == spec.title, (spec.number, spec.title)
        for frame in spec.bodies:
            first = frame.paragraphs[0].text.split()[0] if frame.paragraphs else None
            if first:
                holders = [s for s in slide.shapes if s.has_text_frame and first in s.text_frame.text
                           and s is not title and s.shape_id != title.shape_id]
                assert holders, (spec.number, first)


def test_libreoffice_template_idx0_typeless_placeholders(tmp_path: Path) -> None:
    path = traits.make_libreoffice(tmp_path)
    geometry = open_template(path).geometry
    assert geometry.role("title").layout_name == "Title Slide" and geometry.role("title").subtitle is not None
    assert geometry.role("content").layout_name == "Title and Content" and not geometry.role("content").fallback
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        _titled_and_bodies_apart(data, plan)
        first = Presentation(io.BytesIO(data)).slides[0]
        texts = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
        assert plan.slides[0].subtitle[0] in texts  # the meeting and date line is on the title slide


def test_a_small_layout_listed_first_loses_to_the_full_content_layout(tmp_path: Path) -> None:
    opened = open_template(traits.make_small_layout_first(tmp_path))
    names = [layout.name for master in opened.presentation.slide_masters for layout in master.slide_layouts]
    assert names[0] == "Text and Image"
    assert opened.geometry.role("content").layout_name == "Title and Content"
    assert opened.geometry.role("agenda").layout_name == "Title and Content"


def test_header_strip_is_the_title_and_the_large_area_the_body(tmp_path: Path) -> None:
    path = traits.make_header_strip(tmp_path)
    geometry = open_template(path).geometry
    content = geometry.role("content")
    assert content.title.top < geometry.slide_height * 0.1 and content.title.height < geometry.slide_height * 0.15
    assert content.bodies[0].height > geometry.slide_height * 0.5
    plan, data = build(REFERENCE_PACK, path)
    _titled_and_bodies_apart(data, plan)
    assert len(plan.slides) <= 16


def test_text_box_over_the_free_area_keeps_clear_of_the_layouts_picture(tmp_path: Path) -> None:
    path = traits.make_title_only_with_picture(tmp_path)
    opened = open_template(path)
    layout = opened.layouts["content"]
    picture = next(_box(s) for s in layout.shapes if s.name == "Photo")
    content = opened.geometry.role("content")
    assert content.layout_name == "Title Only" and opened.placeholders["content"].bodies == (None,)
    body = content.bodies[0]
    assert not _overlap(body, picture)
    assert body.top >= content.title.bottom and body.width * body.height > 0.25 * opened.geometry.slide_width * \
        opened.geometry.slide_height
    assert any("text box over its free area" in w for w in opened.geometry.warnings)
    _plan, data = build(REFERENCE_PACK, path)
    deck = Presentation(io.BytesIO(data))
    for slide in list(deck.slides)[1:-1]:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.name.split(" #bb:")[0] == "Text":
                assert not _overlap(_box(shape), picture), shape.text_frame.text[:40]


def test_a_body_drawn_smaller_than_its_room_grows_into_it(tmp_path: Path) -> None:
    path = traits.make_small_body_with_room(tmp_path)
    opened = open_template(path)
    layout_body = next(s for s in opened.layouts["content"].placeholders if s.placeholder_format.idx == 1)
    body = opened.geometry.role("content").bodies[0]
    assert opened.placeholders["content"].bodies[0] is not None  # still the template's placeholder
    assert body.height > 1.5 * layout_body.height and body.top == layout_body.top
    plan, data = build(REFERENCE_PACK, path)
    deck = Presentation(io.BytesIO(data))
    grown = [s for s in deck.slides[1].placeholders if s.placeholder_format.idx == 1]
    assert grown and grown[0].height == Emu(body.height)
    assert len(plan.slides) <= 12


def test_template_inspect_reports_roles_scores_and_boxes(tmp_path: Path) -> None:
    path = traits.make_title_only_with_picture(tmp_path)
    report = inspect_template(path)
    assert [r.role for r in report.roles] == list(SLIDE_ROLES)
    content = next(r for r in report.roles if r.role == "content")
    assert content.layout == "Title Only" and content.in_placeholders == (False,) and content.score > 0
    text = format_report(report)
    assert "text slides (title and content)" in text and "'Title Only'" in text
    assert "(text box added by the app)" in text and "Warnings:" in text


def test_untyped_placeholders_chosen_by_their_real_structure(tmp_path: Path) -> None:
    for master_too in (False, True):
        path = traits.make_untyped(tmp_path, master_too)
        geometry = open_template(path).geometry
        expected = {"title": "Title Slide", "content": "Title and Content", "agenda": "Title and Content",
                    "section": "Section Header", "two_content": "Two Content", "title_only": "Title Only"}
        assert {role: geometry.role(role).layout_name for role in expected} == expected
        content = geometry.role("content")
        assert content.title.bottom <= content.bodies[0].top  # the master's title box, above the body
        assert not any(geometry.role(role).fallback for role in expected)
        plan, data = build(REFERENCE_PACK, path)
        _titled_and_bodies_apart(data, plan)
        first = Presentation(io.BytesIO(data)).slides[0]
        assert plan.slides[0].subtitle[0] in " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)


@pytest.mark.parametrize("make", [traits.make_a4_with_wide_layouts, traits.make_title_off_slide])
def test_layouts_wider_than_the_slide_are_clamped_and_warned(tmp_path: Path, make) -> None:  # noqa: ANN001
    path = make(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    deck = Presentation(io.BytesIO(data))
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            footer = shape.is_placeholder and shape.placeholder_format.type in (
                PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
            if shape.has_text_frame and shape.text_frame.text.strip() and not footer:
                box = _box(shape)
                assert box.left >= 0 and box.right <= width and box.top >= 0 and box.bottom <= height, \
                    (number, shape.name, shape.text_frame.text[:30])
    warned = [n.message for n in plan.warnings if "reach" in n.message and f"past the {width / 12700:.0f}×"
              f"{height / 12700:.0f} pt slide" in n.message]
    assert len(warned) == 1 and "'Title and Content'" in warned[0]


@pytest.mark.parametrize("sliver", [False, True], ids=["title-only", "sliver-body"])
def test_a_section_line_is_kept_when_the_layout_has_no_box_for_it(tmp_path: Path, sliver: bool) -> None:
    path = traits.make_section_without_text_box(tmp_path, sliver)
    plan, data = build(DEMO_PACK, path)
    sections = [(spec, slide) for spec, slide in zip(plan.slides, Presentation(io.BytesIO(data)).slides)
                if spec.role == "section" and spec.subtitle]
    assert sections
    for spec, slide in sections:
        shown = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == spec.subtitle[0]]
        assert shown and not _overlap(_box(shown[0]), _box(slide.shapes.title))
    assert not [n.message for n in plan.warnings if "left out" in n.message]


def test_a_lone_type_less_placeholder_is_a_body_not_a_title(tmp_path: Path) -> None:
    from pptx.oxml.ns import qn

    from briefing_builder.render.template_layouts import inspect_layouts

    prs = Presentation(str(traits.DEFAULT))
    layout = traits._layout(prs, "Title Only")
    for sp in traits._tree(layout).iter(qn("p:sp")):
        ph = sp.find(f".//{qn('p:ph')}")
        if ph.get("type") == "title":  # now ``<p:ph/>``, drawn over most of the slide
            del ph.attrib["type"]
            traits._set_box(sp, 457200, 1400000, 8229600, 4700000)
            sp.find(f".//{qn('p:cNvPr')}").set("name", "Content Placeholder 1")
    info = next(i for i in inspect_layouts(list(prs.slide_masters), prs.slide_width, prs.slide_height)
                if i.name == "Title Only")
    assert info.title is None and [b.name for b in info.bodies] == ["Content Placeholder 1"]


def test_text_slides_keep_their_own_layout_rather_than_one_column_grown_across_the_next(tmp_path: Path) -> None:
    opened = open_template(traits.make_short_content_body_beside_columns(tmp_path))
    for role in ("content", "agenda"):
        assert opened.geometry.role(role).layout_name == "Title and Content", role
        assert opened.placeholders[role].bodies[0] is not None and opened.placeholders[role].unused == ()
    assert opened.geometry.role("two_content").layout_name == "Two Content"
