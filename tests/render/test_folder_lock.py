"""The output folder's lock between real processes: busy while held, free once its holder is killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_builder.render.folder_lock import LOCK_NAME, FolderBusy, FolderLock

ROOT = Path(__file__).resolve().parents[2]
HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from briefing_builder.render.folder_lock import FolderLock

    with FolderLock(Path(sys.argv[1])) as lock:
        lock.write_journal(sys.argv[2].encode())
        print("LOCKED", flush=True)
        time.sleep(120)
""")


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the folder's lock, its journal saying 'half done'."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "half done"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "LOCKED"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(10)
    process.stdout.close()


def test_a_folder_another_process_holds_is_refused_with_a_located_message(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(FolderBusy) as refused, FolderLock(tmp_path, wait=0.3):
        pytest.fail("the lock was taken while another process held it")
    error = refused.value
    assert error.message == "another export is writing into this folder right now"
    assert error.location is not None and error.location.file == tmp_path
    assert error.hint is not None and "choose another output folder" in str(error.hint)
    assert holder.poll() is None  # the holder was not disturbed


def test_a_killed_holder_frees_the_folder_and_leaves_its_journal(tmp_path: Path,
                                                                 holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    assert (tmp_path / LOCK_NAME).exists()  # killed: nobody removed the file
    with FolderLock(tmp_path, wait=5) as lock:
        assert lock.read_journal() == b"half done"  # for the next writer to undo what was left half done
        lock.write_journal(b"ok")
        assert lock.read_journal() == b"ok"  # replaced, not appended
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_released_lock_leaves_no_file_and_can_be_taken_again(tmp_path: Path) -> None:
    for _ in range(3):
        with FolderLock(tmp_path, wait=0) as lock:
            assert lock.read_journal() == b""
            lock.write_journal(b"writing")
        assert list(tmp_path.iterdir()) == []
