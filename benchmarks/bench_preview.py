"""Preview benchmark: paint 50 slide thumbnails from their plan (target: under 50 ms each)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import make_pack, make_store_of

THUMBNAIL = (320, 180)


def preview_figures() -> dict[str, tuple[float, str]]:
    """Median and worst milliseconds to build and paint one thumbnail of a ~50-slide deck."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.compose.preview_scene import build_scene
    from briefing_builder.paths import templates_dir
    from briefing_builder.render.appearance import read_appearance
    from briefing_builder.render.template import open_template
    from briefing_builder.store import load_store
    from briefing_builder.ui.preview.painter import ScenePainter

    # Painting text needs an application; a widgets one, so later UI benchmarks can run too.
    app = QApplication.instance() or QApplication([])  # noqa: F841 - kept alive while painting
    with tempfile.TemporaryDirectory() as folder:
        store = make_store_of(Path(folder) / "store", areas=10, measures_per_area=30, countries=40, milestones=10)
        pack_id = make_pack(store, 48)
        catalog = load_store(store)
        opened = open_template(templates_dir() / "briefing-16x9.pptx")
        plan = plan_deck(catalog.packs[pack_id], catalog, opened.geometry)
        look = read_appearance(opened)
        painter = ScenePainter()
        times = []
        for round_ in range(2):  # the first round loads fonts and pictures once
            for spec in plan.slides:
                start = time.perf_counter()
                image = QImage(*THUMBNAIL, QImage.Format.Format_ARGB32_Premultiplied)
                qp = QPainter(image)
                painter.paint(qp, build_scene(spec, opened.geometry, look), QRectF(0, 0, *THUMBNAIL))
                qp.end()
                if round_:
                    times.append((time.perf_counter() - start) * 1000)
    return {
        "preview_slides": (float(len(plan.slides)), "preview: slides painted"),
        "preview_thumbnail_median_ms": (statistics.median(times), "preview: build + paint one thumbnail, median (ms)"),
        "preview_thumbnail_max_ms": (max(times), "preview: build + paint one thumbnail, worst (ms)"),
    }


if __name__ == "__main__":
    for value, text in preview_figures().values():
        print(f"{text:<58} {value:10.2f}")
