"""The user's paths played by :mod:`tests.realdisplay.driver` on the real app.

Each scenario is a generator: it yields ``("wait", what, condition[, timeout])`` to wait until
``condition()`` is truthy (its value is sent back), or an action (a callable, run from its own
event so a modal dialog it opens does not block the scenario). Keys go to whichever widget has
the focus, as typed by a person: the library search box has the focus at start-up.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.realdisplay.driver import Driver, ScenarioFailed

PACK = "jha-counsellors-2026-01-12"
MEASURE = "readmission-by-third-countries"
BUSY_S = 3.0


def _started(d: Driver) -> Iterator[Any]:
    window = yield ("wait", "the main window", d.main_window)
    yield window.activateWindow  # what the window manager does when a window is mapped (Xvfb has none)
    yield ("wait", "the keyboard focus", lambda: QApplication.focusWindow() is not None)
    yield ("wait", "the first preview", lambda: window.preview_worker.latest is not None)
    return window


def _pick_file(d: Driver, path: Path, what: str) -> Iterator[Any]:
    dialog = yield ("wait", f"the {what} file dialog", lambda: d.dialog(QFileDialog))
    yield lambda: d.type_path(dialog, path)
    yield ("wait", "the file dialog to close", lambda: d.closed(dialog))


def _answer(d: Driver, title: str, button: str, timeout: float = 90.0) -> Iterator[Any]:
    box = yield ("wait", f"the {title!r} box", lambda: d.box(title), timeout)
    yield lambda: d.click(d.button(box, button))
    yield ("wait", f"the {title!r} box to close", lambda: d.closed(box))


def _export(d: Driver, window: Any, folder: Path, replace: bool, answer: str = "Replace",
            stem: str = PACK, history_answer: str = "Export without a history") -> Iterator[Any]:
    root = window.editor.catalog.root
    asks_history = window.settings.history_choice(root) is None and not (root / ".git").exists()
    yield d.key("Ctrl+E")
    yield from _pick_file(d, folder, "export folder")
    # a busy GUI thread (a slow laptop painting) while the worker runs: its progress and outcome queue up
    yield lambda: time.sleep(BUSY_S)
    if replace:
        yield from _answer(d, "Replace the exported files?", answer)
    if asks_history:  # asked once per store, before its first export starts; its buttons say what they do
        box = yield ("wait", "the history question", lambda: d.box("Keep a history of this store?"), 90.0)
        yield lambda: box.screen().grabWindow(0).save(str(d.workdir / "history-question.png"))
        if "this export goes ahead" not in box.informativeText():
            raise ScenarioFailed(f"the history question does not say what its answers do: {box.informativeText()!r}")
        yield from _answer(d, "Keep a history of this store?", history_answer)
    yield from _answer(d, "Export finished", "Close")
    yield ("wait", "the export to be over", lambda: window.export_action.isEnabled() and not window.exporter.running)
    deck = folder / f"{stem}.pptx"
    if not deck.is_file() or not (folder / f"{stem}-annex.xlsx").is_file():
        raise ScenarioFailed(f"the export did not write {deck}")
    d.note(f"exported {deck.stat().st_size} bytes")


def _quit_discarding(d: Driver, window: Any) -> Iterator[Any]:
    """Edit the pack, then Ctrl+Q and "Discard": the app must end at once."""
    yield d.key("Ctrl+2")  # the outline
    yield ("wait", "the outline to have the focus", window.outline.view.hasFocus)
    yield d.key("Ctrl+Down")
    yield ("wait", "the pack to be modified", window.isWindowModified)
    yield d.key("Ctrl+Q")
    box = yield ("wait", "the 'Save changes?' box", lambda: d.box("Save changes?"))
    d.note("scenario complete: Discard clicked, the app must now end")
    d.finish()
    yield lambda: d.click(d.button(box, "Discard"))


def export_three_times(d: Driver) -> Iterator[Any]:
    """Ctrl+E three times into the same folder (replacing), then quit with Discard."""
    window = yield from _started(d)
    folder = d.workdir / "out"
    folder.mkdir()
    for attempt in range(3):
        yield from _export(d, window, folder, replace=attempt > 0)
    yield from _quit_discarding(d, window)


def annex_round_trip(d: Driver) -> Iterator[Any]:
    """Export, update the annex, edit it as a delegation, import the comments and apply one edit."""
    window = yield from _started(d)
    folder = d.workdir / "out"
    folder.mkdir()
    yield from _export(d, window, folder, replace=False)
    annex = folder / f"{PACK}-annex.xlsx"
    yield d.key("Ctrl+Shift+U")
    yield from _pick_file(d, annex, "annex update")
    before = annex.read_bytes()
    from briefing_builder.ui.dialogs import ANNEX_SAVE_TITLE

    d.expected_boxes.add(ANNEX_SAVE_TITLE)  # Qt's own "already exists. Do you want to replace it?"
    save = yield ("wait", "the save dialog for the update", lambda: d.dialog(QFileDialog, ANNEX_SAVE_TITLE))
    yield lambda: d.type_path(save, annex)  # the same file: Qt asks before replacing it
    box = yield ("wait", "the overwrite confirmation", lambda: d.box(ANNEX_SAVE_TITLE))
    if annex.read_bytes() != before:
        raise ScenarioFailed("the annex was written before the overwrite was confirmed")
    yield lambda: d.click(d.button(box, "Yes"))
    yield ("wait", "the save dialog to close", lambda: d.closed(save))
    yield lambda: time.sleep(BUSY_S)  # the worker's progress and outcome queue up behind a busy GUI
    yield from _answer(d, "Annex updated", "OK")
    returned = _delegation_edit(annex, folder / "returned.xlsx")
    yield d.key("Ctrl+Shift+I")
    yield from _pick_file(d, returned, "import")
    review = yield ("wait", "the import review", lambda: d.dialog(_review_class(), "Import comments"))
    index = next(i for i, (_item, edit) in enumerate(review.items) if edit.record_id == MEASURE and edit.applicable)
    yield lambda: review.set_accepted(index, True)
    yield lambda: d.click(review.apply_button)
    yield from _answer(d, "Apply accepted edits?", "Apply")
    area = d.workdir / "store" / "areas"
    yield ("wait", "the edit in the store", lambda: any("by partner countries" in p.read_text(encoding="utf-8")
                                                      for p in area.glob("*.yaml")))
    d.note("store edited; quitting")
    d.finish()
    yield d.key("Ctrl+Q")


def _review_class() -> type:
    from briefing_builder.ui.annex_review import ImportReview

    return ImportReview


def _delegation_edit(annex: Path, returned: Path) -> Path:
    """What a delegation does: edit one measure's text and type a comment, save with openpyxl."""
    import openpyxl

    book = openpyxl.load_workbook(annex, rich_text=True)
    sheet = book["Measures"]
    headers = [cell.value for cell in sheet[1]]
    col = {name: headers.index(name) + 1 for name in ("ID", "Measure", "Delegation comments")}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, col["ID"]).value == MEASURE:
            sheet.cell(row, col["Measure"]).value = "Improving readmission by partner countries"
            sheet.cell(row, col["Delegation comments"]).value = "We support the study."
    book.save(returned)
    return returned


