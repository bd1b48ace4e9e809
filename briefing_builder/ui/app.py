"""Start the desktop app: ``run_app(store)`` creates the application, loads the store, opens the window.

The store is the one given, else the last one used, else the bundled sample store. On first
start (and whenever no recent pack can be reopened) the reference pack
``jha-counsellors-2026-01-12`` is opened. Unexpected errors are shown as a readable message,
never as a traceback in front of the user (the details go to the error output).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from briefing_builder import __version__
from briefing_builder.errors import BriefingError
from briefing_builder.pack import document as pd
from briefing_builder.paths import REFERENCE_PACK, is_sample_store, sample_store_dir
from briefing_builder.store import Catalog, StoreNotFound, load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.error_wording import app_message
from briefing_builder.ui.settings import AppSettings

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.ui.main_window import MainWindow

ORGANISATION = "Briefing Builder"
APPLICATION = "Briefing Builder"


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """The app's one catch of what nothing else caught: a :class:`BriefingError` is shown as its
    located message in the app's words; anything else as a short "unexpected problem" message,
    its details printed for a bug report (no box once every window is closed: the app is ending)."""
    if issubclass(kind, KeyboardInterrupt):
        traceback.print_exception(kind, value, tb, file=sys.stderr)
        QCoreApplication.quit()
        return
    if not isinstance(value, BriefingError):
        traceback.print_exception(kind, value, tb, file=sys.stderr)
    if not any(widget.isVisible() for widget in QApplication.topLevelWidgets()):
        return  # the app is ending: a box now would only keep the process alive with nothing to save
    try:
        if isinstance(value, BriefingError):
            dialogs.error(QApplication.activeWindow(), "Cannot do that", app_message(value))
        else:
            dialogs.unexpected_error(QApplication.activeWindow(), _summary(value))
    except Exception:  # the hook itself must never fail
        pass


def _summary(value: BaseException) -> str:
    """The first line of an unforeseen exception's own words (never its class name)."""
    return str(value).splitlines()[0] if str(value) else "no description"


def load_catalog(store: Path | None, settings: AppSettings) -> tuple[Catalog, str | None]:
    """The store to start on and, if the wanted one failed, why the bundled one is used instead."""
    candidates = [store] if store is not None else [settings.last_store]
    for folder in candidates:
        if folder is None:
            continue
        try:
            return load_store(folder), None
        except StoreNotFound as exc:
            problem = app_message(exc)
            return load_store(sample_store_dir()), f"{problem}\n\nThe bundled sample store was opened instead."
    return load_store(sample_store_dir()), None


def initial_document(catalog: Catalog, settings: AppSettings) -> pd.PackDocument:
    """The most recent pack that still opens, else the reference pack (bundled: an unsaved copy)."""
    if not settings.first_start:
        for path in settings.recent_packs()[:1]:
            try:
                return pd.PackDocument(pd.read_pack(path), path)
            except pd.PackFileError:
                pass
    pack = catalog.packs.get(REFERENCE_PACK) or next(iter(catalog.packs.values()), None)
    if pack is None:
        return pd.PackDocument(pd.new_pack(catalog))
    pack_file = catalog.pack_path(pack.id)
    if pack_file is not None and is_sample_store(pack_file):
        pack_file = None
    return pd.PackDocument(pack, pack_file)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), version and icon."""
    from briefing_builder.ui.icon import app_icon

    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("briefing-builder")
    app.setWindowIcon(app_icon())
    return app


def create_main_window(store: Path | None = None,
                       settings: AppSettings | None = None) -> tuple[MainWindow, str | None]:
    """Load the store and build the main window (not shown); returns the window and any start-up note."""
    from briefing_builder.ui.main_window import MainWindow

    settings = settings or AppSettings(QSettings())
    catalog, note = load_catalog(store, settings)
    if note is None and store is not None:
        settings.last_store = catalog.root
    window = MainWindow(catalog, initial_document(catalog, settings), settings)
    return window, note


def run_app(store: Path | None = None) -> int:
    """Open the desktop app on ``store`` (default: last store, else the bundled one); return the exit code."""
    app = create_application()
    sys.excepthook = excepthook
    try:
        window, note = create_main_window(store)
    except StoreNotFound as exc:
        dialogs.error(None, "Cannot open the store", app_message(exc))
        return 2
    window.show()
    if note:
        dialogs.error(window, "Store not found", note)
    return app.exec()
