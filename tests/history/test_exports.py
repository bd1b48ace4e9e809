"""An export is a commit and a tag of the store, recorded in the pack file; --no-history skips it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.history.exports import exports
from briefing_builder.history.service import history_for
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store

PACK = "jha-counsellors-2026-01-12"


def test_an_export_is_a_commit_a_tag_and_an_entry_in_the_pack(store: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "started the store's history" in out and "recorded as export/" in out
    history = history_for(store)
    assert history is not None
    [export] = exports(history, PACK)
    head = history.commit(history.head())
    assert head.message.decode() == f"Export {PACK} — deck and annex"
    assert export.commit == head.id.decode() and export.meeting.isoformat() == "2026-01-12"
    pack = load_store(store).packs[PACK]  # the pack file names the export and still loads
    assert [e.tag for e in pack.exports] == [export.tag]
    assert not history.uncommitted()
    files = history.files_at(head)
    assert any(p.startswith("packs/.annex-baselines/") for p in files)  # what was sent is kept


def test_a_second_export_adds_a_second_commit_and_tag(store: Path, tmp_path: Path) -> None:
    for _ in range(2):
        assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out"), "--no-annex"]) == 0
    history = history_for(store)
    assert history is not None
    tags = [e.tag for e in exports(history, PACK)]
    assert len(tags) == 2 and len(set(tags)) == 2
    assert [e.tag for e in load_store(store).packs[PACK].exports] == tags
    assert history.commit(history.head()).message.decode() == f"Export {PACK} — deck"


def test_no_history_records_nothing_and_starts_nothing(store: Path, tmp_path: Path) -> None:
    before = (store / "packs" / f"{PACK}.yaml").read_bytes()
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out"), "--no-history"]) == 0
    assert not (store / ".git").exists()
    assert (store / "packs" / f"{PACK}.yaml").read_bytes() == before


def test_building_from_the_sample_store_never_creates_a_repository(tmp_path: Path) -> None:
    assert main(["build", PACK, "--out", str(tmp_path / "out"), "--no-annex"]) == 0
    assert not (sample_store_dir() / ".git").exists()


def test_save_command_records_a_save_point(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["save", "--store", str(store)]) == 0
    assert "Started the store's history" in capsys.readouterr().out
    (store / "milestones.yaml").write_text((store / "milestones.yaml").read_text() + "\n", encoding="utf-8")
    assert main(["save", "--store", str(store), "-m", "Before the counsellors' meeting"]) == 0
    assert main(["save", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert ": Before the counsellors' meeting" in out and "Nothing changed since the last save point." in out
    assert main(["history", "--store", str(store)]) == 0
    listing = capsys.readouterr().out
    assert "save   " in listing and "Before the counsellors' meeting" in listing and "milestones.yaml" in listing
