"""Naming the shared store with ``sync --remote``: a relative or mistyped address is refused and a
new shared store is made only with ``--create`` (the real CLI, folders in a temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dulwich.repo import Repo

from briefing_builder.cli import main
from briefing_builder.history.remote import remote_url
from briefing_builder.history.service import history_for
from briefing_builder.store import load_store


@pytest.mark.parametrize("typed", ["not a url", "share/jha-store.git", "../jha-store.git"])
def test_a_relative_or_mistyped_remote_is_refused_and_nothing_is_made(store: Path, tmp_path: Path, typed: str,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    here = tmp_path / "here"
    (here / "share").mkdir(parents=True)
    monkeypatch.chdir(here)
    assert main(["sync", "--store", str(store), "--remote", typed, "--create"]) == 1
    err = capsys.readouterr().err
    assert f"'{typed}' is neither a Git server address nor the full path of a folder" in err, err
    assert sorted(p.name for p in here.rglob("*")) == ["share"] and not (tmp_path / "jha-store.git").exists()
    assert not (store / ".git").exists()


def test_a_new_folder_is_not_made_a_shared_store_without_create(store: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    remote = tmp_path / "share" / "jha-store.git"
    remote.parent.mkdir()
    assert main(["sync", "--store", str(store), "--remote", str(remote)]) == 1
    err = capsys.readouterr().err
    assert f"There is no shared store at {remote}" in err and "--create" in err, err
    assert not remote.exists() and not (store / ".git").exists()


def test_a_store_with_a_history_makes_no_shared_store_without_create(team: tuple[Path, Path, Path], tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, remote = team
    other = tmp_path / "share" / "typo.git"
    capsys.readouterr()
    assert main(["sync", "--store", str(anna), "--remote", str(other)]) == 1
    assert "--create" in capsys.readouterr().err
    history = history_for(anna)
    assert not other.exists() and history is not None and remote_url(history) == str(remote)


def test_create_makes_the_shared_store_and_says_where(store: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    remote = tmp_path / "share" / "jha-store.git"
    remote.parent.mkdir()
    assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 0
    assert f"Made a new shared store at {remote}" in capsys.readouterr().out
    assert Repo(str(remote)).bare


def test_a_server_that_does_not_answer_is_told_in_plain_words(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--store", str(store), "--remote", "http://127.0.0.1:9/team/store.git"]) == 1
    err = capsys.readouterr().err
    assert "no connection to the server: the network is off, or the address is wrong" in err, err
    for raw in ("ConnectionPool", "GitProtocolError", "Max retries", "urllib3", "Errno"):
        assert raw not in err


def _push_broken_card(ben: Path) -> None:
    """A colleague's tool sent a country card that is not valid YAML to the shared store."""
    import io

    from dulwich import porcelain

    card = ben / "countries" / "egypt.yaml"
    text = card.read_text(encoding="utf-8").replace("region: \"North Africa\"", "region: [North Africa")
    card.write_text(text, encoding="utf-8")
    history = history_for(ben)
    branch = history.branch() if history is not None else None
    assert history is not None and branch is not None and history.save_point("broken by hand")
    porcelain.push(history.repo, remote_url(history), refspecs=[branch], outstream=io.BytesIO(),
                   errstream=io.BytesIO())


def test_invalid_yaml_from_the_share_is_named_by_side_file_and_line(team: tuple[Path, Path, Path],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    _push_broken_card(ben)
    card = anna / "countries" / "egypt.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("iso_code: EG", "iso_code: EG  # Anna"), encoding="utf-8")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    out = capsys.readouterr().out
    assert "their version is not valid YAML: countries/egypt.yaml:" in out, out
    assert "iso_code: EG  # Anna" in card.read_text(encoding="utf-8") and not load_store(anna).errors


def test_invalid_yaml_from_the_share_over_an_untouched_file_is_refused_and_located(
        team: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    _push_broken_card(ben)
    edit_other = anna / "countries" / "india.yaml"
    edit_other.write_text(edit_other.read_text(encoding="utf-8").replace("name: \"India\"", "name: \"India (A)\""),
                          encoding="utf-8")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    err = capsys.readouterr().err
    assert "countries/egypt.yaml:" in err and "nothing was sent" in err, err
    assert not load_store(anna).errors
