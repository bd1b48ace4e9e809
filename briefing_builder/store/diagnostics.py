"""Located problems found while loading or checking a store: ``path:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
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
            try:
                path = self.path.resolve().relative_to(relative_to.resolve())
            except ValueError:
                pass
        where = f"{path}"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"

    def __str__(self) -> str:
        return self.format()
