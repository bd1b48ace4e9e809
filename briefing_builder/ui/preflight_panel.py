"""The pre-flight dock: findings grouped by kind; activating one jumps to its item.

A finding about a section selects it in the outline (``sectionRequested``); a store problem
shows it in the diagnostics dock (``diagnosticRequested``). The age after which country-card
figures count as old is set here and remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.pack.preflight import DEFAULT_MAX_AGE_MONTHS, KINDS, Finding, count_text
from briefing_builder.ui.flow_layout import FlowLayout
from briefing_builder.ui.scrolled import scrolled
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.wrapping_delegate import wrap_rows

SectionRole = Qt.ItemDataRole.UserRole + 30
DiagnosticRole = Qt.ItemDataRole.UserRole + 31
AGE_KEY = "preflight/max_age_months"


class PreflightPanel(QDockWidget):
    """Lists pre-flight findings; double-click or Enter jumps to the item."""

    sectionRequested = Signal(int)
    diagnosticRequested = Signal(int)
    ageChanged = Signal(int)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__("Pre-flight check", parent)
        self.setObjectName("preflight-dock")
        self.settings = settings
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.summary.setAccessibleName("Pre-flight summary")
        self.age = QSpinBox()
        self.age.setRange(1, 120)
        self.age.setSuffix(" months")
        self.age.setAccessibleName("Figures count as old after")
        self.age.setToolTip("Country-card figures dated earlier than this before the meeting are listed as old.")
        self.age.setValue(self.max_age_months)
        self.age.valueChanged.connect(self._age_changed)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Pre-flight findings")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        wrap_rows(self.tree)  # a long message is read in full, not cut at the dock's edge
        self.tree.setToolTip("Double-click a line to go to the slide's section or the store problem.")
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemDoubleClicked.connect(self._activate)
        age_box = QWidget()
        age_row = QHBoxLayout(age_box)
        age_row.setContentsMargins(0, 0, 0, 0)
        age_row.addWidget(QLabel("Figures older than"))
        age_row.addWidget(self.age)
        header = FlowLayout(stretch_first=True)  # the age setting moves below the summary when narrow
        header.addWidget(self.summary)
        header.addWidget(age_box)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.tree, 1)
        self.setWidget(scrolled(body))  # a few lines high at least: a small screen at 200 % keeps the window on it
        self.show_checking()

    def show_checking(self) -> None:
        """Say the check is running (nothing is listed until its findings arrive)."""
        self.tree.clear()
        self.summary.setText("Checking…")

    @property
    def max_age_months(self) -> int:
        """The configured age (months before the meeting) after which figures are old."""
        value = self.settings.qsettings.value(AGE_KEY, DEFAULT_MAX_AGE_MONTHS)
        if not isinstance(value, int | float | str):
            return DEFAULT_MAX_AGE_MONTHS
        try:
            return max(1, int(value))
        except ValueError:
            return DEFAULT_MAX_AGE_MONTHS

    def _age_changed(self, months: int) -> None:
        self.settings.qsettings.setValue(AGE_KEY, months)
        self.ageChanged.emit(months)

    @property
    def count(self) -> int:
        """How many findings are listed."""
        return len(self.findings)

    def set_findings(self, findings: list[Finding]) -> None:
        """Show ``findings`` grouped under their kinds (groups open)."""
        self.findings = list(findings)
        self.tree.clear()
        style = self.style()
        warn = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        ok = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        groups: dict[str, QTreeWidgetItem] = {}
        for finding in self.findings:
            group = groups.get(finding.kind)
            if group is None:
                group = groups[finding.kind] = QTreeWidgetItem([KINDS.get(finding.kind, finding.kind)])
                group.setIcon(0, warn)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
            item = QTreeWidgetItem([finding.message])
            item.setToolTip(0, finding.message)
            if finding.section_index is not None:
                item.setData(0, SectionRole, finding.section_index)
            if finding.diagnostic_index is not None:
                item.setData(0, DiagnosticRole, finding.diagnostic_index)
            group.addChild(item)
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
        if not self.findings:
            item = QTreeWidgetItem(["Everything checked: nothing to look at before export."])
            item.setIcon(0, ok)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.summary.setText(f"<b>{count_text(self.count)}</b>")
        self.setWindowTitle(f"Pre-flight check ({self.count})" if self.count else "Pre-flight check")

    def messages(self) -> list[tuple[str, str]]:
        """(kind, message) of every finding listed (tests, copying)."""
        return [(f.kind, f.message) for f in self.findings]

    def _activate(self, item: QTreeWidgetItem) -> None:
        section = item.data(0, SectionRole)
        diagnostic = item.data(0, DiagnosticRole)
        if section is not None:
            self.sectionRequested.emit(int(section))
        elif diagnostic is not None:
            self.diagnosticRequested.emit(int(diagnostic))
