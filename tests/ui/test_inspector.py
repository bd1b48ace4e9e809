"""The inspector's meeting form: its fields keep Qt's own API intact and commit what is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from briefing_builder.ui.main_window import MainWindow


def test_the_meeting_form_keeps_its_group_box_title(window: MainWindow) -> None:
    """The title field does not shadow ``QGroupBox.title()`` (the box still says "Meeting")."""
    form = window.inspector.meeting
    assert form.title() == "Meeting"
    assert form.title_edit.text().startswith("Long-term European")


def test_focus_inspector_puts_the_cursor_in_the_title_field(window: MainWindow) -> None:
    window.show()
    action = next(a for a in window.findChildren(type(window.undo_action)) if a.text() == "Focus &inspector")
    action.trigger()
    QApplication.processEvents()
    assert window.inspector.meeting.title_edit.hasFocus()


def test_pack_id_typed_is_committed_and_a_refused_one_is_put_back(window: MainWindow) -> None:
    form = window.inspector.meeting
    before = window.editor.pack.id
    form.pack_id.setText("Not An Id!")
    form.pack_id.editingFinished.emit()
    assert window.editor.pack.id == before and form.pack_id.text() == before
    form.pack_id.setText("jha-counsellors-renamed")
    form.pack_id.editingFinished.emit()
    assert window.editor.pack.id == "jha-counsellors-renamed" and form.pack_id.text() == "jha-counsellors-renamed"
    window.undo_action.trigger()
    assert window.editor.pack.id == before and form.pack_id.text() == before


def test_a_template_chosen_in_the_store_is_stored_relative_with_a_one_line_summary(
        open_window, store_copy, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """Template → Other… starts in the store's templates folder; a file there is written relative to the
    store (it travels with it); five warnings make one line whose link opens the report, not five rows."""
    import shutil

    from briefing_builder.ui import dialogs
    from tests.fixtures.templates import traits

    window = open_window(store_copy)
    (store_copy / "templates").mkdir()
    chosen = store_copy / "templates" / "house.pptx"
    shutil.copy(traits.make_title_only_with_picture(tmp_path), chosen)
    started: list = []
    monkeypatch.setattr(dialogs, "template_file", lambda parent, folder: started.append(folder) or chosen)
    meeting = window.inspector.meeting
    meeting.template.setCurrentIndex(meeting.template.findText("Other…"))
    meeting.template.activated.emit(meeting.template.currentIndex())
    assert started == [store_copy / "templates"]
    assert window.editor.pack.meeting.template == "templates/house.pptx"
    notes = meeting.template_notes
    assert notes.text().startswith("⚠ 5 template warnings") and notes.text().count("⚠") == 1
    assert notes.toolTip().count("⚠") == 5
    shown: list = []
    monkeypatch.setattr(dialogs, "template_report", lambda parent, report: shown.append(report))
    notes.linkActivated.emit("report")
    assert [r.name for r in shown] == ["house.pptx"]
