"""The options of the selected section, as a small form built per section type.

Each field commits one undoable edit through the editor. Values are refreshed in place
(without re-emitting) when the pack changes, so typing is never interrupted. For an area
section the measures are a checkable list: unticked measures are left off the slide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from briefing_builder.pack.document import SECTION_LABELS, markup_plain
from briefing_builder.store.schema import AreaSection, Section
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.models import DANGLING_COLOUR

# field, label, kind — kinds: text, optional, markup, bool, year, consultation, bullets, measures
FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "title": (("subtitle", "Subtitle", "optional"),),
    "agenda": (("title", "Title", "text"), ("note", "Note", "markup")),
    "section": (("title", "Title", "text"), ("subtitle", "Subtitle", "optional")),
    "consultation": (("consultation", "Consultation", "consultation"), ("title", "Title", "optional")),
    "area": (("title", "Slide title", "optional"), ("show_main_goals", "Show main goals", "bool"),
             ("measures", "Measures", "measures")),
    "country": (("figures", "Show key figures", "bool"), ("chart", "Chart figure series", "bool")),
    "milestones": (("title", "Title", "text"), ("from_year", "From year", "year"), ("to_year", "To year", "year")),
    "text": (("title", "Title", "text"), ("bullets", "Bullets (one a line)", "bullets")),
    "changes": (("title", "Title", "optional"), ("since", "Since", "optional")),
    "closing": (("title", "Title", "text"), ("subtitle", "Subtitle", "optional")),
}


class SectionForm(QWidget):
    """Editors for the options of one section; rebuilt when another section is selected."""

    def __init__(self, editor: PackEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.index = -1
        self.kind = ""
        self.setters: dict[str, Callable[[Section], None]] = {}
        self.widgets: dict[str, QWidget] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.layout_.addRow(self.heading)
        self.show_section(-1)

    # ------------------------------------------------------------------ building

    def show_section(self, index: int) -> None:
        """Show the options of section ``index`` (-1: none)."""
        sections = self.editor.pack.sections
        section = sections[index] if 0 <= index < len(sections) else None
        kind = section.type if section else ""
        if (index, kind) != (self.index, self.kind):
            self._rebuild(index, section)
        if section is not None:
            self.refresh()

    def _rebuild(self, index: int, section: Section | None) -> None:
        while self.layout_.rowCount() > 1:
            self.layout_.removeRow(1)
        self.setters.clear()
        self.widgets.clear()
        self.index, self.kind = index, section.type if section else ""
        if section is None:
            self.heading.setText("Select a section in the outline to see its options.")
            return
        for field, label, kind in FIELDS.get(section.type, ()):
            widget = getattr(self, f"_make_{kind}")(field)
            widget.setAccessibleName(label)
            self.widgets[field] = widget
            self.layout_.addRow(label, widget)
        anchor = self._make_optional("id")
        anchor.setPlaceholderText("optional, for [slide {n}](#id) references")
        anchor.setAccessibleName("Anchor id")
        self.widgets["id"] = anchor
        self.layout_.addRow("Anchor id", anchor)

    def refresh(self) -> None:
        """Put the current section's values into the editors without committing anything."""
        sections = self.editor.pack.sections
        if not 0 <= self.index < len(sections) or sections[self.index].type != self.kind:
            self.show_section(-1)
            return
        section = sections[self.index]
        self.heading.setText(f"<b>{SECTION_LABELS.get(section.type, section.type)} section</b> — "
                             f"{self.index + 1} of {len(sections)} in the pack")
        for setter in self.setters.values():
            setter(section)

    def _commit(self, field: str, value: Any) -> None:
        in_pack = 0 <= self.index < len(self.editor.pack.sections)
        if in_pack and not self.editor.set_section_field(self.index, field, value):
            self.refresh()

    # ------------------------------------------------------------------ editors per kind

    def _line(self, field: str, optional: bool) -> QLineEdit:
        edit = QLineEdit()

        def commit() -> None:
            text = edit.text().strip()
            self._commit(field, (text or None) if optional else text)

        def show(section: Section) -> None:
            value = getattr(section, field) or ""
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)

        edit.editingFinished.connect(commit)
        self.setters[field] = show
        return edit

    def _make_text(self, field: str) -> QLineEdit:
        return self._line(field, optional=False)

    def _make_optional(self, field: str) -> QLineEdit:
        return self._line(field, optional=True)

    def _plain(self, field: str, to_value: Callable[[str], Any], to_text: Callable[[Section], str]) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 5)

        def show(section: Section) -> None:
            text = to_text(section)
            if edit.toPlainText() != text:
                edit.blockSignals(True)
                edit.setPlainText(text)
                edit.blockSignals(False)

        edit.textChanged.connect(lambda: self._commit(field, to_value(edit.toPlainText())))
        self.setters[field] = show
        return edit

    def _make_markup(self, field: str) -> QPlainTextEdit:
        return self._plain(field, lambda text: text.strip() or None, lambda s: getattr(s, field) or "")

    def _make_bullets(self, field: str) -> QWidget:
        section = self.editor.pack.sections[self.index]
        if any(item.sub_points for item in getattr(section, field)):
            note = QLabel("This slide's bullets have sub-points; edit them in the pack file.")
            note.setWordWrap(True)
            return note
        return self._plain(field, lambda text: [line.strip() for line in text.splitlines() if line.strip()],
                           lambda s: "\n".join(item.text for item in getattr(s, field)))

    def _make_bool(self, field: str) -> QCheckBox:
        box = QCheckBox()

        def show(section: Section) -> None:
            box.blockSignals(True)
            box.setChecked(bool(getattr(section, field)))
            box.blockSignals(False)

        box.toggled.connect(lambda checked: self._commit(field, checked))
        self.setters[field] = show
        return box

    def _make_year(self, field: str) -> QSpinBox:
        spin = QSpinBox(minimum=1900, maximum=2200)

        def show(section: Section) -> None:
            spin.blockSignals(True)
            spin.setValue(int(getattr(section, field)))
            spin.blockSignals(False)

        spin.editingFinished.connect(lambda: self._commit(field, spin.value()))
        self.setters[field] = show
        return spin

    def _make_consultation(self, field: str) -> QComboBox:
        combo = QComboBox()
        for consultation in self.editor.catalog.consultations.values():
            combo.addItem(consultation.title, consultation.id)

        def show(section: Section) -> None:
            value = getattr(section, field)
            combo.blockSignals(True)
            if combo.findData(value) < 0:
                combo.addItem(f"{value} (missing from the store)", value)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

        combo.currentIndexChanged.connect(lambda _: self._commit(field, combo.currentData()))
        self.setters[field] = show
        return combo

    def _make_measures(self, field: str) -> QListWidget:
        listing = QListWidget()
        listing.setToolTip("Tick the measures to show on the slide")
        listing.setMaximumHeight(listing.fontMetrics().lineSpacing() * 12)

        def show(section: Section) -> None:
            assert isinstance(section, AreaSection)
            area = self.editor.catalog.areas.get(section.area)
            measures = area.measures if area else []
            chosen = section.measures if section.measures is not None else [m.id for m in measures]
            listing.blockSignals(True)
            listing.clear()
            for measure in measures:
                item = QListWidgetItem(markup_plain(measure.text, 90))
                item.setData(Qt.ItemDataRole.UserRole, measure.id)
                item.setToolTip(markup_plain(measure.text))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if measure.id in chosen else Qt.CheckState.Unchecked)
                listing.addItem(item)
            for missing in [m for m in chosen if m not in {x.id for x in measures}]:
                item = QListWidgetItem(f"{missing} (no longer in this area)")
                item.setData(Qt.ItemDataRole.UserRole, missing)
                item.setForeground(QBrush(DANGLING_COLOUR))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                listing.addItem(item)
            listing.blockSignals(False)

        def changed(_: QListWidgetItem) -> None:
            section = self.editor.pack.sections[self.index]
            if not isinstance(section, AreaSection):
                return
            area = self.editor.catalog.areas.get(section.area)
            ticked = [listing.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listing.count())
                      if listing.item(i).checkState() == Qt.CheckState.Checked]
            every = [m.id for m in area.measures] if area else None
            self._commit(field, None if ticked == every else ticked)

        listing.itemChanged.connect(changed)
        self.setters[field] = show
        return listing
