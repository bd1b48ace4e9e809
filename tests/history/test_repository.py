"""Tests of briefing_builder.history.repository: starting a history, save points, branches."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dulwich.repo import Repo

from briefing_builder.history.repository import HistoryError, open_history, start_history
from briefing_builder.paths import sample_store_dir
from tests.history.conftest import edit


def _tree_paths(store: Path) -> set[str]:
    history = open_history(store)
    assert history is not None
    return set(history.files_at(history.commit(history.head())))


def test_a_store_is_no_history_until_started(store: Path) -> None:
    assert open_history(store) is None
    history = start_history(store)
    assert (store / ".git").is_dir()
    assert history.head() is not None
    assert "areas/04-return-readmission.yaml" in _tree_paths(store)
    assert not history.uncommitted()


def test_the_sample_store_never_becomes_a_repository() -> None:
    with pytest.raises(HistoryError, match="read-only"):
        start_history(sample_store_dir())
    assert not (sample_store_dir() / ".git").exists()


def test_save_point_commits_edits_additions_and_deletions(store: Path) -> None:
    history = start_history(store)
    first = history.head()
    edit(store / "milestones.yaml", "Revision of the Frontex regulation", "Revision of the Frontex Regulation")
    (store / "countries" / "india.yaml").unlink()
    (store / "countries" / "chad.yaml").write_text("id: chad\n", encoding="utf-8")
    commit = history.save_point("Save point before the meeting")
    assert commit is not None and commit != first
    paths = _tree_paths(store)
    assert "countries/chad.yaml" in paths and "countries/india.yaml" not in paths
    assert history.commit(commit).message == b"Save point before the meeting"
    assert history.save_point("nothing new") is None


def test_an_edit_of_the_same_size_right_after_a_save_is_not_missed(store: Path) -> None:
    history = start_history(store)
    edit(store / "milestones.yaml", "2026", "2027")  # same size, same second as the save
    assert history.uncommitted()
    assert history.save_point("edit") is not None


def test_lock_and_temporary_files_are_never_committed(store: Path) -> None:
    history = start_history(store)
    (store / "areas" / "~$notes.yaml").write_text("lock", encoding="utf-8")
    (store / "areas" / ".04-return.abc.tmp").write_text("half", encoding="utf-8")
    assert history.save_point("nothing but locks") is None


def test_an_existing_repository_keeps_its_branches(store: Path) -> None:
    repo = Repo.init(str(store))
    repo.get_worktree().stage(["store.yaml"])
    base = repo.get_worktree().commit(message=b"their first commit", author=b"A <a@b>", committer=b"A <a@b>")
    repo.refs[b"refs/heads/drafts"] = base
    repo.refs[b"refs/heads/other"] = base
    branches = set(repo.refs.keys(b"refs/heads/"))
    history = open_history(store)
    assert history is not None
    current = history.branch()
    commit = history.save_point("Save point")
    assert set(repo.refs.keys(b"refs/heads/")) == branches
    assert repo.refs[current] == commit
    assert repo.refs[b"refs/heads/drafts"] == base and repo.refs[b"refs/heads/other"] == base
    assert history.commit(commit).parents == [base]


def test_commit_times_are_the_save_time(store: Path) -> None:
    history = start_history(store)
    assert abs(history.commit(history.head()).commit_time - time.time()) < 60


def test_files_the_repository_ignores_are_not_committed(store: Path) -> None:
    history = start_history(store)
    (store / ".gitignore").write_text("out/\n*.pptx\n", encoding="utf-8")
    (store / "out").mkdir()
    (store / "out" / "deck.pptx").write_bytes(b"PK")
    (store / "draft.pptx").write_bytes(b"PK")
    assert history.save_point("ignore rules") is not None
    paths = _tree_paths(store)
    assert ".gitignore" in paths and "out/deck.pptx" not in paths and "draft.pptx" not in paths


def test_a_lock_left_by_a_killed_write_is_swept_and_a_fresh_one_is_told(store: Path) -> None:
    history = start_history(store)
    lock = store / ".git" / "index.lock"
    lock.write_bytes(b"")
    edit(store / "milestones.yaml", "2026", "2027")
    with pytest.raises(HistoryError, match="Someone else is writing"):
        history.save_point("while another write holds the lock")
    old = time.time() - 3600
    os.utime(lock, (old, old))  # a killed export's lock, an hour old
    assert history.save_point("after the kill") is not None
    assert not lock.exists()
