"""The history listing: commits that delete or rename files are listed, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.cli import main


def test_history_lists_a_deleted_and_a_renamed_file(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["save", "--store", str(store)]) == 0
    (store / "consultations" / "ms-input-2026-01.yaml").unlink()
    (store / "countries" / "india.yaml").rename(store / "countries" / "india-2026.yaml")
    assert main(["save", "--store", str(store), "-m", "Tidy the folders"]) == 0
    capsys.readouterr()
    assert main(["history", "--store", str(store)]) == 0
    listing = capsys.readouterr().out
    assert "Tidy the folders" in listing
    for name in ("consultations/ms-input-2026-01.yaml", "countries/india.yaml", "countries/india-2026.yaml"):
        assert name in listing
