"""``template inspect``: what the app makes of a template, as a person reads it.

On the bundled template and on templates shaped like the ones institutions send (two masters,
no placeholders, a house font the app has no metrics for), and the template problems it lists
are the ones a build and ``check`` report.
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.cli import main
from briefing_builder.compose.geometry import EMU_PER_POINT, SLIDE_ROLES, Box
from briefing_builder.render.template_report import box_text, format_report, inspect_template
from briefing_builder.render.template_roles import ROLE_WORDS
from tests.deck_helpers import REFERENCE_PACK, build, bundled_template
from tests.fixtures import make_templates as mk
from tests.fixtures.templates import traits
from tests.zip_parts import parts_of, rewrite_file


def test_the_bundled_template_maps_every_role_into_its_own_placeholders() -> None:
    report = inspect_template(bundled_template())
    assert (report.name, report.masters, report.slide_size_pt) == ("briefing-16x9.pptx", 1, (960.0, 540.0))
    assert [r.role for r in report.roles] == list(SLIDE_ROLES)
    assert all(not r.fallback and all(r.in_placeholders) and r.master == 1 for r in report.roles)
    text = format_report(report)
    assert text.startswith("Template briefing-16x9.pptx: 960×540 pt, 1 master(s), ")
    assert text.endswith("Warnings: none") and "(text box added by the app)" not in text
    for role in report.roles:
        assert f"  {ROLE_WORDS[role.role]:<34} '{role.layout}' (master 1), score {role.score:g}" in text


def test_a_second_masters_layouts_are_named_with_their_master(tmp_path: Path) -> None:
    report = inspect_template(mk.make_two_masters(tmp_path))
    assert report.masters == 2 and {r.master for r in report.roles} == {2}  # the first keeps only 'Blank'
    assert "(master 2)" in format_report(report)


def test_a_template_without_placeholders_says_where_the_app_adds_text_boxes(tmp_path: Path) -> None:
    report = inspect_template(mk.make_no_placeholders(tmp_path))
    text = format_report(report)
    assert any(r.fallback for r in report.roles) and "[fallback]" in text
    assert "(text box added by the app)" in text
    assert text.split("Warnings:")[1].strip().startswith("- ")


def test_a_house_font_without_metrics_is_named(tmp_path: Path) -> None:
    source = bundled_template()
    themes = {name: (lambda xml: xml.replace(b'typeface="Calibri"', b'typeface="Frutiger LT Com 55"'))
              for name in parts_of(source) if name.startswith("ppt/theme/")}
    report = inspect_template(rewrite_file(source, tmp_path / "house.pptx", themes))
    assert report.body_font == "Frutiger LT Com 55" and report.unknown_fonts == ("Frutiger LT Com 55",)
    assert "  'Frutiger LT Com 55' has no metric-compatible stand-in: measured conservatively" in format_report(report)


def test_boxes_are_written_in_points_from_the_slides_top_left_corner() -> None:
    p = EMU_PER_POINT
    assert box_text(Box(36 * p, 126 * p, 648 * p, 356 * p)) == "648×356 pt at (36, 126)"
    assert box_text(None) == "—"


def test_inspect_lists_the_colour_problems_a_build_reports(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    for path in (traits.make_busy_picture(tmp_path), traits.make_dark_background(tmp_path)):
        plan, _data = build(REFERENCE_PACK, path)
        from_build = {n.message for n in plan.warnings if "against" in n.message and "Layout '" in n.message}
        assert from_build, path.name
        assert from_build <= set(inspect_template(path).warnings), path.name
        assert main(["template", "inspect", str(path)]) == 0
        printed = capsys.readouterr().out
        assert all(message in printed for message in from_build), path.name
