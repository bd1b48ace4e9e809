"""Inside the running app: a pack edit until the preview shows it, and Export until "Export finished".

``app_figures()`` returns ``{key: (value, text)}`` like the other benchmark modules; run alone
with ``QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_app``. The window is the real one
(:func:`~briefing_builder.ui.app.create_main_window`) with its event loop running; the
folder question and the "Export finished" box are answered through the dialog seam, so what
is timed is everything between the user's click and the box. Targets (issue 10): reorder two
areas → preview in the new order under 150 ms (reference pack) and 600 ms (200 slides);
export of the reference pack under 1.5 s.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EDITS = 20
EXPORTS = 5
TIMEOUT_S = 120.0


def _spin(app: Any, until: Callable[[], bool]) -> None:
    """Run the app's event loop until ``until()`` holds (checked every 2 ms; the loop sleeps between)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if until():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + TIMEOUT_S

    def check() -> None:
        if until() or time.perf_counter() > deadline:
            loop.quit()
    timer = QTimer(interval=2)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not until():
        raise TimeoutError("the app did not get there in time")


def _shown(window: Any) -> Callable[[], bool]:
    """The preview has the current pack's plan and every changed thumbnail is painted."""
    wanted = [section.model_dump() for section in window.editor.pack.sections]

    def check() -> bool:
        result = window.preview.result
        worker = window.preview_worker
        return (not worker.busy and result is not None and result is worker.latest
                and result.generation == worker.generation and window.preview.pending() == 0
                and [s.model_dump() for s in window.editor.pack.sections] == wanted)
    return check


def _areas(window: Any) -> tuple[int, int]:
    rows = [i for i, section in enumerate(window.editor.pack.sections) if section.type == "area"]
    return rows[0], rows[1]


def reorder_to_preview_ms(window: Any, app: Any, edits: int = EDITS) -> float:
    """Median ms from swapping the first two areas to the preview showing that order."""
    _spin(app, _shown(window))
    times = []
    for _ in range(edits):
        first, second = _areas(window)
        start = time.perf_counter()
        window.editor.move(second, first)
        check = _shown(window)
        _spin(app, check)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def export_seconds(window: Any, app: Any, folder: Path, runs: int = EXPORTS) -> float:
    """Median seconds from the Export action to the "Export finished" box."""
    from briefing_builder.ui import dialogs

    times: list[float] = []
    state: dict[str, Any] = {}
    original = (dialogs.output_folder, dialogs.export_done)

    def done(parent: Any, deck: Path, annex: Path | None, notes: list[str]) -> dialogs.ExportChoice:
        times.append(time.perf_counter() - state["start"])
        return dialogs.ExportChoice.CLOSE
    dialogs.export_done = done
    try:
        for run in range(runs):
            target = folder / f"export-{run}"
            dialogs.output_folder = lambda *args, t=target: t
            state["start"] = time.perf_counter()
            window.export_action.trigger()
            _spin(app, lambda n=run: len(times) > n and window.export_action.isEnabled())
    finally:
        dialogs.output_folder, dialogs.export_done = original
    return statistics.median(times)


def _window(store: Path | None, settings_dir: Path, pack_id: str | None = None) -> Any:
    from PySide6.QtCore import QSettings

    from briefing_builder.pack import document as pd
    from briefing_builder.ui.app import create_main_window
    from briefing_builder.ui.settings import AppSettings

    settings = AppSettings(QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat))
    window, _ = create_main_window(store, settings)
    if pack_id is not None:
        window.editor.replace_document(pd.PackDocument(window.editor.catalog.packs[pack_id]))
    window.show()
    return window


def _close(window: Any) -> None:
    window.editor.undo_stack.setClean()
    window.close()


def app_figures() -> dict[str, tuple[float, str]]:
    """Edit-to-preview medians (reference pack, 200 slides) and export-to-finished median."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.synthetic import make_pack, make_store_of
    from briefing_builder.ui.app import create_application

    app = create_application()
    figures: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        window = _window(None, root)
        figures["app_reorder_preview_reference_ms"] = (
            reorder_to_preview_ms(window, app), (f"app: reorder two areas → preview shows it, reference pack "
                                                 f"(ms, median of {EDITS})"))
        figures["app_export_reference_s"] = (
            export_seconds(window, app, root), (f"app: Export → \"Export finished\", reference pack (s, median of "
                                                f"{EXPORTS})"))
        _close(window)
        store = make_store_of(root / "big", areas=40, measures_per_area=30, countries=800, milestones=40)
        pack_id = make_pack(store, 198)
        window = _window(store, root / "big", pack_id)
        slides = len(window.preview_worker.latest.plan.slides) if window.preview_worker.latest else 0
        figures["app_reorder_preview_200_slides_ms"] = (
            reorder_to_preview_ms(window, app), (f"app: reorder two areas → preview shows it, {slides or 200}-slide "
                                                 f"pack (ms, median of {EDITS})"))
        _close(window)
    return figures


if __name__ == "__main__":
    for value, text in app_figures().values():
        print(f"{text:<72} {value:10.2f}")
