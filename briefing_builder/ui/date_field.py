"""A date field that takes a whole typed date, with the calendar one click away.

``QDateEdit`` edits a date section by section: with the cursor at the start of
"1 December 2026", typing "3" gives "31 December", and a whole typed date is refused. This
field is a line edit read by :func:`~briefing_builder.pack.date_text.parse_date` when editing
finishes ("4 March 2026", "04/03/2026", "2026-03-04" …, month names also in the pack's language set by
:meth:`DateField.set_language`, in which the date is shown: "4 mars 2026"), with a calendar button beside it;
entering the field selects the whole date, so typing replaces it.
Text that is not a date is kept for correcting, marked, and explained in the tooltip and
``problem``; the date does not change until it reads.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from briefing_builder.pack.date_text import EXAMPLE, DateTextError, example, parse_date, show_date


def hint(language: str = "en") -> str:
    """The field's tooltip: how to type a date (month names of ``language`` too)."""
    return f"Type a date ({example(language)}) or pick one in the calendar"


class DateField(QWidget):
    """``date()`` / ``setDate(QDate)`` and ``dateChanged(QDate)`` like ``QDateEdit``."""

    dateChanged = Signal(QDate)
    problemChanged = Signal(object)  # the new ``problem`` (None once the text reads as a date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setToolTip(hint())
        self.edit.setPlaceholderText("4 March 2026")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Pick the date in a calendar")
        self.button.setAccessibleName("Open the calendar")
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.problem: str | None = None
        self.language = "en"
        self._date = QDate.currentDate()
        self._show()
        self.edit.editingFinished.connect(self._read)
        self.edit.installEventFilter(self)
        def chosen(value: QDate) -> None:
            menu.close()
            self._set(value)

        self.calendar.clicked.connect(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API name
        """Entering the field selects the whole date, so typing replaces it (not one digit of it)."""
        if watched is self.edit and event.type() == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self.edit.selectAll)
        return False

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API name
        """Name the text field (what a screen reader announces)."""
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def set_language(self, language: str) -> None:
        """Show the date in ``language`` and also read its month names ("4 mars 2026" for ``fr``); text
        still being corrected stays as typed."""
        if language != self.language:
            self.language = language
            self._show_tip()
            self.edit.setPlaceholderText(show_date(EXAMPLE, language))
            if self.problem is None:
                self._show()

    def date(self) -> QDate:
        """The current date."""
        return self._date

    def setDate(self, value: QDate) -> None:  # noqa: N802 - the QDateEdit name
        """Show ``value`` (emits ``dateChanged`` unless signals are blocked)."""
        self._set(value)

    def _set(self, value: QDate) -> None:
        changed = value != self._date
        self._date = value
        self._mark(None)
        self._show()
        if changed:
            self.dateChanged.emit(value)

    def _show(self) -> None:
        self.edit.setText(show_date(dt.date(self._date.year(), self._date.month(), self._date.day()), self.language))
        self.calendar.setSelectedDate(self._date)

    def commit(self) -> None:
        """Read the typed text now (a shortcut such as Ctrl+E does not end the editing first)."""
        self._read()

    def _read(self) -> None:
        text = self.edit.text()
        try:
            value = parse_date(text, self.language)
        except DateTextError as exc:
            self._mark(str(exc))
            return
        self._set(QDate(value.year, value.month, value.day))

    def _show_tip(self) -> None:
        self.edit.setToolTip(f"{self.problem}\n{hint(self.language)}" if self.problem else hint(self.language))

    def _mark(self, problem: str | None) -> None:
        changed = problem != self.problem
        self.problem = problem
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #c0392b; }" if problem else "")
        self._show_tip()
        if changed:
            self.problemChanged.emit(problem)
