"""What the app makes of a template, shown from the template picker: the ``template inspect`` report in a dialog.

One row per slide role: the layout used for it (and its master), its score, where the title
and the body go and whether the body is the layout's own placeholder or a text box the app
adds, and whether the role borrows another role's layout (a fallback). Below: the fonts and
which have no metric-compatible stand-in, then every warning a build on this template gives.
The content is :class:`~briefing_builder.render.template_report.TemplateReport`, plain data
read by :func:`~briefing_builder.render.template_report.inspect_template`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.render.template_report import RoleReport, TemplateReport, box_text
from briefing_builder.render.template_roles import ROLE_WORDS

COLUMNS = ("Slides", "Layout used", "Score", "Title", "Body", "")
FALLBACK_TINT = "FFF4CE"


def role_cells(role: RoleReport) -> tuple[str, ...]:
    """The texts of one role's row, in :data:`COLUMNS` order."""
    bodies = [box_text(body) + ("" if placeholder else " (text box added by the app)")
              for body, placeholder in zip(role.bodies, role.in_placeholders)]
    if role.subtitle is not None:
        bodies.insert(0, f"subtitle {box_text(role.subtitle)}")
    return (ROLE_WORDS[role.role].capitalize(), f"'{role.layout}' (master {role.master})", f"{role.score:g}",
            box_text(role.title), "\n".join(bodies) or "—", "fallback" if role.fallback else "")


def font_lines(report: TemplateReport) -> list[str]:
    """The fonts line and one line per font measured without a stand-in."""
    lines = [f"Fonts: headings {report.heading_font}, body {report.body_font}."]
    lines += [f"'{font}' has no metric-compatible stand-in: its text is measured conservatively."
              for font in report.unknown_fonts]
    return lines


class TemplateReportDialog(QDialog):
    """The report of one template: roles → layouts, fonts, warnings (read-only)."""

    def __init__(self, report: TemplateReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        width, height = report.slide_size_pt
        self.setWindowTitle(f"Template {report.name}")
        layout = QVBoxLayout(self)
        summary = QLabel(f"<b>{report.name}</b>: {width:.0f}×{height:.0f} pt, {report.masters} master(s), "
                         f"{report.layouts} layout(s). Which layout each kind of slide uses:")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.roles = self._roles_table(report)
        layout.addWidget(self.roles, 3)
        self.fonts = QLabel("\n".join(font_lines(report)))
        self.fonts.setWordWrap(True)
        self.fonts.setAccessibleName("Template fonts")
        layout.addWidget(self.fonts)
        layout.addWidget(QLabel(f"Warnings ({len(report.warnings)}):" if report.warnings else "Warnings: none."))
        self.warnings = QListWidget()
        self.warnings.setAccessibleName("Template warnings")
        self.warnings.setWordWrap(True)
        self.warnings.addItems([f"⚠ {warning}" for warning in report.warnings])
        self.warnings.setVisible(bool(report.warnings))
        layout.addWidget(self.warnings, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 620)

    def _roles_table(self, report: TemplateReport) -> QTableWidget:
        table = QTableWidget(len(report.roles), len(COLUMNS))
        table.setAccessibleName("Slide roles and their layouts")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for row, role in enumerate(report.roles):
            for column, text in enumerate(role_cells(role)):
                item = QTableWidgetItem(text)
                if role.fallback:
                    item.setBackground(QColor(f"#{FALLBACK_TINT}"))
                item.setToolTip(text)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return table
