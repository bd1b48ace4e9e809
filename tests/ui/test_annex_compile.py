"""Compiling all the returns of a meeting from the app: many files picked at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from tests.annex.returns import delegation_returns
from tests.ui.test_annex_actions import built_annex, run_task

if TYPE_CHECKING:
    from tests.ui.conftest import OpenWindow


def test_compile_returns_through_the_app(open_window: OpenWindow, store_copy: Path, tmp_path: Path, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    annex = built_annex(store_copy, tmp_path / "out")
    files = delegation_returns(annex, tmp_path / "returns", ["DE", "FR", "NL"], rows=3)
    window = open_window(store_copy)
    reports: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(dialogs, "annex_files", lambda parent, folder, caption: files)
    monkeypatch.setattr(dialogs, "report", lambda parent, title, message, details: reports.append((message, details)))
    window.annex_actions.compile_action.trigger()
    assert not window.annex_actions.import_action.isEnabled()  # one task at a time
    run_task(qtbot, window)
    out = tmp_path / "returns" / f"{window.editor.pack.id}-comments.xlsx"
    assert reports and "3 delegation(s)" in reports[0][0] and "Not answered: AT, BE" in reports[0][0]
    sheet = openpyxl.load_workbook(out)["Compilation"]
    assert [c.value for c in sheet[1]][3:] == ["DE position", "DE comments", "FR position", "FR comments",
                                               "NL position", "NL comments"]
    assert (store_copy / "feedback" / window.editor.pack.id / "FR.yaml").is_file()
