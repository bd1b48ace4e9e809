"""A store shared by a team: ``sync`` with a remote, ``clone`` from one, conflicts kept aside.

The remote is any git remote dulwich reaches — most often a bare repository in a folder on a
network share (made when a sync names it with ``--remote`` and the folder is new or empty; a
remembered remote that is gone is reported as unreachable, never made again), or a Git server over
HTTPS/SSH. :func:`sync` refuses a store with errors (nothing invalid is ever sent), saves
local edits (a save point), fetches, merges record file by record file
(:mod:`.record_merge`), and pushes the branch and the export tags; the remote's URL
is remembered as the repository's ``origin`` once a sync with it succeeded.

When both sides changed the same field, the store keeps *your* value (it stays valid at
every moment, and no conflict marker is ever written), their value is listed, and the merge
waits: the conflicts are kept in ``.git/briefing-builder-sync.json`` until each is resolved
— field by field with :func:`resolve` (the app's review), or a record at a time with
:func:`take` (``sync --take mine|theirs RECORD``) — then the merge is committed and pushed.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from dulwich import porcelain
from dulwich.client import get_transport_and_path
from dulwich.file import FileLocked
from dulwich.graph import find_merge_base

from briefing_builder.history.record_merge import (
    ABSENT,
    WHOLE_FILE,
    WHOLE_RECORD,
    Conflict,
    apply_to_text,
    load_plain,
    merge_file,
    newline_of,
    records_of,
    validation_problem,
)
from briefing_builder.history.remote import (
    READ_ONLY,
    UNREACHABLE,
    checked_remote,
    offline,
    prepare_folder_remote,
    refused_write,
    remember,
    remote_url,
)
from briefing_builder.history.renames import renamed_files
from briefing_builder.history.repository import HistoryError, StoreHistory, lock_failure, object_id, ref
from briefing_builder.store import load_store
from briefing_builder.store.writer import StoreWriteError, write_bytes_atomically

STATE_FILE = "briefing-builder-sync.json"
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _locks_told(action: Callable[_P, _R]) -> Callable[_P, _R]:
    """``action`` with a lock held by another write (another sync, on this computer or on the
    share) turned into the "someone else is writing; sync again" message (:func:`lock_failure`)."""
    @functools.wraps(action)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return action(*args, **kwargs)
        except FileLocked as exc:
            raise lock_failure(exc, "Your edits are kept in the store's files.") from None
    return guarded


@dataclass(frozen=True)
class SyncReport:
    """What a sync did."""

    remote: str
    received: tuple[str, ...]  # files that came from the remote (merged or taken)
    pushed: bool
    conflicts: tuple[Conflict, ...]
    created: bool = False  # the shared store was made by this sync
    not_sent: str = ""  # why my edits did not go out although the shared store answered (read-only for me)

    @property
    def message(self) -> str:
        """One paragraph for the user."""
        if self.created:
            return f"Made a new shared store at {self.remote} and sent this store to it."
        got = f"{len(self.received)} file(s) received" if self.received else "nothing new received"
        if self.not_sent:
            return f"Synced with {self.remote}: {got}, but nothing was sent: {self.not_sent}."
        if self.conflicts:
            return (f"Synced with {self.remote}: {got}; {len(self.conflicts)} conflict(s) to resolve — your values "
                    "are kept in the store until you choose (sync --take mine|theirs RECORD, or the app's review). "
                    "Nothing was sent yet.")
        return f"Synced with {self.remote}: {got}; " + ("your edits were sent." if self.pushed else "nothing to send.")


@_locks_told
def sync(history: StoreHistory, remote: str | None = None, create: bool = False) -> SyncReport:
    """Save, fetch, merge record by record, push (see the module doc). A new shared store is made
    in the folder ``remote`` names only with ``create``."""
    remote = checked_remote(remote) if remote else None
    url = remote or remote_url(history)
    if not url:
        raise HistoryError("This store has no shared store to sync with yet: give one with --remote URL (a folder "
                           "on a network share, e.g. //server/team/jha-store.git, or an https:// Git server).")
    pending = load_state(history)
    if pending is not None and pending["conflicts"]:
        raise HistoryError(f"{len(pending['conflicts'])} conflict(s) of the last sync are not resolved yet: "
                           + "; ".join(sorted({c['record'] or c['path'] for c in pending['conflicts']}))
                           + ". Choose with sync --take mine|theirs RECORD first.")
    _refuse_invalid(history)
    history.save_point("Sync: my edits")
    try:
        # only a remote the user names now may be made; a remembered one that is gone is offline
        created = prepare_folder_remote(history, url, create) if remote else False
        theirs = _fetch(history, url)
    except UNREACHABLE as exc:
        raise offline(url, exc) from None
    mine = history.head()
    received: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    if theirs is not None and mine is not None and theirs != mine:
        received, conflicts = _merge(history, mine, theirs, url)
    elif theirs is not None and mine is None:
        received = _fast_forward(history, None, theirs)
    if conflicts:
        report = SyncReport(url, received, False, conflicts, created)
    else:
        refused = _push(history, url)
        report = SyncReport(url, received, not refused, (), created, refused)
    if remote:  # remembered only once it answered
        remember(history, url)
    return report


def _refuse_invalid(history: StoreHistory, shown: int = 10) -> None:
    """Raise when the store has errors: a record that does not validate is never sent."""
    errors = load_store(history.store).errors
    if not errors:
        return
    lines = [d.format(history.store) for d in errors[:shown]]
    if len(errors) > shown:
        lines.append(f"… and {len(errors) - shown} more (run 'briefing-builder validate')")
    raise HistoryError(f"The store has {len(errors)} error(s); nothing was sent, so the team's shared store stays "
                       "valid. Fix them and sync again:\n  " + "\n  ".join(lines))


def _fetch(history: StoreHistory, url: str) -> bytes | None:
    """Fetch everything; import the remote's export tags; their head of our branch."""
    client, path = get_transport_and_path(url)
    result = client.fetch(path, history.repo, progress=lambda _b: None)
    refs = result.refs
    for name, sha in refs.items():
        if name.startswith(b"refs/tags/export/") and name not in history.repo.refs and sha:
            history.repo.refs[name] = sha
    branch = history.branch() or b"refs/heads/master"
    theirs: bytes | None = refs.get(ref(branch))
    if theirs is None and len([n for n in refs if n.startswith(b"refs/heads/")]) == 1:
        theirs = next(sha for n, sha in refs.items() if n.startswith(b"refs/heads/"))
    if theirs is not None:
        history.repo.refs[ref(b"refs/remotes/origin/" + branch.split(b"/")[-1])] = object_id(theirs)
    return theirs


