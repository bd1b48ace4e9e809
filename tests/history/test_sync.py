"""A shared store: two clones and a bare remote in a temporary folder, no git executable."""

from __future__ import annotations

from pathlib import Path

import pytest
from dulwich.repo import Repo

from briefing_builder.cli import main
from briefing_builder.history.remote import remote_url
from briefing_builder.history.service import history_for
from briefing_builder.history.sync import pending_conflicts
from briefing_builder.store import load_store
from tests.history.conftest import edit


def _sync(store: Path) -> int:
    return main(["sync", "--store", str(store)])


def _valid(store: Path) -> None:
    catalog = load_store(store)
    assert not catalog.errors, catalog.errors
    for path in store.rglob("*.yaml"):
        assert "<<<<<<<" not in path.read_text(encoding="utf-8") and ">>>>>>>" not in path.read_text(encoding="utf-8")


def test_the_first_sync_makes_a_bare_remote_and_remembers_it(team: tuple[Path, Path, Path]) -> None:
    anna, ben, remote = team
    assert Repo(str(remote)).bare
    history = history_for(anna)
    assert history is not None and remote_url(history) == str(remote)
    assert (ben / "store.yaml").read_bytes() == (anna / "store.yaml").read_bytes()
    _valid(ben)


def test_disjoint_edits_both_arrive_even_in_one_file(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    edit(anna / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    edit(ben / "areas" / "04-return-readmission.yaml", "\"Possibility of establishing", "\"Possibly establishing")
    edit(ben / "countries" / "egypt.yaml", "value: 15", "value: 16")
    assert _sync(anna) == 0 and _sync(ben) == 0 and _sync(anna) == 0
    for store in (anna, ben):
        text = (store / "areas" / "04-return-readmission.yaml").read_text(encoding="utf-8")
        assert "system for returns**" in text and "Possibly establishing" in text
        assert "value: 16" in (store / "countries" / "egypt.yaml").read_text(encoding="utf-8")
        _valid(store)
    assert (anna / "areas" / "04-return-readmission.yaml").read_bytes() == \
           (ben / "areas" / "04-return-readmission.yaml").read_bytes()


def test_added_and_removed_records_merge(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    edit(anna / "milestones.yaml", "milestones:\n", "milestones:\n  - id: pact-review-2027\n    title: \"Review of the "
         "Pact\"\n    period: \"2027\"\n\n")
    (ben / "countries" / "india.yaml").unlink()  # with the references to it: the store stays valid
    edit(ben / "areas" / "05-labour-mobility-legal-pathways.yaml", "countries: [india]", "countries: []")
    edit(ben / "packs" / "strategy-partners-briefing.yaml",
         "  - type: country\n    country: india\n    figures: true\n    chart: false\n\n", "")
    edit(ben / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex revision\"")
    assert _sync(anna) == 0 and _sync(ben) == 0 and _sync(anna) == 0
    for store in (anna, ben):
        catalog = load_store(store)
        assert "pact-review-2027" in catalog.milestones and "india" not in catalog.countries
        assert catalog.milestones["frontex-regulation-revision-2026"].title == "Frontex revision"


def test_the_same_field_is_a_conflict_with_both_values_and_nothing_lost(team: tuple[Path, Path, Path],
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    edit(anna / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex: Anna's\"")
    edit(ben / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex: Ben's\"")
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    assert _sync(anna) == 0
    capsys.readouterr()
    assert _sync(ben) == 1
    out = capsys.readouterr().out
    assert "frontex-regulation-revision-2026 · title" in out and "mine:   Frontex: Ben's" in out
    assert "theirs: Frontex: Anna's" in out
    _valid(ben)  # valid at every moment: Ben's value kept, Anna's other edit merged
    assert load_store(ben).milestones["frontex-regulation-revision-2026"].title == "Frontex: Ben's"
    assert "value: 16" in (ben / "countries" / "egypt.yaml").read_text(encoding="utf-8")
    history = history_for(ben)
    assert history is not None and len(pending_conflicts(history)) == 1
    assert _sync(ben) == 1  # refuses until resolved
    assert "not resolved yet" in capsys.readouterr().err
    assert main(["sync", "--store", str(ben), "--take", "theirs", "frontex-regulation-revision-2026"]) == 0
    assert load_store(ben).milestones["frontex-regulation-revision-2026"].title == "Frontex: Anna's"
    assert _sync(anna) == 0
    assert load_store(anna).milestones["frontex-regulation-revision-2026"].title == "Frontex: Anna's"
    _valid(anna)
    _valid(ben)


def test_take_mine_keeps_mine_and_sends_it(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    edit(anna / "areas" / "04-return-readmission.yaml", "system for return**", "system for return: Anna**")
    edit(ben / "areas" / "04-return-readmission.yaml", "system for return**", "system for return: Ben**")
    assert _sync(anna) == 0 and _sync(ben) == 1
    assert main(["sync", "--store", str(ben), "--take", "mine", "common-european-return-system"]) == 0
    assert _sync(anna) == 0
    assert "return: Ben**" in (anna / "areas" / "04-return-readmission.yaml").read_text(encoding="utf-8")


def test_an_unreachable_remote_is_told_plainly_and_the_work_is_kept(store: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    edit(store / "countries" / "egypt.yaml", "value: 15", "value: 16")
    assert main(["sync", "--store", str(store), "--remote", str(tmp_path / "unmounted" / "share" / "store.git")]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "work on" in err and "Nothing was changed" in err
    assert "saved in this store's history" not in err  # it has none: not told it has
    assert history_for(store) is None and not (store / ".git").exists()  # no history started for nothing
    assert "value: 16" in (store / "countries" / "egypt.yaml").read_text(encoding="utf-8")  # the edit is kept


def test_an_unreachable_remote_keeps_the_edits_of_a_store_with_history_in_a_save_point(
        team: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, _ = team
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    assert main(["sync", "--store", str(anna), "--remote", str(tmp_path / "unmounted" / "store.git")]) == 1
    assert "cannot be reached" in capsys.readouterr().err
    history = history_for(anna)
    assert history is not None and not history.uncommitted()  # the edit is in a save point


def test_an_explicit_remote_that_is_gone_is_not_made_again(team: tuple[Path, Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    anna, ben, remote = team
    shutil.rmtree(remote)  # the share's folder was removed; its parent is still there
    capsys.readouterr()
    for store in (anna, ben):  # the one who made it, and the one who cloned it
        assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 1
        err = capsys.readouterr().err
        assert "is gone" in err and "Traceback" not in err
        assert not remote.exists()


def test_a_server_that_does_not_answer_starts_no_history(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--store", str(store), "--remote", "http://127.0.0.1:9/team/store.git"]) == 1
    assert "cannot be reached" in capsys.readouterr().err
    assert not (store / ".git").exists()


def test_sync_without_remote_says_how_to_give_one(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--store", str(store)]) == 1
    assert "--remote URL" in capsys.readouterr().err


def test_clone_of_a_folder_that_holds_no_store_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Repo.init_bare(str(tmp_path / "empty.git"), mkdir=True)
    assert main(["clone", str(tmp_path / "empty.git"), str(tmp_path / "copy")]) == 1
    assert "holds no store" in capsys.readouterr().err


def test_a_mistyped_sync_starts_no_history(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--store", str(store), "--take", "maybe", "egypt"]) == 2
    assert main(["sync", "--store", str(store), "--take", "theirs", "egypt"]) == 1
    assert main(["sync", "--store", str(store)]) == 1
    assert not (store / ".git").exists()
    assert "never been synced" in capsys.readouterr().err


def test_no_program_is_started_by_export_changes_sync_and_clone(store: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a program was started: {args[:1]}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    remote = tmp_path / "shared.git"
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(store), "--out", str(tmp_path / "o"),
                 "--no-annex"]) == 0
    edit(store / "milestones.yaml", "Revision of the Frontex regulation", "Frontex revision")
    assert main(["changes", "jha-counsellors-2026-01-12", "--store", str(store)]) == 0
    assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    assert main(["history", "--store", str(tmp_path / "ben")]) == 0


def test_a_remembered_remote_that_is_gone_is_unreachable_and_not_made_again(team: tuple[Path, Path, Path],
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    anna, _, remote = team
    shutil.rmtree(remote)  # the share is unmounted: its parent folder is still there
    edit(anna / "countries" / "egypt.yaml", "value: 15", "value: 16")
    capsys.readouterr()
    assert _sync(anna) == 1
    assert "cannot be reached" in capsys.readouterr().err
    assert not remote.exists()  # no new, empty shared store split off


def test_a_failed_remote_is_not_remembered(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    anna, _, remote = team
    wrong = tmp_path / "unmounted" / "share" / "store.git"
    assert main(["sync", "--store", str(anna), "--remote", str(wrong)]) == 1
    history = history_for(anna)
    assert history is not None and remote_url(history) == str(remote)
    assert _sync(anna) == 0


def test_a_store_that_does_not_validate_is_not_sent(team: tuple[Path, Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    edit(anna / "countries" / "egypt.yaml", "value: 15}", "value: lots}")
    line = (anna / "countries" / "egypt.yaml").read_text(encoding="utf-8").split("value: lots")[0].count("\n") + 1
    capsys.readouterr()
    assert _sync(anna) == 1
    err = capsys.readouterr().err
    assert "nothing was sent" in err and f"countries/egypt.yaml:{line}" in err and "Traceback" not in err
    assert _sync(ben) == 0
    assert "value: lots" not in (ben / "countries" / "egypt.yaml").read_text(encoding="utf-8")
    assert "value: lots" in (anna / "countries" / "egypt.yaml").read_text(encoding="utf-8")  # nothing lost


def test_take_one_field_of_a_record_leaves_its_other_conflict_open(team: tuple[Path, Path, Path],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    for store, who in ((anna, "Anna"), (ben, "Ben")):
        text = (store / "milestones.yaml").read_text(encoding="utf-8")
        text = text.replace("Revision of the Frontex regulation", f"Frontex: {who}")
        (store / "milestones.yaml").write_text(text.replace('body: "Frontex"', f'body: "Frontex ({who})"', 1),
                                               encoding="utf-8")
    assert _sync(anna) == 0 and _sync(ben) == 1
    record = "frontex-regulation-revision-2026"
    assert main(["sync", "--store", str(ben), "--take", "theirs", f"{record}:title"]) == 0
    history = history_for(ben)
    assert history is not None and [(c.field, c.base) for c in pending_conflicts(history)] == [("body", "Frontex")]
    assert main(["sync", "--store", str(ben), "--take", "mine", f"{record}:body"]) == 0
    milestone = load_store(ben).milestones[record]
    assert (milestone.title, milestone.body) == ("Frontex: Anna", "Frontex (Ben)")
    capsys.readouterr()
    assert main(["sync", "--store", str(ben), "--take", "mine", f"{record}:period"]) == 1
    assert "There is no conflict to resolve" in capsys.readouterr().err


def test_taking_theirs_for_a_record_removed_here_brings_it_back(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    text = (anna / "milestones.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: frontex-regulation-revision-2026")
    (anna / "milestones.yaml").write_text(text[:start] + text[text.index("  - id:", start + 5):], encoding="utf-8")
    edit(ben / "milestones.yaml", "Revision of the Frontex regulation", "Frontex: Ben")
    assert _sync(ben) == 0 and _sync(anna) == 1
    assert main(["sync", "--store", str(anna), "--take", "theirs", "frontex-regulation-revision-2026"]) == 0
    assert load_store(anna).milestones["frontex-regulation-revision-2026"].title == "Frontex: Ben"
    _valid(anna)


def test_a_folder_of_other_files_is_not_taken_for_a_shared_store(store: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["sync", "--store", str(store), "--remote", str(documents)]) == 1
    err = capsys.readouterr().err
    assert "not a shared store" in err and "Traceback" not in err
    assert not (store / ".git").exists() and sorted(p.name for p in documents.iterdir()) == ["notes.txt"]


def test_windows_line_breaks_survive_a_merge_and_taking_theirs(tmp_path: Path, store: Path) -> None:
    for path in store.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    remote = tmp_path / "share.git"
    assert main(["sync", "--store", str(store), "--remote", str(remote), "--create"]) == 0
    assert main(["clone", str(remote), str(tmp_path / "ben")]) == 0
    anna, ben = store, tmp_path / "ben"

    def edit_bytes(path: Path, old: str, new: str) -> None:  # as a Windows editor saves: CRLF kept
        data = path.read_bytes()
        assert old.encode() in data
        path.write_bytes(data.replace(old.encode(), new.encode(), 1))
    edit_bytes(anna / "milestones.yaml", "Revision of the Frontex regulation", "Frontex: Anna")
    edit_bytes(ben / "milestones.yaml", "Revision of the Frontex regulation", "Frontex: Ben")
    edit_bytes(ben / "milestones.yaml", 'body: "Frontex"', 'body: "Frontex agency"')
    assert _sync(ben) == 0 and _sync(anna) == 1
    data = (anna / "milestones.yaml").read_bytes()
    assert b'body: "Frontex agency"\r\n' in data and data.count(b"\n") == data.count(b"\r\n")
    assert main(["sync", "--store", str(anna), "--take", "theirs", "frontex-regulation-revision-2026"]) == 0
    data = (anna / "milestones.yaml").read_bytes()
    assert b'title: "Frontex: Ben"\r\n' in data and data.count(b"\n") == data.count(b"\r\n")
    _valid(anna)


def test_taking_their_deletion_that_would_break_the_store_is_refused(team: tuple[Path, Path, Path],
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    (ben / "countries" / "india.yaml").unlink()  # Ben removes the card and what names it
    edit(ben / "areas" / "05-labour-mobility-legal-pathways.yaml", "countries: [india]", "countries: []")
    edit(ben / "packs" / "strategy-partners-briefing.yaml",
         "  - type: country\n    country: india\n    figures: true\n    chart: false\n\n", "")
    edit(anna / "countries" / "india.yaml", "name: \"India\"", "name: \"India (Republic of)\"")
    edit(anna / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    assert _sync(ben) == 0 and _sync(anna) == 1
    history = history_for(anna)
    assert history is not None and [c.path for c in pending_conflicts(history)] == ["countries/india.yaml"]
    edit(anna / "areas" / "05-labour-mobility-legal-pathways.yaml", "countries: []", "countries: [india]")
    capsys.readouterr()
    assert main(["sync", "--store", str(anna), "--take", "theirs", "countries/india.yaml"]) == 1
    assert "would not validate" in capsys.readouterr().err
    assert (anna / "countries" / "india.yaml").is_file()
    _valid(anna)
