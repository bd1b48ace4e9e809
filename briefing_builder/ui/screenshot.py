"""Render the main window offscreen: ``python -m briefing_builder.ui.screenshot [out.png] [--screen WxH] [--scale S]``.

The reference pack is open with "Return and readmission" moved above "Migration Diplomacy"
through the outline (the agenda, the outline and every "see slide N" follow), the live
preview painted and the pre-flight check filled in. Private settings (nothing of the user's
is read or changed) and the bundled open-licence fonts make the picture the same on every
machine. The window is laid out as on its first start on a screen of ``--screen`` pixels at
``--scale`` (the share of the screen, panels as tabs where space is short). Default output:
``docs/screenshot.png`` at 1920×1080. Also prints the mean paint time per thumbnail.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QApplication

    from briefing_builder.ui.main_window import MainWindow

DEFAULT_OUT = Path("docs") / "screenshot.png"
SIZE = (1920, 1080)


def render(out: Path, scale: float = 1.0, screen: tuple[int, int] = SIZE) -> tuple[Path, float]:
    """Save the screenshot to ``out``; return it and the mean ms per preview thumbnail."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    from PySide6.QtCore import QRect, QSettings
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
        window.first_layout(QRect(0, 0, round(screen[0] / scale), round(screen[1] / scale)))
        window.show()
        sections = window.editor.pack.sections
        row = next(r for r, s in enumerate(sections) if getattr(s, "area", "") == "return-readmission")
        first = next(r for r, s in enumerate(sections) if getattr(s, "area", "") == "migration-diplomacy")
        window.outline.select(row)
        for _ in range(row - first):  # the done-when scenario: reorder two areas through the outline
            window.outline.up_action.trigger()
        window.library.views["areas"].setCurrentIndex(window.library.views["areas"].model().index(3, 0))
        _settle(app, window)
        window.outline.select(first)  # the moved section, now drawn in the large preview
        _settle(app, window)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            raise OSError(f"cannot write {out}")
        timings = window.preview.thumbnail_ms
        window.editor.undo_stack.setClean()
        window.close()
    return out, sum(timings) / max(1, len(timings))


def _settle(app: QApplication, window: MainWindow) -> None:
    """Process events until the preview has planned and painted the current pack (60 s at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        app.processEvents()
        if window.preview_worker.latest is not None and not window.preview_worker.busy \
                and not window.preview.pending():
            break
    for _ in range(10):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: optional output path."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m briefing_builder.ui.screenshot")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--screen", default=f"{SIZE[0]}x{SIZE[1]}", help="screen size in pixels, e.g. 1280x720")
    parser.add_argument("--scale", type=float, default=1.0, help="display scale, e.g. 1.5 for 150 %%")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    width, height = (int(n) for n in args.screen.lower().split("x"))
    out, mean = render(args.out, args.scale, (width, height))
    print(f"{out} ({mean:.1f} ms per thumbnail)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