def _ancestors(history: StoreHistory, start: bytes) -> set[bytes]:
    seen, stack = set(), [start]
    while stack:
        sha = stack.pop()
        if sha in seen:
            continue
        seen.add(sha)
        stack.extend(history.commit(sha).parents)
    return seen


def _merge(history: StoreHistory, mine: bytes, theirs: bytes, url: str) -> tuple[tuple[str, ...], tuple[Conflict, ...]]:
    mine_past = _ancestors(history, mine)
    if theirs in mine_past:
        return (), ()  # we are ahead: only a push is needed
    if mine in _ancestors(history, theirs):
        return _fast_forward(history, mine, theirs), ()
    bases = find_merge_base(history.repo, [object_id(mine), object_id(theirs)])
    base = history.files_at(history.commit(bases[0])) if bases else {}
    ours, their_files = history.files_at(history.commit(mine)), history.files_at(history.commit(theirs))

    def text(blob: bytes) -> str:
        return history.read_blob(blob).decode("utf-8")
    received: list[str] = []
    conflicts: list[Conflict] = []
    written: list[str] = []
    there: dict[str, str] = {}  # a file of mine → the path their side holds it under (a rename)
    done: set[str] = set()
    for old, new in renamed_files(base, their_files, ours, text).items():  # they renamed, I may have edited
        done |= {old, new}
        received += [old, new]
        merged = merge_file(new, text(base[old]), text(ours[old]), text(their_files[new]))
        written += _write(history, new, merged.text.encode("utf-8")) + _write(history, old, None)
        conflicts.extend(merged.conflicts)
    for old, new in renamed_files(base, ours, their_files, text).items():  # I renamed, they may have edited
        done |= {old, new}
        there[new] = old
        if their_files[old] != base[old]:
            received.append(old)
            merged = merge_file(new, text(base[old]), text(ours[new]), text(their_files[old]))
            written += _write(history, new, merged.text.encode("utf-8"))
            conflicts.extend(merged.conflicts)
    for rel in sorted((set(base) | set(ours) | set(their_files)) - done):
        b, m, t = base.get(rel), ours.get(rel), their_files.get(rel)
        if m == t or t == b:
            continue
        received.append(rel)
        if m == b:
            written += _write(history, rel, history.read_blob(t) if t else None)
            continue
        if m is None or t is None:  # deleted on one side, edited on the other: keep the edit, tell
            kept = "mine" if m else "theirs"
            if t and not m:
                written += _write(history, rel, history.read_blob(t))
            conflicts.append(Conflict(rel, "", WHOLE_FILE, "(deleted here)" if not m else "your version (kept)",
                                      "(deleted there)" if not t else f"their version ({kept} kept)"))
            continue
        merged = merge_file(rel, text(b) if b else None, text(m), text(t))
        written += _write(history, rel, merged.text.encode("utf-8"))
        conflicts.extend(merged.conflicts)
    _refuse_invalid_merge(history, ours, written)
    if conflicts:
        save_state(history, {"theirs": theirs.decode(), "remote": url, "there": there,
                             "conflicts": [asdict(c) for c in conflicts]})
    else:
        _commit_merge(history, theirs, url)
    return tuple(received), tuple(conflicts)


