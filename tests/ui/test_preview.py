"""The live preview: every role paints, the dock follows the pack (line breaks: test_preview_line_breaks)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing_builder.compose.geometry import EMU_PER_POINT, SLIDE_ROLES
from briefing_builder.compose.preview_scene import ImageOp, LineOp, RectOp, TextOp, build_scene
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.store import Catalog, load_store
from briefing_builder.ui.preview.painter import ScenePainter
from briefing_builder.ui.preview.worker import TemplateCache, compute_preview
from tests.fixtures import make_templates as mk

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def _templates(folder: Path) -> list[Path]:
    return [templates_dir() / "briefing-16x9.pptx", templates_dir() / "briefing-4x3.pptx", mk.make_french(folder)]


def test_every_role_paints_on_each_template(catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    painter, cache = ScenePainter(), TemplateCache()
    pack = catalog.packs["strategy-partners-briefing"]  # every section kind: all seven roles
    timings = []
    for path in _templates(tmp_path):
        result = compute_preview(pack, catalog, cache)
        result = compute_preview(pack.model_copy(update={"meeting": pack.meeting.model_copy(
            update={"template": str(path)})}), catalog, cache)
        assert result.error is None, result.error
        assert {s.role for s in result.plan.slides} == set(SLIDE_ROLES)
        look = cache.get(path)[1]
        for slide, scene in zip(result.plan.slides, result.scenes):
            assert scene == build_scene(slide, result.geometry, look)  # deterministic
            texts = [op for op in scene.ops if isinstance(op, TextOp)]
            assert any(slide.title.split()[0] in op.text for op in texts), slide.title
            if slide.table is not None:
                assert any(isinstance(op, RectOp) for op in scene.ops)
            if slide.chart is not None:
                assert any(isinstance(op, LineOp) and len(op.points) >= 2 for op in scene.ops)
            for frame in slide.bodies:  # body text stays inside its box horizontally
                left, right = frame.box.left / EMU_PER_POINT, frame.box.right / EMU_PER_POINT
                inside = [op for op in texts if left - 1 <= op.x <= right]
                assert inside
            started = time.perf_counter()
            image = painter.render(scene, 240)
            timings.append((time.perf_counter() - started) * 1000)
            assert not image.isNull() and image.width() == 240
            corner = image.pixelColor(image.width() - 2, image.height() // 2)
            background = QColor(f"#{look.role(slide.role).background}")
            assert abs(corner.red() - background.red()) < 12 and abs(corner.blue() - background.blue()) < 12
        if path.name.startswith("briefing-"):
            assert any(isinstance(op, ImageOp) for scene in result.scenes for op in scene.ops)  # the logo
    print(f"\nthumbnail paint: {sum(timings) / len(timings):.1f} ms mean, {max(timings):.1f} ms max "
          f"over {len(timings)} slides")


def test_a_broken_template_is_reported_not_raised(catalog: Catalog, tmp_path: Path) -> None:
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"not a zip")
    pack = catalog.packs["jha-counsellors-2026-01-12"]
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"template": str(bad)})})
    result = compute_preview(pack, catalog, TemplateCache())
    assert result.plan is None and "broken.pptx" in result.error


def _wait_ready(window, qtbot: QtBot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.preview_worker.latest is not None and not window.preview_worker.busy
                    and window.preview.pending() == 0, timeout=TIMEOUT_MS)


def test_dock_follows_the_pack_and_selects_sections(window: MainWindow, qtbot: QtBot) -> None:
    _wait_ready(window, qtbot)
    dock = window.preview
    assert dock.list.count() == 10 and "10 slides" in dock.status.text()
    assert all(not dock.list.item(i).icon().isNull() for i in range(10))
    # clicking a thumbnail selects its section in the outline and shows it large
    item = dock.list.item(6)
    dock.list.scrollToItem(item)
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=dock.list.visualItemRect(item).center())
    assert window.outline.current_row() == 6 and dock.current == 6
    assert dock.view.scene is dock.result.scenes[6]
    # selecting in the outline shows that section's slide
    window.outline.select(3)
    assert dock.current == 3
    # an edit updates the preview after the debounce: "Return and readmission" moves up
    window.outline.select(6)
    window.outline.up_action.trigger()
    qtbot.waitUntil(lambda: not window.preview_worker.busy
                    and "Return and readmission" in dock.list.item(5).toolTip(), timeout=TIMEOUT_MS)
    assert "3. Return and readmission" in dock.list.item(5).toolTip()  # numbered in deck order
    image = dock.view.grab().toImage()
    assert not image.isNull()


def test_rapid_edits_are_debounced_into_few_plans(window: MainWindow, qtbot: QtBot) -> None:
    _wait_ready(window, qtbot)
    before = window.preview_worker.generation
    for _ in range(8):
        window.outline.select(6)
        window.outline.up_action.trigger()
        window.outline.down_action.trigger()
    _wait_ready(window, qtbot)
    assert window.preview_worker.generation - before <= 2
    assert window.preview.list.count() == 10


def test_larger_view_paints_the_selected_slide(catalog: Catalog, qapp: QApplication) -> None:
    from PySide6.QtGui import QImage, QPainter

    result = compute_preview(catalog.packs["jha-counsellors-2026-01-12"], catalog, TemplateCache())
    image = QImage(960, 540, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    ScenePainter().paint(painter, result.scenes[0], QRectF(0, 0, 960, 540))
    painter.end()
    assert image.pixelColor(480, 30) == QColor("#1B2A4A")  # the title slide's dark background


def test_scenes_of_unchanged_slides_are_reused(catalog: Catalog) -> None:
    from briefing_builder.pack import document as pd
    from briefing_builder.ui.preview.worker import SceneCache

    pack = catalog.packs["jha-counsellors-2026-01-12"]
    templates, scenes = TemplateCache(), SceneCache()
    first = compute_preview(pack, catalog, templates, scenes_cache=scenes)
    rows = [i for i, s in enumerate(pack.sections) if s.type == "area"]
    moved = compute_preview(pd.move_section(pack, rows[1], rows[0]), catalog, templates, scenes_cache=scenes)
    fresh = compute_preview(pd.move_section(pack, rows[1], rows[0]), catalog, TemplateCache())
    assert [s.ops for s in moved.scenes] == [s.ops for s in fresh.scenes]  # same drawing as without the cache
    reused = sum(any(a is b for b in first.scenes) for a in moved.scenes)
    assert 0 < reused < len(moved.scenes)  # the title slide is reused; the reordered slides are redrawn


def test_preview_paints_text_in_the_colour_the_deck_writes_on_a_dark_master(catalog: Catalog, tmp_path: Path) -> None:
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.render.appearance import read_appearance
    from briefing_builder.render.marking_surfaces import read_surfaces
    from briefing_builder.render.template import open_template
    from tests.fixtures.templates import traits

    opened = open_template(traits.make_dark_background(tmp_path))
    plan = plan_deck(catalog.packs["jha-counsellors-2026-01-12"], catalog, opened.geometry, read_surfaces(opened))
    spec = next(s for s in plan.slides if s.role == "content")
    scene = build_scene(spec, opened.geometry, read_appearance(opened))
    texts = [op for op in scene.ops if isinstance(op, TextOp) and op.text.strip()]
    light = opened.geometry.theme_colors["lt1"]
    assert {spec.text_colour("body"), spec.text_colour("title")} == {light}
    first_body_word = spec.bodies[0].paragraphs[0].runs[0].text.split()[0]
    for word in (spec.title.split()[0], first_body_word):
        assert {op.color for op in texts if word in op.text.split()} == {light}, word


def test_preview_paints_freeform_shapes_where_their_outlines_are(catalog: Catalog, qapp: QApplication,
                                                                  tmp_path: Path) -> None:
    """merck-eu.pptx's title slide was painted plain green: its purple freeforms (in a group) and its wordmark
    were left out and a green freeform filling only the corners was painted over the whole slide."""
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.render.appearance import read_appearance
    from briefing_builder.render.marking_surfaces import read_surfaces
    from briefing_builder.render.template import open_template
    from tests.fixtures.templates import traits

    opened = open_template(traits.make_freeform_backdrop(tmp_path))
    plan = plan_deck(catalog.packs["jha-counsellors-2026-01-12"], catalog, opened.geometry, read_surfaces(opened))
    image = ScenePainter().render(build_scene(plan.slides[0], opened.geometry, read_appearance(opened)), 400)
    width, height = image.width(), image.height()

    def colour(x: float, y: float) -> str:
        return image.pixelColor(int(x * width), int(y * height)).name().upper()

    assert colour(0.5, 0.85) == "#503291"  # the blob, below the text
    assert colour(0.005, 0.005) == "#B4DC96" and colour(0.02, 0.95) == "#B4DC96"  # green corners and page
    assert colour(0.5, 0.97) == "#B4DC96"  # below the blob's curve, inside its box
    assert colour(0.8 + 0.15 * 0.25, 0.9 + 0.05 * 0.2) == "#EB3C96"  # the wordmark's first letter
