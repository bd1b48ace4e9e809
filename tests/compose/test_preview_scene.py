"""The preview's drawing list: markings as the deck has them, every op on the slide, the planned text drawn."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.geometry import EMU_PER_POINT
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.compose.preview_scene import ImageOp, LineOp, RectOp, SlideScene, TextOp, build_scene
from briefing_builder.paths import templates_dir
from briefing_builder.render.appearance import read_appearance
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from briefing_builder.store.schema import Pack
from tests.deck_helpers import REFERENCE_PACK, sample_catalog


def _scenes(pack: Pack) -> tuple[DeckPlan, list[SlideScene]]:
    """Plan ``pack`` on the bundled template and build every slide's scene, as the preview worker does."""
    opened = open_template(templates_dir() / "briefing-16x9.pptx")
    plan = plan_deck(pack, sample_catalog(), opened.geometry, read_surfaces(opened))
    look = read_appearance(opened)
    return plan, [build_scene(slide, opened.geometry, look) for slide in plan.slides]


def _drawn_text(scene: SlideScene) -> str:
    """The scene's text as read: a piece that follows another continues its line."""
    return "".join(("" if op.follows else " ") + op.text for op in scene.ops if isinstance(op, TextOp))


def test_preview_draws_each_planned_marking_where_and_as_the_deck_has_it() -> None:
    base = sample_catalog().packs[REFERENCE_PACK]
    pack = base.model_copy(update={"meeting": base.meeting.model_copy(update={"marking": "RESTREINT UE + LIMITE"})})
    plan, scenes = _scenes(pack)
    for spec, scene in zip(plan.slides, scenes):
        assert len(spec.marks) == 3
        for mark in spec.marks:
            texts = [op for op in scene.ops if isinstance(op, TextOp) and op.text == mark.text]
            assert texts, f"slide {spec.number}: {mark.text} not drawn"
            op = min(texts, key=lambda t: abs(t.top - mark.box.top / EMU_PER_POINT))
            assert op.color == mark.colour and op.bold and op.size == mark.size_pt
            left, top = mark.box.left / EMU_PER_POINT, mark.box.top / EMU_PER_POINT
            assert left <= op.x <= left + mark.box.width / EMU_PER_POINT and top <= op.top + 1 <= top + 25
    title_colours = {m.colour for m in plan.slides[0].marks}
    assert "B00020" not in title_colours  # the navy title slide gets a lighter red, in the preview as in the deck


def test_every_op_is_on_the_slide_and_every_planned_word_is_drawn() -> None:
    plan, scenes = _scenes(sample_catalog().packs[REFERENCE_PACK])
    assert [scene.number for scene in scenes] == [slide.number for slide in plan.slides]
    for spec, scene in zip(plan.slides, scenes):
        for op in scene.ops:
            if isinstance(op, (RectOp, ImageOp)):
                x, y = op.x, op.y
            elif isinstance(op, TextOp):
                x, y = op.x, op.top
            else:
                assert isinstance(op, LineOp)
                x, y = min(p[0] for p in op.points), min(p[1] for p in op.points)
            assert -1 <= x <= scene.width and -1 <= y <= scene.height, (spec.number, op)
        drawn = _drawn_text(scene).split()
        words = " ".join(p.text for frame in spec.bodies for p in frame.paragraphs).split()
        assert all(word in drawn for word in words), spec.number
        title_words = spec.title.upper().split() if spec.title.isupper() else spec.title.split()
        assert all(any(word.lower() == d.lower() for d in drawn) for word in title_words), spec.number


def test_preview_puts_the_decks_backing_panel_under_body_text_on_a_busy_picture(tmp_path: Path) -> None:
    from tests.fixtures.templates import traits

    opened = open_template(traits.make_busy_picture(tmp_path))
    catalog = sample_catalog()
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry, read_surfaces(opened))
    look = read_appearance(opened)
    spec = next(s for s in plan.slides if s.role == "content")
    ops = build_scene(spec, opened.geometry, look).ops
    box = spec.bodies[0].box
    panel = next(i for i, op in enumerate(ops) if isinstance(op, RectOp) and op.opacity < 1)
    assert (ops[panel].fill, ops[panel].opacity) == ("FFFFFF", 0.8)
    assert abs(ops[panel].y - box.top / EMU_PER_POINT) < 0.01 and abs(ops[panel].w - box.width / EMU_PER_POINT) < 0.01
    first_body_text = next(i for i, op in enumerate(ops) if isinstance(op, TextOp) and op.top >= ops[panel].y
                           and op.text.strip())
    assert panel < first_body_text
def test_preview_draws_a_title_box_s_own_fill_under_its_title(tmp_path) -> None:  # noqa: ANN001
    from tests.fixtures.templates import traits

    opened = open_template(traits.make_filled_title(tmp_path))
    catalog = sample_catalog()
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry, read_surfaces(opened))
    look = read_appearance(opened)
    for slide in plan.slides:
        if slide.role != "content":
            continue
        scene = build_scene(slide, opened.geometry, look)
        box = slide.title_box or opened.geometry.role("content").title
        assert box is not None
        fills = [i for i, op in enumerate(scene.ops) if isinstance(op, RectOp) and op.fill == "595959"
                 and abs(op.x - box.left / EMU_PER_POINT) < 0.5 and abs(op.w - box.width / EMU_PER_POINT) < 0.5]
        title = next(i for i, op in enumerate(scene.ops) if isinstance(op, TextOp) and op.color == "FFFFFF")
        assert fills and fills[0] < title, slide.title


def test_preview_draws_the_templates_freeform_shapes_and_wordmark_as_outlines(tmp_path: Path) -> None:
    from briefing_builder.compose.marking_layout import inside_polygons
    from briefing_builder.compose.preview_scene import PathOp
    from tests.fixtures.templates import traits

    opened = open_template(traits.make_freeform_backdrop(tmp_path))
    catalog = sample_catalog()
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry, read_surfaces(opened))
    scene = build_scene(plan.slides[0], opened.geometry, read_appearance(opened))
    paths = [op for op in scene.ops if isinstance(op, PathOp)]
    assert [op.fill for op in paths] == ["503291", "B4DC96", "EB3C96", "EB3C96"]  # blob, corners, two letters
    blob = tuple(tuple((round(x * EMU_PER_POINT), round(y * EMU_PER_POINT)) for x, y in p) for p in paths[0].polygons)
    title = opened.geometry.role("title").title
    assert title is not None and inside_polygons(blob, title.left + title.width // 2, title.top + title.height // 2)
    assert not any(isinstance(op, RectOp) and op.fill == "503291" for op in scene.ops)  # no box for a blob
    assert not any(getattr(op, "fill", None) == "EB3C96" and not isinstance(op, PathOp) for op in scene.ops)
