"""How the command line tells a user that something failed: one message, an exit status, no traceback.

:func:`failure_status` is the command line's one catch (``main`` calls it for any exception
a command lets out): a :class:`~briefing_builder.errors.BriefingError` is printed located and
with its hint worded for the command line (:data:`CLI_WORDING`: options such as ``--pack``);
anything else is a bug, said in one sentence, its details written to a file for the report.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import traceback
from pathlib import Path

from briefing_builder.errors import BriefingError, Do, Wording
from briefing_builder.store.loader import StoreNotFound

#: The command line's words for each step a hint asks for.
CLI_WORDING: Wording = {
    Do.CHOOSE_PACK: "give the pack with --pack.",
    Do.CHOOSE_STORE: "give --store or --pack.",
    Do.POINT_AT_STORE: "Point --store at a folder that holds a {store_file}.",
    Do.USE_PACK_MADE_FOR: "Give --pack {made_for} (or leave --pack out for an import); to use it with '{pack}' "
                          "anyway, add --force-pack.",
    Do.COPY_STORE: "Copy the folder {store} to a folder of your own and give that folder with --store "
                   "(e.g. --store ~/jha-store).",
}

#: Where the details of an unexpected failure are written (for a bug report).
CRASH_LOG = "briefing-builder-crash.log"


def cli_message(error: BriefingError) -> str:
    """``error`` as the command line says it: location, what is wrong, what to do (in CLI words)."""
    return error.worded(CLI_WORDING)


def failure_status(error: Exception) -> int:
    """Tell the user about ``error`` on the error output; the exit status (2: no such store, else 1)."""
    if isinstance(error, BriefingError):
        _say(cli_message(error))
        return 2 if isinstance(error, StoreNotFound) else 1
    log = _write_details(error)
    where = f" The details for a bug report are in {log}." if log else ""
    _say(f"an unexpected problem stopped the command ({_summary(error)}); this is a fault in Briefing "
         f"Builder.{where}")
    return 1


def _say(message: str) -> None:
    print(f"briefing-builder: {message}", file=sys.stderr)


def _summary(error: Exception) -> str:
    first = str(error).splitlines()[0] if str(error) else ""
    return first[:200] or "no description"


def _write_details(error: Exception) -> Path | None:
    """Append the traceback of ``error`` to the crash log in the temporary folder; the log, or None."""
    path = Path(tempfile.gettempdir()) / CRASH_LOG
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path
