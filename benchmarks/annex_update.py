"""Annex update benchmark: a 10,000-row annex brought up to date after a few store edits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from benchmarks.synthetic import make_pack, make_store_of
from benchmarks.timing import median_time

ROWS = 10_000


def update_bench_seconds() -> float:
    """Median of 3 (s): plan + package-level update of a 10,000-row annex (5 texts and a
    status changed, 3 measures added, 2 dropped from the pack), writing the file."""
    from briefing_builder.annex.planner import plan_annex
    from briefing_builder.annex.update import update_annex
    from briefing_builder.annex.writer import write_annex
    from briefing_builder.markup import Run
    from briefing_builder.store import load_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = make_store_of(root / "store", areas=ROWS // 50, measures_per_area=50, countries=20, milestones=40)
        pack_id = make_pack(store, 1)
        catalog = load_store(store)
        pack = catalog.packs[pack_id]
        sections = [pack.sections[0].model_dump(mode="json")] + [{"type": "area", "area": a} for a in catalog.areas]
        pack = pack.model_validate({**pack.model_dump(mode="json"), "sections": sections})
        plan = plan_annex(pack, catalog, dt.date(2026, 3, 17))
        annex = root / "annex.xlsx"
        write_annex(plan, annex)
        spec = plan.sheets[0]
        text, status = spec.column_index("measure"), spec.column_index("status")
        rows = list(spec.rows)
        for i in (10, 2000, 4000, 6000, 8000):
            row = list(rows[i])
            row[text] = (Run("Changed ", bold=True), Run(f"measure {i}"))
            rows[i] = tuple(row)
        row = list(rows[50])
        row[status] = "adopted"
        rows[50] = tuple(row)
        del rows[100:102]
        rows += [tuple(f"new-{k}" if c == 0 else v for c, v in enumerate(rows[-1])) for k in range(3)]
        changed = dataclasses.replace(plan, sheets=(dataclasses.replace(spec, rows=tuple(rows)),) + plan.sheets[1:])
        original = annex.read_bytes()

        def run() -> None:
            annex.write_bytes(original)
            later = plan_annex(pack, catalog, dt.date(2026, 4, 1))  # planning is part of an update
            del later
            update_annex(annex, changed, on=dt.date(2026, 4, 1))
        return median_time(run, 3)


if __name__ == "__main__":
    print(f"annex update, {ROWS:,} rows: {update_bench_seconds():.2f} s (median of 3)")
