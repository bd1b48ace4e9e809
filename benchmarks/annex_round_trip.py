"""Annex round-trip benchmarks, through the annex service as the CLI and the app call it.

* **update** — a 10,000-row annex returned with 20 typed proposals, after 5 measure texts
  and a status changed in the store: plan, read the baseline, three-way merge, write;
* **import** — the change set of that 10,000-row return (baseline, merge, row identities);
* **compile** — 9, 18 and 27 returns of the reference annex read at once, feedback kept
  and the compilation written; the per-file cost at 27 is compared with 9 (flat ≈ 1).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from benchmarks.synthetic import make_pack, make_store_of
from benchmarks.timing import median_time

if TYPE_CHECKING:
    from briefing_builder.store.schema import Pack

ROWS = 10_000
PROPOSALS = 20
COMPILE_SIZES = (9, 18, 27)


def _big_return(root: Path) -> tuple[Path, Pack, Path]:
    """A 10,000-measure store, its annex exported and returned with proposals, the store then edited."""
    from briefing_builder.annex import service
    from briefing_builder.annex.workbook import col_letters
    from briefing_builder.store import load_store
    from tests.annex.returns import type_into

    store = make_store_of(root / "store", areas=ROWS // 50, measures_per_area=50, countries=20, milestones=40)
    pack_id = make_pack(store, 1)
    pack_file = load_store(store).pack_path(pack_id)
    assert pack_file is not None
    data = yaml.safe_load(pack_file.read_text(encoding="utf-8"))  # the pack shows every area
    data["sections"] = data["sections"][:1] + [{"type": "area", "area": f"area-{a}"} for a in range(ROWS // 50)]
    pack_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalog = load_store(store)
    pack = catalog.packs[pack_id]
    annex = root / "annex.xlsx"
    plan = service.export_annex(pack, catalog, annex, dt.date(2026, 3, 17))
    spec = plan.sheets[0]
    measure = col_letters(spec.column_index("measure") + 1)
    type_into(annex, "Measures", {f"{measure}{r}": f"Proposed wording {r}" for r in range(100, 100 + PROPOSALS)})
    for area, m in ((ROWS // 50 - k, 2 * k + 1) for k in range(1, 6)):  # far from the proposals
        path = store / "areas" / f"area-{area:04d}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(f"({area}.{m}).", f"({area}.{m}), reworded."),
                        encoding="utf-8")
    path = store / "areas" / "area-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: ongoing", "status: adopted", 1), encoding="utf-8")
    return store, pack, annex


def round_trip_figures() -> dict[str, tuple[float, str]]:
    """Medians of the update, the import and the compilation (see module doc)."""
    from briefing_builder.annex import service
    from briefing_builder.paths import sample_store_dir
    from briefing_builder.store import load_store
    from tests.annex.returns import PACK, delegation_returns

    figures: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store, pack, annex = _big_return(root / "big")
        catalog = load_store(store)
        returned = annex.read_bytes()
        work = root / "work.xlsx"

        def update() -> None:
            work.write_bytes(returned)
            service.update_file(work, pack, catalog, on=dt.date(2026, 4, 1))
        figures["annex_update_10k_rows_s"] = (median_time(update, 3), ("annex update, 10,000 rows, baseline and "
                                              "three-way merge (s, median of 3)"))
        changes = service.read_return(annex, catalog, pack.id)
        assert len(changes.proposals) == PROPOSALS, len(changes.proposals)
        figures["annex_import_10k_rows_s"] = (median_time(lambda: service.read_return(annex, catalog, pack.id), 3),
                                              "annex import of one 10,000-row return (s, median of 3)")

        small = root / "small" / "store"
        shutil.copytree(sample_store_dir(), small)
        catalog = load_store(small)
        reference = root / "small" / "annex.xlsx"
        service.export_annex(catalog.packs[PACK], catalog, reference, dt.date(2026, 1, 10))
        from briefing_builder.annex.feedback import MEMBER_STATES
        files = delegation_returns(reference, root / "small" / "returns", list(MEMBER_STATES))
        per_file: dict[int, float] = {}
        for size in COMPILE_SIZES:
            seconds = median_time(lambda size=size: service.compile_files(catalog.packs[PACK], catalog, files[:size],
                                                                          root / "small" / "comments.xlsx"), 3)
            per_file[size] = seconds / size
            figures[f"annex_compile_{size}_returns_s"] = (seconds, (f"annex compile, {size} returns of the reference "
                                                          "annex (s, median of 3)"))
        figures["annex_compile_per_file_growth_ratio"] = (per_file[COMPILE_SIZES[-1]] / per_file[COMPILE_SIZES[0]],
                                                          (f"per-file cost at {COMPILE_SIZES[-1]} vs "
                                                           f"{COMPILE_SIZES[0]} returns (ratio)"))
    return figures


if __name__ == "__main__":
    for value, text in round_trip_figures().values():
        print(f"{text}: {value:.3f}")
