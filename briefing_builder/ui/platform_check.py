"""Can Qt's xcb platform start here? Checked before any ``QApplication`` exists.

When one of the libraries the xcb plugin needs is missing, Qt names ``xcb-cursor0`` whatever
is missing and aborts the process, which Python cannot catch (PITFALLS 19). So on Linux, before
starting Qt on X11, :func:`missing_xcb_packages` tries to load each library the plugin links
to (and asks ``ldd`` about the plugin itself for any other). A library that is not found is
named by its package, with :func:`apt_line`; one that is found but fails to load (a broken copy
earlier on ``LD_LIBRARY_PATH``) is named with the file and the loader's reason, without apt.
Nothing here imports Qt's GUI modules.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

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

#: Tries to load a library: ``None`` when it loads, else the loader's message.
Loader = Callable[[str], "str | None"]

_NOT_FOUND = "cannot open shared object file"


@dataclass(frozen=True)
class LibraryProblem:
    """One library the xcb plugin needs that did not load: missing, or found but broken."""

    soname: str
    package: str
    reason: str = ""  # the loader's message
    where: str | None = None  # the file that failed to load (None: no such file found)

    @property
    def missing(self) -> bool:
        """True when no copy was found at all (installing the package is the fix)."""
        return self.where is None

    def sentence(self) -> str:
        """What went wrong with this library, for the user."""
        if self.missing:
            return f"{self.soname} is not installed (package {self.package})"
        return f"{self.soname} failed to load from {self.where}: {self.reason}"


def _load_error(soname: str) -> str | None:
    try:
        ctypes.CDLL(soname)
    except OSError as exc:
        return str(exc) or "it cannot be loaded"
    return None


def problem_of(soname: str, message: str) -> LibraryProblem:
    """Read the loader's ``message`` for ``soname``: not found, or which file failed to load and why."""
    package = XCB_LIBRARIES.get(soname, f"the package providing {soname}")
    head, _, reason = message.partition(": ")
    if _NOT_FOUND in message and head == soname:
        return LibraryProblem(soname, package, message)
    if _NOT_FOUND in message:  # the library loaded, one it needs did not: name that one
        return LibraryProblem(soname, package, f"it needs {head}, which is not installed", "the system's copy")
    return LibraryProblem(soname, package, reason or message, head if "/" in head else "the library path")


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


def xcb_problems(load: Loader = _load_error, plugin: Path | None = None,
                 ldd: Callable[[Path | None], list[str]] = _ldd_missing) -> list[LibraryProblem]:
    """Every library of the xcb plugin that does not load, in :data:`XCB_LIBRARIES` order, then
    the others ``ldd`` reports as not found."""
    problems = []
    for soname in XCB_LIBRARIES:
        message = load(soname)
        if message is not None:
            problems.append(problem_of(soname, message))
    known = {problem.soname for problem in problems}
    linked = ldd(plugin if plugin is not None else xcb_plugin())
    problems.extend(problem_of(soname, f"{soname}: {_NOT_FOUND}") for soname in linked if soname not in known)
    return problems


def missing_xcb_packages(load: Loader = _load_error, plugin: Path | None = None,
                         ldd: Callable[[Path | None], list[str]] = _ldd_missing) -> list[str]:
    """The packages to install so that the xcb platform starts (only libraries really missing)."""
    return list(dict.fromkeys(p.package for p in xcb_problems(load, plugin, ldd) if p.missing))


def apt_line(packages: list[str]) -> str:
    """The one command that installs ``packages`` on Debian or Ubuntu."""
    return "sudo apt-get install " + " ".join(packages)


def uses_xcb(environ: Mapping[str, str] | None = None) -> bool:
    """True when Qt would start on X11 here (Linux, no other platform chosen, not Wayland-only)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def desktop_problem(environ: Mapping[str, str] | None = None, load: Loader = _load_error,
                    ldd: Callable[[Path | None], list[str]] = _ldd_missing) -> str | None:
    """Why the app cannot open its window here: the libraries missing (with the one apt line)
    and those found but failing to load (which file, why; apt would not help); None when it can."""
    env = os.environ if environ is None else environ
    if not uses_xcb(env):
        return None
    problems = xcb_problems(load, ldd=ldd)
    if not problems:
        return None
    lines = ["The desktop app cannot start: Qt's X11 (xcb) platform needs libraries that do not load."]
    broken = [p for p in problems if not p.missing]
    packages = list(dict.fromkeys(p.package for p in problems if p.missing))
    lines.extend(f"  {problem.sentence()}." for problem in broken)
    if broken:
        search = env.get("LD_LIBRARY_PATH")
        lines.append("  Its package may well be installed: the copy above is found first"
                     + (f" (LD_LIBRARY_PATH={search})" if search else "")
                     + ". Remove or replace that file, or take its folder off LD_LIBRARY_PATH.")
    if packages:
        lines.append(f"Not installed: {', '.join(packages)}. Install them with:\n  {apt_line(packages)}")
    return "\n".join(lines)
