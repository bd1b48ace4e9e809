"""Store history figures: ``changes`` with long histories, and what recording an export costs.

``history_figures()`` returns ``{key: (value, text)}`` like the other benchmark modules; run
alone with ``python -m benchmarks.bench_history``. Targets (issue 16): ``changes`` on the
bundled store with 500 exports in its history under 0.5 s; on a 5,000-record store with 200
commits under 2 s; ``sync`` of 100 changed records against a local bare remote under 3 s;
export's extra cost for recording history under 0.2 s. Each ``changes``
figure includes loading the store, as the command does; the 5,000-record one is also timed as the
command itself (a new process: start-up, imports and the exit included), so no work the timing
helper's collection between runs would absorb goes unseen.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.synthetic import make_store
from benchmarks.timing import median_time
from briefing_builder.history.exports import record
from briefing_builder.history.repository import StoreHistory, start_history
from briefing_builder.history.service import changes_in_folder, changes_since
from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store

REFERENCE = "jha-counsellors-2026-01-12"
PARTNERS = "strategy-partners-briefing"
DAY = dt.date(2026, 1, 12)


def _changes(store: Path, pack_id: str) -> int:
    """What ``changes PACK --store STORE`` does: the pack's files alone, else the whole store loaded."""
    found = changes_in_folder(store, pack_id)
    if found is None:
        catalog = load_store(store)
        found = changes_since(catalog, catalog.packs[pack_id])
    return len(found[0].records)


def _changes_command(store: Path, pack_id: str) -> None:
    """``briefing-builder changes PACK --store STORE`` in a new process, as a user runs it."""
    subprocess.run([sys.executable, "-m", "briefing_builder", "changes", pack_id, "--store", str(store)],
                   check=True, stdout=subprocess.DEVNULL)


def _with_exports(store: Path, count: int) -> StoreHistory:
    """The bundled store with ``count`` exports of its two packs, a milestone edited between them."""
    history = start_history(store)
    milestones = store / "milestones.yaml"
    text = milestones.read_text(encoding="utf-8")
    catalog = load_store(store)
    start = time.time() - count * 60
    for i in range(count):
        milestones.write_text(text.replace("Revision of the Frontex regulation", f"Revision of Frontex ({i})"),
                              encoding="utf-8")
        pack_id = PARTNERS if i % 2 else REFERENCE
        record(history, catalog.packs[pack_id], catalog.pack_path(pack_id), DAY, when=start + i * 60)
    milestones.write_text(text.replace("Revision of the Frontex regulation", "Revision of the Frontex Regulation"),
                          encoding="utf-8")
    return history


def _large_with_commits(root: Path, commits: int) -> Path:
    """A 5,000-record store, exported once, then ``commits`` save points each editing one area."""
    store = make_store(root, 5_000)
    pack = {"id": "synthetic-changes", "meeting": {"title": "T", "body": "Working Party", "date": "2026-03-17"},
            "sections": [{"type": "title"}, *({"type": "area", "area": f"area-{a}"} for a in range(20)),
                         *({"type": "country", "country": f"country-{c}"} for c in range(60)),
                         {"type": "milestones"}]}
    (store / "packs" / "synthetic-changes.yaml").write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")
    history = start_history(store)
    catalog = load_store(store)
    record(history, catalog.packs["synthetic-changes"], catalog.pack_path("synthetic-changes"), DAY)
    areas = sorted((store / "areas").glob("*.yaml"))
    for i in range(commits):
        path = areas[i % 40]
        path.write_text(path.read_text(encoding="utf-8").replace("Sub-point 0 of", f"Sub-point 0 ({i}) of", 1),
                        encoding="utf-8")
        history.save_point(f"Save point {i}")
    return store


def _export_cost(root: Path) -> tuple[float, float]:
    """Median build time of the reference pack from a store without a history, and from the
    same store keeping one (recording the export; the annex's "Changed since" column worked out)."""
    plain = root / "plain-store"
    shutil.copytree(sample_store_dir(), plain)
    store = root / "export-store"
    shutil.copytree(sample_store_dir(), store)
    start_history(store)
    catalogs = {"off": load_store(plain), "record": load_store(store)}
    out = root / "out"

    def build(history: str) -> None:
        catalog = catalogs[history]
        build_pack(catalog.packs[REFERENCE], catalog, out, history=history, generated_on=DAY)

    build("off")
    build("record")  # an earlier export: each timed one has changes since it to work out
    off = median_time(lambda: build("off"), 5)
    on = median_time(lambda: build("record"), 5)
    return off, on


def _sync_rounds(root: Path, rounds: int = 3) -> dict[str, float]:
    """Two clones of a 1,000-record store and a bare remote; each round both change 100
    different country cards. Median seconds of: sending 100 (Anna), merging 100 received with
    100 of one's own and sending them (Ben), receiving 100 (Anna, a fast-forward)."""
    from briefing_builder.history.sync import clone, sync

    anna = make_store(root / "anna", 1_000)
    remote = root / "remote.git"
    sync(start_history(anna), str(remote), create=True)
    ben = clone(str(remote), root / "ben")
    anna_history, ben_history = start_history(anna), start_history(ben)
    cards = sorted((anna / "countries").glob("*.yaml"))
    times: dict[str, list[float]] = {"send": [], "merge": [], "receive": []}
    for round_ in range(rounds):
        for i in range(100):
            for store, offset in ((anna, 0), (ben, 100)):
                path = store / "countries" / cards[(round_ * 200 + offset + i) % len(cards)].name
                path.write_text(path.read_text(encoding="utf-8").replace("value: 12", f"value: {13 + round_}", 1),
                                encoding="utf-8")
        for key, history in (("send", anna_history), ("merge", ben_history), ("receive", anna_history)):
            start = time.perf_counter()
            report = sync(history)
            times[key].append(time.perf_counter() - start)
            assert not report.conflicts
    return {key: sorted(values)[len(values) // 2] for key, values in times.items()}


def history_figures() -> dict[str, tuple[float, str]]:
    """Every history figure (seconds and ratios)."""
    figures: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bundled = root / "bundled"
        shutil.copytree(sample_store_dir(), bundled)
        _with_exports(bundled, 500)
        _changes(bundled, PARTNERS)
        figures["history_changes_bundled_500_exports_s"] = (
            median_time(lambda: _changes(bundled, PARTNERS), 5),
            "changes, bundled store, 500 exports in history (s, median of 5)")
        large = _large_with_commits(root / "large", 200)
        _changes(large, "synthetic-changes")
        figures["history_changes_5k_records_200_commits_s"] = (
            median_time(lambda: _changes(large, "synthetic-changes"), 3),
            "changes, 5,000-record store, 200 commits (s, median of 3)")
        figures["history_changes_5k_records_200_commits_command_s"] = (
            median_time(lambda: _changes_command(large, "synthetic-changes"), 3),
            "  the same as a command, start-up and exit included (s, median of 3)")
        for key, seconds in _sync_rounds(root / "sync").items():
            figures[f"history_sync_100_records_{key}_s"] = (
                seconds, f"sync, 100 changed records, local bare remote: {key} (s, median of 3)")
        off, on = _export_cost(root)
        figures["history_export_extra_s"] = (on - off, "export's extra cost for recording history (s, medians)")
        figures["history_export_ratio"] = (on / off, "  export with history / without (ratio)")
    return figures


if __name__ == "__main__":
    for value, text in history_figures().values():
        print(f"{text:<60} {value:10.4f}")
