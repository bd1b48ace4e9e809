"""The inspector: the meeting's metadata form above the selected section's options.

Every field commits an undoable edit through the editor. The template picker lists the
bundled templates plus "Other…" for a user .pptx/.potx; choosing one checks how its layouts
map to slide roles and shows the warnings (python-pptx is imported only then); its "Layouts…"
button opens the template's report (:mod:`.template_report_view`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.pack.date_text import show_date
from briefing_builder.pack.template_place import template_reference
from briefing_builder.paths import templates_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.markings import marking_options
from briefing_builder.store.schema import Meeting
from briefing_builder.ui import dialogs
from briefing_builder.ui.date_field import DateField
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.section_form import SectionForm

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.render.template_report import TemplateReport

LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl")
OTHER_TEMPLATE = "Other…"


class WideListCombo(QComboBox):
    """A combo box whose drop-down list is as wide as its longest item (within the screen), not
    as narrow as the field: "CONFIDENTIEL UE/EU CONFIDENTIAL + LIMITE" is read whole."""

    def showPopup(self) -> None:  # noqa: N802 - Qt API name
        """Widen the list to its items, then open it."""
        view = self.view()
        widest = max((view.sizeHintForColumn(0), *(view.fontMetrics().horizontalAdvance(self.itemText(i))
                                                     for i in range(self.count()))), default=0)
        wanted = widest + view.verticalScrollBar().sizeHint().width() + 4 * view.frameWidth() + \
            self.fontMetrics().averageCharWidth() * 2
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else wanted
        view.setMinimumWidth(min(max(wanted, self.width()), room))
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        super().showPopup()


def bundled_templates() -> list[str]:
    """Names of the bundled templates (``briefing-16x9`` …)."""
    folder = templates_dir()
    return sorted({p.stem for pattern in ("*.pptx", "*.potx") for p in folder.glob(pattern)})


def template_report(name: str | None, catalog: Catalog | None = None) -> TemplateReport | str:
    """The chosen template's report (roles → layouts, fonts, warnings), or why it cannot be used.

    Imports python-pptx (only when a template is chosen or its report opened).
    """
    from briefing_builder.pipeline import BuildError, resolve_template
    from briefing_builder.render.template import TemplateError
    from briefing_builder.render.template_report import inspect_template

    try:
        return inspect_template(resolve_template(name, catalog, from_store=True))
    except (BuildError, TemplateError) as exc:
        return str(exc)
    except Exception as exc:  # a damaged file must not take the app down
        return f"The template cannot be read: {exc}"


def template_warnings(name: str | None, catalog: Catalog | None = None) -> list[str]:
    """Layout-mapping warnings of a template, or the reason it cannot be used."""
    report = template_report(name, catalog)
    return [report] if isinstance(report, str) else list(report.warnings)


def template_row(picker: QComboBox, show_report: Callable[[], None]) -> QWidget:
    """The template picker with its "Layouts…" button, which opens the template's report."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(picker, 1)
    button = QPushButton("Layouts…")
    button.setAccessibleName("Template report")
    button.setToolTip("Which layout each kind of slide uses, the fonts, and what a build on this template "
                      "will warn about")
    button.clicked.connect(show_report)
    line.addWidget(button)
    return row


