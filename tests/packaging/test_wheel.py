"""The installable build: the wheel, installed into a fresh venv outside the repository, builds
the reference pack from any working folder with the templates, fonts and sample store it
carries (``briefing_builder/_bundled``), and gives the same deck as the checkout.

Dependencies are installed from the package index by default (about 20 s with a warm pip
cache). Offline, set ``BB_WHEEL_OFFLINE=1``: the wheel is then installed without
dependencies and the fresh venv borrows them from the running environment through a
``.pth`` file (the running environment's editable install is *not* visible that way).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import REFERENCE_PACK
from briefing_builder.pipeline import build_pack
from briefing_builder.render.package_check import check_package
from briefing_builder.store import load_store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
OFFLINE = bool(os.environ.get("BB_WHEEL_OFFLINE"))


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def _clean_checkout(target: Path) -> Path:
    """The committed tree (as a CI checkout has it); the working folder when git is not there."""
    if (REPO / ".git").exists() and shutil.which("git"):
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO, capture_output=True,
                                 timeout=120)
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(target, filter="data")
            return target
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".venv", ".git", "out", "__pycache__", "*.egg-info"))
    return target


def _build_wheel(src: Path, dist: Path) -> Path:
    try:
        import hatchling  # noqa: F401  (already installed: build offline, without isolation)
        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", *isolation, "-w", str(dist), "-q"], cwd=src)
    (wheel,) = dist.glob("briefing_builder-*.whl")
    return wheel


def _environment(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", VIRTUAL_ENV=str(venv), PYTHONNOUSERSITE="1",
               PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(venv, wheel, environment): the wheel installed into a fresh venv outside the repository."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.resolve().is_relative_to(REPO)
    wheel = _build_wheel(_clean_checkout(base / "src"), base / "dist")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    python = venv / "bin" / "python"
    env = _environment(venv)
    if OFFLINE:
        _run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], cwd=base, env=env)
        site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         cwd=base, env=env).strip())
        (site / "zz_borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    else:
        _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)], cwd=base,
             env=env, timeout=900)
    return venv, wheel, env


def test_wheel_carries_the_bundled_resources(installed: tuple[Path, Path, dict[str, str]]) -> None:
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in (("templates", ".pptx"), ("assets/fonts", ".ttf"), ("assets/fonts", "fonts.yaml"),
                            ("sample_data", "store.yaml"), ("sample_data/packs", f"{REFERENCE_PACK}.yaml")):
        prefix = f"briefing_builder/_bundled/{folder}/"
        assert any(n.startswith(prefix) and n.endswith(pattern) for n in names), f"{prefix}*{pattern} missing"
    # Licences of the shipped fonts travel with them.
    assert any(n.endswith("LICENSE-Carlito.txt") for n in names)
    assert not any("/tests/" in n or n.startswith("tests/") or "__pycache__" in n for n in names)


def test_installed_app_finds_its_resources_inside_the_venv(installed: tuple[Path, Path, dict[str, str]],
                                                            tmp_path: Path) -> None:
    venv, _, env = installed
    probe = ("import briefing_builder, briefing_builder.paths as p;"
             "print(briefing_builder.__file__); print(p.templates_dir()); print(p.fonts_dir());"
             "print(p.sample_store_dir())")
    lines = _run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=env).splitlines()
    for line in lines:
        path = Path(line).resolve()
        assert path.is_relative_to(venv.resolve()), f"{line} is not inside the installed venv"
        assert not path.is_relative_to(REPO), f"{line} comes from the repository"
        assert path.exists()


def test_installed_cli_builds_the_reference_pack_from_anywhere(installed: tuple[Path, Path, dict[str, str]],
                                                               tmp_path: Path) -> None:
    venv, _, env = installed
    elsewhere = tmp_path / "some other folder"
    elsewhere.mkdir()
    script = venv / "bin" / "briefing-builder"
    assert script.exists()
    output = _run([str(script), "build", REFERENCE_PACK, "--out", "tmp/out"], cwd=elsewhere, env=env)
    deck = elsewhere / "tmp" / "out" / f"{REFERENCE_PACK}.pptx"
    annex = elsewhere / "tmp" / "out" / f"{REFERENCE_PACK}-annex.xlsx"
    assert deck.exists() and annex.exists(), output
    data = deck.read_bytes()
    assert len(Presentation(io.BytesIO(data)).slides) == 10
    assert check_package(data) == []
    with zipfile.ZipFile(annex) as archive:
        assert archive.testzip() is None
    # The same fonts and template were used: the installed app's deck is the checkout's deck.
    catalog = load_store(REPO / "sample_data")
    ours = build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "checkout", annex=False)
    assert ours.deck.read_bytes() == data
    assert _run([str(script), "validate"], cwd=elsewhere, env=env).startswith("Store '")
    listing = _run([str(script), "list"], cwd=elsewhere, env=env)
    assert "briefing-16x9" in listing and REFERENCE_PACK in listing


def test_installed_cli_errors_are_messages(installed: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    venv, _, env = installed
    done = subprocess.run([str(venv / "bin" / "briefing-builder"), "build", "no-such-pack"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "no pack 'no-such-pack'" in done.stderr
