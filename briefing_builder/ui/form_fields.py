"""Editors for the fields of a library record form, each with its own error line.

Every field widget shows a label's buddy editor and, under it, a red error label that the
form fills from pydantic's messages. ``value()`` gives what the schema expects (or ``None``
for "left empty"); ``set_value()`` shows a record's value; ``changed`` fires on every edit
so the form can validate as the user types.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class Field(QWidget):
    """Base: an editor plus an error line. Subclasses set ``self.editor`` and implement value/set_value."""

    changed = Signal()
    editor: QWidget  # each subclass narrows it to its own widget

    def __init__(self, name: str, label: str, tip: str = "") -> None:
        super().__init__()
        self.name = name
        self.label = label
        self.error = QLabel()
        self.error.setObjectName(f"{name}-error")
        self.error.setAccessibleName(f"{label.replace('&', '')} error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)  # the editor level with its label
        self._tip = tip

    def _set_editor(self, editor: QWidget) -> None:
        self.editor = editor
        editor.setObjectName(self.name)
        editor.setAccessibleName(self.label.replace("&", ""))
        if self._tip:
            editor.setToolTip(self._tip)
        self._layout.insertWidget(0, editor)
        self._layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        """Show ``message`` under the field ("" hides it)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setAccessibleDescription(message)

    def value(self) -> Any:  # pragma: no cover - abstract
        """The value for the schema; ``None`` when left empty."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        """Show ``value``."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Lock the field (an id while editing)."""
        self.editor.setEnabled(not read_only)


class LineField(Field):
    """One line of text (names, codes, ids, dates written 2026-01-12)."""

    editor: QLineEdit

    def __init__(self, name: str, label: str, tip: str = "", placeholder: str = "") -> None:
        super().__init__(name, label, tip)
        edit = QLineEdit(placeholderText=placeholder)
        edit.textChanged.connect(lambda _t: self.changed.emit())
        self._set_editor(edit)

    def value(self) -> str | None:
        """The text, ``None`` when blank."""
        text = self.editor.text()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        """Show a string, number or date."""
        self.editor.setText("" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value))


class MultiLineField(Field):
    """Base of the fields edited as several lines of plain text."""

    editor: QPlainTextEdit

    def __init__(self, name: str, label: str, tip: str = "", lines: int = 3) -> None:
        super().__init__(name, label, tip)
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        edit.textChanged.connect(self.changed.emit)
        self._set_editor(edit)


class TextField(MultiLineField):
    """Several lines of markup text (line breaks become spaces in the deck)."""

    def value(self) -> str | None:
        """The text, ``None`` when blank."""
        text = self.editor.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        """Show a text."""
        self.editor.setPlainText(value or "")


