"""Stores: diagnostics dock with a broken file, reload on change, dangling references kept and flagged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from briefing_builder.ui.models import ProblemRole

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow
    from tests.ui.conftest import OpenWindow


def test_diagnostics_dock_lists_a_broken_file(
        open_window: OpenWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    card = store_copy / "countries" / "tunisia.yaml"
    card.write_text(card.read_text(encoding="utf-8") + "\nbogus_key: 1\n", encoding="utf-8")
    window = open_window(store_copy)
    lines = window.diagnostics.lines()
    assert any(line.startswith("countries/tunisia.yaml:") and "bogus_key" in line for line in lines), lines
    assert window.diagnostics.isVisible() or window.diagnostics.toggleViewAction().isEnabled()
    assert "store problem" in window.problems_button.text()
    countries = window.library.models["countries"]
    assert countries.rowCount() == 10  # the good cards stay usable
    assert window.editor.pack.id == "jha-counsellors-2026-01-12"  # a non-bundled store keeps its file
    assert window.editor.document.path == store_copy / "packs" / "jha-counsellors-2026-01-12.yaml"
    opened: list[Path] = []
    monkeypatch.setattr(dialogs, "open_path", lambda path: opened.append(path) or True)
    view = window.diagnostics.list
    item = next(view.item(i) for i in range(view.count()) if view.item(i).text().startswith("countries/tunisia"))
    centre = view.visualItemRect(item).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened and opened[0] == card


def test_store_reloads_on_change_and_keeps_dangling_sections(
        open_window: OpenWindow, store_copy: Path, qtbot: QtBot) -> None:
    window = open_window(store_copy)
    before = window.editor.pack
    row = next(r for r, s in enumerate(before.sections) if getattr(s, "area", None) == "return-readmission")
    with qtbot.waitSignal(window.watcher.reloaded, timeout=10_000):
        (store_copy / "areas" / "04-return-readmission.yaml").unlink()
    assert window.editor.pack == before  # nothing dropped
    index = window.outline.model.index(row)
    assert "return-readmission" in index.data(ProblemRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert window.library.models["areas"].rowCount() == 5
    assert "missing record" in window.problems_button.text()
    with qtbot.waitSignal(window.watcher.reloaded, timeout=10_000):
        (store_copy / "areas" / "04-return-readmission.yaml").write_text(
            (Path(__file__).parents[2] / "sample_data" / "areas" / "04-return-readmission.yaml").read_text("utf-8"),
            encoding="utf-8")
    assert window.outline.model.index(row).data(ProblemRole) is None


def test_open_store_folder_refuses_a_plain_folder(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "store_folder", lambda parent, folder: tmp_path)
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window.open_store()
    assert errors and "store.yaml" in errors[0]
    assert window.editor.catalog.counts()["areas"] == 6


def test_open_store_folder(window: MainWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "store_folder", lambda parent, folder: store_copy)
    window.open_store()
    assert window.editor.catalog.root == store_copy
    assert window.settings.last_store == store_copy
    assert str(store_copy) in window.store_label.text()


def test_store_folder_vanishing_keeps_the_pack_and_says_so(open_window: OpenWindow, store_copy: Path, qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window = open_window(store_copy)
    before = window.editor.pack
    with qtbot.waitSignal(window.watcher.failed, timeout=10_000):
        shutil.rmtree(store_copy)
    assert window.editor.pack == before  # the open pack is not lost
    assert errors and str(store_copy) in errors[0]
    assert window.library.models["areas"].rowCount() == 6  # the last good library stays usable


def test_an_empty_problems_dock_stays_closed_at_the_next_start(open_window: OpenWindow, store_copy: Path) -> None:
    """Opened by a broken file, closed with the app: once the file is fixed the next start shows no empty dock."""
    card = store_copy / "countries" / "tunisia.yaml"
    good = card.read_text(encoding="utf-8")
    card.write_text(good + "\nbogus_key: 1\n", encoding="utf-8")
    first = open_window(store_copy)
    assert first.diagnostics.isVisible() and first.diagnostics.count
    first.close()  # the layout is saved with the dock open
    card.write_text(good, encoding="utf-8")
    second = open_window(store_copy)
    assert second.diagnostics.count == 0 and not second.diagnostics.isVisible()
    card.write_text(good + "\nbogus_key: 1\n", encoding="utf-8")
    third = open_window(store_copy)
    assert third.diagnostics.isVisible()  # problems are never silent
