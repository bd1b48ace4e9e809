"""The inspector offers the store's marking catalogue and takes the document reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


def test_marking_choice_is_the_catalogue_and_reference_is_editable(window: MainWindow) -> None:
    form = window.inspector.meeting
    offered = [form.marking.itemText(i) for i in range(form.marking.count())]
    assert offered[0] == "" and "LIMITE" in offered and "RESTREINT UE/EU RESTRICTED + LIMITE" in offered
    assert "RESTRAINT UE" not in offered
    form.marking.setCurrentText("RESTREINT UE/EU RESTRICTED + LIMITE")
    form.marking.lineEdit().editingFinished.emit()
    form.reference.setText("WK 1234/2026 INIT")
    form.reference.editingFinished.emit()
    meeting = window.editor.pack.meeting
    assert meeting.marking == "RESTREINT UE/EU RESTRICTED + LIMITE" and meeting.reference == "WK 1234/2026 INIT"
    window.undo_action.trigger()
    assert window.editor.pack.meeting.reference is None
