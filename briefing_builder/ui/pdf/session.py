"""A Qt GUI session for drawing PDFs outside the app (the command line), on the offscreen platform."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication


def ensure_gui() -> QGuiApplication:
    """The running Qt application, or a new GUI one (offscreen platform when there is no display).

    Drawing a PDF needs fonts, which need Qt's GUI module; the command line has no window, so
    it never needs a real display.
    """
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    return QGuiApplication(sys.argv[:1])
