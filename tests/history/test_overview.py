"""What the history panel shows for the open pack: no history yet, nothing since the export, or the changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing_builder.cli import main
from briefing_builder.history.exports import Point
from briefing_builder.history.overview import overview, since
from briefing_builder.store import load_store
from tests.history.conftest import edit

PACK = "strategy-partners-briefing"


def _export(store: Path, out: Path) -> None:
    assert main(["build", PACK, "--store", str(store), "--out", str(out), "--no-annex"]) == 0


def test_a_store_without_history_says_how_one_starts(store: Path) -> None:
    catalog = load_store(store)
    shown = overview(catalog, catalog.packs[PACK])
    assert not shown.has_history and shown.report is None and shown.entries == ()
    assert "keeps no history yet" in shown.message and "History › Save point" in shown.message


def test_after_an_export_and_an_edit_the_changed_record_and_its_section_are_marked(store: Path,
                                                                                  tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    catalog = load_store(store)
    quiet = overview(catalog, catalog.packs[PACK])
    assert quiet.has_history and quiet.entries and quiet.marked == frozenset() and quiet.sections == frozenset()
    assert quiet.message.startswith("Since ") and quiet.message.endswith(": 0 changed, 0 added, 0 removed.")
    edit(store / "areas" / "01-migration-diplomacy.yaml", "Strong **comprehensive** partnerships",
         "Strong **comprehensive and balanced** partnerships")
    catalog = load_store(store)
    pack = catalog.packs[PACK]
    shown = overview(catalog, pack)
    assert shown.message.endswith(": 1 changed, 0 added, 0 removed.")
    (kind, record_id), = shown.marked
    assert kind == "measure" and shown.report is not None and shown.report.records[0].id == record_id
    assert shown.sections and all(pack.sections[i].type == "area" for i in shown.sections)


def test_a_point_that_is_no_export_is_named_by_its_label_and_day() -> None:
    point = Point("0" * 40, "HEAD~2", dt.date(2026, 1, 12))
    assert since(point) == "Since HEAD~2 (12 January 2026)"