def deck_round_trip(d: Driver) -> Iterator[Any]:
    """Export, edit the deck as a counsellor does, import its edits: accept the rewording and the new
    measure, leave the removal; the store says exactly that."""
    window = yield from _started(d)
    folder = d.workdir / "out"
    folder.mkdir()
    yield from _export(d, window, folder, replace=False)
    deck = _counsellor_edit(folder / f"{PACK}.pptx", folder / "edited.pptx")
    yield d.key("Ctrl+Shift+G")
    yield from _pick_file(d, deck, "deck import")
    review = yield ("wait", "the deck review", lambda: d.dialog(_review_class(), "Import edits from a deck"))
    kinds = [change.kind.value for _item, change in review.structure_items]
    if sorted(kinds) != ["new measure", "remove measure"]:
        raise ScenarioFailed(f"the review offers {kinds}, not a new measure and a removal")
    yield lambda: review.set_accepted(0, True)
    yield lambda: review.set_structure_accepted(kinds.index("new measure"), True)
    yield lambda: d.click(review.apply_button)
    yield from _answer(d, "Apply accepted edits?", "Apply")
    area = d.workdir / "store" / "areas" / "05-labour-mobility-legal-pathways.yaml"
    yield ("wait", "the edits in the store", lambda: "Fast-track visas" in area.read_text(encoding="utf-8"))
    from briefing_builder.store import load_store

    measures = {m.id: m.text for m in load_store(d.workdir / "store").areas["labour-mobility-legal-pathways"].measures}
    if list(measures)[1] != "fast-track-visas-for-researchers" or "illegal-employment-exploitation" not in measures \
            or not measures["global-race-for-talent"].startswith("Ambition to become the most attractive destination"):
        raise ScenarioFailed(f"the store does not hold exactly the accepted edits: {measures}")
    d.note("store edited; quitting")
    d.finish()
    yield d.key("Ctrl+Q")


