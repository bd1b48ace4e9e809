"""The annex round trip as the app and the command line drive it: export, read a return, keep what
was said, show it in the next annex, apply an edit — each step reported as it goes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing_builder.annex import service
from briefing_builder.annex.baseline import from_plan, sidecar_path
from briefing_builder.annex.plan import COMMENTS_RECEIVED_HEADER
from briefing_builder.store.loader import load_store
from tests.annex.returns import PACK, type_into, where

ON = dt.date(2026, 1, 10)
MEASURE = "new-eibm-strategy"


def test_a_return_goes_round_through_the_service(store: Path, tmp_path: Path) -> None:
    catalog = load_store(store)
    pack = catalog.packs[PACK]
    steps: list[str] = []
    annex = tmp_path / "annex-NL.xlsx"
    plan = service.export_annex(pack, catalog, annex, ON, steps.append)
    assert steps == ["Planning the annex from the store", "Writing annex-NL.xlsx"]
    assert annex.is_file() and service.pack_of(annex) == PACK
    sent = sidecar_path(catalog, PACK, from_plan(plan).id)
    assert sent is not None and sent.is_file()  # what was sent, kept next to the pack

    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Measure"): "Agreed wording from NL",
                                  where(annex, "Measures", MEASURE, "Delegation comments"): "We support this."})
    steps.clear()
    changes = service.read_return(annex, catalog, step=steps.append)
    assert steps == ["Reading annex-NL.xlsx", "Compared each row with what was sent and with the store"]
    assert [e.record_id for e in changes.proposals] == [MEASURE]
    kept = service.keep_feedback(changes, catalog, on=ON)
    assert kept == service.feedback_file(changes, catalog) == store / "feedback" / PACK / "NL.yaml"

    received = service.plan_annex(pack, load_store(store), ON).sheet("Measures")
    row = next(r for r in received.rows if r[0] == MEASURE)
    assert row[received.column_index(next(c.key for c in received.columns if c.header == COMMENTS_RECEIVED_HEADER))] \
        == "NL: We support this."

    report = service.apply_return(changes, list(changes.proposals), steps.append)
    assert steps[-1] == "Checking and writing the accepted edits" and len(report.written) == 1
    assert "Agreed wording from NL" in report.written[0].read_text(encoding="utf-8")
