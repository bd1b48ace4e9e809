"""The import review dialog shows proposals, conflicts (with the three values) and unmatched rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_builder.annex import service
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from briefing_builder.ui.annex_review import ImportReview
from tests.annex.returns import build, type_into, where

AREA = "areas/02-strong-borders.yaml"


@pytest.fixture
def changes(tmp_path: Path) -> service.ChangeSet:
    """A return with a proposal (Timeline), a conflict (Measure, also changed in the store)
    and a duplicated ID."""
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    annex = build(store, tmp_path / "out")
    row = int(where(annex, "Measures", "border-technology", "ID")[1:])
    type_into(annex, "Measures", {where(annex, "Measures", "new-eibm-strategy", "Measure"): "EIBM in 2030",
                                  where(annex, "Measures", "frontex-regulation-revision", "Timeline"): "2027",
                                  f"A{row}": "control-of-access"})
    path = store / AREA
    path.write_text(path.read_text(encoding="utf-8").replace("in 2028**", "in 2029**"), encoding="utf-8")
    return service.read_return(annex, load_store(store))


def test_the_review_shows_proposals_conflicts_and_unmatched_rows(qtbot: QtBot, changes: service.ChangeSet,
                                                                 tmp_path: Path) -> None:
    dialog = ImportReview(changes, tmp_path / "store")
    qtbot.addWidget(dialog)
    kinds = {(edit.record_id, edit.column): item.text(1) for item, edit in dialog.items}
    assert kinds == {("frontex-regulation-revision", "Timeline"): "proposal",
                     ("new-eibm-strategy", "Measure"): "conflict"}
    assert dialog.tabs.tabText(0) == "&Proposals (1) and conflicts (1)"
    assert dialog.tabs.tabText(2) == "&Unmatched rows (2)"
    unmatched = [dialog.unmatched.item(i).text() for i in range(dialog.unmatched.count())]
    assert all("the ID 'control-of-access' is also on row(s)" in line for line in unmatched)
    conflict = next(item for item, edit in dialog.items if edit.record_id == "new-eibm-strategy")
    assert [conflict.text(i) for i in (4, 5, 6)] == ["**New EIBM Strategy in 2028**",
                                                     "**New EIBM Strategy in 2029**", "**EIBM in 2030**"]
    dialog.edits.setCurrentItem(conflict)
    assert "sent:     **New EIBM Strategy in 2028**" in dialog.detail.toPlainText()
    assert "store:    **New EIBM Strategy in 2029**" in dialog.detail.toPlainText()
    dialog.set_all(True)
    assert [e.record_id for e in dialog.accepted_changes()] == ["frontex-regulation-revision"]  # not the conflict
    conflict.setCheckState(0, Qt.CheckState.Checked)
    assert len(dialog.accepted_changes()) == 2
