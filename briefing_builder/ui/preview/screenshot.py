"""Render the window with the live preview and the pre-flight check: ``python -m briefing_builder.ui.preview.screenshot``.

Offscreen, private settings, bundled fonts — the same picture on every machine. The
reference pack is open with "1. Migration Diplomacy" selected. Default output:
``docs/screenshot-preview.png``. Also prints the mean paint time per thumbnail.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_OUT = Path("docs") / "screenshot-preview.png"
SIZE = (1920, 1080)


def render(out: Path) -> tuple[Path, float]:
    """Save the screenshot to ``out``; return it and the mean ms per thumbnail."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QFont, QFontDatabase

    from briefing_builder.paths import fonts_dir
    from briefing_builder.ui.app import create_application, create_main_window
    from briefing_builder.ui.settings import AppSettings

    app = create_application([sys.argv[0]])
    app.setStyle("Fusion")
    for font_file in sorted(fonts_dir().glob("LiberationSans-*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    app.setFont(QFont("Liberation Sans", 10))
    with tempfile.TemporaryDirectory() as folder:
        settings = AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
        window, _ = create_main_window(None, settings)
        window.resize(*SIZE)
        window.show()
        em = window.fontMetrics().averageCharWidth()
        window.resizeDocks([window.preview], [em * 98], Qt.Orientation.Horizontal)
        window.resizeDocks([window.preview, window.preflight], [690, 240], Qt.Orientation.Vertical)
        window.splitter.setSizes([em * 50, em * 44, em * 62])
        window.preview.splitter.setSizes([420, 250])
        deadline = time.monotonic() + 60
        while (window.preview_worker.latest is None or window.preview_worker.busy or window.preview.pending()) \
                and time.monotonic() < deadline:
            app.processEvents()
        window.outline.select(3)
        for _ in range(10):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            raise OSError(f"cannot write {out}")
        timings = window.preview.thumbnail_ms
        window.editor.undo_stack.setClean()
        window.close()
    return out, sum(timings) / max(1, len(timings))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: optional output path."""
    args = sys.argv[1:] if argv is None else argv
    out, mean = render(Path(args[0]) if args else DEFAULT_OUT)
    print(f"{out} ({mean:.1f} ms per thumbnail)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
