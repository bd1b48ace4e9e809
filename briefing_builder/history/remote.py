"""The team's shared store as a sync sees it: its address, whether it can be reached, and a new
one made in an empty folder only when asked (``create``).

:func:`checked_remote` refuses relative paths and mistyped addresses; :func:`check_reachable`
and :func:`prepare_folder_remote` never take a folder of other files for a shared store, nor
make again a shared store this store synced with before; :func:`why_unreachable` words a
failure plainly, and :func:`offline` is the message a sync that could not reach it gives;
:func:`refused_write` tells a share that is read-only for this user (:data:`READ_ONLY`) from one
that cannot be reached.
"""

from __future__ import annotations

import errno
from pathlib import Path

from dulwich.client import get_transport_and_path
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository
from dulwich.repo import Repo

from briefing_builder.history.repository import HistoryError, StoreHistory

#: What a shared store that does not answer raises.
UNREACHABLE = (OSError, GitProtocolError, HangupException, NotGitRepository)


def remote_url(history: StoreHistory) -> str | None:
    """The remembered remote (the repository's ``origin``)."""
    try:
        return history.repo.get_config().get((b"remote", b"origin"), b"url").decode("utf-8")
    except KeyError:
        return None


def remember(history: StoreHistory, url: str) -> None:
    """Keep ``url`` as the store's remote (``origin``)."""
    config = history.repo.get_config()
    config.set((b"remote", b"origin"), b"url", url.encode("utf-8"))
    config.set((b"remote", b"origin"), b"fetch", b"+refs/heads/*:refs/remotes/origin/*")
    config.write_to_path()


KEPT = ("Your edits are saved in this store's history; work on, and sync again when the network or the share "
         "is back.")


def offline(url: str, exc: BaseException, then: str = KEPT) -> HistoryError:
    """The message of a sync that could not reach ``url``: why, then ``then`` (what became of the edits)."""
    return HistoryError(f"The shared store {url} cannot be reached ({why_unreachable(exc)}). {then}")


#: What a sync says when the shared store took nothing from this user.
READ_ONLY = ("the shared store is read-only for you; your changes are kept here (in this store and its history) and "
             "will go out with a sync once you may write to it — ask whoever looks after the share")


def refused_write(exc: BaseException) -> bool:
    """Whether ``exc`` is the shared store refusing a write: no permission on the share's files,
    or a read-only file system (a share mounted read-only)."""
    return isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def why_unreachable(exc: BaseException) -> str:
    """Plain words for why a shared store did not answer — never a library's class names or
    connection-pool details."""
    text = str(exc)
    if isinstance(exc, NotGitRepository):
        return "the folder holds no shared store"
    if isinstance(exc, PermissionError):
        return "you may not read or write that folder"
    if isinstance(exc, FileNotFoundError) and exc.errno is None and text:
        return text  # our own words (a folder not there, a shared store gone)
    if isinstance(exc, HangupException):
        return "the connection was cut"
    if any(word in text for word in ("Max retries", "NewConnectionError", "Name or service", "getaddrinfo",
                                     "Connection refused", "timed out", "Failed to establish")):
        return "no connection to the server: the network is off, or the address is wrong"
    if isinstance(exc, GitProtocolError):
        return "the address did not answer as a Git server"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return "no connection"


def folder_of(url: str) -> Path | None:
    """The folder a remote URL names (``None`` for a server URL or an scp-like ssh address)."""
    if "://" in url or (":" in url and not Path(url).drive and not url.startswith("/")):
        return None
    return Path(url)


def checked_remote(url: str) -> str:
    """``url`` without surrounding spaces, when it is a Git server address or a folder's full path;
    a relative folder path (or a mistyped address, which reads as one) is refused: it would name a
    different folder from wherever the program runs."""
    url = url.strip()
    folder = folder_of(url)
    if folder is not None and not folder.is_absolute():
        raise HistoryError(f"'{url}' is neither a Git server address nor the full path of a folder, so no shared "
                           "store was looked for. Give the shared store's folder by its full path (S:\\team\\jha-"
                           "store.git, //server/team/jha-store.git, /mnt/team/jha-store.git) or an https:// or ssh:// "
                           "address.")
    return url


def _is_new_folder(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def new_shared_folder(url: str) -> Path | None:
    """The folder ``url`` names when a sync would need ``create`` to make a shared store there
    (new or empty, its parent there); ``None`` otherwise."""
    folder = folder_of(url)
    if folder is None or not _is_new_folder(folder) or not folder.parent.is_dir():
        return None
    return folder


def _not_made(folder: Path) -> HistoryError:
    return HistoryError(f"There is no shared store at {folder} (the folder is new or empty), and none was made; "
                        "nothing was sent. If it is the right place for the team's new shared store, sync again with "
                        "--create (in the app, confirm it); otherwise check the path.")


def prepare_folder_remote(history: StoreHistory, url: str, create: bool) -> bool:
    """A folder remote named now that does not exist yet (but whose parent does) becomes a bare
    repository when ``create`` says so — never when this store has synced with it before: then it
    is gone, not new. True when one was made."""
    folder = folder_of(url)
    if folder is None:
        return False
    if not _is_new_folder(folder):
        _refuse_foreign_folder(url, folder)
        return False
    if not folder.parent.is_dir():
        raise FileNotFoundError(f"the folder {folder.parent} is not there")
    if remote_url(history) == url:
        raise FileNotFoundError(f"the shared store {folder} is gone (this store synced with it before); check the "
                                "share, or name a new folder for a new shared store")
    if not create:
        raise _not_made(folder)
    folder.mkdir(exist_ok=True)
    Repo.init_bare(str(folder))
    return True


def _refuse_foreign_folder(url: str, folder: Path) -> None:
    """Raise when ``folder`` holds files but no git repository: never taken for a shared store."""
    try:
        Repo(str(folder)).close()
    except NotGitRepository:
        raise HistoryError(f"{url} is a folder with other files in it, not a shared store; nothing was sent. Name "
                           "a new or empty folder to make the team's shared store there, or the folder of an "
                           "existing one (e.g. //server/team/jha-store.git).") from None


def check_reachable(url: str, create: bool = False) -> None:
    """Raise :class:`HistoryError` (the offline message) when the shared store at ``url`` can be
    neither reached nor made (a new folder is made only with ``create``): called before a store
    without a history starts one for a sync."""
    url = checked_remote(url)
    folder = folder_of(url)
    try:
        if folder is not None:
            if not (folder.is_dir() or folder.parent.is_dir()):
                raise FileNotFoundError(f"the folder {folder.parent} is not there")
            if not _is_new_folder(folder):
                _refuse_foreign_folder(url, folder)
            elif not create:
                raise _not_made(folder)
            return
        client, path = get_transport_and_path(url)
        client.get_refs(path.encode("utf-8") if isinstance(path, str) else path)
    except UNREACHABLE as exc:
        raise offline(url, exc, "Nothing was changed: work on, your edits stay in the store's files; its "
                       "history starts with the first sync that reaches the shared store.") from None
