"""What was sent, kept inside the workbook and next to the pack, and never trusted once edited.

The annex is the bundled reference pack's, written by the app's writer; the sidecar copies
live in a copy of the bundled store. Which copy an import falls back to is tested end to end
in ``test_delegation_returns.py`` and ``tests/history/test_annex_baseline.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from briefing_builder.annex.baseline import (
    CHUNK,
    SHEET_NAME,
    TITLE,
    Baseline,
    baseline_sheet_xml,
    from_plan,
    parse_document,
    parse_rows,
    read_sheet,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)
from briefing_builder.annex.package import open_package, write_package
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.workbook import Reader, custom_property, workbook_sheets
from briefing_builder.annex.writer import annex_bytes
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.sample_store import sample_store_copy

PACK = "jha-counsellors-2026-01-12"
BOLD, PLAIN = (True, False, False, False), (False, False, False, False)


def _sent(baseline: Baseline) -> dict[str, dict[str, dict[str, object]]]:
    """The cells a baseline says were sent (an empty cell is kept as no value)."""
    return {table: {rid: {k: v for k, v in row.items() if v is not None} for rid, row in rows.items()}
            for table, rows in baseline.tables.items()}


@pytest.fixture(scope="module")
def plan() -> AnnexPlan:
    catalog = load_store(sample_store_dir())
    return plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10))


@pytest.fixture
def annex(plan: AnnexPlan, tmp_path: Path) -> Path:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(annex_bytes(plan))
    return path


def test_the_workbook_carries_the_baseline_of_its_plan_on_a_very_hidden_sheet(plan: AnnexPlan, annex: Path) -> None:
    package = open_package(annex)
    found, part = read_sheet(package, Reader(package))
    sent = from_plan(plan)
    assert found is not None and part is not None
    assert _sent(found) == _sent(sent) and found.id == sent.id and found.pack_id == PACK
    assert custom_property(package, "AnnexBaseline") == sent.id
    sheet = openpyxl.load_workbook(annex)[SHEET_NAME]
    assert sheet.sheet_state == "veryHidden" and sheet["A1"].value == TITLE
    assert from_plan(plan).document() == sent.document()  # the same export, the same baseline


def test_numbers_dates_and_rich_text_come_back_as_they_were_sent() -> None:
    sent = Baseline("p", {"Milestones": {"m-1": {"date": dt.date(2026, 6, 30), "year": 2026.0,
                                                 "title": ((PLAIN, "Pact "), (BOLD, "applies")), "empty": None}}})
    back = parse_document(sent.document(), sent.id)
    assert back is not None
    assert back.tables == {"Milestones": {"m-1": {"date": dt.date(2026, 6, 30), "year": 2026.0,
                                                  "title": ((PLAIN, "Pact "), (BOLD, "applies"))}}}
    assert back.document() == sent.document()  # rows read are written back as they were


def test_a_long_baseline_is_split_over_cells_excel_can_hold_and_read_back_whole(annex: Path, tmp_path: Path) -> None:
    long_text = "Talent partnership with a long explanation. " * 2000  # ~90,000 characters
    baseline = Baseline(PACK, {"Measures": {"talent": {"measure": ((PLAIN, long_text),)}}})
    assert len(baseline.rows()) == 1 + -(-len(baseline.document()) // CHUNK)
    package = open_package(annex)
    part = next(sheet.part for sheet in workbook_sheets(package) if sheet.name == SHEET_NAME)
    rewritten = tmp_path / "long.xlsx"
    rewritten.write_bytes(write_package(package, {part: baseline_sheet_xml(package.xml(part), baseline)}))
    cells = [row[0].value for row in openpyxl.load_workbook(rewritten)[SHEET_NAME].iter_rows(min_row=2)]
    assert len(cells) == 3 and all(len(cell) <= CHUNK for cell in cells)
    reopened = open_package(rewritten)
    found, _ = read_sheet(reopened, Reader(reopened))
    assert found is not None and found.id == baseline.id and found.tables == baseline.tables


def test_an_edited_or_foreign_baseline_is_not_trusted(plan: AnnexPlan) -> None:
    rows = from_plan(plan).rows()
    assert parse_rows(rows) is not None
    edited = [rows[0], [rows[1][0].replace("Talent", "Tolent", 1)], *rows[2:]]
    assert parse_rows(edited) is None
    assert parse_rows([["Some other sheet", *rows[0][1:]], *rows[1:]]) is None
    assert parse_rows([]) is None and parse_rows([[TITLE]]) is None
    assert parse_document("{not json", None) is None and parse_document('{"pack": "p"}', None) is None


def test_the_sidecar_copy_is_kept_once_next_to_the_pack_and_refused_when_edited(plan: AnnexPlan,
                                                                                 tmp_path: Path) -> None:
    root = sample_store_copy(tmp_path)
    catalog = load_store(root)
    sent = from_plan(plan)
    path = write_sidecar(sent, catalog)
    assert path == sidecar_path(catalog, PACK, sent.id) and path is not None
    assert path.parent == root / "packs" / ".annex-baselines" and path.name == f"{PACK}-{sent.id}.json"
    stamp = path.stat().st_mtime_ns
    assert write_sidecar(sent, catalog) == path and path.stat().st_mtime_ns == stamp  # never rewritten
    kept = read_sidecar(catalog, PACK, sent.id)
    assert kept is not None and kept.source == "sidecar" and _sent(kept) == _sent(sent)
    path.write_text(path.read_text(encoding="utf-8").replace("Talent", "Tolent", 1), encoding="utf-8")
    assert read_sidecar(catalog, PACK, sent.id) is None
    assert read_sidecar(catalog, PACK, "0" * 16) is None  # another export's copy: not there


def test_no_sidecar_is_written_into_the_bundled_store_or_for_a_pack_without_a_file(plan: AnnexPlan) -> None:
    bundled = load_store(sample_store_dir())
    assert bundled.read_only
    assert write_sidecar(from_plan(plan), bundled) is None
    assert not (sample_store_dir() / "packs" / ".annex-baselines").exists()
    assert sidecar_path(bundled, "no-such-pack", "abc") is None
    assert write_sidecar(dataclasses.replace(from_plan(plan), pack_id="no-such-pack"), bundled) is None


def test_an_export_works_out_its_baseline_once_for_the_workbook_and_the_copy_next_to_the_pack(
        plan: AnnexPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.annex import baseline as baseline_module

    made: list[AnnexPlan] = []
    real = baseline_module.from_plan
    monkeypatch.setattr(baseline_module, "from_plan", lambda p: made.append(p) or real(p))
    monkeypatch.setattr(baseline_module, "_LAST_SENT", None)  # an earlier test may have exported this plan
    text = baseline_module.sent_document(plan)
    assert baseline_module.sent_document(plan) == text and len(made) == 1
    package_bytes = annex_bytes(plan)
    assert len(made) == 1  # the workbook took the same document
    path = tmp_path / "annex.xlsx"
    path.write_bytes(package_bytes)
    package = open_package(path)
    assert custom_property(package, "AnnexBaseline") == real(plan).id
