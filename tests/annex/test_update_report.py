"""What ``annex update`` says it did: per sheet, and which parts of a delegation's workbook it kept.

The parts are those of a returned workbook carrying what delegations add (a chart, a picture,
a text box, notes, a sparkline, macros); the counts are an update's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from briefing_builder.annex.package import open_package
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.update_report import SheetSummary, UpdateReport
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.fixtures.annex.delegation import delegation_copy


def test_a_sheets_line_says_what_changed_and_what_was_kept_of_the_delegations_text() -> None:
    quiet = SheetSummary("Milestones", "Milestones")
    assert quiet.line() == "Milestones: 0 row(s) updated, 0 added, 0 marked as no longer in the pack"
    busy = SheetSummary("Measures", "Measures", updated=3, added=1, marked=4, restored=2, proposals=1, conflicts=2,
                        refused=1, fields=Counter({"Status": 2, "Measure": 1}))
    assert busy.line() == ("Measures: 3 row(s) updated (Measure ×1, Status ×2), 1 added, 4 marked as no longer in "
                           "the pack, 2 back in the pack; kept the delegation's text in 1 proposal(s) and 2 "
                           "conflict(s) (see the Update note); 1 row(s) not updated (their ID cannot be trusted, "
                           "see the Update note)")


def test_the_summary_names_the_kinds_of_parts_kept_byte_for_byte(tmp_path: Path) -> None:
    catalog = load_store(sample_store_dir())
    plan = plan_annex(catalog.packs["jha-counsellors-2026-01-12"], catalog, dt.date(2026, 1, 10))
    path = tmp_path / "annex-NL.xlsm"
    path.write_bytes(delegation_copy(plan, macros=b"\x00" * 64))
    names = open_package(path).names
    rewritten = ["xl/worksheets/sheet2.xml", "xl/styles.xml"]
    sheets = [SheetSummary("Measures", "Measures", updated=1, fields=Counter({"Measure": 1}),
                           notes=["row 7: the delegation's wording kept (a proposal)"])]
    report = UpdateReport(sheets, rewritten, [n for n in names if n not in rewritten], macros=True,
                          notes=["Compared with what was sent (the baseline inside the workbook)."])
    lines = report.lines()
    assert lines[0] == "Compared with what was sent (the baseline inside the workbook)."
    assert lines[1].startswith("Measures: 1 row(s) updated (Measure ×1)")
    assert lines[2] == "  note: row 7: the delegation's wording kept (a proposal)"
    kept = lines[3]
    assert kept.startswith(f"Rewritten: xl/worksheets/sheet2.xml, xl/styles.xml; kept byte for byte: "
                           f"{len(names) - 2} other part(s) (")
    for kind in ("charts", "comments", "drawings and shapes", "macros", "pictures", "other sheets"):
        assert kind in kept, kind
    assert lines[-1] == "Macros (vbaProject.bin) kept unchanged."
    assert UpdateReport([], [], []).lines() == ["Rewritten: nothing; kept byte for byte: 0 other part(s)."]
