"""Taking one side of a sync conflict (``sync --take``) through the real CLI: two clones of a
bare shared store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from dulwich.repo import Repo

from briefing_builder.cli import main
from briefing_builder.history.service import history_for
from briefing_builder.history.sync import pending_conflicts
from briefing_builder.store import load_store
from tests.history.conftest import edit

AREA = Path("areas") / "04-return-readmission.yaml"
RECORD = "common-european-return-system"
TEXT = "    text: \"**Building a common European system for return**\"\n"
SUB_POINTS = "    sub_points:\n"


def test_taking_their_text_keeps_my_comments_above_the_records_other_fields(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    edit(anna / AREA, TEXT + SUB_POINTS, TEXT.replace("return**", "return: Anna**")
         + "    # Anna: sub-points checked with the desk on 3 February\n" + SUB_POINTS)
    edit(ben / AREA, TEXT + SUB_POINTS, TEXT.replace("return**", "return: Ben**")
         + "    # Ben: the Commission's wording\n" + SUB_POINTS)
    assert main(["sync", "--store", str(ben)]) == 0
    assert main(["sync", "--store", str(anna)]) == 1  # the text is a conflict
    assert main(["sync", "--store", str(anna), "--take", "theirs", f"{RECORD}:text"]) == 0
    text = (anna / AREA).read_text(encoding="utf-8")
    assert TEXT.replace("return**", "return: Ben**") in text
    assert "    # Anna: sub-points checked with the desk on 3 February\n" in text, text[:1500]
    assert "    # Ben: the Commission's wording\n" in text
    assert not load_store(anna).errors


def test_taking_their_text_keeps_their_comment_on_its_line(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    edit(anna / AREA, TEXT + SUB_POINTS, TEXT.replace("return**", "return: Anna**")
         + "    # Anna: keep\n" + SUB_POINTS)
    edit(ben / AREA, TEXT, TEXT.replace("return**\"", "return: Ben**\"  # Ben's wording"))
    assert main(["sync", "--store", str(ben)]) == 0 and main(["sync", "--store", str(anna)]) == 1
    assert main(["sync", "--store", str(anna), "--take", "theirs", RECORD]) == 0
    text = (anna / AREA).read_text(encoding="utf-8")
    assert "return: Ben**\"  # Ben's wording\n    # Anna: keep\n" + SUB_POINTS in text, text[:1500]


def _valid(store: Path) -> None:
    assert not load_store(store).errors, load_store(store).errors


def test_a_file_they_renamed_gets_my_edit_and_the_old_name_is_not_brought_back(team: tuple[Path, Path, Path]) -> None:
    anna, ben, _ = team
    (ben / "countries" / "egypt.yaml").rename(ben / "countries" / "eg.yaml")
    edit(anna / "countries" / "egypt.yaml", "region: \"North Africa\"", "region: \"North Africa (Anna)\"")
    assert main(["sync", "--store", str(ben)]) == 0
    assert main(["sync", "--store", str(anna)]) == 0
    assert not (anna / "countries" / "egypt.yaml").exists()
    assert "North Africa (Anna)" in (anna / "countries" / "eg.yaml").read_text(encoding="utf-8")
    _valid(anna)
    assert main(["sync", "--store", str(ben)]) == 0
    assert "North Africa (Anna)" in (ben / "countries" / "eg.yaml").read_text(encoding="utf-8")
    assert not (ben / "countries" / "egypt.yaml").exists()
    _valid(ben)


@pytest.mark.parametrize("their_region, my_old, my_new, take, kept", [
    ('"North Africa (Ben)"', "iso_code: EG", "iso_code: EG  # Anna", (),
     ('region: "North Africa (Ben)"', "iso_code: EG  # Anna")),
    ('"Ben\'s region"', 'region: "North Africa"', 'region: "Anna\'s region"', ("--take", "theirs", "egypt"),
     ('region: "Ben\'s region"',)),
], ids=["their edit joins mine", "a conflict: theirs taken into the renamed file"])
def test_a_file_i_renamed_and_edited_gets_their_edit(team: tuple[Path, Path, Path], their_region: str, my_old: str,
                                                     my_new: str, take: tuple[str, ...], kept: tuple[str, ...]) -> None:
    anna, ben, _ = team
    edit(ben / "countries" / "egypt.yaml", "region: \"North Africa\"", f"region: {their_region}")
    (anna / "countries" / "egypt.yaml").rename(anna / "countries" / "eg.yaml")
    edit(anna / "countries" / "eg.yaml", my_old, my_new)
    assert main(["sync", "--store", str(ben)]) == 0
    assert main(["sync", "--store", str(anna)]) == (1 if take else 0)  # a conflict waits for a choice
    if take:
        assert main(["sync", "--store", str(anna), *take]) == 0
    text = (anna / "countries" / "eg.yaml").read_text(encoding="utf-8")
    assert all(line in text for line in kept), text
    assert not (anna / "countries" / "egypt.yaml").exists()
    _valid(anna)


def test_a_merge_that_would_not_validate_is_neither_kept_nor_sent(team: tuple[Path, Path, Path],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, remote = team
    card = (anna / "countries" / "egypt.yaml").read_text(encoding="utf-8").replace("id: egypt", "id: morocco")
    (anna / "countries" / "morocco.yaml").write_text(card, encoding="utf-8")
    (ben / "countries" / "maroc.yaml").write_text(card.replace("Egypt", "Maroc"), encoding="utf-8")
    assert main(["sync", "--store", str(ben)]) == 0
    shared = Repo(str(remote)).head()
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    err = capsys.readouterr().err
    assert "duplicate id 'morocco'" in err and "countries/" in err and "nothing was sent" in err, err
    assert "Traceback" not in err
    assert Repo(str(remote)).head() == shared  # nothing sent
    assert not (anna / "countries" / "maroc.yaml").exists()  # my files as they were
    assert (anna / "countries" / "morocco.yaml").read_text(encoding="utf-8") == card
    _valid(anna)


def test_take_mine_of_a_store_with_errors_is_refused_and_nothing_sent(team: tuple[Path, Path, Path],
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, remote = team
    edit(anna / AREA, "system for return**", "system for return: Anna**")
    edit(ben / AREA, "system for return**", "system for return: Ben**")
    assert main(["sync", "--store", str(ben)]) == 0 and main(["sync", "--store", str(anna)]) == 1
    shared = Repo(str(remote)).head()
    edit(anna / "countries" / "egypt.yaml", "value: 15}", "value: lots}")
    line = (anna / "countries" / "egypt.yaml").read_text(encoding="utf-8").split("value: lots")[0].count("\n") + 1
    capsys.readouterr()
    assert main(["sync", "--store", str(anna), "--take", "mine", RECORD]) == 1
    err = capsys.readouterr().err
    assert f"countries/egypt.yaml:{line}" in err and "nothing was changed or sent" in err, err
    assert Repo(str(remote)).head() == shared
    history = history_for(anna)
    assert history is not None and len(pending_conflicts(history)) == 1  # still open: choose again once fixed


def test_an_export_while_a_conflict_is_open_says_the_deck_shows_my_values(team: tuple[Path, Path, Path],
                                                                          tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    edit(anna / AREA, "system for return**", "system for return: Anna**")
    edit(ben / AREA, "system for return**", "system for return: Ben**")
    assert main(["sync", "--store", str(ben)]) == 0 and main(["sync", "--store", str(anna)]) == 1
    capsys.readouterr()
    assert main(["build", "jha-counsellors-2026-01-12", "--store", str(anna), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "1 sync conflict(s) are open (common-european-return-system)" in err, err
    assert "this deck shows your values" in err


def test_a_sub_point_conflict_is_printed_one_item_a_line(team: tuple[Path, Path, Path],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    anna, ben, _ = team
    point = "legislative proposal in 2026\""
    edit(anna / AREA, point, "legislative proposal in Q2 2026\"")
    edit(ben / AREA, point, "legislative proposal in Q3 2026\"")
    assert main(["sync", "--store", str(ben)]) == 0
    capsys.readouterr()
    assert main(["sync", "--store", str(anna)]) == 1
    out = capsys.readouterr().out
    assert "common-european-return-system · sub_points" in out
    assert "\n              - **Digitalisation of return procedures** – legislative proposal in Q3 2026\n" in out, out
    assert "['" not in out and "[\"" not in out
