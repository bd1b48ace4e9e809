"""Can Qt's xcb platform start here? Checked before any ``QApplication`` exists.

When one of the libraries the xcb plugin needs is missing, Qt names ``xcb-cursor0`` whatever
is missing and aborts the process, which Python cannot catch (PITFALLS 19). So on Linux, before
starting Qt on X11, :func:`missing_xcb_packages` tries to load each library the plugin links
to (and asks ``ldd`` about the plugin itself for any other), and :func:`apt_line` says what to
install. Nothing here imports Qt's GUI modules.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

# library soname -> the Debian/Ubuntu package that ships it
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

Loader = Callable[[str], bool]


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the installed PySide6 (None when it is not there)."""
    try:
        import PySide6
    except ImportError:
        return None
    for folder in (Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms",
                   Path(PySide6.__file__).parent / "plugins" / "platforms"):
        plugin = folder / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def _ldd_missing(plugin: Path | None) -> list[str]:
    """Libraries ``ldd`` reports as "not found" for the plugin (empty when ldd is unavailable)."""
    if plugin is None or shutil.which("ldd") is None:
        return []
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split()[0] for line in out.splitlines() if "not found" in line]


def missing_xcb_packages(load: Loader = _loads, plugin: Path | None = None,
                         ldd: Callable[[Path | None], list[str]] = _ldd_missing) -> list[str]:
    """The packages to install so that the xcb platform starts (empty: nothing is missing)."""
    packages = [package for soname, package in XCB_LIBRARIES.items() if not load(soname)]
    for soname in ldd(plugin if plugin is not None else xcb_plugin()):
        package = XCB_LIBRARIES.get(soname, f"the package providing {soname}")
        if package not in packages:
            packages.append(package)
    return packages


def apt_line(packages: list[str]) -> str:
    """The one command that installs ``packages`` on Debian or Ubuntu."""
    return "sudo apt-get install " + " ".join(packages)


def uses_xcb(environ: dict[str, str] | None = None) -> bool:
    """True when Qt would start on X11 here (Linux, no other platform chosen, not Wayland-only)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def desktop_problem(environ: dict[str, str] | None = None, load: Loader = _loads) -> str | None:
    """Why the app cannot open its window here, with what to install; None when it can."""
    if not uses_xcb(environ):
        return None
    packages = missing_xcb_packages(load)
    if not packages:
        return None
    return ("The desktop app cannot start: Qt's X11 (xcb) platform needs libraries that are not installed: "
            f"{', '.join(packages)}.\nInstall them with:\n  {apt_line(packages)}")
