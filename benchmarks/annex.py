"""Annex benchmarks: a 10,000-row annex written, against XlsxWriter's constant-memory floor."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import xlsxwriter

from benchmarks.synthetic import make_pack, make_store_of

ROWS = 10_000


def _floor(path: Path, rows: int) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Measures")
    for r in range(rows):
        for c in range(10):
            sheet.write_string(r, c, f"Measure text {r} {c}")
    workbook.close()


def annex_figures() -> dict[str, tuple[float, str]]:
    """Median times for the annex benchmarks, with their ratio to the floor."""
    from benchmarks.__main__ import median_time
    from briefing_builder.compose.annex_planner import plan_annex
    from briefing_builder.render.annex_writer import annex_bytes
    from briefing_builder.store import load_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = make_store_of(root / "store", areas=ROWS // 50, measures_per_area=50, countries=20, milestones=40)
        catalog = load_store(store)
        areas = list(catalog.areas)
        pack_id = make_pack(store, 1)
        catalog = load_store(store)
        pack = catalog.packs[pack_id]
        sections = [pack.sections[0]] + [{"type": "area", "area": a} for a in areas] + [pack.sections[-1]]
        pack = pack.model_validate({**pack.model_dump(mode="json"), "sections": [
            s if isinstance(s, dict) else s.model_dump(mode="json") for s in sections]})
        plan = plan_annex(pack, catalog, dt.date(2026, 3, 17))
        rows = sum(len(sheet.rows) for sheet in plan.sheets)
        write = median_time(lambda: annex_bytes(plan), 3)
        floor = median_time(lambda: _floor(root / "floor.xlsx", rows), 3)
    return {
        "annex_rows": (float(rows), "annex rows written"),
        "annex_write_s": (write, f"annex write, {rows:,} rows (s, median of 3)"),
        "annex_write_floor_ratio": (write / floor, "  ratio to XlsxWriter constant-memory, same rows"),
    }
