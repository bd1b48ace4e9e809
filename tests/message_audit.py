"""Every message the app shows a user, recorded while the suite runs, checked for Python internals.

:func:`install` wraps the constructors of :class:`Diagnostic`, of plan notes and of
:class:`~briefing_builder.errors.BriefingError` (the root of every error shown to users), so
that each message made by any test is recorded;
:func:`internals` says what in a message is Python's and not the user's business: an object
repr (``<_io.BytesIO object at 0x…>``), advice about ``sys.…``, a traceback, an exception
or library class name (``ValueError``, ``BadZipFile``), a record class name (``CountryCard``,
``countrycard``) or a ``datetime.date(…)`` repr.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: What a user must never read in a message.
FORBIDDEN = re.compile(
    r"object at 0x|\bsys\.|Traceback|<class '|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\bBadZipFile\b|\bBytesIO\b"
    r"|\bNoneType\b|\bdatetime\.date\(|\bdatetime\.datetime\(|\bDecimal\("
    r"|\b(?:CountryCard|KeyFigure|SeriesPoint|StoreMeta|SubPoint|[A-Z][a-z]+Section|ValidationError)\b"
    r"|\b(?:countrycard|keyfigure|seriespoint|storemeta|subpoint)\b"
)

#: (where the message was made, the message), in the order the suite made them.
RECORDED: list[tuple[str, str]] = []


def internals(message: str) -> list[str]:
    """The parts of ``message`` that are Python internals (empty when it is clean)."""
    return [match.group(0) for match in FORBIDDEN.finditer(message)]


def offending() -> list[str]:
    """Every recorded message that shows Python internals, with where it was made."""
    return [f"{where}: {message}" for where, message in RECORDED if internals(message)]


def _recording(cls: type, message_of: Callable[[Any, tuple[Any, ...], dict[str, Any]], str]) -> None:
    original = cls.__init__

    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        RECORDED.append((type(self).__name__, message_of(self, args, kwargs)))

    cls.__init__ = recording_init  # type: ignore[misc]


def install() -> None:
    """Record every user-facing message from now on (idempotent)."""
    if getattr(install, "done", False):
        return
    install.done = True  # type: ignore[attr-defined]
    from briefing_builder.compose.plan import PlanNote
    from briefing_builder.errors import BriefingError
    from briefing_builder.store.diagnostics import Diagnostic

    _recording(Diagnostic, lambda self, args, kwargs: self.message)
    _recording(PlanNote, lambda self, args, kwargs: self.message)
    _recording(BriefingError, lambda self, args, kwargs: str(self))  # the root: every user-facing error
