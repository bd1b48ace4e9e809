"""A store's git repository, read and written with dulwich — never a git executable.

A store's history is the repository whose work tree *is* the store folder
(``<store>/.git``). A store that is no repository yet becomes one only through
:func:`start_history` (the caller asks the user first); the bundled sample store never
does. An existing repository keeps its branches: commits go to the branch ``HEAD`` names,
and only through :meth:`StoreHistory.save_point` — on export and on an explicit save
point — with a message a person can read.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from dulwich.errors import NotGitRepository
from dulwich.file import FileLocked
from dulwich.ignore import IgnoreFilterManager
from dulwich.objects import Blob, Commit, Tag, Tree
from dulwich.repo import Repo

from briefing_builder.errors import BriefingError
from briefing_builder.paths import is_sample_store

#: A lock file older than this was left by a write that was interrupted (a computer switched
#: off, a program killed): a git write holds its lock for well under a second.
STALE_LOCK_SECONDS = 180.0

if TYPE_CHECKING:  # dulwich types its ref names and object ids as NewTypes of bytes
    from dulwich.objects import ObjectID
    from dulwich.refs import Ref


def ref(name: bytes) -> Ref:
    """``name`` as dulwich's typed ref name (plain ``bytes`` at run time)."""
    return cast("Ref", name)


def object_id(sha: bytes) -> ObjectID:
    """``sha`` (40 hex digits) as dulwich's typed object id (plain ``bytes`` at run time)."""
    return cast("ObjectID", sha)


#: Files never committed: editors' and Office's lock files, our own temporary files.
_SKIPPED_SUFFIXES = (".tmp", ".swp", ".bak")
_SKIPPED_PREFIXES = ("~$", ".~lock.")


class HistoryError(BriefingError):
    """The history could not be read or written; the message says what to do."""


@dataclass(frozen=True)
class CommitInfo:
    """One commit as a person reads it."""

    id: str
    message: str
    author: str
    when: dt.datetime
    parents: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The message's first line."""
        return self.message.splitlines()[0] if self.message else ""


def commit_info(commit: Commit) -> CommitInfo:
    """A :class:`CommitInfo` from a dulwich commit."""
    zone = dt.timezone(dt.timedelta(seconds=commit.author_timezone))
    return CommitInfo(commit.id.decode(), commit.message.decode("utf-8", "replace").strip(),
                      commit.author.decode("utf-8", "replace"),
                      dt.datetime.fromtimestamp(commit.author_time, zone),
                      tuple(p.decode() for p in commit.parents))


def is_history(store: Path) -> bool:
    """True when the store folder is the work tree of a git repository."""
    return (Path(store) / ".git").exists()


def open_history(store: Path) -> StoreHistory | None:
    """The store's history, or ``None`` when the store is no repository (or is the sample store)."""
    store = Path(store)
    if is_sample_store(store) or not is_history(store):
        return None
    try:
        return StoreHistory(Repo(str(store)), store)
    except NotGitRepository as exc:
        raise HistoryError(f"{store}/.git is not a usable git repository ({exc}); move it away or repair it.") from None


def start_history(store: Path) -> StoreHistory:
    """Make the store folder a git repository (the user agreed) and commit what is there."""
    store = Path(store)
    if is_sample_store(store):
        raise HistoryError("The bundled sample store is read-only and keeps no history; copy it to a folder "
                           "of your own first.")
    existing = open_history(store)
    if existing is not None:
        return existing
    try:
        repo = Repo.init(str(store))
    except OSError as exc:
        raise HistoryError(f"{store}: could not start a history ({exc.strerror}); is the folder writable?") from None
    history = StoreHistory(repo, store)
    history.save_point("Start of the store's history")
    return history


def identity(repo: Repo | None = None) -> bytes:
    """``Name <email>`` from the repository's config, else the computer's user and host name."""
    if repo is not None:
        try:
            config = repo.get_config_stack()
            name = config.get((b"user",), b"name")
            email = config.get((b"user",), b"email")
            return name + b" <" + email + b">"
        except KeyError:
            pass
    user = _user()
    return f"{user} <{user}@{socket.gethostname() or 'localhost'}>".encode()


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "briefing-builder"