class MeetingForm(QGroupBox):
    """Title, meeting body, date, venue, marking, presenter, language, template and pack id."""

    problemsChanged = Signal()  # a field's typed text started or stopped failing to read

    def __init__(self, editor: PackEditor, parent: QWidget | None = None) -> None:
        super().__init__("Meeting", parent)
        self.editor = editor
        self.refreshers: list[Callable[[], None]] = []
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = self._line(form, "&Title", "title", required=True)  # not ``title``: QGroupBox.title()
        self.body = self._line(form, "Meeting &body", "body", required=True)
        self.date = DateField()
        self.date.setAccessibleName("Meeting date")
        self.date.dateChanged.connect(self._date_changed)
        self.date.problemChanged.connect(lambda _problem: self.problemsChanged.emit())
        form.addRow("&Date", self.date)
        self.refreshers.append(self._show_date)
        self.venue = self._line(form, "&Venue", "venue")
        self.marking = self._combo(form, "&Marking", "marking",
                                   tuple(marking_options(editor.catalog.meta.markings, editor.pack.meeting.language)))
        self.marking.setToolTip("Security or distribution marking from the store's catalogue, printed on every "
                                "slide, notes page and annex page (leave empty for none)")
        self.reference = self._line(form, "&Reference", "reference")
        self.reference.setToolTip("Document reference (registration number), e.g. WK 1234/2026 INIT; "
                                  "shown in the footer. Classified packs need one.")
        self.presenter = self._line(form, "&Presenter", "presenter")
        self.language = self._combo(form, "&Language", "language", LANGUAGES)
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        self.template.addItems([*bundled_templates(), OTHER_TEMPLATE])
        self.template.activated.connect(self._template_chosen)
        form.addRow("Te&mplate", template_row(self.template, self.show_template_report))
        self.refreshers.append(self._show_template)
        self.template_notes = QLabel()
        self.template_notes.setWordWrap(True)
        self.template_notes.setTextFormat(Qt.TextFormat.RichText)
        self.template_notes.linkActivated.connect(lambda _link: self.show_template_report())
        self.template_notes.setAccessibleName("Template layout warnings")
        self.template_notes.setVisible(False)
        form.addRow("", self.template_notes)
        self.pack_id = QLineEdit()
        self.pack_id.setAccessibleName("Pack id (names the output files)")
        self.pack_id.setToolTip("Lower-case letters, digits and hyphens; the deck is written as <id>.pptx")
        self.pack_id.editingFinished.connect(self._commit_pack_id)
        form.addRow("Pack &id", self.pack_id)
        self.refreshers.append(self._show_pack_id)
        editor.packChanged.connect(self.refresh)
        self.refresh()

    def _commit_pack_id(self) -> None:
        if not self.editor.set_pack_id(self.pack_id.text().strip()):
            self.refresh()

    def _show_pack_id(self) -> None:
        if self.pack_id.text() != self.editor.pack.id:
            self.pack_id.setText(self.editor.pack.id)

    def _line(self, form: QFormLayout, label: str, field: str, required: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(f"Meeting {field}")
        form.addRow(label, edit)

        def commit() -> None:
            text = edit.text().strip()
            if not self.editor.set_meeting_field(field, text if required else (text or None)):
                self.refresh()

        def show() -> None:
            value = getattr(self.editor.pack.meeting, field) or ""
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)

        edit.editingFinished.connect(commit)
        self.refreshers.append(show)
        return edit

    def _combo(self, form: QFormLayout, label: str, field: str, values: tuple[str, ...]) -> QComboBox:
        combo = WideListCombo(editable=True)
        combo.addItems(list(values))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)  # long markings do not widen the inspector
        combo.setAccessibleName(f"Meeting {field}")
        form.addRow(label, combo)

        def commit() -> None:
            text = combo.currentText().strip()
            value = text or (Meeting.model_fields[field].default if field == "language" else None)
            if not self.editor.set_meeting_field(field, value):
                self.refresh()

        def show() -> None:
            value = getattr(self.editor.pack.meeting, field) or ""
            if combo.currentText() != value:
                combo.blockSignals(True)
                combo.setCurrentText(value)
                combo.blockSignals(False)

        combo.activated.connect(lambda _: commit())
        line = combo.lineEdit()  # editable: always there
        if line is not None:
            line.editingFinished.connect(commit)
        self.refreshers.append(show)
        return combo

    def _show_date(self) -> None:
        value = self.editor.pack.meeting.date
        self.date.set_language(self.editor.pack.meeting.language)
        qdate = QDate(value.year, value.month, value.day)
        if self.date.date() != qdate:
            self.date.blockSignals(True)
            self.date.setDate(qdate)
            self.date.blockSignals(False)

    def _date_changed(self, value: QDate) -> None:
        self.editor.set_meeting_field("date", dt.date(value.year(), value.month(), value.day()))

    def _show_template(self) -> None:
        name = self.editor.pack.meeting.template or self.editor.catalog.meta.default_template or ""
        shown = Path(name).name if Path(name).suffix else name
        if self.template.findText(shown) < 0:
            self.template.insertItem(self.template.count() - 1, shown, name)
        self.template.setCurrentIndex(self.template.findText(shown))

    def _template_chosen(self, row: int) -> None:
        if self.template.itemText(row) == OTHER_TEMPLATE:
            chosen = dialogs.template_file(self, self.template_folder())
            if chosen is None:
                self.refresh()
                return
            value = template_reference(chosen, self.editor.catalog.root)  # relative inside the store: it travels
        else:
            value = self.template.itemData(row) or self.template.itemText(row)
        self.editor.set_meeting_field("template", value)
        self.check_template()

    def template_folder(self) -> Path | None:
        """Where Template → Other… starts: the store's templates folder, else the store (not the bundled one)."""
        catalog = self.editor.catalog
        if catalog.read_only:
            return None
        return catalog.root / "templates" if (catalog.root / "templates").is_dir() else catalog.root

    def check_template(self) -> list[str]:
        """Show one line about the chosen template's layout-mapping warnings (all of them in its tooltip
        and in the template report, which the line's link opens), or that it maps cleanly."""
        warnings = template_warnings(self.editor.pack.meeting.template, self.editor.catalog)
        notes = self.template_notes
        if len(warnings) > 1:
            notes.setText(f'⚠ {len(warnings)} template warnings — <a href="report">show all</a>')
        else:
            notes.setText(escape(f"⚠ {warnings[0]}") if warnings
                          else "✓ Every slide role has a layout in this template.")
        notes.setToolTip("\n".join(f"⚠ {w}" for w in warnings))
        notes.setVisible(True)
        return warnings

    def show_template_report(self) -> None:
        """Open the chosen template's report: which layout each kind of slide uses, fonts, warnings."""
        report = template_report(self.editor.pack.meeting.template, self.editor.catalog)
        if isinstance(report, str):
            dialogs.error(self, "Template cannot be read", report)
        else:
            dialogs.template_report(self, report)

    def commit_typing(self) -> None:
        """Read what is typed in the date field now (before an export started by a shortcut)."""
        self.date.commit()

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong and what to type) for every field whose typed text is not used."""
        if not self.date.problem:
            return []
        kept = show_date(self.editor.pack.meeting.date, self.editor.pack.meeting.language)
        return [("Meeting date", f"{self.date.problem} Until then the pack keeps {kept}.")]

    def refresh(self) -> None:
        """Show the pack's meeting values."""
        for show in self.refreshers:
            show()


class Inspector(QScrollArea):
    """Meeting form and section options in one scrollable column."""

    def __init__(self, editor: PackEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Inspector")
        inner = QWidget()
        self.meeting = MeetingForm(editor)
        self.section_box = QGroupBox("Selected section")
        self.section = SectionForm(editor)
        box = QVBoxLayout(self.section_box)
        box.addWidget(self.section)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.meeting)
        layout.addWidget(self.section_box)
        layout.addStretch(1)
        self.setWidget(inner)
        editor.packChanged.connect(self.section.refresh)
        editor.documentReplaced.connect(lambda: self.meeting.template_notes.setVisible(False))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API name
        """As wide as the forms need (fields never cut off), as short as a few rows."""
        forms = self.widget()
        inner = forms.minimumSizeHint() if forms is not None else QSize()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth(),
                     self.fontMetrics().height() * 8)

    def show_section(self, index: int) -> None:
        """Show the options of section ``index``."""
        self.section.show_section(index)
