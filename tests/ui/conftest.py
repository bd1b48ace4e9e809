"""Fixtures for the desktop app tests: offscreen Qt, isolated settings, no stray modal dialogs.

``QT_QPA_PLATFORM=offscreen`` is set before anything imports Qt. Every static dialog helper
and ``exec()`` of a dialog fails the test at once instead of waiting for a click that never
comes; a watchdog also closes any other modal dialog and fails the test.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)

from briefing_builder.paths import sample_store_dir
from briefing_builder.ui.task_runner import TaskProgress

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from briefing_builder.ui.main_window import MainWindow
    from briefing_builder.ui.settings import AppSettings

OpenWindow = Callable[[Path], "MainWindow"]  # the open_window fixture: a main window on a given store folder

BLOCKING = {
    QDialog: ("exec", "exec_"),
    QMessageBox: ("exec", "exec_", "question", "warning", "information", "critical", "about", "aboutQt"),
    QFileDialog: ("exec", "exec_", "getOpenFileName", "getOpenFileNames", "getSaveFileName",
                  "getExistingDirectory", "getOpenFileUrl", "getSaveFileUrl", "getExistingDirectoryUrl"),
    QInputDialog: ("exec", "getText", "getInt", "getDouble", "getItem", "getMultiLineText"),
    QColorDialog: ("exec", "getColor"),
    QFontDialog: ("exec", "getFont"),
}


def _stray(name: str):  # noqa: ANN202
    def fail(*args: object, **kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        pytest.fail(f"A modal dialog was opened during the test ({name}: {texts[:2]}); "
                    "monkeypatch briefing_builder.ui.dialogs instead.", pytrace=False)
    return fail


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings() of the code under test never touch the user's real settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("Briefing Builder Tests")
    QCoreApplication.setApplicationName("Briefing Builder Tests")


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[str]]:
    """Fail the test when a modal dialog is opened (patched helpers + a watchdog)."""
    for cls, names in BLOCKING.items():
        for name in names:
            if hasattr(cls, name):
                monkeypatch.setattr(cls, name, _stray(f"{cls.__name__}.{name}"))
    seen: list[str] = []

    def watchdog() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and not isinstance(widget, (QProgressDialog, TaskProgress)):
            seen.append(f"{type(widget).__name__}: {widget.windowTitle()}")
            widget.close()

    timer = QTimer(interval=100)
    timer.timeout.connect(watchdog)
    timer.start()
    yield seen
    timer.stop()
    if seen:
        pytest.fail(f"Modal dialog(s) left open during the test: {seen}", pytrace=False)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """App settings in a private ini file."""
    from briefing_builder.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample store."""
    target = tmp_path / "store"
    shutil.copytree(sample_store_dir(), target)
    return target


def _open_window(qtbot: QtBot, settings: AppSettings, store: Path | None) -> MainWindow:
    from briefing_builder.ui.app import create_main_window

    window, note = create_main_window(store, settings)
    assert note is None  # not qtbot.addWidget: pytest-qt would close it before our teardown marks it clean
    window.show()
    return window


def _close_window(window: MainWindow) -> None:
    window.exporter.shutdown()
    window.editor.undo_stack.setClean()
    window.close()


@pytest.fixture
def window(qtbot: QtBot, settings: AppSettings) -> Iterator[MainWindow]:
    """The main window on the bundled store with the reference pack open."""
    win = _open_window(qtbot, settings, None)
    yield win
    _close_window(win)


@pytest.fixture
def open_window(qtbot: QtBot, settings: AppSettings) -> Iterator[OpenWindow]:
    """A factory: the main window on a given store folder."""
    opened: list[MainWindow] = []

    def make(store: Path) -> MainWindow:
        win = _open_window(qtbot, settings, store)
        opened.append(win)
        return win

    yield make
    for win in opened:
        _close_window(win)
