"""Annex benchmarks: annexes of 1,000 / 10,000 / 100,000 rows written, against a floor —
XlsxWriter in constant-memory mode writing the same number of plain rows."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from benchmarks.synthetic import make_pack, make_store_of
from benchmarks.timing import median_time

if TYPE_CHECKING:
    from briefing_builder.annex.plan import AnnexPlan

SIZES = (1_000, 10_000, 100_000)
MEASURES_PER_AREA = 50


def _floor(path: Path, rows: int, columns: int) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Measures")
    for r in range(rows):
        for c in range(columns):
            sheet.write_string(r, c, f"Measure text {r} {c}")
    workbook.close()


def annex_plan_for(root: Path, rows: int) -> AnnexPlan:
    """A store with ``rows`` measures and the plan of an annex showing all of them."""
    from briefing_builder.annex.planner import plan_annex
    from briefing_builder.store import load_store

    store = make_store_of(root, areas=max(1, rows // MEASURES_PER_AREA), measures_per_area=MEASURES_PER_AREA,
                          countries=20, milestones=40)
    pack_id = make_pack(store, 1)
    catalog = load_store(store)
    pack = catalog.packs[pack_id]
    sections = [pack.sections[0].model_dump(mode="json")] + [{"type": "area", "area": a} for a in catalog.areas]
    pack = pack.model_validate({**pack.model_dump(mode="json"), "sections": sections})
    return plan_annex(pack, catalog, dt.date(2026, 3, 17))


def annex_figures() -> dict[str, tuple[float, str]]:
    """Median write times per size, their ratio to the floor, and the per-row growth."""
    from briefing_builder.annex.writer import annex_bytes

    figures: dict[str, tuple[float, str]] = {}
    per_row: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in SIZES:
            plan = annex_plan_for(root / f"store-{size}", size)
            rows = sum(len(sheet.rows) for sheet in plan.sheets)
            columns = len(plan.sheets[0].columns)
            runs = 1 if size >= 100_000 else 3
            write = median_time(lambda plan=plan: annex_bytes(plan), runs)
            floor = median_time(lambda rows=rows, columns=columns: _floor(root / "floor.xlsx", rows, columns),
                                runs)
            per_row[size] = write / rows
            figures[f"annex_write_{size}_s"] = (write, f"annex write, {rows:,} rows (s, median of {runs})")
            figures[f"annex_write_{size}_floor_ratio"] = (write / floor, "  ratio to XlsxWriter constant-memory")
    figures["annex_per_row_growth_ratio"] = (per_row[SIZES[-1]] / per_row[SIZES[1]],
                                             f"per-row cost at {SIZES[-1]:,} vs {SIZES[1]:,} rows (ratio)")
    return figures
