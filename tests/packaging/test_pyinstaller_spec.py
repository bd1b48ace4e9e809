"""The PyInstaller one-folder bundle (packaging/briefing-builder.spec).

Always: the spec compiles, and it lays the bundled resources out exactly as the wheel does
(pyproject's force-include), which is what briefing_builder/paths.py looks for.
When PyInstaller is available (in this environment, or in the Python named by
``BB_PYINSTALLER_PYTHON``): the bundle is built and builds the reference pack byte for byte
like the checkout (about 30 s for the build).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefing_builder.cli import REFERENCE_PACK
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "briefing-builder.spec"


def _spec_datas() -> dict[str, str]:
    """The (source folder → bundle folder) pairs of the spec's literal ``datas`` list."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    pairs = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "datas" for t in node.targets):
            for item in node.value.elts:  # type: ignore[attr-defined]
                source, target = item.elts
                folder = source.args[0].right.value  # str(ROOT / "sample_data")
                pairs[folder] = target.value
    return pairs


def test_spec_compiles_and_matches_the_wheel_layout() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    force_include = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert _spec_datas() == force_include
    for folder in force_include:
        assert (REPO / folder).is_dir()
    assert "briefing_builder\" / \"__main__.py" in SPEC.read_text(encoding="utf-8")


def _pyinstaller_python() -> str | None:
    named = os.environ.get("BB_PYINSTALLER_PYTHON")
    if named:
        return named
    return sys.executable if importlib.util.find_spec("PyInstaller") else None


@pytest.mark.slow
@pytest.mark.skipif(_pyinstaller_python() is None,
                    reason="PyInstaller is not installed (set BB_PYINSTALLER_PYTHON to a Python that has it)")
def test_bundle_builds_and_runs(tmp_path: Path) -> None:
    python = _pyinstaller_python()
    assert python is not None
    done = subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
                           "--workpath", str(tmp_path / "build"), str(SPEC)],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    exe = tmp_path / "dist" / "briefing-builder" / ("briefing-builder.exe" if os.name == "nt" else "briefing-builder")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([str(exe), "build", REFERENCE_PACK, "--out", "out"], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    deck = elsewhere / "out" / f"{REFERENCE_PACK}.pptx"
    assert (elsewhere / "out" / f"{REFERENCE_PACK}-annex.xlsx").exists()
    catalog = load_store(REPO / "sample_data")
    ours = build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "checkout", annex=False)
    assert deck.read_bytes() == ours.deck.read_bytes()
