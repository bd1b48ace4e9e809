"""The annex import still knows what was sent when the returned file and the pack's folder
both lost the baseline: the store's history kept it with the export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.cli import main
from tests.annex.returns import PACK, load, type_into, where

MEASURE = "new-eibm-strategy"


def _import(store: Path, annex: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["annex", "import", str(annex), "--store", str(store)]) == 0
    return capsys.readouterr().out


def _returned_without_baseline(store: Path, tmp_path: Path) -> Path:
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out")]) == 0
    annex = tmp_path / "out" / f"{PACK}-annex.xlsx"
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Measure"): "New EIBM Strategy, reviewed"})
    book = load(annex)
    del book["Annex baseline"]  # a re-save dropped the hidden sheet
    book.save(annex)
    shutil.rmtree(store / "packs" / ".annex-baselines")  # and the copy next to the pack is gone
    return annex


def test_the_baseline_comes_from_the_history_when_both_copies_are_gone(store: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    annex = _returned_without_baseline(store, tmp_path)
    out = _import(store, annex, capsys)
    assert "compared with the copy kept in the store's history (export/" in out
    assert "Proposals: 1 (1 can be applied); conflicts: 0" in out


def test_without_history_it_says_no_baseline(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annex = _returned_without_baseline(store, tmp_path)
    shutil.rmtree(store / ".git")
    out = _import(store, annex, capsys)
    assert "No baseline" in out and "store's history lack it" in out
