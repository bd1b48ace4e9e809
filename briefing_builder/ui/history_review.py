"""The sync conflicts in the review dialog the annex import uses, field by field.

Each conflict of a sync (both sides changed one field) is a row with the value both started
from, *mine* (what the store holds now) and *theirs*; ticking a row takes their value,
leaving it unticked keeps mine. "Resolve" closes the dialog with a choice for every row —
:meth:`SyncReview.choices` — which :mod:`.history_actions` applies on its worker thread
(:func:`~briefing_builder.history.sync.resolve`). Nothing is lost either way: the value not
kept stays in the store's history (their commit is a parent of the merge).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QWidget

from briefing_builder.annex.changes import ChangeSet, FieldChange
from briefing_builder.annex.merge import Verdict
from briefing_builder.history.record_merge import WHOLE_FILE, Conflict
from briefing_builder.ui.annex_review import WHERE, ImportReview

SYNC_HEADERS = ("Take theirs", "Kind", "Record", "Field", "Before both edits", "Mine (in the store now)", "Theirs",
                "File")


def conflict_change_set(conflicts: list[Conflict], store_root: Path, remote: str) -> ChangeSet:
    """The conflicts as a change set of the shared review: one conflict row per field."""
    edits = [FieldChange(record_id=c.record or c.path, where=c.path, column=c.field, old=c.mine, new=c.theirs,
                         path=store_root / c.path, field=None if c.field == WHOLE_FILE else c.field,
                         kind=Verdict.CONFLICT, sent=c.base)
             for c in conflicts]
    return ChangeSet(annex=Path(remote), pack_id="", edits=edits,
                     baseline="Each value not kept stays in the store's history.")


class SyncReview(ImportReview):
    """Both values of every field a sync could not merge; ticked rows take theirs."""

    def __init__(self, conflicts: list[Conflict], store_root: Path, remote: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(conflict_change_set(conflicts, store_root, remote), store_root, parent)
        self.conflicts = list(conflicts)
        self.setWindowTitle(f"Sync conflicts — {remote}")
        self.setAccessibleName("Choose, field by field, between your value and theirs")
        self.edits.setHeaderLabels(list(SYNC_HEADERS))
        self.edits.setColumnWidth(0, self.fontMetrics().horizontalAdvance(SYNC_HEADERS[0]) + 40)
        heading = self.findChild(QLabel)  # the shared dialog's summary line
        assert heading is not None
        heading.setText(
            f"<b>{len(conflicts)} field(s)</b> were changed both here and in the shared store <b>{remote}</b>. "
            "Tick a row to take <b>their</b> value; an unticked row keeps <b>yours</b> (what the store holds now). "
            "<b>Resolve</b> applies every choice, then the merge is saved and sent. Nothing is lost: the value not "
            "kept stays in the store's history.")
        self.tabs.setTabText(0, f"&Conflicts ({len(conflicts)})")
        while self.tabs.count() > 1:
            self.tabs.removeTab(1)  # no delegation input, every row is a record's field
        self.accept_all.setText("Take all &theirs")
        self.accept_all.setAccessibleName("Take their value in every row")
        self.reject_all.setText("Keep all &mine")
        self.reject_all.setAccessibleName("Keep your value in every row")
        for (item, edit), conflict in zip(self.items, self.conflicts):
            item.setToolTip(0, "Ticked: take their value; unticked: keep yours")
            line = record_line(store_root / conflict.path, conflict.record)
            item.setText(WHERE, conflict.path + (f":{line}" if line else ""))
            item.setToolTip(WHERE, item.text(WHERE))
            edit.line = line
        self.apply_button.setAccessibleName("Resolve every conflict as chosen")
        self._update_button()

    def set_all(self, accepted: bool) -> None:
        """Take theirs in every row (``True``) or keep mine in every row (``False``)."""
        for index in range(len(self.items)):
            self.set_accepted(index, accepted)

    def choices(self) -> tuple[list[Conflict], list[Conflict]]:
        """(the conflicts that take theirs, those that keep mine) — every row is one of them."""
        theirs = [c for (item, _edit), c in zip(self.items, self.conflicts)
                  if item.checkState(0) == Qt.CheckState.Checked]
        return theirs, [c for c in self.conflicts if c not in theirs]

    def _show_detail(self, current: QTreeWidgetItem | None) -> None:
        index = next((i for i, (item, _edit) in enumerate(self.items) if item is current), None)
        if index is None:
            self.detail.clear()
            return
        conflict = self.conflicts[index]
        lines = [f"{conflict.record or conflict.path} · {conflict.field} ({self.items[index][0].text(WHERE)})"]
        for name, value in (("before: ", conflict.base), ("mine:   ", conflict.mine), ("theirs: ", conflict.theirs)):
            lines += [f"{name}{line}" for line in value.splitlines() or [""]]
        self.detail.setPlainText("\n".join(lines))

    def _update_button(self) -> None:
        if not hasattr(self, "conflicts"):  # the base class's first call, before this dialog is set up
            super()._update_button()
            return
        count = len(self.accepted_changes())
        self.apply_button.setText(f"&Resolve (theirs: {count}, mine: {len(self.conflicts) - count})")
        self.apply_button.setEnabled(True)


def record_line(path: Path, record: str) -> int | None:
    """The line of ``path`` that starts the record ``record`` (its ``id:``), if it is there."""
    if not record:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^[ -]*id:\s*[\"']?{re.escape(record)}[\"']?\s*(#.*)?$")
    return next((number for number, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)