def _counsellor_edit(deck: Path, edited: Path) -> Path:
    """What a counsellor does in PowerPoint: reword a measure, type a new one, delete another."""
    import copy

    from pptx import Presentation

    prs = Presentation(deck)
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    body = max((sh for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title),
               key=lambda sh: len(sh.text_frame.text))
    paragraphs = body.text_frame.paragraphs
    race = next(p for p in paragraphs if "global race" in p.text)
    race.runs[0].text = race.runs[0].text.replace("most attractive place", "most attractive destination")
    typed = copy.deepcopy(paragraphs[0]._p)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for run in typed.findall(f"{a}r")[1:]:
        typed.remove(run)
    typed.find(f"{a}r/{a}t").text = "Fast-track visas for researchers"
    paragraphs[0]._p.addnext(typed)
    tackle = next(p for p in paragraphs if p.text.startswith("Tackle"))
    tackle._p.getparent().remove(tackle._p)
    prs.save(edited)
    return edited


__all__ = ["QMessageBox", "annex_round_trip", "broken_store_then_fixed", "deck_round_trip", "edit_a_record",
           "export_three_times", "new_pack_keep_both", "status_bar_and_invalid_date"]


def edit_a_record(d: Driver) -> Iterator[Any]:
    """Ctrl+1, Down to the first measure, F2: the record form fits the screen; Cancel; Ctrl+Q."""
    window = yield from _started(d)
    yield d.key("Ctrl+1")
    yield ("wait", "the library to have the focus", lambda: window.library.current_view().hasFocus())
    yield d.key("Down")
    yield d.key("Down")
    yield ("wait", "a measure selected", lambda: window.library.selected_records()[:1] and
           window.library.selected_records()[0][0] == "measure")
    yield d.key("F2")
    form = yield ("wait", "the record form", lambda: d.dialog(_form_class(), "Edit measure"))
    yield ("wait", "the form laid out", lambda: form.isVisible() and form.width() > 0)
    d.note(f"form at {form.frameGeometry().getRect()} on {form.screen().availableGeometry().getRect()}")
    yield lambda: d.click(d.button(form, "Cancel"))
    yield ("wait", "the form to close", lambda: d.closed(form))
    d.finish()
    yield d.key("Ctrl+Q")


def _form_class() -> type:
    from briefing_builder.ui.record_form import RecordForm

    return RecordForm


