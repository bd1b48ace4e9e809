"""The template's own text styles: measured with (fonts and weight set in the master), not inherited
where they would move our lines (spacing, indents, alignment)."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def test_fonts_and_weight_come_from_the_masters_text_styles(tmp_path: Path) -> None:
    geometry = open_template(traits.make_master_styles(tmp_path)).geometry
    assert (geometry.body_font, geometry.heading_font) == ("Cambria", "Calibri")
    assert geometry.heading_bold
    plan, _ = build(REFERENCE_PACK, traits.make_master_styles(tmp_path))
    assert not any("Calibri" in n.message and "stand-in" in n.message for n in plan.warnings)


def test_paragraphs_we_write_carry_their_own_spacing_indent_and_alignment(tmp_path: Path) -> None:
    _plan, data = build(REFERENCE_PACK, traits.make_master_styles(tmp_path))
    deck = Presentation(io.BytesIO(data))
    slide = deck.slides[3]  # a text slide
    title = slide.shapes.title._element.find(qn("p:txBody"))
    title_ppr = title.find(f"{qn('a:p')}/{qn('a:pPr')}")
    assert title_ppr.get("marL") == "914400" and title_ppr.get("indent") == "0"  # the layout's own title margin
    assert title.find(f".//{qn('a:spcAft')}/{qn('a:spcPts')}").get("val") == "0"
    assert title.find(f".//{qn('a:r')}/{qn('a:rPr')}").get("b") == "1"
    bodies = [s for s in slide.placeholders if s.placeholder_format.idx == 1]
    for p in bodies[0]._element.iter(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        assert ppr.get("algn") == "l"
        assert ppr.find(f"{qn('a:spcAft')}/{qn('a:spcPts')}").get("val") == "0"


def test_the_master_s_character_spacing_reaches_the_geometry_and_the_fit(tmp_path: Path) -> None:
    spaced = traits.make_wide_spacing(tmp_path)
    (tmp_path / "plain").mkdir()
    plain = traits.make_wide_spacing(tmp_path / "plain", 0)
    geometry = open_template(spaced).geometry
    assert (geometry.body_spacing_pt, geometry.heading_spacing_pt) == (3.0, 3.0)
    spaced_plan, plain_plan = build(REFERENCE_PACK, spaced)[0], build(REFERENCE_PACK, plain)[0]
    sizes = [f.font_size for s in spaced_plan.slides for f in s.bodies]
    assert sum(sizes) < sum(f.font_size for s in plain_plan.slides for f in s.bodies) or \
        len(spaced_plan.slides) > len(plain_plan.slides)


def test_a_titles_own_margin_is_kept_and_measured_never_pushing_it_out_of_its_box(tmp_path: Path) -> None:
    from briefing_builder.compose.deck_planner import title_runs
    from briefing_builder.compose.fitting import fits
    from briefing_builder.compose.geometry import title_lines_box
    from briefing_builder.compose.plan import Paragraph

    path = traits.make_master_styles(tmp_path)  # the content layout's title: a one-inch left margin
    geometry = open_template(path).geometry
    assert geometry.role("content").title_inset == (914400, 0)
    plan, _data = build(REFERENCE_PACK, path)
    for spec in (s for s in plan.slides if s.role == "content"):
        box = title_lines_box(spec.title_box or geometry.role("content").title, (914400, 0))
        paragraph = (Paragraph(title_runs(spec.title, geometry), bullet=False),)
        assert fits(paragraph, box, geometry.heading_font, spec.title_font_size, geometry.heading_spacing_pt), \
            spec.title


def test_a_margin_or_hanging_indent_that_would_push_titles_out_is_dropped_the_alignment_kept(tmp_path: Path) -> None:
    for margin, indent, expected in ((0.75, 0.0, ("0", "0")), (0.1, -0.3, None), (0.1, 0.0, None)):
        path = traits.make_title_indent(tmp_path, margin, indent)
        geometry = open_template(path).geometry
        inset = geometry.role("content").title_inset
        width = geometry.role("content").title.width
        assert inset[0] + min(inset[1], 0) >= 0 and width - inset[0] - max(inset[1], 0) >= width * 0.6
        _plan, data = build(REFERENCE_PACK, path)
        ppr = Presentation(io.BytesIO(data)).slides[3].shapes.title._element.find(f".//{qn('a:pPr')}")
        assert ppr.get("algn") is None  # the template's centring stays
        written = (ppr.get("marL"), ppr.get("indent"))
        assert written == (expected or (str(inset[0]), str(inset[1]))), (margin, indent, written)
        if indent < 0:  # the hanging first line starts at the box's edge, not left of it
            assert int(written[0]) == int(geometry.slide_width * 0.1) and int(written[1]) == -int(written[0])


def test_the_weight_and_slant_of_each_level_come_from_the_master_and_the_layout(tmp_path: Path) -> None:
    template = open_template(traits.make_bold_body_italic_title(tmp_path))
    geometry = template.geometry
    assert geometry.heading_italic and not geometry.heading_bold  # the layout's title list style
    assert geometry.role("content").body_weights == ((True, False),) * 9  # the master's body style, every level
    plain = open_template(traits.make_master_styles(tmp_path)).geometry
    assert not plain.heading_italic and not any(bold for bold, _ in plain.role("content").body_weights)


def test_bodies_and_titles_are_measured_painted_and_written_in_the_templates_weight(tmp_path: Path) -> None:
    """Fails before: bodies were planned (so measured and painted) regular in a master whose body style is bold."""
    from briefing_builder.compose.deck_planner import title_runs
    from briefing_builder.compose.fitting import fits

    template = open_template(traits.make_bold_body_italic_title(tmp_path))
    plan, data = build(REFERENCE_PACK, template.path)
    frames = [(spec, frame) for spec in plan.slides for frame in spec.bodies if spec.role == "content"]
    assert frames
    for _spec, frame in frames:
        assert all(run.bold for p in frame.paragraphs for run in p.runs)
        assert fits(frame.paragraphs, frame.box, template.geometry.body_font, frame.font_size,
                    template.geometry.body_spacing_pt)
    assert all(run.italic for run in title_runs("Priority areas", template.geometry))
    deck = Presentation(io.BytesIO(data))
    body = next(s for s in deck.slides[3].placeholders if s.placeholder_format.idx == 1)
    assert {r.get("b") for r in body._element.iter(qn("a:rPr"))} == {"1"}
