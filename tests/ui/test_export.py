"""Export through the worker thread, and the done-when scenario checked in the deck itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from briefing_builder.ui.export import ExportJob, export_spec
from briefing_builder.ui.task_runner import TaskWorker

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


TIMEOUT_MS = 120_000


@pytest.fixture
def done_choices(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Record the export-finished dialog instead of showing it."""
    seen: list[tuple] = []

    def done(parent, deck, annex, notes):  # noqa: ANN001, ANN202
        seen.append((deck, annex, notes))
        return dialogs.ExportChoice.CLOSE

    monkeypatch.setattr(dialogs, "export_done", done)
    return seen


def _slide_texts(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in deck.slides]


def test_export_through_the_worker(window: MainWindow, qtbot: QtBot, tmp_path: Path, done_choices: list[tuple]) -> None:
    with (qtbot.waitSignal(window.exporter.finished, timeout=TIMEOUT_MS),
          qtbot.waitSignal(window.exporter.succeeded, timeout=TIMEOUT_MS) as blocker):
        assert window.start_export(tmp_path)
        assert not window.export_action.isEnabled()
        assert not window.start_export(tmp_path)  # one export at a time
    result = blocker.args[0]
    assert result.deck == tmp_path / "jha-counsellors-2026-01-12.pptx" and result.deck.stat().st_size > 10_000
    assert result.annex is not None and result.annex.is_file()
    assert done_choices and done_choices[0][0] == result.deck
    assert window.export_action.isEnabled() and not window.exporter.running


def test_many_worker_threads_start_and_end_cleanly(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PITFALLS item 3: thread lifetime (finished → quit → deleteLater, join before release), 60 times."""
    import briefing_builder.pipeline as pipeline
    from briefing_builder.ui.task_runner import TaskRunner

    def fake_build(pack, catalog, out_dir, template=None, progress=None, annex=True, **_: object):  # noqa: ANN001, ANN202
        for step in range(4):
            progress("step", step, 4)
        progress("Done", 4, 4)
        return "result"

    monkeypatch.setattr(pipeline, "build_pack", fake_build)
    controller = TaskRunner("export")
    job = ExportJob(None, None, tmp_path)  # type: ignore[arg-type]
    outcomes: list[object] = []
    controller.succeeded.connect(outcomes.append)
    for _ in range(60):
        with qtbot.waitSignal(controller.finished, timeout=10_000):
            assert controller.start(export_spec(job))
    assert outcomes == ["result"] * 60 and not controller.running
    controller.shutdown()


def test_export_errors_are_readable(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.editor.set_meeting_field("template", str(tmp_path / "missing.pptx"))
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: shown.append(message))
    with (qtbot.waitSignal(window.exporter.finished, timeout=TIMEOUT_MS),
          qtbot.waitSignal(window.exporter.failed, timeout=TIMEOUT_MS) as blocker):
        window.start_export(tmp_path / "out")
    assert "missing.pptx" in blocker.args[0] and "Traceback" not in blocker.args[0]
    assert shown == [blocker.args[0]]


def test_cancel_stops_before_the_next_step(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    worker = TaskWorker(export_spec(ExportJob(window.editor.pack, window.editor.catalog, tmp_path)))
    worker.cancel()
    with qtbot.waitSignal(worker.done, timeout=1000):
        worker.run()  # in this thread: deterministic
    assert worker.outcome.kind == "cancelled"
    assert not list(tmp_path.iterdir())


def test_reordered_areas_follow_in_agenda_and_cross_references(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                               done_choices: list[tuple]) -> None:
    """Done when: move "Return and readmission" above "Migration Diplomacy", export, read the deck."""
    model = window.outline.model
    labels = [model.index(r).data() for r in range(model.rowCount())]
    source = next(r for r, text in enumerate(labels) if "Return and readmission" in text)
    target = next(r for r, text in enumerate(labels) if "Migration Diplomacy" in text)
    window.outline.select(source)
    for _ in range(source - target):
        window.outline.up_action.trigger()
    assert model.index(target).data() == "Area · 1. Return and readmission"
    assert "Migration Diplomacy" in model.index(target + 1).data()
    with qtbot.waitSignal(window.exporter.succeeded, timeout=TIMEOUT_MS) as blocker:
        window.start_export(tmp_path)
    qtbot.waitUntil(lambda: not window.exporter.running, timeout=TIMEOUT_MS)
    slides = _slide_texts(blocker.args[0].deck)
    agenda = next(text for text in slides if text.startswith("Six priority areas"))
    items = [line for line in agenda.splitlines() if re.match(r"^\d\. ", line)]
    assert items[0] == "1. Returns and readmission" and items[1] == "2. Migration Diplomacy"
    returns_slide = next(i for i, text in enumerate(slides, 1) if text.startswith("1. Return and readmission"))
    diplomacy = next(text for text in slides if text.startswith("2. Migration Diplomacy"))
    assert f"Return and readmission (see slide {returns_slide})" in diplomacy
    labour_slide = next(i for i, text in enumerate(slides, 1) if "Labour mobility and legal pathways" in
                        text.splitlines()[0])
    assert f"labour mobility (see slide {labour_slide})" in diplomacy
    assert returns_slide == target + 1


def _export_once(window: MainWindow, qtbot: QtBot, folder: Path) -> None:
    with qtbot.waitSignal(window.exporter.finished, timeout=TIMEOUT_MS):
        assert window.start_export(folder)


def test_an_export_over_existing_files_asks_and_keeps_both(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, done_choices: list[tuple],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _export_once(window, qtbot, tmp_path)
    first = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    asked: list[tuple[list[str], str]] = []

    def ask(parent, existing, other):  # noqa: ANN001, ANN202
        asked.append(([p.name for p in existing], other))
        return dialogs.ReplaceChoice.KEEP_BOTH
    monkeypatch.setattr(dialogs, "ask_replace", ask)
    window.editor.set_meeting_field("venue", "Brussels")  # the second export differs
    _export_once(window, qtbot, tmp_path)
    pack = "jha-counsellors-2026-01-12"
    assert asked == [([f"{pack}.pptx", f"{pack}-annex.xlsx"], f"{pack}-2")]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*first, f"{pack}-2.pptx", f"{pack}-2-annex.xlsx"])
    assert {name: (tmp_path / name).read_bytes() for name in first} == first  # nothing replaced
    assert done_choices[-1][0] == tmp_path / f"{pack}-2.pptx"
    assert "Brussels" in "".join(_slide_texts(tmp_path / f"{pack}-2.pptx"))


def test_cancel_at_the_replace_question_writes_nothing(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, done_choices: list[tuple],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _export_once(window, qtbot, tmp_path)
    before = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()}
    monkeypatch.setattr(dialogs, "ask_replace", lambda parent, existing, other: dialogs.ReplaceChoice.CANCEL)
    assert not window.start_export(tmp_path)
    assert {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()} == before


def test_a_new_packs_id_follows_its_title_and_date_until_set(window: MainWindow) -> None:
    import datetime as dt

    assert window.documents.new()
    editor = window.editor
    assert editor.pack.id == f"new-briefing-{dt.date.today().isoformat()}"  # derived at creation too
    editor.set_meeting_field("title", "SCIFA — Séance 3")
    editor.set_meeting_field("date", dt.date(2026, 3, 4))
    assert editor.pack.id == "scifa-seance-3-2026-03-04"
    editor.set_pack_id("my-own-id")
    editor.set_meeting_field("title", "Something else")
    assert editor.pack.id == "my-own-id"
    editor.undo_stack.setClean()
