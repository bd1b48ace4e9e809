"""Desktop app figures: cold start to a painted window, and search-as-you-type on 5,000 records.

``ui_figures()`` returns ``{key: (value, text)}`` like the other benchmark modules; run alone
with ``QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_ui``. Targets (issue 5): cold start
under 0.6 s whole-process, under 50 ms per keystroke.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_START = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from briefing_builder.ui.app import create_application, create_main_window
from briefing_builder.ui.settings import AppSettings
app = create_application()
settings = AppSettings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
window, _ = create_main_window(None, settings)
window.show()
window.repaint()
app.processEvents()
import time
print(time.time(), flush=True)  # painted: what the user waits for
heavy = [m for m in ("pptx", "openpyxl") if m in sys.modules]
assert not heavy, heavy
window.editor.undo_stack.setClean()
window.close()
"""


def cold_start_seconds(runs: int = 5) -> float:
    """Median wall time from launching a process to its main window painted on the bundled store
    (the process's own shutdown, which waits for background threads, is not counted)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As installed: pip writes bytecode caches, so the app's modules are not compiled at every
    # start (some shells set PYTHONDONTWRITEBYTECODE; the warm-up run below writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(runs + 1):
        start = time.time()
        done = subprocess.run([sys.executable, "-c", COLD_START], check=True, env=env, capture_output=True,
                              text=True)
        times.append(float(done.stdout.split()[0]) - start)
    return statistics.median(times[1:])  # the first run warms the disk cache


def search_keystroke_seconds(records: int = 5000, query: str = "readmission border") -> tuple[float, float]:
    """Median and worst time per keystroke typing ``query`` into the library search (shown panel)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.synthetic import make_store
    from briefing_builder.store import load_store
    from briefing_builder.ui.library_panel import LibraryPanel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        catalog = load_store(make_store(Path(folder) / "store", records))
    panel = LibraryPanel()
    panel.set_catalog(catalog)
    panel.resize(900, 700)
    panel.show()
    app.processEvents()
    times = []
    for _ in range(2):
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            panel.search.setText(query[:end])
            app.processEvents()
            times.append(time.perf_counter() - start)
        panel.search.clear()
        app.processEvents()
    panel.close()
    return statistics.median(times), max(times)


def ui_figures() -> dict[str, tuple[float, str]]:
    """Every UI figure, keyed for the JSON summary."""
    median, worst = search_keystroke_seconds()
    return {
        "ui_cold_start_s": (cold_start_seconds(), "app cold start to painted window, whole process (s)"),
        "ui_search_5000_keystroke_median_s": (median, "library search, 5,000 records, per keystroke median (s)"),
        "ui_search_5000_keystroke_max_s": (worst, "library search, 5,000 records, worst keystroke (s)"),
    }


def main() -> int:
    """Print the UI figures."""
    for key, (value, text) in ui_figures().items():
        print(f"{text:<58} {value:10.4f}   {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
