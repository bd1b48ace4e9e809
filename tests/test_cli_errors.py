"""How the command line says that something failed: one located line, an exit status, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.cli_errors import CRASH_LOG, failure_status


def test_a_store_that_is_not_there_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing-builder: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "nowhere" in err and "--store" in err  # what to do, in the command line's words


def test_a_fault_is_one_sentence_with_the_details_kept_for_a_bug_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    with pytest.raises(RuntimeError) as raised:
        raise RuntimeError("list index out of range\nsecond line never shown")
    assert failure_status(raised.value) == 1
    err = capsys.readouterr().err
    log = tmp_path / CRASH_LOG
    assert err == ("briefing-builder: an unexpected problem stopped the command (list index out of range); this is "
                   f"a fault in Briefing Builder. The details for a bug report are in {log}.\n")
    kept = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in kept and "second line never shown" in kept
    failure_status(ValueError())
    assert log.read_text(encoding="utf-8").count("\n--- ") == 1 and kept in log.read_text(encoding="utf-8")  # appended
    assert "(no description)" in capsys.readouterr().err


def test_when_the_details_cannot_be_written_the_sentence_still_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(blocked))
    assert failure_status(KeyError("x" * 500)) == 1
    err = capsys.readouterr().err
    assert "this is a fault in Briefing Builder." in err and "details" not in err
    assert len(err) < 400  # a long message is cut