def _refuse_invalid_merge(history: StoreHistory, ours: dict[str, bytes], written: list[str]) -> None:
    """Put my files back and raise when the merged store has errors: a merge that does not
    validate is neither kept, committed nor sent."""
    errors = load_store(history.store).errors
    if not errors:
        return
    located = [d.format(history.store) for d in errors[:5]]
    for rel in written:
        _write(history, rel, history.read_blob(ours[rel]) if rel in ours else None)
    raise HistoryError("Their edits merged with yours would leave the store with errors, so your files are as they "
                       "were and nothing was sent:\n  " + "\n  ".join(located)
                       + "\nFix the file named here (in your store, or ask who changed it on the shared store to fix "
                       "it there), then sync again.")


def _fast_forward(history: StoreHistory, mine: bytes | None, theirs: bytes) -> tuple[str, ...]:
    ours = history.files_at(history.commit(mine)) if mine else {}
    their_files = history.files_at(history.commit(theirs))
    changed = [rel for rel in sorted(set(ours) | set(their_files)) if ours.get(rel) != their_files.get(rel)]
    for rel in changed:
        blob = their_files.get(rel)
        _write(history, rel, history.read_blob(blob) if blob else None)
    branch = history.branch() or b"refs/heads/master"
    history.repo.refs[ref(branch)] = object_id(theirs)
    history.repo.get_worktree().reset_index()
    return tuple(changed)


def _write(history: StoreHistory, rel: str, data: bytes | None) -> list[str]:
    """Replace one store file atomically (``None``: remove it); ``[rel]``, for the caller's list of
    files written."""
    path = history.store / rel
    if data is None:
        path.unlink(missing_ok=True)
        return [rel]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, data)
    return [rel]


def _commit_merge(history: StoreHistory, theirs: bytes, url: str) -> None:
    history.stage_all()
    from briefing_builder.history.repository import identity

    who = identity(history.repo)
    history.repo.get_worktree().commit(message=f"Sync with {url}: their edits merged".encode(),
                                       author=who, committer=who, merge_heads=[object_id(theirs)], no_verify=True)
    clear_state(history)


