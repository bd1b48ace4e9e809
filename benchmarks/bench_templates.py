"""Template benchmark: open and score a template of 9 masters and 99 layouts (target < 0.3 s), and build
the reference pack on it (target < 1 s), medians of 5 in one process."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.many_masters import make_many_masters
from benchmarks.timing import median_time


def template_figures() -> dict[str, tuple[float, str]]:
    """Seconds to open and score the many-masters template, and to build the reference pack on it."""
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.paths import sample_store_dir
    from briefing_builder.render.deck_writer import deck_bytes
    from briefing_builder.render.template import open_template
    from briefing_builder.store import load_store

    catalog = load_store(sample_store_dir())
    pack = catalog.packs["jha-counsellors-2026-01-12"]
    with tempfile.TemporaryDirectory() as folder:
        path = make_many_masters(Path(folder) / "many-masters.pptx")
        open_template(path)  # warm caches (fonts, the bundled template compared with)

        def build() -> bytes:
            opened = open_template(path)
            return deck_bytes(plan_deck(pack, catalog, opened.geometry), opened)

        return {
            "template_99_layouts_open_s": (median_time(lambda: open_template(path), 5),
                                           "template of 9 masters, 99 layouts: open and score (s, median of 5)"),
            "template_99_layouts_reference_pack_s": (median_time(build, 5),
                                                     "  reference pack built on it (s, median of 5)"),
        }
