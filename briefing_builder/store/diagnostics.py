"""Located problems found while loading or checking a store: ``path:line:column: message``."""

from __future__ import annotations

import os
import re
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a diagnostic is: errors drop the record, warnings keep it."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: Path
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def format(self, relative_to: Path | None = None) -> str:
        """Render as ``path:line:column: severity: message`` (path relative when possible)."""
        path = self.path
        if relative_to is not None:
            # Not resolve(): a diagnostic about a link names the link, not where it leads.
            try:
                path = Path(os.path.abspath(self.path)).relative_to(os.path.abspath(relative_to))
            except ValueError:
                with suppress(ValueError, OSError, RuntimeError):
                    path = self.path.resolve().relative_to(relative_to.resolve())
        where = f"{path}"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"

    def __str__(self) -> str:
        return self.format()


_REPR = re.compile(r"<[^<>]*\bobject at 0x[0-9a-fA-F]+>|<class '[^']*'>")


def plain_reason(exc: BaseException) -> str:
    """An exception's own words for a user message: no class name, no ``<… object at 0x…>``.

    Used where a library's message is the best description of what is damaged in a file
    (python-pptx on a broken template part); the user never sees Python's internals.
    """
    text = _REPR.sub("the file", str(exc)).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":  # a KeyError's own quotes
        text = text[1:-1].strip()
    return text or "a part of the file is damaged"