class StoreHistory:
    """The git repository of one store (its work tree is the store folder).

    Git hooks are never run: the history is the app's own record, and on a locked-down
    laptop no program is started for it."""

    def __init__(self, repo: Repo, store: Path) -> None:
        repo.hooks.clear()
        self.repo = repo
        self.store = Path(store)

    # ------------------------------------------------------------------ reading

    def head(self) -> bytes | None:
        """The commit ``HEAD`` points at (``None`` before the first commit)."""
        try:
            return self.repo.head()
        except KeyError:
            return None

    def branch(self) -> bytes | None:
        """The branch ref ``HEAD`` names (``refs/heads/main``), ``None`` when detached."""
        chain, _ = self.repo.refs.follow(ref(b"HEAD"))
        return chain[-1] if len(chain) > 1 else None

    def commit(self, ref: bytes) -> Commit:
        """The commit ``ref`` (a commit id or a tag id) points at."""
        obj = self.repo[ref]
        while isinstance(obj, Tag):
            obj = self.repo[obj.object[1]]
        if not isinstance(obj, Commit):
            raise HistoryError(f"{ref.decode()} is not a commit of the store's history.")
        return obj

    def walk(self, start: bytes | None = None) -> Iterator[Commit]:
        """Commits from ``start`` (default ``HEAD``) back along first parents, newest first."""
        sha = start or self.head()
        while sha is not None:
            commit = self.commit(sha)
            yield commit
            sha = commit.parents[0] if commit.parents else None

    def files_at(self, commit: Commit) -> dict[str, bytes]:
        """Path (POSIX, relative to the store) → blob id, for every file of ``commit``."""
        out: dict[str, bytes] = {}
        stack: list[tuple[str, bytes]] = [("", commit.tree)]
        store = self.repo.object_store
        while stack:
            prefix, tree_id = stack.pop()
            tree = store[object_id(tree_id)]
            if not isinstance(tree, Tree):
                continue
            for entry in tree.iteritems():
                name = prefix + entry.path.decode("utf-8", "surrogateescape")
                if stat.S_ISDIR(entry.mode):
                    stack.append((name + "/", entry.sha))
                elif stat.S_ISREG(entry.mode) or stat.S_ISLNK(entry.mode):
                    out[name] = entry.sha
        return out

    def read_blob(self, blob_id: bytes) -> bytes:
        """A file's content by its blob id."""
        return self.repo.object_store[object_id(blob_id)].as_raw_string()

    # ------------------------------------------------------------------ writing

    def working_files(self) -> dict[str, Path]:
        """Every file of the store folder a save point commits: lock and temporary files, and
        what the repository's ``.gitignore`` files exclude, are left out."""
        ignored = IgnoreFilterManager.from_repo(self.repo) if self._has_ignores() else None
        out: dict[str, Path] = {}
        for folder, dirs, files in os.walk(self.store):
            dirs[:] = sorted(d for d in dirs if d != ".git")
            rel = Path(folder).relative_to(self.store).as_posix()
            for name in files:
                if name.endswith(_SKIPPED_SUFFIXES) or name.startswith(_SKIPPED_PREFIXES):
                    continue
                path = name if rel == "." else f"{rel}/{name}"
                if ignored is None or not ignored.is_ignored(path):
                    out[path] = Path(folder) / name
        return out

    def _has_ignores(self) -> bool:
        exclude = Path(self.repo.controldir()) / "info" / "exclude"
        has_exclude = exclude.is_file() and any(line.strip() and not line.startswith("#")
                                                for line in exclude.read_text(errors="replace").splitlines())
        return has_exclude or any(self.store.rglob(".gitignore"))

    def stage_all(self) -> None:
        """Bring the index up to the store folder: new, changed and deleted files."""
        index = self.repo.open_index()
        files = self.working_files()
        changed: list[str] = []
        for rel, path in files.items():
            key = rel.encode("utf-8", "surrogateescape")
            entry = index[key] if key in index else None  # noqa: SIM401 — dulwich's Index has no get()
            if entry is None or not _same_stat(entry, path):
                changed.append(rel)
        gone = [p.decode("utf-8", "surrogateescape") for p in index.paths()
                if p.decode("utf-8", "surrogateescape") not in files]
        if changed or gone:
            self.repo.get_worktree().stage(changed + gone)

    def sweep_stale_locks(self) -> None:
        """Remove lock files a killed write left in ``.git`` (older than :data:`STALE_LOCK_SECONDS`)."""
        git = Path(self.repo.controldir())
        now = time.time()
        for lock in [*git.glob("*.lock"), *(git / "refs").rglob("*.lock")]:
            try:
                if now - lock.stat().st_mtime > STALE_LOCK_SECONDS:
                    lock.unlink()
            except OSError:
                pass

    def save_point(self, message: str, when: float | None = None) -> bytes | None:
        """Commit every change of the store folder with ``message``; the new commit id, or
        ``None`` when nothing changed since the last commit."""
        self.sweep_stale_locks()
        try:
            self.stage_all()
            index = self.repo.open_index()
            tree = index.commit(self.repo.object_store)
            head = self.head()
            if head is not None and self.commit(head).tree == tree:
                return None
            who = identity(self.repo)
            stamp = when if when is not None else time.time()
            zone = time.localtime(stamp).tm_gmtoff
            return self.repo.get_worktree().commit(message=message.encode("utf-8"), author=who, committer=who,
                                                   author_timestamp=stamp, commit_timestamp=stamp,
                                                   author_timezone=zone, commit_timezone=zone, no_verify=True)
        except FileLocked as exc:
            raise lock_failure(exc, "No save point was made; the store's files are kept as they are.",
                               "try again") from None
        except OSError as exc:
            raise HistoryError(f"{self.store}: the history could not be written ({exc.strerror}); no save point "
                               "was made, the store's files are kept as they are.") from None

    def uncommitted(self) -> bool:
        """True when the store folder differs from the last commit."""
        head = self.head()
        if head is None:
            return True
        committed = self.files_at(self.commit(head))
        files = self.working_files()
        if set(committed) != set(files):
            return True
        return any(blob_id(path.read_bytes()) != committed[rel] for rel, path in files.items())


