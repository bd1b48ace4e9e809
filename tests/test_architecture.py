"""The layering holds: Qt only in ui/, and ui → compose/render → store/markup, never upward."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "briefing_builder"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_pyside6_is_imported_only_in_the_ui_package() -> None:
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                 if "ui" not in path.relative_to(PACKAGE).parts
                 and any(name.split(".")[0] == "PySide6" for name in _imports(path))]
    assert offenders == []


def test_core_modules_do_not_import_upper_layers() -> None:
    rules = {"store": ("compose", "render", "ui", "pipeline", "annex"),
             "compose": ("render", "ui", "pipeline", "annex"), "render": ("ui", "annex"),
             "annex": ("ui", "pipeline"), "pack": ("ui", "cli")}
    offenders = []
    for layer, forbidden in rules.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] == "briefing_builder" and len(parts) > 1 and parts[1] in forbidden:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter is not installed")
def test_import_linter_contracts_are_kept() -> None:
    tool = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run([tool], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
