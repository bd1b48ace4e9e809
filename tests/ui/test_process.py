"""Whole-process checks in subprocesses: the PySide6 signal crash, start-up imports, stray dialogs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _run(code: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


def test_thousands_of_signal_emits_do_not_abort_the_process() -> None:
    """PITFALLS item 1: PySide6 6.12.0 on CPython 3.11 dies with bool_dealloc (exit 134)."""
    done = _run("""
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            plain = Signal()
            flag = Signal(bool)
            text = Signal(str, int, int)

        app = QCoreApplication([])
        emitter = Emitter()
        seen = []
        emitter.flag.connect(seen.append)
        for i in range(5000):
            emitter.plain.emit()
            emitter.flag.emit(i % 2 == 0)
            emitter.text.emit("step", i, 5000)
        assert len(seen) == 5000
        print("emitted")
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "emitted" in done.stdout


def test_start_up_does_not_import_pptx_or_openpyxl() -> None:
    done = _run("""
        import sys
        from pathlib import Path
        import tempfile
        from PySide6.QtCore import QSettings
        from briefing_builder.ui.app import create_application, create_main_window
        from briefing_builder.ui.settings import AppSettings
        app = create_application()
        settings = AppSettings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
        window, _ = create_main_window(None, settings)
        window.show()
        app.processEvents()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"pptx", "openpyxl", "xlsxwriter"})
        print("HEAVY", heavy)
        window.editor.undo_stack.setClean()
        window.close()
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "HEAVY []" in done.stdout


def test_a_stray_modal_dialog_fails_instead_of_hanging() -> None:
    with pytest.raises(pytest.fail.Exception, match="modal dialog"):
        QMessageBox.question(None, "Stray", "Would hang without the guard")
    with pytest.raises(pytest.fail.Exception, match="modal dialog"):
        QFileDialog.getOpenFileName(None, "Stray")
    with pytest.raises(pytest.fail.Exception, match="modal dialog"):
        QDialog().exec()
