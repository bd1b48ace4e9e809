"""The annex round trip in the app: update a returned workbook, review and apply imported edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.annex_review import ImportReview

if TYPE_CHECKING:
    from tests.ui.conftest import OpenWindow


PACK = "jha-counsellors-2026-01-12"
AREA = Path("areas") / "04-return-readmission.yaml"
MEASURE = "readmission-by-third-countries"
OTHER = "common-european-return-system"


def built_annex(store: Path, out: Path) -> Path:
    """The pack's annex built from ``store`` into ``out``."""
    catalog = load_store(store)
    result = build_pack(catalog.packs[PACK], catalog, out, generated_on=dt.date(2026, 1, 12))
    assert result.annex is not None
    return result.annex


def snapshot(root: Path) -> dict[Path, bytes]:
    """Bytes of every file of the store but the delegations' feedback (kept by every import)."""
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "feedback"}


def run_task(qtbot: QtBot, window) -> None:  # noqa: ANN001
    """Wait until the annex worker has finished."""
    runner = window.annex_actions.runner
    if runner.running:
        with qtbot.waitSignal(runner.finished, timeout=60_000):
            pass
    assert not runner.running


def test_update_annex_through_the_app(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    annex = built_annex(store_copy, tmp_path / "out")
    area = store_copy / AREA
    area.write_text(area.read_text(encoding="utf-8").replace(
        '"**Improving readmission by third countries**"', '"**Improving readmission by partner countries**"'),
        encoding="utf-8")
    window = open_window(store_copy)
    reports: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(dialogs, "report", lambda parent, title, message, details: reports.append((message, details)))
    monkeypatch.setattr(dialogs, "annex_file", lambda parent, folder, caption: annex)
    offered: list[Path] = []
    monkeypatch.setattr(dialogs, "annex_save_path", lambda parent, suggested: offered.append(suggested) or suggested)
    before = annex.read_bytes()
    window.annex_actions.update_action.trigger()
    assert offered == [annex]  # asked where to write it, the same file suggested
    assert not window.annex_actions.update_action.isEnabled()  # one task at a time
    run_task(qtbot, window)
    assert window.annex_actions.update_action.isEnabled()
    assert reports, "no summary shown"
    message, details = reports[0]
    assert "Measures: 1 row(s) updated (Measure ×1), 0 added, 0 marked" in message
    assert "Kept byte for byte" in message and any(line.startswith("Rewritten:") for line in details)
    assert annex.read_bytes() != before
    sheet = openpyxl.load_workbook(annex)["Measures"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == MEASURE)
    assert "partner countries" in row[2]
    assert window.annex_actions.last_report is not None


def test_update_annex_asks_where_to_write_it(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    annex = built_annex(store_copy, tmp_path / "out")
    area = store_copy / AREA
    area.write_text(area.read_text(encoding="utf-8").replace("third countries**", "partner countries**"),
                    encoding="utf-8")
    window = open_window(store_copy)
    reports: list[str] = []
    monkeypatch.setattr(dialogs, "report", lambda parent, title, message, details: reports.append(message))
    monkeypatch.setattr(dialogs, "annex_file", lambda parent, folder, caption: annex)
    before = annex.read_bytes()
    monkeypatch.setattr(dialogs, "annex_save_path", lambda parent, suggested: None)  # Cancel in the save dialog
    window.annex_actions.ask_update()
    assert not window.annex_actions.runner.running and annex.read_bytes() == before and not reports
    other = tmp_path / "out" / "annex-updated.xlsx"
    monkeypatch.setattr(dialogs, "annex_save_path", lambda parent, suggested: other)  # Save as another name
    window.annex_actions.ask_update()
    run_task(qtbot, window)
    assert annex.read_bytes() == before, "the chosen workbook was overwritten in place"
    assert other.is_file() and reports and str(other) in reports[0] and "is unchanged" in reports[0]
    row = next(r for r in openpyxl.load_workbook(other)["Measures"].iter_rows(values_only=True) if r[0] == MEASURE)
    assert "partner countries" in row[2]


def test_update_refusal_is_a_readable_message(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "not-a-workbook.xlsx"
    broken.write_bytes(b"this is not a zip file")
    window = open_window(store_copy)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window.annex_actions.start_update(broken)
    run_task(qtbot, window)
    assert errors and "not-a-workbook.xlsx" in errors[0] and "Traceback" not in errors[0]
    assert broken.read_bytes() == b"this is not a zip file"


def returned_annex(store: Path, out: Path) -> Path:
    """A delegation's copy: one measure text and one status edited, a comment added."""
    annex = built_annex(store, out)
    book = openpyxl.load_workbook(annex, rich_text=True)  # keep bold runs: only our two edits differ
    sheet = book["Measures"]
    headers = [c.value for c in sheet[1]]
    col = {name: headers.index(name) + 1 for name in ("ID", "Measure", "Status", "Delegation comments")}
    for row in range(2, sheet.max_row + 1):
        record = sheet.cell(row, col["ID"]).value
        if record == MEASURE:
            sheet.cell(row, col["Measure"]).value = "Improving readmission by partner countries"
            sheet.cell(row, col["Delegation comments"]).value = "We support the return hubs study."
        elif record == OTHER:
            sheet.cell(row, col["Status"]).value = "ongoing"
    returned = out / "returned.xlsx"
    book.save(returned)
    return returned


def test_import_applies_only_accepted_changes(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    returned = returned_annex(store_copy, tmp_path / "out")
    window = open_window(store_copy)
    before = snapshot(store_copy)
    seen: dict[str, object] = {}

    def review(parent: object, dialog: ImportReview) -> bool:
        edits = {(e.record_id, e.column): i for i, (_item, e) in enumerate(dialog.items)}
        seen["edits"] = sorted(edits)
        seen["inputs"] = [(i.record_id, dict(i.values)) for i in dialog.changes.inputs]
        assert not dialog.apply_button.isEnabled()  # nothing accepted by default
        seen["heading"] = dialog.findChild(QLabel).text()
        dialog.edits.setCurrentItem(dialog.items[edits[(MEASURE, "Measure")]][0])
        assert "+ **Improving readmission by partner countries**" in dialog.detail.toPlainText()
        dialog.set_accepted(edits[(MEASURE, "Measure")], True)  # accept the text edit
        dialog.set_accepted(edits[(OTHER, "Status")], False)  # reject the status
        assert dialog.apply_button.isEnabled() and "(1)" in dialog.apply_button.text()
        return True
    confirmations: list[str] = []
    monkeypatch.setattr(dialogs, "run_form", review)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": confirmations.append(message)
                        or True)
    monkeypatch.setattr(dialogs, "annex_file", lambda parent, folder, caption: returned)
    window.annex_actions.import_action.trigger()
    run_task(qtbot, window)

    assert seen["edits"] == [(OTHER, "Status"), (MEASURE, "Measure")]
    assert (MEASURE, {"Delegation comments": "We support the return hubs study."}) in seen["inputs"]
    assert confirmations and "1 accepted edit(s) into 1 store file(s)" in confirmations[0]
    after = snapshot(store_copy)
    assert {p for p in after if after[p] != before.get(p)} == {AREA}
    text = (store_copy / AREA).read_text(encoding="utf-8")
    assert 'text: "**Improving readmission by partner countries**"' in text  # the cell's bold font kept
    assert "status:" not in text  # the rejected change was not written
    assert text.startswith("# Priority area 4 — Returns and readmission.")  # comments kept
    measure = next(m for m in window.editor.catalog.areas["return-readmission"].measures if m.id == MEASURE)
    assert measure.text == "**Improving readmission by partner countries**"  # the store reloaded
    feedback = store_copy / "feedback" / PACK / "returned.yaml"
    assert "We support the return hubs study." in feedback.read_text(encoding="utf-8")
    heading = str(seen["heading"])
    assert "Nothing is written" not in heading and "Store records change only when you apply" in heading
    assert f"feedback/{PACK}/returned.yaml" in heading  # where the comments were kept, said before applying
    assert "not written to the store" not in confirmations[0] and str(feedback) in confirmations[0]
    assert "Applied 1 edit(s)" in window.statusBar().currentMessage()
    stack = window.library_actions.editor.undo_stack
    assert stack.count() == 1 and "Import edits" in stack.undoText()
    stack.undo()
    assert snapshot(store_copy) == before
    assert not feedback.exists(), "undo left the delegation's feedback of the undone import"


def test_import_rejected_writes_nothing(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    returned = returned_annex(store_copy, tmp_path / "out")
    window = open_window(store_copy)
    before = snapshot(store_copy)
    monkeypatch.setattr(dialogs, "run_form", lambda parent, dialog: (dialog.set_all(True), False)[1])  # closed
    window.annex_actions.start_import(returned)
    run_task(qtbot, window)
    assert snapshot(store_copy) == before
    assert window.annex_actions.last_changes is not None and len(window.annex_actions.last_changes.edits) == 2
    feedback = store_copy / "feedback" / PACK / "returned.yaml"
    assert feedback.is_file() and "kept in returned.yaml" in window.statusBar().currentMessage()
    stack = window.library_actions.editor.undo_stack
    assert stack.count() == 1 and "Keep comments" in stack.undoText()
    stack.undo()
    assert not feedback.exists()
