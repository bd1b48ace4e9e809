"""The history as a person reads it: exports and save points, who, when, which files."""

from __future__ import annotations

from dataclasses import dataclass

from dulwich.diff_tree import TreeChange, tree_changes

from briefing_builder.history.exports import exports
from briefing_builder.history.repository import CommitInfo, StoreHistory, commit_info


@dataclass(frozen=True)
class Entry:
    """One commit of the store: its info, the export tags on it, the files it changed."""

    commit: CommitInfo
    tags: tuple[str, ...]
    files: tuple[str, ...]


def history_entries(history: StoreHistory, limit: int | None = None) -> list[Entry]:
    """The newest ``limit`` commits of the current branch (first parents), newest first."""
    tags: dict[str, list[str]] = {}
    for export in exports(history):
        tags.setdefault(export.commit, []).append(export.tag)
    out: list[Entry] = []
    store = history.repo.object_store
    for commit in history.walk():
        if limit is not None and len(out) >= limit:
            break
        parent = history.commit(commit.parents[0]).tree if commit.parents else None
        files = sorted({_changed_path(c) for c in tree_changes(store, parent, commit.tree)})
        out.append(Entry(commit_info(commit), tuple(tags.get(commit.id.decode(), ())), tuple(files)))
    return out


def _changed_path(change: TreeChange) -> str:
    """The file a change touched: its new path, or its old one when it was deleted."""
    side = change.new if change.new is not None and change.new.path else change.old
    assert side is not None and side.path is not None
    return side.path.decode("utf-8", "replace")
