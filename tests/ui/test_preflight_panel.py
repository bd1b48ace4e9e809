"""The pre-flight dock: jumping to sections and store problems, the age setting, the count at export."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_builder.pack import document as pd
from briefing_builder.pack.preflight import count_text
from briefing_builder.ui import dialogs
from briefing_builder.ui.preflight_panel import DiagnosticRole, SectionRole
from tests.pack.test_preflight import problem_catalog, problem_pack

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


TIMEOUT_MS = 60_000


def _wait_checked(window, qtbot: QtBot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.preview_worker.latest is not None and not window.preview_worker.busy,
                    timeout=TIMEOUT_MS)


def test_panel_jumps_to_sections_and_store_problems(window: MainWindow, qtbot: QtBot) -> None:
    window.set_catalog(problem_catalog())
    window.editor.replace_document(pd.PackDocument(problem_pack()))
    _wait_checked(window, qtbot)
    panel = window.preflight
    assert {kind for kind, _ in panel.messages()} >= {"no-marking", "unresolved-ref", "continued", "missing-record",
                                                      "illustrative-figure", "old-figure", "record-error"}
    assert panel.summary.text() == f"<b>{count_text(panel.count)}</b>"
    items = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
             for j in range(panel.tree.topLevelItem(i).childCount())]
    to_section = next(i for i in items if i.data(0, SectionRole) == 5)
    panel.tree.itemActivated.emit(to_section, 0)
    assert window.outline.current_row() == 5
    to_problem = next(i for i in items if i.data(0, DiagnosticRole) is not None)
    panel.tree.itemActivated.emit(to_problem, 0)
    assert window.diagnostics.isVisible() and window.diagnostics.list.currentRow() == 0
    # changing the age re-checks at once and is remembered
    panel.age.setValue(30)
    assert not any(kind == "old-figure" for kind, _ in panel.messages())
    assert int(window.settings.qsettings.value("preflight/max_age_months")) == 30
    panel.age.setValue(12)


def test_export_dialog_shows_the_count(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    _wait_checked(window, qtbot)
    captions: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "output_folder", lambda parent, folder, note="": (
        captions.append(note), shown.append(window.statusBar().currentMessage()))[0])
    window.export()
    count = window.preflight.count
    assert count > 0 and captions == [f"{count} things to check before export"]
    # a title bar is not always seen (no window manager, a narrow title): the status bar says it too
    assert shown and shown[0].startswith(f"{count} things to check before export") and "Ctrl+Shift+K" in shown[0]
    assert window.statusBar().currentMessage() == ""  # the chooser was cancelled: the message goes
    assert window.preflight.tree.topLevelItem(0).text(0).startswith(("No marking", "Text shrunk"))
    assert window.preflight.tree.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsEnabled


def test_a_template_that_cannot_be_used_is_listed_under_its_own_heading(window: MainWindow, qtbot: QtBot,
                                                                         tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"not a zip")
    pack = problem_pack()
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"template": str(bad)})})
    window.set_catalog(problem_catalog())
    window.editor.replace_document(pd.PackDocument(pack))
    _wait_checked(window, qtbot)
    listed = [(kind, message) for kind, message in window.preflight.messages() if "broken.pptx" in message]
    assert [kind for kind, _ in listed] == ["damaged-template"]
    headings = [window.preflight.tree.topLevelItem(i).text(0) for i in range(window.preflight.tree.topLevelItemCount())]
    assert any(h.startswith("Template cannot be used") for h in headings), headings
    assert not any(h.startswith("Layout fallbacks") for h in headings), headings


def test_a_long_finding_is_wrapped_in_full_in_a_narrow_dock(window: MainWindow, qtbot: QtBot) -> None:
    from briefing_builder.pack.preflight import Finding

    message = ("Meeting date: “4 jui 2026” is not a date. Type it as 4 mars 2026, 04/03/2026 or 2026-03-04. "
               "Until then the pack keeps 12 janvier 2026.")
    panel = window.preflight
    panel.set_findings([Finding("invalid-field", message)])
    panel.tree.resize(300, 400)
    qtbot.waitUntil(lambda: panel.tree.header().sectionSize(0) <= 300)
    item = panel.tree.topLevelItem(0).child(0)
    rect = panel.tree.visualItemRect(item)
    line = panel.tree.fontMetrics().height()
    assert rect.height() >= 3 * line  # wrapped over several lines, not cut at the edge
    assert panel.tree.horizontalScrollBar().maximum() == 0
