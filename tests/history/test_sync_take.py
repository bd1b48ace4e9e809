"""Taking one side of a sync conflict (``sync --take``) through the real CLI: two clones of a
bare shared store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.cli import main
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
