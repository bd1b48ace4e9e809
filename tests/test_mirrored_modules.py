"""Tests mirror the package: every module ``briefing_builder/X/Y.py`` has ``tests/X/test_Y.py``.

A module without one is listed below, with why. The list is meant to shrink: a module that
gains its test file must leave it (the test says so), and a new module cannot join it
without a reason. Thin ``__init__``/``__main__`` files need no entry.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "briefing_builder"
TESTS = ROOT / "tests"

_COMMAND = "a command-line handler, driven through briefing_builder.cli.main in "
_WINDOW = "a part of the main window, exercised by the window tests (tests/ui/test_main_window.py, tests/realdisplay)"
_UNTESTED = "no focused test yet: covered only through its callers in "

#: Modules without a mirroring test file, and why. Paths are relative to briefing_builder/.
ALLOWED: dict[str, str] = {
    # -- command-line handlers: their tests run the commands as a user types them
    "cli_history.py": _COMMAND + "tests/history/test_changes.py, tests/history/test_log.py",
    # -- split out of a module whose test file covers the whole job
    "annex/table_update.py": "one table of the update; tested as the whole update in tests/annex/test_update.py "
                             "and tests/annex/test_unusual_returns.py",
    # -- owned this session by the lanes DECKIMPORT and HISTORY (tests/deckimport/** and history/** in flux)
    "deckimport/apply.py": "tested in tests/deckimport/test_structure.py (lane DECKIMPORT)",
    "deckimport/baseline_copy.py": _UNTESTED + "tests/deckimport/test_structure.py (lane DECKIMPORT)",
    "deckimport/changes.py": "tested in tests/deckimport/test_deck_import.py (lane DECKIMPORT)",
    "deckimport/compare.py": "tested in tests/deckimport/test_deck_import.py (lane DECKIMPORT is splitting it)",
    "deckimport/deck_file.py": _UNTESTED + "tests/deckimport/test_cli.py (lane DECKIMPORT)",
    "deckimport/match.py": _UNTESTED + "tests/deckimport/test_deck_import.py (lane DECKIMPORT)",
    "deckimport/relink.py": _UNTESTED + "tests/deckimport/test_structure.py (lane DECKIMPORT)",
    "history/remote.py": "tested in tests/history/test_sync_remote.py (lane HISTORY)",
    # -- tested through what they build or read
    "render/brand_xml.py": "the bundled templates' masters and layouts; tested as the templates it builds in "
                           "tests/render/test_brand_builder.py",
    "store/localise.py": "tested with the localised texts in tests/store/test_localised.py (lane FRENCH)",
    # -- the Qt shell: widgets and window parts, tested through the window as a user drives it
    "ui/actions.py": _WINDOW + " and tests/ui/test_shortcuts.py",
    "ui/annex_tasks.py": "the annex tasks run by tests/ui/test_annex_actions.py and tests/ui/test_annex_compile.py",
    "ui/app.py": "the application start; tests/ui/test_process.py and tests/ui/test_main_window.py",
    "ui/commands.py": "the pack's undo commands; tests/ui/test_main_window.py (undo and redo)",
    "ui/diagnostics_dock.py": _WINDOW + " and tests/ui/test_store.py (store problems)",
    "ui/dialogs.py": "the dialog seam every ui test goes through (tests/ui/conftest.py)",
    "ui/editor.py": "tested in tests/ui/test_services.py",
    "ui/elided_label.py": "the status bar's labels; tests/ui/test_status_bar.py",
    "ui/export_actions.py": "tests/ui/test_export.py and tests/ui/test_services.py",
    "ui/flow_layout.py": _UNTESTED + "the window at each screen size, tests/ui/test_layout.py",
    "ui/form_fields.py": "tests/ui/test_library_edit.py and tests/ui/test_record_form_layout.py",
    "ui/history_panel.py": "tests/ui/test_history_actions.py",
    "ui/history_review.py": "tests/ui/test_history_actions.py and tests/realdisplay",
    "ui/icon.py": _UNTESTED + "the window's start, tests/ui/test_main_window.py",
    "ui/library_actions.py": "tests/ui/test_library_edit.py and tests/ui/test_services.py",
    "ui/library_panel.py": "tests/ui/test_main_window.py and tests/ui/test_services.py",
    "ui/pack_outline.py": "tests/ui/test_main_window.py and tests/ui/test_services.py",
    "ui/pdf/canvas.py": "the PDF pages' painter; tests/ui/pdf/test_slides.py and tests/ui/pdf/test_handout.py",
    "ui/pdf/printing.py": "tests/ui/test_pdf_actions.py",
    "ui/pdf/session.py": "a Qt session for the command line's PDFs; tests/ui/pdf/test_export.py",
    "ui/preview/painter.py": "tests/ui/test_preview.py and tests/ui/test_preview_line_breaks.py",
    "ui/preview/thumbnails.py": "tests/ui/test_preview.py",
    "ui/preview/worker.py": "tests/ui/test_preview.py and tests/test_cli_check.py",
    "ui/record_form.py": "tests/ui/test_library_edit.py and tests/ui/test_record_form_layout.py",
    "ui/responsive_panels.py": "tests/ui/test_layout.py",
    "ui/screenshot.py": "a developer's tool run by `make screenshot` (the README's pictures); no test",
    "ui/section_form.py": _UNTESTED + "tests/ui/test_inspector.py and tests/ui/test_inspector_markings.py",
    "ui/store_watch.py": "tests/ui/test_store.py (files changed on disk)",
    "ui/window_geometry.py": "tests/ui/test_layout.py",
    "ui/window_layout.py": _WINDOW + " and tests/ui/test_layout.py",
    "ui/window_menus.py": _WINDOW + " and tests/ui/test_recent_list.py",
    "ui/window_status.py": "tests/ui/test_status_bar.py",
    "ui/worker_thread.py": "the task runner's thread; tests/ui/test_task_runner.py",
    "ui/wrapping_delegate.py": "the pre-flight list's wrapped rows; tests/ui/test_preflight_panel.py",
}


def _modules() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                  if path.name not in {"__init__.py", "__main__.py"} and "_bundled" not in path.parts)


def _mirror(module: str) -> Path:
    path = Path(module)
    return TESTS / path.parent / f"test_{path.name}"


def test_every_module_has_a_mirroring_test_file_or_a_reason() -> None:
    missing = [m for m in _modules() if not _mirror(m).is_file() and m not in ALLOWED]
    assert not missing, ("modules without tests/<package>/test_<module>.py; write one (or, if it really needs "
                         f"none, add it to ALLOWED with why): {missing}")


def test_the_allow_list_names_only_modules_that_still_lack_a_test_file() -> None:
    modules = set(_modules())
    gone = sorted(set(ALLOWED) - modules)
    assert not gone, f"ALLOWED names modules that no longer exist: {gone}"
    mirrored = sorted(m for m in ALLOWED if _mirror(m).is_file())
    assert not mirrored, f"these modules now have their test file; remove them from ALLOWED: {mirrored}"


def test_every_reason_names_tests_that_exist() -> None:
    for module, why in ALLOWED.items():
        assert why.strip(), module
        for named in re.findall(r"tests/[\w/]+\.py", why):
            assert (ROOT / named).is_file(), f"{module}: its reason names {named}, which does not exist"