class ListField(MultiLineField):
    """A list of short texts, one per line (sources, lead, tags, cooperation areas)."""

    def value(self) -> list[str]:
        """The non-blank lines."""
        return [line.strip() for line in self.editor.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        """Show a list, one item per line."""
        self.editor.setPlainText("\n".join(value or []))


def points_to_text(points: list[Any], depth: int = 0) -> str:
    """Sub-points as lines: ``text`` at the top level, ``- text`` one level down, ``- - text`` two."""
    lines = []
    for point in points:
        lines.append("- " * depth + point.text)
        if point.sub_points:
            lines.append(points_to_text(point.sub_points, depth + 1))
    return "\n".join(lines)


def text_to_points(text: str) -> list[dict[str, Any]]:
    """Parse :func:`points_to_text` lines back into nested ``{text, sub_points}`` mappings."""
    root: list[dict[str, Any]] = []
    stack: list[list[dict[str, Any]]] = [root]
    for raw in text.splitlines():
        line = raw.strip()
        depth = 0
        while line.startswith("- ") or line == "-":
            depth += 1
            line = line[2:].lstrip()
        if not line:
            continue
        depth = min(depth, len(stack) - 1)  # a line cannot go deeper than one below the previous
        del stack[depth + 1:]
        point: dict[str, Any] = {"text": line, "sub_points": []}
        stack[depth].append(point)
        stack.append(point["sub_points"])
    return root


class PointsField(MultiLineField):
    """Sub-points, one per line; a leading ``- `` puts a line under the one above."""

    def value(self) -> list[dict[str, Any]]:
        """Nested sub-point mappings."""
        return text_to_points(self.editor.toPlainText())

    def set_value(self, value: Any) -> None:
        """Show sub-points as lines."""
        self.editor.setPlainText(points_to_text(value or []))


class ChoiceField(Field):
    """A drop-down of fixed values; the first entry may stand for "not set"."""

    editor: QComboBox

    def __init__(self, name: str, label: str, choices: list[tuple[str, str]], tip: str = "") -> None:
        super().__init__(name, label, tip)
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._set_editor(combo)

    def value(self) -> str | None:
        """The chosen value (``None`` for "not set")."""
        return self.editor.currentData() or None

    def set_value(self, value: Any) -> None:
        """Choose ``value`` (an enum or text); an unknown value is added so it is not lost."""
        value = getattr(value, "value", value) or ""
        index = self.editor.findData(value)
        if index < 0:
            self.editor.addItem(str(value), value)
            index = self.editor.count() - 1
        self.editor.setCurrentIndex(index)


class CheckField(Field):
    """A yes/no option; "no" is left out of the record (the schema's default)."""

    editor: QCheckBox

    def __init__(self, name: str, label: str, text: str, tip: str = "") -> None:
        super().__init__(name, label, tip)
        box = QCheckBox(text)
        box.toggled.connect(lambda _on: self.changed.emit())
        self._set_editor(box)

    def value(self) -> bool | None:
        """``True`` when ticked, else ``None`` (not written)."""
        return True if self.editor.isChecked() else None

    def set_value(self, value: Any) -> None:
        """Tick the box for a true value."""
        self.editor.setChecked(bool(value))


class IntField(Field):
    """A whole number in a range."""

    editor: QSpinBox

    def __init__(self, name: str, label: str, low: int, high: int, tip: str = "") -> None:
        super().__init__(name, label, tip)
        spin = QSpinBox(minimum=low, maximum=high)
        spin.valueChanged.connect(lambda _v: self.changed.emit())
        self._set_editor(spin)

    def value(self) -> int:
        """The number."""
        return self.editor.value()

    def set_value(self, value: Any) -> None:
        """Show a number."""
        self.editor.setValue(int(value or 0))


class ChecksField(Field):
    """A checkable list of ids (a measure's countries, a milestone's areas); checked ones first."""

    editor: QListWidget

    def __init__(self, name: str, label: str, choices: list[tuple[str, str]], tip: str = "") -> None:
        super().__init__(name, label, tip)
        self._choices = dict(choices)
        view = QListWidget()
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setFixedHeight(view.fontMetrics().lineSpacing() * 6 + 12)
        view.itemChanged.connect(lambda _i: self.changed.emit())
        self._set_editor(view)
        self.set_value([])

    def value(self) -> list[str]:
        """The checked ids, in list order (kept ids keep their order)."""
        view = self.editor
        return [view.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.count())
                if view.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, value: Any) -> None:
        """Check ``value`` (listed first, in its order), then every other choice unchecked."""
        view = self.editor
        view.blockSignals(True)
        view.clear()
        checked = list(value or [])
        for record_id in [*checked, *(c for c in self._choices if c not in checked)]:
            item = QListWidgetItem(self._choices.get(record_id, f"{record_id} (not in the store)"))
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if record_id in checked else Qt.CheckState.Unchecked)
            view.addItem(item)
        view.blockSignals(False)
        self.changed.emit()

    def set_checked(self, record_id: str, checked: bool = True) -> None:
        """Tick or untick one id (used by keyboard users' tests and scripts)."""
        view = self.editor
        for i in range(view.count()):
            if view.item(i).data(Qt.ItemDataRole.UserRole) == record_id:
                view.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class TableField(Field):
    """Rows of sub-records (key figures, instruments) with Add/Remove row buttons.

    ``columns`` are ``(key, header, kind)`` with kind ``text``, ``number`` (a number, or a
    text such as "n/a"), ``bool`` (a check box) or ``series`` (``2021=8; 2022=9``).
    """

    editor: QTableWidget

    def __init__(self, name: str, label: str, columns: list[tuple[str, str, str]], tip: str = "") -> None:
        super().__init__(name, label, tip)
        self.columns = columns
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels([header for _k, header, _kind in columns])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setFixedHeight(table.fontMetrics().lineSpacing() * 8)
        table.itemChanged.connect(lambda _i: self.changed.emit())
        self._set_editor(table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(f"Add {label.replace('&', '').lower().rstrip('s')}")
        self.add_button.setAccessibleName(f"Add a row to {label.replace('&', '')}")
        self.remove_button = QPushButton("Remove row")
        self.remove_button.setAccessibleName(f"Remove the selected row of {label.replace('&', '')}")
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self._layout.insertLayout(1, buttons)

    def add_row(self, values: dict[str, Any]) -> None:
        """Append a row showing ``values``."""
        table = self.editor
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        for col, (key, _header, kind) in enumerate(self.columns):
            value = values.get(key)
            item = QTableWidgetItem()
            if kind == "bool":
                flags = Qt.ItemFlag
                item.setFlags(flags.ItemIsUserCheckable | flags.ItemIsEnabled | flags.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            elif kind == "series":
                item.setText("; ".join(f"{p.label}={_number_text(p.value)}" for p in value or []))
            elif isinstance(value, dt.date):
                item.setText(value.isoformat())
            else:
                item.setText("" if value is None else _number_text(value) if kind == "number" else str(value))
            table.setItem(row, col, item)
        table.blockSignals(False)
        self.changed.emit()

    def remove_row(self) -> None:
        """Remove the current row."""
        row = self.editor.currentRow()
        if row >= 0:
            self.editor.removeRow(row)
            self.changed.emit()

    def value(self) -> list[dict[str, Any]]:
        """One mapping per row; empty cells are left out so the schema reports missing ones."""
        rows = []
        for row in range(self.editor.rowCount()):
            data: dict[str, Any] = {}
            for col, (key, _header, kind) in enumerate(self.columns):
                item = self.editor.item(row, col)
                if kind == "bool":
                    data[key] = item is not None and item.checkState() == Qt.CheckState.Checked
                    continue
                text = item.text().strip() if item is not None else ""
                if not text:
                    continue
                data[key] = _series(text) if kind == "series" else _number(text) if kind == "number" else text
            rows.append(data)
        return rows

    def set_value(self, value: Any) -> None:
        """Show a list of sub-records."""
        self.editor.setRowCount(0)
        for record in value or []:
            self.add_row({key: getattr(record, key, None) for key, _h, _k in self.columns})


def _number_text(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _number(text: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(text.replace(",", "."))
        except ValueError:
            pass
    return text


def _series(text: str) -> list[dict[str, Any]] | str:
    points = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        label, sep, value = part.partition("=")
        if not sep:
            return text  # not a series: the schema says why
        points.append({"label": label.strip(), "value": _number(value.strip())})
    return points
