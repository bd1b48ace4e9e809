"""The build's warnings about the layouts chosen for a template's roles, on plain layouts (720×540 pt)."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.geometry import RoleGeometry
from briefing_builder.render.template_role_warnings import layout_warnings, overlap_warnings
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits
from tests.render.test_template_frame import FRAME, plain_layout, pt


def test_below_the_title_is_said_above_the_title_for_a_layout_with_its_title_low() -> None:
    low, top = plain_layout(pt(36, 380, 648, 80)), plain_layout(pt(36, 20, 648, 80))
    low.name, top.name = "Low", "Top"
    said = layout_warnings(["using 'Low' with a text box under the title.",
                            "using 'Top' with a text box below the title."], {"content": low, "agenda": top},
                           FRAME, "t.pptx")
    assert said == ["using 'Low' with a text box above the title.", "using 'Top' with a text box below the title."]


def test_one_warning_names_the_layouts_whose_title_covers_the_slide() -> None:
    a, b = plain_layout(pt(36, 20, 648, 480)), plain_layout(pt(36, 20, 648, 400))
    a.name, b.name = "Cover A", "Cover B"
    said = layout_warnings([], {"content": a, "section": b, "title": a}, FRAME, "t.pptx")
    assert len(said) == 1 and "layouts 'Cover A', 'Cover B' cover 89% of the slide's height" in said[0]


def test_one_warning_names_the_layouts_reaching_past_the_slide() -> None:
    info = plain_layout(pt(36, 20, 648, 80))
    info.name, info.outside = "Wide", [("Body", pt(36, 100, 900, 380))]
    said = layout_warnings([], {"content": info, "agenda": info}, FRAME, "t.pptx")
    assert said == [("Template 't.pptx': layout 'Wide' reaches past the 720×540 pt slide (in 'Wide', 'Body' is "
                    "900×380 pt at (36, 100)); their text is kept inside the slide. The layouts may be made for "
                    "another slide size: check them in PowerPoint (View → Slide Master).")]


def test_a_layout_whose_title_still_overlaps_its_body_is_named_in_a_build_note(tmp_path: Path) -> None:
    """The content layout's body drawn from the top of its title (inside the slide): the build says the title
    is drawn over the text's first lines, naming the layout, and `check` shows the same note."""
    plan, _ = build(REFERENCE_PACK, traits.make_title_over_body(tmp_path))
    said = [n.message for n in plan.warnings if "title box overlaps the body" in n.message]
    assert len(said) == 1 and "'Title and Content'" in said[0], [n.message for n in plan.warnings]


def test_a_title_apart_from_its_body_says_nothing() -> None:
    title, body = pt(36, 20, 648, 80), pt(36, 110, 648, 380)
    assert overlap_warnings({"content": RoleGeometry("content", "Plain", title, (body,))}, FRAME, "t.pptx") == []
    over = RoleGeometry("content", "Plain", title, (pt(36, 90, 648, 380),))
    assert overlap_warnings({"content": over}, FRAME, "t.pptx") != []
