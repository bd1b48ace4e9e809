"""The one root of every error a user may see: what is wrong, where, and what to do.

A :class:`BriefingError` carries three fields — ``message`` (what is wrong), ``location``
(a :class:`Location`: file, line or cell; optional) and ``hint`` (a :class:`Hint`: what to do;
optional) — and ``str()`` composes them in words that suit every surface. Advice that only
makes sense on one surface ("give the pack with --pack", "open the pack it was made for") is
not written into the message: the hint names the step as a :class:`Do`, and the command line
and the app each word it with their own table (:meth:`BriefingError.worded`).

Each entry point catches this one class: the command line's ``main``, the app's excepthook and
each background task's failure path. A cancelled task is not an error and is no subclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Do(Enum):
    """A step a hint asks for that each surface words its own way (see :data:`Wording`)."""

    #: Say which pack a file was made for (``pack``: the one it names, when known).
    CHOOSE_PACK = "choose-pack"
    #: Use the store that holds the pack (``pack``).
    CHOOSE_STORE = "choose-store"
    #: Point at a folder that is a store (``store_file``: the file a store folder holds).
    POINT_AT_STORE = "point-at-store"
    #: Use the file with the pack it was made for (``made_for``), or insist on ``pack``.
    USE_PACK_MADE_FOR = "use-pack-made-for"
    #: Copy the read-only bundled store (``store``) to a folder of one's own and use the copy.
    COPY_STORE = "copy-store"


#: How a surface words each :class:`Do`: a ``str.format`` template over the hint's details.
Wording = Mapping[Do, str]


@dataclass(frozen=True)
class Location:
    """Where the problem is: a file, and in it a line (and column) or a cell (``Measures!C5``)."""

    file: Path | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = str(self.file) if self.file is not None else ""
        if self.line:
            line = f"{self.line}" + (f":{self.column}" if self.column else "")
            where = f"{where}:{line}" if where else f"line {line}"
        if self.cell:
            where += f" ({self.cell})" if where else self.cell
        return where


@dataclass(frozen=True)
class Hint:
    """What to do: ``text`` in words for any surface; ``action`` (with ``details`` to fill in)
    when a surface has words of its own for the step."""

    text: str
    action: Do | None = None
    details: tuple[tuple[str, str], ...] = ()

    def worded(self, wording: Wording) -> str:
        """The hint in a surface's words (``text`` when the surface has none for ``action``)."""
        template = wording.get(self.action) if self.action is not None else None
        return template.format(**dict(self.details)) if template else self.text


class BriefingError(Exception):
    """A failure the user can do something about; see the module docstring for the fields."""

    def __init__(self, message: str, location: Location | None = None, hint: Hint | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = Hint(hint) if isinstance(hint, str) else hint

    def worded(self, wording: Wording) -> str:
        """The whole message — location, what is wrong, what to do — with the hint in ``wording``'s words."""
        text = f"{self.location}: {self.message}" if self.location is not None and str(self.location) else self.message
        if self.hint is None:
            return text
        return _joined(text, self.hint.worded(wording))

    def __str__(self) -> str:
        return self.worded({})


def _joined(text: str, hint: str) -> str:
    """``text`` then ``hint``, as one or two sentences (``text`` may end with ``;`` or ``,``)."""
    if not text or text.endswith((".", ";", ":", ",", "!", "?", "\n")):
        return f"{text} {hint}".strip()
    return f"{text}. {hint}"