def new_pack_keep_both(d: Driver) -> Iterator[Any]:
    """Ctrl+N, type a title, export twice into one folder keeping both, quit with Discard."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = yield from _started(d)
    yield d.key("Ctrl+N")
    yield ("wait", "the new pack", lambda: window.editor.pack.id == f"new-briefing-{dt.date.today().isoformat()}")
    yield d.key("Ctrl+3")
    title = window.inspector.meeting.title_edit
    yield ("wait", "the title field to have the focus", title.hasFocus)
    yield lambda: (QTest.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
                   QTest.keyClicks(title, "SCIFA briefing"), QTest.keyClick(title, Qt.Key.Key_Tab))
    stem = f"scifa-briefing-{dt.date.today().isoformat()}"
    yield ("wait", "the id from the title", lambda: window.editor.pack.id == stem)
    folder = d.workdir / "out"
    folder.mkdir()
    yield from _export(d, window, folder, replace=False, stem=stem)
    yield from _export(d, window, folder, replace=True, answer="Keep both", stem=f"{stem}-2")
    if not (folder / f"{stem}.pptx").is_file():
        raise ScenarioFailed("the first export was replaced")
    yield from _quit_discarding(d, window)


def broken_store_then_fixed(d: Driver) -> Iterator[Any]:
    """A store file breaks (F5): the problems dock opens a few lines high; fixed (F5): it closes itself."""
    window = yield from _started(d)
    path = d.workdir / "store" / "areas" / "04-return-readmission.yaml"
    good = path.read_text(encoding="utf-8")
    lines = good.splitlines()
    path.write_text("\n".join([*lines[:3], "title: [unclosed", *lines[3:]]) + "\n", encoding="utf-8")
    yield d.key("F5")
    dock = window.diagnostics
    yield ("wait", "the problems dock", lambda: dock.isVisible() and dock.count > 0)
    yield lambda: time.sleep(0.5)  # laid out
    d.note(f"problems dock {dock.height()} px high in a {window.height()} px window")
    if dock.height() > window.height() // 4:
        raise ScenarioFailed(f"the problems dock took {dock.height()} of {window.height()} px")
    path.write_text(good, encoding="utf-8")
    yield d.key("F5")
    yield ("wait", "the problems dock to close itself", lambda: not dock.isVisible(), 30)
    d.finish()
    yield d.key("Ctrl+Q")


def status_bar_and_invalid_date(d: Driver) -> Iterator[Any]:
    """Status labels elided, not overlapping; "nonsense" typed as the date, then Ctrl+E: refused, no export."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = yield from _started(d)
    labels = [w for w in (window.store_label, window.counts_label, window.problems_button) if w.isVisible()]
    for widget in labels:
        shown = getattr(widget, "shown_text", widget.text)()
        if widget.fontMetrics().horizontalAdvance(shown) > widget.contentsRect().width():
            raise ScenarioFailed(f"status text {widget.text()!r} is cut at {widget.contentsRect().width()} px")
        if shown != widget.text() and not shown.endswith("…"):
            raise ScenarioFailed(f"status text {widget.text()!r} shortened without an ellipsis")
    for first, second in itertools.pairwise(labels):
        if first.geometry().right() >= second.geometry().left():
            raise ScenarioFailed("status labels run into each other")
    yield d.key("Ctrl+3")
    field = window.inspector.meeting.date.edit
    yield field.setFocus
    yield ("wait", "the date field to have the focus", field.hasFocus)
    yield lambda: (QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
                   QTest.keyClicks(field, "nonsense"))
    d.expected_boxes.add("Correct the meeting first")
    yield d.key("Ctrl+E")
    box = yield ("wait", "the refusal", lambda: d.box("Correct the meeting first"))
    if "Meeting date" not in box.text() or "4 March 2026" not in box.text():
        raise ScenarioFailed(f"the refusal does not say which field and what to type: {box.text()!r}")
    if d.dialog(QFileDialog) is not None:
        raise ScenarioFailed("the export folder chooser opened for an invalid date")
    yield lambda: d.click(d.button(box, "OK"))
    yield ("wait", "the refusal to close", lambda: d.closed(box))
    listed = [f.message for f in window.preflight.findings if f.kind == "invalid-field"]
    if not listed:
        raise ScenarioFailed("the pre-flight check does not list the invalid date")
    yield from _quit_discarding(d, window)


