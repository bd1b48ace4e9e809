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
    def load(soname: str) -> str | None:
        return f"{soname}: cannot open shared object file: No such file or directory" if soname in absent else None
    packages = missing_xcb_packages(load, ldd=lambda plugin: [])
    assert packages == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert apt_line(packages) == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    assert missing_xcb_packages(lambda soname: None, ldd=lambda plugin: ["libfoo.so.2"]) == \
        ["the package providing libfoo.so.2"]


def test_a_library_that_is_installed_but_fails_to_load_is_named_with_its_file_not_apt() -> None:
    def load(soname: str) -> str | None:
        if soname == "libxcb-icccm.so.4":
            return "/home/me/brokenlib/libxcb-icccm.so.4: file too short"
        if soname == "libxcb-keysyms.so.1":
            return "libxcb-keysyms.so.1: cannot open shared object file: No such file or directory"
        return None
    message = desktop_problem({"QT_QPA_PLATFORM": "xcb", "LD_LIBRARY_PATH": "/home/me/brokenlib"}, load,
                              ldd=lambda plugin: []) or ""
    assert "libxcb-icccm.so.4 failed to load from /home/me/brokenlib/libxcb-icccm.so.4: file too short" in message
    assert "LD_LIBRARY_PATH=/home/me/brokenlib" in message
    assert "sudo apt-get install libxcb-keysyms1" in message and "libxcb-icccm4" not in message
    assert "is not installed" not in message.split("Not installed")[0]


@pytest.mark.parametrize(("env", "expected"), [
    ({"DISPLAY": ":0"}, True), ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True), ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ({}, False),
])
def test_only_an_x11_start_is_checked(env: dict[str, str], expected: bool) -> None:
    assert uses_xcb(env) is (expected and sys.platform.startswith("linux"))
    if not expected:
        assert desktop_problem(env, load=lambda soname: "gone") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
def test_run_with_broken_xcb_libraries_names_them_and_builds_the_sample_pack(tmp_path: Path) -> None:
    """Two libraries made unloadable (a broken file first on the library path): named with that file, no apt line."""
    broken = tmp_path / "lib"
    broken.mkdir()
    for soname in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        (broken / soname).write_bytes(b"not a shared library")
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(DISPLAY=":97", LD_LIBRARY_PATH=str(broken), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "briefing_builder", "run", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"libxcb-icccm.so.4 failed to load from {broken / 'libxcb-icccm.so.4'}: file too short" in done.stderr
    assert f"libxcb-keysyms.so.1 failed to load from {broken / 'libxcb-keysyms.so.1'}" in done.stderr
    assert "apt-get" not in done.stderr and "not installed" not in done.stderr
    assert "Building the sample pack instead" in done.stderr
    assert (tmp_path / "out" / "jha-counsellors-2026-01-12.pptx").is_file()