def _push(history: StoreHistory, url: str) -> str:
    """Send the branch and the export tags; ``""`` once sent, else why the shared store took
    nothing (:data:`.remote.READ_ONLY`: every edit stays here, committed, for the next sync)."""
    branch = history.branch() or b"refs/heads/master"
    local = history.repo.refs.as_dict(ref(b"refs/tags/export/"))
    refspecs = [branch] + [b"refs/tags/export/" + name for name in local]
    try:
        result = porcelain.push(history.repo, url, refspecs=refspecs, outstream=io.BytesIO(), errstream=io.BytesIO())
    except porcelain.DivergedBranches:
        raise HistoryError("Someone synced while you were syncing; sync again to merge their edits.") from None
    except UNREACHABLE as exc:
        if refused_write(exc):
            return READ_ONLY
        raise offline(url, exc) from None
    refused = {name: why for name, why in (getattr(result, "ref_status", None) or {}).items() if why}
    if branch in refused:  # a server that turned the branch down (a protected or read-only repository)
        return f"{READ_ONLY} (the shared store answered: {refused[branch]})"
    return ""


# ---------------------------------------------------------------------------- conflicts


def _state_path(history: StoreHistory) -> Path:
    return Path(history.repo.controldir()) / STATE_FILE


def load_state(history: StoreHistory) -> dict[str, Any] | None:
    """The unresolved sync (their commit, the conflicts), if any."""
    path = _state_path(history)
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else None
    except (OSError, ValueError):
        return None


def save_state(history: StoreHistory, state: dict) -> None:  # type: ignore[type-arg]
    """Keep the unresolved sync next to the repository (never in the store's files)."""
    write_bytes_atomically(_state_path(history), json.dumps(state, ensure_ascii=False, indent=1).encode())


def clear_state(history: StoreHistory) -> None:
    """Forget the unresolved sync."""
    _state_path(history).unlink(missing_ok=True)


def pending_conflicts(history: StoreHistory) -> list[Conflict]:
    """The conflicts waiting for a choice."""
    state = load_state(history)
    return [Conflict(**c) for c in state["conflicts"]] if state else []


def take(history: StoreHistory, side: str, record: str) -> tuple[list[Conflict], SyncReport | None]:
    """Resolve the conflicts of ``record`` (a record id, ``RECORD:FIELD`` for one field, or a file
    path for a whole file) with ``side`` (``mine`` or ``theirs``) — see :func:`resolve`."""
    open_ones = pending_conflicts(history)
    if not open_ones:
        raise HistoryError("There is no conflict to resolve: the last sync merged everything.")
    chosen = [c for c in open_ones if record in (c.record, c.path, f"{c.record}:{c.field}")]
    if not chosen:
        names = sorted({c.record or c.path for c in open_ones}
                       | {f"{c.record}:{c.field}" for c in open_ones if c.record})
        raise HistoryError(f"No conflict for '{record}'; the open ones are: {', '.join(names)}.")
    return resolve(history, chosen if side == "theirs" else [], chosen if side == "mine" else [])


@_locks_told
def resolve(history: StoreHistory, theirs: list[Conflict], mine: list[Conflict]) -> tuple[list[Conflict],
                                                                                        SyncReport | None]:
    """Resolve open conflicts field by field: their value for each of ``theirs``, mine kept for
    each of ``mine``; when none remain, commit the merge and push it. Returns the conflicts still
    open and, when the merge was completed, the push's report. A value of theirs that cannot be
    put in (the record would not validate) raises before anything is written or forgotten."""
    history.sweep_stale_locks()
    state = load_state(history)
    if not state or not state["conflicts"]:
        raise HistoryError("There is no conflict to resolve: the last sync merged everything.")
    open_ones = [Conflict(**c) for c in state["conflicts"]]
    unknown = [c for c in theirs + mine if c not in open_ones]
    if unknown:
        raise HistoryError(f"The conflict {unknown[0].record or unknown[0].path} · {unknown[0].field} is no longer "
                           "open (resolved already, or another sync replaced it); nothing was changed.")
    their_commit = state["theirs"].encode("ascii")
    there = state.get("there", {})
    texts = {path: _with_theirs(history, their_commit, path, there.get(path, path),
                                [c for c in theirs if c.path == path])
             for path in dict.fromkeys(c.path for c in theirs)}
    _write_valid(history, texts)
    state["conflicts"] = [asdict(c) for c in open_ones if c not in theirs and c not in mine]
    left = [Conflict(**c) for c in state["conflicts"]]
    if left:
        save_state(history, state)
        return left, None
    _commit_merge(history, their_commit, state["remote"])
    try:
        refused = _push(history, state["remote"])
    except HistoryError:
        refused = "the shared store cannot be reached; the merge is kept here and goes out with the next sync"
    return [], SyncReport(state["remote"], (), not refused, (), not_sent=refused)