def template_report(d: Driver) -> Iterator[Any]:
    """Choose a template of one's own with "Other…", open its "Layouts…" report, keep a screenshot, close, quit."""
    from PySide6.QtWidgets import QPushButton

    from tests.fixtures.templates import traits

    window = yield from _started(d)
    chosen = traits.make_a4_with_wide_layouts(d.workdir)
    meeting = window.inspector.meeting
    picker = meeting.template
    other = picker.findText("Other…")
    yield lambda: (picker.setCurrentIndex(other), picker.activated.emit(other))
    yield from _pick_file(d, chosen, "template")
    yield ("wait", "the template chosen", lambda: window.editor.pack.meeting.template == str(chosen))
    button = next(b for b in meeting.findChildren(QPushButton) if b.accessibleName() == "Template report")
    yield lambda: window.inspector.ensureWidgetVisible(button)  # scrolled to, as a person would
    yield lambda: d.click(button)
    report = yield ("wait", "the template report", lambda: d.dialog(_report_class(), "Template "))
    yield ("wait", "the report laid out", lambda: report.isVisible() and report.roles.rowCount() == 7)
    yield lambda: time.sleep(0.5)
    yield lambda: report.grab().save(str(d.workdir / "template-report.png"))
    yield lambda: report.screen().grabWindow(0).save(str(d.workdir / "screen.png"))
    d.note(f"report at {report.frameGeometry().getRect()} on {report.screen().availableGeometry().getRect()}; "
           f"{report.warnings.count()} warning(s): "
           f"{report.warnings.item(0).text()[:80] if report.warnings.count() else ''}")
    yield lambda: d.click(d.button(report, "Close"))
    yield ("wait", "the report to close", lambda: d.closed(report))
    yield from _quit_discarding(d, window)


def _report_class() -> type:
    from briefing_builder.ui.template_report_view import TemplateReportDialog

    return TemplateReportDialog


#: What the counsellor types as the French of the measure's first sub-point.
FRENCH_SUB_POINT = "**Favoriser la coopération** au moyen des accords de réadmission – négociations avec le Nigeria."


def _type_text(widget: Any, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, as a keyboard does: accented letters and dashes
    arrive as key events carrying their text (QTest's own typing knows ASCII keys only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest

    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                         char))


def translate_a_sub_point(d: Driver) -> Iterator[Any]:
    """Edit a measure, click the French tab, click the first sub-point's French cell, type its French
    and Enter, screenshot (form and screen), Save; Ctrl+Q."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = yield from _started(d)
    yield lambda: window.library_actions.editor.edit("measure", MEASURE)  # as F2 on it does (a modal form)
    form = yield ("wait", "the record form", lambda: d.dialog(_form_class(), "Edit measure"))
    yield ("wait", "the form laid out", lambda: form.isVisible() and form.width() > 0)
    bar = form.tabs.tabBar()
    yield lambda: QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                   bar.tabRect(1).center())
    yield ("wait", "the French tab", lambda: form.tabs.currentIndex() == 1 and form.tabs.tabText(1) == "French")
    items = form.languages[0].lists["sub_points"]
    table = items.editor
    yield lambda: form.tabs.currentWidget().ensureWidgetVisible(items)
    yield lambda: QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                   table.visualItemRect(table.item(0, 1)).center())
    yield ("wait", "the cell being edited", lambda: table.state() == table.State.EditingState)
    yield lambda: _type_text(QApplication.focusWidget(), FRENCH_SUB_POINT)
    yield lambda: QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    yield ("wait", "the French typed", lambda: items.value()[0] == FRENCH_SUB_POINT)
    yield lambda: form.grab().save(str(d.workdir / "french-tab-form.png"))
    yield lambda: form.screen().grabWindow(0).save(str(d.workdir / "french-tab-screen.png"))
    yield ("wait", "Save enabled", form.ok_button.isEnabled)
    yield lambda: d.click(d.button(form, "Save"))
    yield ("wait", "the form to close", lambda: d.closed(form))
    d.finish()
    yield d.key("Ctrl+Q")
