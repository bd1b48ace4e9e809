"""A shared store the user may read but not write: the sync says so plainly and loses nothing.

Tests run as root, whom ``chmod`` does not stop; the real case runs the sync command in a process
that obeys file permissions — as root, through ``setpriv`` without the capabilities that override
them; as any other user, as it is — and is skipped, saying why, where neither can be had. A read-only
mount and a server that turns the branch down are reached through the push itself.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from dulwich.repo import Repo

import briefing_builder
from briefing_builder.cli import main
from briefing_builder.history import sync as sync_module
from briefing_builder.history.service import history_for
from tests.history.conftest import edit

PROJECT = str(Path(briefing_builder.__file__).resolve().parents[1])  # the code under test, for the subprocess
SETPRIV = shutil.which("setpriv")  # found before the history tests take git (and so /usr/bin) off the PATH
READ_ONLY = "the shared store is read-only for you; your changes are kept here"
BORDERS = Path("areas") / "02-strong-borders.yaml"
RETURN = Path("areas") / "04-return-readmission.yaml"


def _set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | 0o200 if writable else mode & ~0o222)


def _as_a_user(probe: Path) -> list[str]:
    """The prefix that runs a command obeying file permissions, checked on the read-only ``probe``."""
    prefix = [] if os.geteuid() != 0 else [SETPRIV, "--bounding-set=-dac_override,-dac_read_search", "--"] \
        if SETPRIV else None
    if prefix is None:
        pytest.skip("running as root without setpriv: nothing here would stop a write to a read-only folder")
    tried = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe / 'probe')!r}, 'w')"],
                           capture_output=True, text=True)
    if tried.returncode == 0:
        pytest.skip("this machine lets the test write into a read-only folder (no way to drop root's override)")
    if "PermissionError" not in tried.stderr:
        pytest.skip(f"cannot run a process that obeys file permissions here: {tried.stderr.strip()[-200:]}")
    return prefix


def _commits(repo: Path) -> dict[bytes, bytes]:
    with Repo(str(repo)) as opened:
        return {name: sha for name, sha in opened.get_refs().items() if name.startswith(b"refs/heads/")}


def test_a_share_read_only_for_the_user_keeps_their_edits_and_says_so(
        team: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, remote = team
    edit(ben / RETURN, "system for return**", "system for returns**")
    assert main(["sync", "--store", str(ben)]) == 0  # Ben may write: the share has his edit
    sent = _commits(remote)
    _set_writable(remote, False)
    try:
        prefix = _as_a_user(remote)
        edit(anna / BORDERS, "Revision of the Frontex regulation in 2026", "Revision of the Frontex regulation in 2027")
        done = subprocess.run([*prefix, sys.executable, "-m", "briefing_builder", "sync", "--store", str(anna)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PROJECT})
        assert done.returncode == 1, done.stdout + done.stderr
        assert READ_ONLY in done.stdout, done.stdout + done.stderr
        assert "1 file(s) received" in done.stdout  # Ben's edit still came in
        assert "Traceback" not in done.stderr and "Errno" not in done.stdout + done.stderr
        assert _commits(remote) == sent  # the share took nothing
    finally:
        _set_writable(remote, True)
    assert "in 2027" in (anna / BORDERS).read_text(encoding="utf-8")  # my edit, kept here
    assert "returns**" in (anna / RETURN).read_text(encoding="utf-8")  # theirs, merged
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 0, capsys.readouterr()  # write access back: it goes out
    assert "your edits were sent" in capsys.readouterr().out
    assert main(["sync", "--store", str(ben)]) == 0
    assert "in 2027" in (ben / BORDERS).read_text(encoding="utf-8")


@pytest.mark.parametrize("refusal", ["read-only mount", "server declines the branch"])
def test_a_share_that_refuses_the_push_is_told_apart_from_one_out_of_reach(
        team: tuple[Path, Path, Path], refusal: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, remote = team
    sent = _commits(remote)

    def push(repo: Any, url: str, refspecs: list[bytes], **_: Any) -> SimpleNamespace:
        if refusal == "read-only mount":
            raise OSError(errno.EROFS, "Read-only file system", str(remote / "objects"))
        return SimpleNamespace(ref_status={refspecs[0]: "pre-receive hook declined"})

    monkeypatch.setattr(sync_module.porcelain, "push", push)
    edit(anna / BORDERS, "Revision of the Frontex regulation in 2026", "Revision of the Frontex regulation in 2027")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    out, err = capsys.readouterr()
    assert READ_ONLY in out and "cannot be reached" not in out + err, out + err
    assert ("pre-receive hook declined" in out) == (refusal == "server declines the branch")
    assert _commits(remote) == sent
    history = history_for(anna)
    assert history is not None
    head = history.head()
    assert head is not None
    committed = history.files_at(history.commit(head))[BORDERS.as_posix()]
    assert b"in 2027" in history.read_blob(committed)  # my edit is committed here, ready for the next sync
