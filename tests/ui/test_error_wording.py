"""The app's one catch per entry point: a task's failure and the exception hook show a
:class:`~briefing_builder.errors.BriefingError` located and in the app's words — never the
command line's options (``--pack``), never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from briefing_builder.errors import BriefingError
from briefing_builder.store import StoreNotFound, load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.annex_tasks import annex_spec, import_task
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.task_runner import TaskRunner
from tests.annex.returns import without_part
from tests.ui.test_annex_actions import PACK, built_annex, run_task


def test_a_task_failure_is_located_and_in_the_apps_words(store_copy: Path, tmp_path: Path, qtbot: QtBot) -> None:
    """What ``ui/annex_tasks.readable()`` patched by string replacement is now a hint the runner words."""
    lost = without_part(built_annex(store_copy, tmp_path / "out"), "docProps/custom.xml", tmp_path / "returned.xlsx")
    runner = TaskRunner("test")
    with qtbot.waitSignal(runner.failed, timeout=60_000) as blocker:
        runner.start(annex_spec("Importing comments", import_task(lost, load_store(store_copy))))
    message = blocker.args[0]
    assert message == (f"{lost}: the workbook does not say which pack it was made for (its 'Pack' property is "
                       "gone); open the pack it was made for and try again.")
    runner.shutdown()


def test_an_update_for_another_pack_names_no_command_line_option(
        open_window: Callable[[Path], Any], store_copy: Path, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    annex = built_annex(store_copy, tmp_path / "out")
    window = open_window(store_copy)
    assert window.documents.open_store_pack("strategy-partners-briefing")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    window.annex_actions.start_update(annex)
    run_task(qtbot, window)
    assert len(errors) == 1
    assert f"was made for the pack '{PACK}', not 'strategy-partners-briefing'" in errors[0]
    assert f"Open the pack '{PACK}' and try again." in errors[0]
    assert "--" not in errors[0] and "Traceback" not in errors[0]


def test_the_exception_hook_shows_a_briefing_error_as_its_message(
        window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.ui.app import excepthook

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: shown.append((title, message)))
    monkeypatch.setattr(dialogs, "unexpected_error", lambda parent, summary: shown.append(("unexpected", summary)))
    missing = tmp_path / "gone"
    try:
        load_store(missing)
    except StoreNotFound as exc:
        excepthook(StoreNotFound, exc, exc.__traceback__)
    assert shown == [("Cannot do that", f"{missing}: no such folder. Choose a folder that holds a store.yaml.")]
    assert "Traceback" not in capsys.readouterr().err  # a user's error is no bug to report


def test_the_app_opens_the_bundled_store_when_the_last_one_is_gone(settings: AppSettings, tmp_path: Path) -> None:
    from briefing_builder.ui.app import load_catalog

    gone = tmp_path / "moved-away"
    shutil.rmtree(gone, ignore_errors=True)
    settings.last_store = gone
    catalog, note = load_catalog(None, settings)
    assert catalog.read_only
    assert note is not None and note.startswith(f"{gone}: no such folder. Choose a folder that holds a store.yaml.")
    assert isinstance(StoreNotFound("x"), BriefingError)
