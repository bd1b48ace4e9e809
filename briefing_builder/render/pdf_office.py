"""The deck's PDF as LibreOffice renders it (``build --pdf=office``), where LibreOffice is installed.

LibreOffice converts into a private folder; the PDF then replaces ``<deck>.pdf`` atomically,
so a failed conversion never leaves half a file. A missing LibreOffice, a timeout or a
failed conversion is an :class:`OfficePdfError` whose message says what to do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from briefing_builder.errors import BriefingError

TIMEOUT_S = 180
_NAMES = ("soffice", "libreoffice")


class OfficePdfError(BriefingError):
    """LibreOffice could not make the PDF; the message is for the user."""


def office_binary() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def office_pdf(deck: Path) -> Path:
    """Convert ``deck`` (.pptx) with LibreOffice into ``<deck>.pdf`` beside it; return that path."""
    from briefing_builder.render.output import atomic_write

    binary = office_binary()
    if binary is None:
        raise OfficePdfError("LibreOffice is not installed here, so --pdf=office cannot be used. "
                             "Use --pdf (drawn by the app, no office suite needed).")
    with tempfile.TemporaryDirectory(prefix="bb-office-") as scratch:
        profile = Path(scratch) / "profile"
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", scratch, str(deck)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise OfficePdfError(f"LibreOffice did not convert {deck.name} within {TIMEOUT_S} s; "
                                 "nothing was written. Close other LibreOffice windows and retry, "
                                 "or use --pdf.") from None
        made = Path(scratch) / f"{deck.stem}.pdf"
        if done.returncode != 0 or not made.exists():
            reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no PDF was made"]
            raise OfficePdfError(f"LibreOffice could not convert {deck.name} ({reason[0]}); nothing was "
                                 "written. Use --pdf (drawn by the app) instead.")
        target = deck.with_suffix(".pdf")
        atomic_write(target, made.read_bytes())
    return target