def lock_failure(exc: FileLocked, then: str = "Nothing was changed.", again: str = "sync again") -> HistoryError:
    """The message for a lock another write holds: someone else is writing, ``again`` in a moment
    — or, for a lock file older than :data:`STALE_LOCK_SECONDS`, the file to delete (an
    interrupted write left it; nothing is writing)."""
    lock = Path(os.fsdecode(exc.args[1] if len(exc.args) > 1 else os.fsdecode(exc.args[0]) + ".lock")).absolute()
    try:
        age = time.time() - lock.stat().st_mtime
    except OSError:
        age = 0.0  # gone already: the other write has finished
    if age > STALE_LOCK_SECONDS:
        return HistoryError(f"{lock} was left behind {int(age // 60)} minutes ago by a write that was interrupted "
                            "(a computer switched off, a program closed mid-way); nothing is writing now. Delete "
                            f"that file, then {again}. {then}")
    return HistoryError(f"Someone else is writing to the store's history or the shared store right now ({lock}); "
                        f"{again} in a moment. {then} (Should this go on for more than {int(STALE_LOCK_SECONDS // 60)} "
                        "minutes, an interrupted write left that file behind: delete it.)")


def blob_id(data: bytes) -> bytes:
    """The git blob id of ``data``."""
    return Blob.from_string(data).id


def _same_stat(entry: object, path: Path) -> bool:
    """True when the index entry's size and modification time match the file's (a file
    changed in the last two seconds is always read again: its time may not tell)."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if time.time() - st.st_mtime < 2:
        return False
    mtime = getattr(entry, "mtime", None)
    recorded = (mtime[0], mtime[1]) if isinstance(mtime, tuple) else (int(mtime or 0), 0)
    return getattr(entry, "size", None) == st.st_size and recorded == divmod(st.st_mtime_ns, 1_000_000_000)


__all__ = ["CommitInfo", "HistoryError", "StoreHistory", "Tree", "blob_id", "commit_info", "identity",
           "is_history", "lock_failure", "open_history", "start_history"]
