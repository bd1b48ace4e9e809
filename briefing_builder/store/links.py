"""Which paths of a store may be read: symbolic links are followed only inside the store.

A store is often a synced or shared folder; a link in it that leads elsewhere (``areas/x.yaml
→ /home/someone/notes.yaml``, or a whole ``countries/`` folder linked to a share) would make
the deck depend on files nobody sees when looking at the store, so it is refused unless
``store.yaml`` says ``allow_links_outside: true``. A link that leads nowhere (its target was
moved or deleted) is reported rather than skipped in silence.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing_builder.store.diagnostics import Diagnostic, Severity

#: The store.yaml setting that lets links lead outside the store folder.
ALLOW_SETTING = "allow_links_outside"


class LinkPolicy:
    """Decides, for each path of one store, whether it is read; reports the ones that are not."""

    def __init__(self, root: Path, allow_outside: bool = False) -> None:
        self.root = root
        self.allow_outside = allow_outside
        self._real_root = real_path(root)

    def readable(self, path: Path, diagnostics: list[Diagnostic], linked: bool | None = None) -> bool:
        """True when ``path`` may be read; otherwise a diagnostic says why not and what to do.

        ``linked`` says whether ``path`` or a folder of it below the store is a link, when the
        caller knows (a directory listing does, without more system calls).
        """
        if not (_linked(path, self.root) if linked is None else linked):
            return True
        real = real_path(path)
        if real is None:
            diagnostics.append(Diagnostic(path, 0, 0, "this is a link in a loop of links that leads back to "
                                          "itself; delete the link or point it at a file", Severity.WARNING))
            return False
        if not real.exists():
            target = _target_text(path)
            diagnostics.append(Diagnostic(path, 0, 0, f"this is a link to {target}, which does not exist; "
                                          "restore the file it points to, or delete the link",
                                          Severity.WARNING))
            return False
        if self._real_root is not None and not real.is_relative_to(self._real_root) and not self.allow_outside:
            kind = "folder" if real.is_dir() else "file"
            diagnostics.append(Diagnostic(path, 0, 0, f"this {kind} is a link to {real}, "
                                          "outside the store folder; copy it into the store, or allow links that lead "
                                          f"outside with '{ALLOW_SETTING}: true' in store.yaml"))
            return False
        return True


def _linked(path: Path, root: Path) -> bool:
    """True when ``path`` or one of its folders below ``root`` is a symbolic link (or a junction)."""
    current = path
    while current != root and current != current.parent:
        if current.is_symlink() or _is_junction(current):
            return True
        current = current.parent
    return False


def _is_junction(path: Path) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Windows folder junctions (Python 3.12+)
    return bool(is_junction and is_junction(path))


def real_path(path: Path) -> Path | None:
    """``path`` with every link followed, or ``None`` when the links go round in a loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None


def _target_text(path: Path) -> str:
    try:
        return f"'{os.readlink(path)}'"
    except OSError:
        return "a file"
