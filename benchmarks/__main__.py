"""Run the benchmarks and print each figure, then one JSON line ``{"bench": {...}}``.

Figures are medians of several runs on this machine; ratios compare runs made in the same
process, so a noisy shared machine moves both sides together. Growth ratios compare the
per-item cost at the largest size with the middle size (linear growth gives about 1).
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import make_pack, make_store, make_store_of
from benchmarks.timing import median_time
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store

TEMPLATE = templates_dir() / "briefing-16x9.pptx"
STORE_SIZES = (1_000, 5_000, 20_000)
DECK_SECTIONS = (8, 48, 198, 998)  # 10, 50, 200 and 1,000 slides (title and closing added)


def _build(store: Path, pack_id: str) -> tuple[int, bytes]:
    catalog = load_store(store)
    opened = open_template(TEMPLATE)
    plan = plan_deck(catalog.packs[pack_id], catalog, opened.geometry)
    return len(plan.slides), deck_bytes(plan, opened)


def _zip_floor(data: bytes) -> Callable[[], bytes]:
    """Writing the same parts straight into a zip: the floor for a deck of that size."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]

    def write() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in parts:
                target.writestr(name, content)
        return out.getvalue()

    return write


def main() -> int:
    """Run every benchmark; print figures and the JSON summary."""
    figures: dict[str, float] = {}

    def report(key: str, value: float, text: str) -> None:
        figures[key] = round(value, 4)
        print(f"{text:<60} {value:10.4f}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        per_record: dict[int, float] = {}
        for size in STORE_SIZES:
            store = make_store(root / f"store-{size}", size)
            load_store(store)  # warm caches (imports, fonts)
            runs = 3 if size > 5_000 else 5
            seconds = median_time(lambda store=store: load_store(store), runs)
            per_record[size] = seconds / size
            report(f"store_load_{size}_s", seconds, f"store load, {size:,} records (s, median of {runs})")
        report("store_per_record_growth_ratio", per_record[STORE_SIZES[-1]] / per_record[STORE_SIZES[1]],
               f"per-record cost at {STORE_SIZES[-1]:,} vs {STORE_SIZES[1]:,} records (ratio)")

        reference = sample_store_dir()
        _build(reference, "jha-counsellors-2026-01-12")
        report("reference_pack_build_s", median_time(lambda: _build(reference, "jha-counsellors-2026-01-12"), 5),
               "reference pack build, in-process (s, median of 5)")

        big = make_store_of(root / "decks", areas=40, measures_per_area=30, countries=800, milestones=40)
        per_slide: dict[int, float] = {}
        for sections in DECK_SECTIONS:
            pack_id = make_pack(big, sections)
            slides, data = _build(big, pack_id)
            seconds = median_time(lambda pack_id=pack_id: _build(big, pack_id), 3)
            floor = median_time(_zip_floor(data), 3)
            per_slide[slides] = seconds / slides
            report(f"deck_{slides}_slides_s", seconds, f"deck build, {slides} slides: bullets, tables, charts (s)")
            report(f"deck_{slides}_slides_zip_floor_ratio", seconds / floor, "  ratio to writing its parts into a zip")
        sizes = sorted(per_slide)
        report("deck_per_slide_growth_ratio", per_slide[sizes[-1]] / per_slide[sizes[-2]],
               f"per-slide cost at {sizes[-1]} vs {sizes[-2]} slides (ratio)")

    from benchmarks.annex import annex_figures
    from benchmarks.annex_round_trip import round_trip_figures
    from benchmarks.bench_app import app_figures
    from benchmarks.bench_history import history_figures
    from benchmarks.bench_languages import language_figures
    from benchmarks.bench_markings import marking_figures
    from benchmarks.bench_pdf import pdf_figures
    from benchmarks.bench_preview import preview_figures
    from benchmarks.bench_templates import template_figures
    from benchmarks.bench_ui import ui_figures
    from benchmarks.deck_import import deck_import_figures

    for key, (value, text) in annex_figures().items():
        report(key, value, text)
    for key, (value, text) in round_trip_figures().items():
        report(key, value, text)
    for key, (value, text) in deck_import_figures().items():
        report(key, value, text)
    for key, (value, text) in {**template_figures(), **preview_figures(), **marking_figures(), **pdf_figures(),
                               **ui_figures(), **app_figures(), **history_figures(), **language_figures()}.items():
        report(key, value, text)
    print(json.dumps({"bench": figures}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
