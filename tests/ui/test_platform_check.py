"""The xcb library check before Qt starts, and `run` falling back to building the sample pack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_builder.ui.platform_check import apt_line, desktop_problem, missing_xcb_packages, uses_xcb

ROOT = Path(__file__).resolve().parents[2]


def test_the_missing_libraries_are_named_by_their_packages() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    packages = missing_xcb_packages(lambda soname: soname not in absent, ldd=lambda plugin: [])
    assert packages == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert apt_line(packages) == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    assert missing_xcb_packages(lambda soname: True, ldd=lambda plugin: ["libfoo.so.2"]) == \
        ["the package providing libfoo.so.2"]


@pytest.mark.parametrize(("env", "expected"), [
    ({"DISPLAY": ":0"}, True), ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True), ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ({}, False),
])
def test_only_an_x11_start_is_checked(env: dict[str, str], expected: bool) -> None:
    assert uses_xcb(env) is (expected and sys.platform.startswith("linux"))
    if not expected:
        assert desktop_problem(env, load=lambda soname: False) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
def test_run_without_the_xcb_libraries_prints_the_apt_line_and_builds_the_sample_pack(tmp_path: Path) -> None:
    """Two libraries made unloadable (an unreadable file first on the library path, as if not installed)."""
    broken = tmp_path / "lib"
    broken.mkdir()
    for soname in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        (broken / soname).write_bytes(b"not a shared library")
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(DISPLAY=":97", LD_LIBRARY_PATH=str(broken), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "briefing_builder", "run", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "Building the sample pack instead" in done.stderr
    assert (tmp_path / "out" / "jha-counsellors-2026-01-12.pptx").is_file()
