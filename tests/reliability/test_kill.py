"""The process killed during an export (SIGKILL: no clean-up runs) never leaves a partial file
in place of a good one: each target is absent, the previous file, or a complete new one; and
once the folder is settled (by the next export, or :func:`settle_folder`) the deck and the
annex are a pair — both previous or both new.

The child (:mod:`tests.reliability.kill_child`) is the real CLI with its writes slowed down
and announced, so the kills land before, during and between the two writes and between the
two renames; others land at seeded random moments after start.
"""

from __future__ import annotations

import io
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from briefing_builder.pipeline import build_pack
from briefing_builder.render.folder_lock import LOCK_NAME
from briefing_builder.render.output import settle_folder
from briefing_builder.store import load_store
from tests.reliability.helpers import REFERENCE_PACK, assert_sound_deck, copy_store, deck_titles

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

REPO = Path(__file__).resolve().parents[2]
DECK = f"{REFERENCE_PACK}.pptx"
ANNEX = f"{REFERENCE_PACK}-annex.xlsx"
RNG = random.Random(20260112)
#: (marker, how many times it must have been printed, extra delay range in seconds)
KILL_POINTS = [
    ("STARTED", 1, (0.0, 0.3)),          # while importing / loading the store
    ("WRITING", 1, (0.0, 0.18)),         # the deck half on disk (40 chunks × 5 ms)
    ("REPLACED", 1, (0.0, 0.0)),         # the new deck renamed into place, the annex not yet
    ("WRITING", 2, (0.0, 0.18)),         # the annex half on disk
    ("WRITING", 2, (0.19, 0.3)),         # around the annex's fsync and the renames
    ("STARTED", 1, (0.3, 2.5)),          # seeded random moments
    ("STARTED", 1, (0.3, 2.5)),
    ("STARTED", 1, (0.3, 2.5)),
]


def _start(root: Path, out: Path) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "tests.reliability.kill_child", str(root), str(out)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.strip())
        lines.put("<EOF>")
    threading.Thread(target=pump, daemon=True).start()
    return process, lines


def _kill_at(process: subprocess.Popen[str], lines: queue.Queue[str], marker: str, count: int,
             delay: float) -> str:
    """Kill ``process`` ``delay`` seconds after the ``count``-th ``marker`` line; return what it printed."""
    seen, printed = 0, []
    deadline = time.monotonic() + 60
    while seen < count:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        printed.append(line)
        if line == "<EOF>":
            break
        if line.split(" ")[0] == marker:
            seen += 1
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return "\n".join(printed)


def _check_deck(path: Path, previous: bytes | None) -> str:
    if not path.exists():
        assert previous is None, "a good deck disappeared"
        return "absent"
    data = path.read_bytes()
    if data == previous:
        return "previous"
    assert_sound_deck(data)  # complete zip, passes the structural checks
    titles = deck_titles(data)
    assert len(titles) == 10 and titles[-1] == "Merci"
    return "new"


def _check_annex(path: Path, previous: bytes | None) -> str:
    if not path.exists():
        assert previous is None, "a good annex disappeared"
        return "absent"
    data = path.read_bytes()
    if data == previous:
        return "previous"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert any("EIBM Strategy in 2029" in str(cell.value) for sheet in book for row in sheet.iter_rows()
               for cell in row)
    return "new"


def _leftovers(out: Path) -> list[str]:
    """Files other than the targets: only hidden temporary files may survive a SIGKILL (and the
    folder's lock file, which holds the journal of a pair write cut short)."""
    others = sorted(p.name for p in out.iterdir() if p.name not in (DECK, ANNEX, LOCK_NAME)) if out.exists() else []
    assert all(name.startswith(".") and name.endswith(".tmp") for name in others), others
    return others


def _settled(out: Path, previous_deck: bytes | None, previous_annex: bytes | None) -> tuple[str, str]:
    """Check each file as the kill left it, settle the folder, and check that the pair matches."""
    _check_deck(out / DECK, previous_deck)
    _check_annex(out / ANNEX, previous_annex)
    _leftovers(out)
    if out.exists():
        settle_folder(out)
    deck, annex = _check_deck(out / DECK, previous_deck), _check_annex(out / ANNEX, previous_annex)
    assert deck == annex, f"deck {deck}, annex {annex}: not a pair"
    assert not (out / LOCK_NAME).exists()
    return deck, annex


def _changed_store(tmp_path: Path) -> Path:
    root = copy_store(tmp_path / "store")
    pack = root / "packs" / f"{REFERENCE_PACK}.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace('title: "Thank you"', 'title: "Merci"'),
                    encoding="utf-8")
    area = root / "areas" / "02-strong-borders.yaml"  # shown in the annex too
    text = area.read_text(encoding="utf-8")
    assert text.count("New EIBM Strategy in 2028") == 1
    area.write_text(text.replace("New EIBM Strategy in 2028", "New EIBM Strategy in 2029"), encoding="utf-8")
    return root


def test_killed_export_over_previous_files(tmp_path: Path) -> None:
    root = _changed_store(tmp_path)
    out = tmp_path / "out"
    original = load_store(copy_store(tmp_path / "original"))
    build_pack(original.packs[REFERENCE_PACK], original, out)
    previous_deck, previous_annex = (out / DECK).read_bytes(), (out / ANNEX).read_bytes()
    outcomes = []
    for marker, count, (low, high) in KILL_POINTS:
        # Start from the previous good files each time, so every kill can be told apart.
        (out / DECK).write_bytes(previous_deck)
        (out / ANNEX).write_bytes(previous_annex)
        process, lines = _start(root, out)
        printed = _kill_at(process, lines, marker, count, RNG.uniform(low, high))
        left_new_deck = _check_deck(out / DECK, previous_deck) == "new"
        deck, annex = _settled(out, previous_deck, previous_annex)
        outcomes.append((marker, count, deck, annex, left_new_deck, len(_leftovers(out))))
        assert process.returncode in (-signal.SIGKILL, 0), printed
    # The announced kill points prove the interesting cases happened: killed mid-deck, mid-annex
    # (previous pair kept) and between the two renames (the new deck was in place, and settling
    # put the previous one back next to the previous annex).
    assert outcomes[1][2:4] == ("previous", "previous"), outcomes
    assert outcomes[2][2:5] == ("previous", "previous", True), outcomes
    assert outcomes[3][2:4] == ("previous", "previous"), outcomes
    # A later export works, whatever was left over, and sweeps the killed exports' temporary
    # files once they are old enough not to belong to an export still running.
    stale = [out / name for name in _leftovers(out)]
    assert stale, "the kills mid-write should have left temporary files"
    for path in stale:
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    process, lines = _start(root, out)
    assert process.wait(timeout=120) == 0
    assert _check_deck(out / DECK, previous_deck) == "new"
    assert _check_annex(out / ANNEX, previous_annex) == "new"
    assert _leftovers(out) == []


def test_killed_first_export_leaves_nothing_partial(tmp_path: Path) -> None:
    root = _changed_store(tmp_path)
    for n, (marker, count, (low, high)) in enumerate(KILL_POINTS[:5]):
        out = tmp_path / f"out{n}"
        process, lines = _start(root, out)
        _kill_at(process, lines, marker, count, RNG.uniform(low, high))
        _settled(out, None, None)