def _write_valid(history: StoreHistory, texts: dict[str, bytes | None]) -> None:
    """Write ``texts`` (``None``: remove the file) unless the store would then have errors (their
    file removed while a record of mine still names it, a record twice): then put every file back
    as it was and raise, naming the errors — a store with errors is never committed nor sent."""
    kept = {path: (history.store / path).read_bytes() if (history.store / path).is_file() else None for path in texts}
    for path, data in texts.items():
        _write(history, path, data)
    errors = load_store(history.store).errors
    if errors:
        for path, data in kept.items():
            _write(history, path, data)
        raise HistoryError(("With their version" if texts else "As it is")
                           + " the store would not validate, so nothing was changed or sent:\n  "
                           + "\n  ".join(d.format(history.store) for d in errors[:5])
                           + "\nKeep yours, or fix the records named here first and choose again.")


def _with_theirs(history: StoreHistory, theirs: bytes, path: str, their_path: str,
                 conflicts: list[Conflict]) -> bytes | None:
    """The file at ``path`` (``their_path`` on their side) with their values for ``conflicts``
    (``None``: their side removed it)."""
    blob = history.files_at(history.commit(theirs)).get(their_path)
    their_text = history.read_blob(blob).decode("utf-8") if blob else None
    target = history.store / path
    if any(c.field == WHOLE_FILE for c in conflicts) or their_text is None:
        return their_text.encode("utf-8") if their_text is not None else None
    mine_raw = target.read_bytes().decode("utf-8")
    newline = newline_of(mine_raw)
    mine, their_text = mine_raw.replace("\r\n", "\n"), their_text.replace("\r\n", "\n")
    their_records, my_records = records_of(load_plain(their_text)), records_of(load_plain(mine))
    sets: list[tuple[str, str, object]] = []
    adds: list[str] = []
    removes: list[str] = []
    for c in conflicts:
        if c.field == WHOLE_RECORD:
            if c.record not in their_records:
                removes.append(c.record)
            elif c.record not in my_records:
                adds.append(c.record)  # removed here, edited there: their record comes back
            else:
                sets += [(c.record, k, v) for k, v in their_records[c.record][0].items()]
        else:
            sets.append((c.record, c.field, their_records.get(c.record, ({}, None))[0].get(c.field, ABSENT)))
    try:
        text = apply_to_text(path, mine, their_text, sets, adds, removes)
    except StoreWriteError as exc:
        raise HistoryError(f"{path}: their version could not be put in ({exc}); nothing was changed.") from None
    problem = validation_problem(path, text)
    if problem:
        raise HistoryError(f"{path}: with their value the record would be invalid ({problem}); nothing was changed.")
    return text.replace("\n", newline).encode("utf-8") if newline != "\n" else text.encode("utf-8")


@_locks_told
def clone(url: str, folder: Path) -> Path:
    """Clone the shared store at ``url`` into ``folder`` (which must not exist or be empty)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise HistoryError(f"{folder} is not empty; choose a new folder for the copy of the shared store.")
    try:
        repo = porcelain.clone(url, str(folder), errstream=io.BytesIO())
    except UNREACHABLE as exc:
        raise offline(url, exc, "Nothing was copied; clone again when the network or the share is back.") from None
    repo.close()
    if not (folder / "store.yaml").is_file():
        raise HistoryError(f"{url} holds no store (no store.yaml) — is it the right shared store? The copy in {folder} "
                           "is kept; delete it if not.")
    return folder
