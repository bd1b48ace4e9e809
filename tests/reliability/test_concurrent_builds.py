"""Two builds into one output folder never leave the deck of one next to the annex of the other.

Store A says "New EIBM Strategy in 2029", store B "… in 2030"; both build the reference pack
into the same folder at the same time. Whatever the timing, the folder ends with the deck
and the annex of the same build.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from briefing_builder.pipeline import build_pack
from briefing_builder.render import output
from briefing_builder.store import load_store
from tests.reliability.helpers import REFERENCE_PACK, copy_store, deck_text

REPO = Path(__file__).resolve().parents[2]
DECK = f"{REFERENCE_PACK}.pptx"
ANNEX = f"{REFERENCE_PACK}-annex.xlsx"


def _store(root: Path, year: str) -> Path:
    copy_store(root)
    area = root / "areas" / "02-strong-borders.yaml"
    text = area.read_text(encoding="utf-8")
    assert text.count("New EIBM Strategy in 2028") == 1
    area.write_text(text.replace("New EIBM Strategy in 2028", f"New EIBM Strategy in {year}"), encoding="utf-8")
    return root


def _years(out: Path) -> tuple[str, str]:
    """Which store the deck and the annex in ``out`` were built from."""
    deck = deck_text((out / DECK).read_bytes())
    book = openpyxl.load_workbook(io.BytesIO((out / ANNEX).read_bytes()))
    annex = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    found = []
    for text in (deck, annex):
        years = [y for y in ("2029", "2030") if f"EIBM Strategy in {y}" in text]
        assert len(years) == 1, years
        found.append(years[0])
    return found[0], found[1]


def test_a_build_paused_between_its_files_does_not_mix_with_another(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Build A stops right after its deck is in place until build B is done (or 1.5 s passed)."""
    stores = {year: load_store(_store(tmp_path / year, year)) for year in ("2029", "2030")}
    out = tmp_path / "out"
    b_done = threading.Event()
    real_replace = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        real_replace(src, dst, *args, **kwargs)
        if threading.current_thread().name == "build-2029" and Path(dst).name == DECK:
            b_done.wait(1.5)
    monkeypatch.setattr(output.os, "replace", replace)

    def build(year: str) -> None:
        catalog = stores[year]
        build_pack(catalog.packs[REFERENCE_PACK], catalog, out)
        if year == "2030":
            b_done.set()

    first = threading.Thread(target=build, args=("2029",), name="build-2029")
    first.start()
    while not (out / DECK).exists():  # A's deck is in place: now B starts
        first.join(0.01)
    second = threading.Thread(target=build, args=("2030",), name="build-2030")
    second.start()
    first.join(30)
    second.join(30)
    deck, annex = _years(out)
    assert deck == annex, f"deck of the {deck} store, annex of the {annex} store"
    assert sorted(p.name for p in out.iterdir()) == sorted([DECK, ANNEX])


def test_two_command_line_builds_at_once_leave_a_pair(tmp_path: Path) -> None:
    roots = {year: _store(tmp_path / year, year) for year in ("2029", "2030")}
    out = tmp_path / "out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    for _ in range(3):
        processes = [subprocess.Popen([sys.executable, "-m", "briefing_builder", "build", REFERENCE_PACK, "--store",
                                       str(root), "--out", str(out)], cwd=REPO, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for root in roots.values()]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        deck, annex = _years(out)
        assert deck == annex, f"deck of the {deck} store, annex of the {annex} store"
        assert sorted(p.name for p in out.iterdir()) == sorted([DECK, ANNEX])
