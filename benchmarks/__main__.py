"""Run the benchmarks and print each figure, then one JSON line ``{"bench": {...}}``.

Figures are medians of several runs on this machine; ratios compare runs made in the same
process, so a noisy shared machine moves both sides together.
"""

from __future__ import annotations

import gc
import io
import json
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

from benchmarks.synthetic import make_pack, make_store, make_store_of
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store

TEMPLATE = templates_dir() / "briefing-16x9.pptx"


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _build(store: Path, pack_id: str) -> tuple[int, bytes]:
    catalog = load_store(store)
    opened = open_template(TEMPLATE)
    plan = plan_deck(catalog.packs[pack_id], catalog, opened.geometry)
    return len(plan.slides), deck_bytes(plan, opened)


def _zip_floor(data: bytes) -> Callable[[], bytes]:
    """Writing the same parts straight into a zip: the floor for a deck of that size."""
    parts = [(info.filename, zipfile.ZipFile(io.BytesIO(data)).read(info.filename))
             for info in zipfile.ZipFile(io.BytesIO(data)).infolist()]

    def write() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts:
                archive.writestr(name, content)
        return out.getvalue()

    return write


def main() -> int:
    """Run every benchmark; print figures and the JSON summary."""
    figures: dict[str, float] = {}

    def report(key: str, value: float, text: str) -> None:
        figures[key] = round(value, 4)
        print(f"{text:<58} {value:10.4f}")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in (1000, 5000):
            store = make_store(root / f"store-{size}", size)
            load_store(store)  # warm caches (imports, fonts)
            report(f"store_load_{size}_s", median_time(lambda: load_store(store), 5),
                   f"store load, {size:,} records (s, median of 5)")

        reference = sample_store_dir()
        _build(reference, "jha-counsellors-2026-01-12")
        report("reference_pack_build_s", median_time(lambda: _build(reference, "jha-counsellors-2026-01-12"), 5),
               "reference pack build, in-process (s, median of 5)")

        big = make_store_of(root / "decks", areas=40, measures_per_area=30, countries=600, milestones=40)
        per_slide: dict[int, float] = {}
        for sections in (200, 1000):
            pack_id = make_pack(big, sections)
            slides, data = _build(big, pack_id)
            seconds = median_time(lambda: _build(big, pack_id), 3)
            floor = median_time(_zip_floor(data), 3)
            per_slide[slides] = seconds / slides
            report(f"deck_{slides}_slides_s", seconds, f"deck build, {slides} slides with tables+charts (s)")
            report(f"deck_{slides}_slides_zip_floor_ratio", seconds / floor, f"  ratio to writing its parts into a zip")
        (small, small_cost), (large, large_cost) = sorted(per_slide.items())
        report("deck_per_slide_growth_ratio", large_cost / small_cost,
               f"per-slide cost at {large} vs {small} slides (ratio)")

        from benchmarks.annex import annex_figures

        for key, (value, text) in annex_figures().items():
            report(key, value, text)
        from benchmarks.annex_update import update_bench_seconds

        report("annex_update_10k_rows_s", update_bench_seconds(), "annex update, 10,000 rows (s, median of 3)")

    from benchmarks.bench_ui import ui_figures

    for key, (value, text) in ui_figures().items():
        report(key, value, text)
    print(json.dumps({"bench": figures}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
