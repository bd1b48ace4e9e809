"""What `--since` and `--as-of` accept: impossible dates and empty values get a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.history.exports import exports
from briefing_builder.history.service import history_for

PACK = "jha-counsellors-2026-01-12"


@pytest.fixture
def exported(store: Path, tmp_path: Path) -> Path:
    """The store after one export of the pack."""
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out"), "--no-annex"]) == 0
    return store


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01"])
@pytest.mark.parametrize("command", ["changes", "build"])
def test_an_impossible_date_is_refused_with_a_message(exported: Path, tmp_path: Path, day: str, command: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    option = ["--since", day] if command == "changes" else ["--as-of", day, "--out", str(tmp_path / "old")]
    assert main([command, PACK, "--store", str(exported), *option]) != 0
    err = capsys.readouterr().err
    assert f"'{day}' is not a date of the calendar" in err and "Traceback" not in err
    assert not (tmp_path / "old").exists()


def test_an_empty_as_of_is_refused_and_records_no_export(exported: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["build", PACK, "--store", str(exported), "--out", str(tmp_path / "again"), "--as-of", ""]) == 1
    assert "An empty value names no point" in capsys.readouterr().err
    history = history_for(exported)
    assert history is not None and len(exports(history, PACK)) == 1
    assert not (tmp_path / "again").exists()


def test_an_empty_since_is_refused(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["changes", PACK, "--store", str(exported), "--since", ""]) != 0
    assert "An empty value names no point" in capsys.readouterr().err


def test_a_pack_that_did_not_exist_then_is_told_once(exported: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    text = (exported / "packs" / f"{PACK}.yaml").read_text(encoding="utf-8")
    (exported / "packs" / "next-meeting.yaml").write_text(text.replace(f"id: {PACK}", "id: next-meeting"),
                                                          encoding="utf-8")
    capsys.readouterr()
    day = dt.date.today().isoformat()
    assert main(["build", "next-meeting", "--store", str(exported), "--out", str(tmp_path / "old"),
                 "--as-of", day]) == 1
    err = capsys.readouterr().err
    assert f"Pack next-meeting did not exist then (the store on {day})" in err and "at the store" not in err
