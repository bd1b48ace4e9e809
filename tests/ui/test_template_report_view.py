"""The template picker's "Layouts…" report: which layout each kind of slide uses, fonts, warnings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from briefing_builder.compose.geometry import SLIDE_ROLES
from briefing_builder.render.template_report import inspect_template
from briefing_builder.ui import dialogs
from briefing_builder.ui.template_report_view import COLUMNS, TemplateReportDialog
from tests.fixtures.templates import traits


def test_layouts_button_opens_the_report_of_the_chosen_template(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    hostile = traits.make_a4_with_wide_layouts(tmp_path)
    meeting = window.inspector.meeting
    monkeypatch.setattr(dialogs, "template_file", lambda parent, folder: hostile)
    meeting.template.setCurrentIndex(meeting.template.findText("Other…"))
    meeting.template.activated.emit(meeting.template.currentIndex())
    shown = []
    monkeypatch.setattr(dialogs, "template_report", lambda parent, report: shown.append(report))
    button = next(b for b in meeting.findChildren(QPushButton) if b.accessibleName() == "Template report")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0].name == hostile.name
    assert [r.role for r in shown[0].roles] == list(SLIDE_ROLES)


def test_the_report_dialog_shows_roles_fallbacks_fonts_and_warnings(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    report = inspect_template(traits.make_title_only_with_picture(tmp_path))
    dialog = TemplateReportDialog(report)
    qtbot.addWidget(dialog)
    table = dialog.roles
    assert table.rowCount() == len(SLIDE_ROLES) and table.columnCount() == len(COLUMNS)
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(len(COLUMNS))]
            for r in range(table.rowCount())}
    content = rows["Text slides (title and content)"]
    assert content[1] == "'Title Only' (master 1)" and "(text box added by the app)" in content[4]
    assert rows["Two-column slides"][5] == "fallback"
    assert "Calibri" in dialog.fonts.text()
    texts = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert len(texts) == len(report.warnings) and any("text box over its free area" in t for t in texts)


def test_a_template_without_a_stand_in_font_says_so(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from pptx import Presentation

    from tests.fixtures import make_templates as mk

    prs = Presentation(str(mk.DEFAULT))
    mk._set_theme_font(prs, "Frutiger LT Std")
    prs.save(str(tmp_path / "frutiger.pptx"))
    dialog = TemplateReportDialog(inspect_template(tmp_path / "frutiger.pptx"))
    qtbot.addWidget(dialog)
    assert "'Frutiger LT Std' has no metric-compatible stand-in" in dialog.fonts.text()
