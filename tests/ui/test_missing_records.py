"""A broken store file never drops a slide silently: the dock opens, and export asks first."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs

if TYPE_CHECKING:
    from briefing_builder.ui.settings import AppSettings
    from tests.ui.conftest import OpenWindow


def _break_returns_area(store: Path) -> Path:
    path = store / "areas" / "04-return-readmission.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    text.insert(3, "title: [unclosed")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def test_the_dock_opens_itself_on_a_store_with_problems(
        open_window: OpenWindow, store_copy: Path, settings: AppSettings) -> None:
    first = open_window(store_copy)  # a session that ends with the dock closed
    first.diagnostics.hide()
    first.save_layout()
    _break_returns_area(store_copy)
    window = open_window(store_copy)
    assert window.diagnostics.isVisible()
    assert any("04-return-readmission.yaml" in window.diagnostics.list.item(i).text()
               for i in range(window.diagnostics.list.count()))


def test_export_of_a_pack_with_missing_sections_names_them_and_can_be_cancelled(
        open_window: OpenWindow, store_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_returns_area(store_copy)
    window = open_window(store_copy)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK":
                        asked.append((message, action)) or False)
    monkeypatch.setattr(dialogs, "output_folder", lambda *args: pytest.fail("asked for a folder after Cancel"))
    window.export()
    assert len(asked) == 1
    message, action = asked[0]
    assert action == "Export anyway"
    assert "Area · return-readmission (section 7)" in message
    assert re.search(r"areas/04-return-readmission\.yaml:\d+:\d+: error: YAML syntax error", message)
    assert "milestones.yaml" not in message  # consequences (other files naming the area) are not causes
    assert window.diagnostics.isVisible() and not window.exporter.running
    assert not list(tmp_path.glob("**/*.pptx"))


def test_export_anyway_goes_on_to_the_folder(
        open_window: OpenWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_returns_area(store_copy)
    window = open_window(store_copy)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    folders: list[object] = []
    monkeypatch.setattr(dialogs, "output_folder", lambda *args: folders.append(args) or None)
    window.export()
    assert folders


def test_the_dock_opens_a_few_lines_high_and_closes_itself_once_the_store_is_valid(
        open_window: OpenWindow, store_copy: Path, qtbot: QtBot) -> None:
    from briefing_builder.store import load_store

    path = _break_returns_area(store_copy)
    good = path.read_text(encoding="utf-8").replace("title: [unclosed\n", "")
    window = open_window(store_copy)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.diagnostics.isVisible() and window.diagnostics.height() > 0)
    qtbot.wait(50)
    assert window.diagnostics.height() <= window.height() // 4, \
        f"the problems dock took {window.diagnostics.height()} of {window.height()} px"
    path.write_text(good, encoding="utf-8")
    window.set_catalog(load_store(store_copy))
    assert not window.diagnostics.isVisible(), "the dock stayed open after the problem was fixed"
    assert "valid again" in window.statusBar().currentMessage()

    _break_returns_area(store_copy)
    window.set_catalog(load_store(store_copy))
    assert window.diagnostics.isVisible()  # broken again: it opens itself again
    window.diagnostics.toggleViewAction().trigger()  # the user closes it…
    window.diagnostics.toggleViewAction().trigger()  # …and opens it again: now it is theirs
    path.write_text(good, encoding="utf-8")
    window.set_catalog(load_store(store_copy))
    assert window.diagnostics.isVisible()
