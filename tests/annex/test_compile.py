"""``annex compile``: 27 returns of one meeting read at once into one compilation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_builder.annex.feedback import MEMBER_STATES
from briefing_builder.cli import main
from tests.annex.returns import PACK, build, delegation_returns, load, printed_pixels


def test_compile_puts_every_delegation_side_by_side_and_lists_who_did_not_answer(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annex = build(store, tmp_path / "out")
    answering = [code for code in MEMBER_STATES if code not in ("CY", "MT", "LU")]
    files = delegation_returns(annex, tmp_path / "returns", answering)
    damaged = tmp_path / "returns" / "annex-XX.xlsx"
    damaged.write_bytes(b"PK\x03\x04 damaged")
    out = tmp_path / "comments.xlsx"
    capsys.readouterr()
    assert main(["annex", "compile", PACK, *map(str, files), str(damaged), "--store", str(store),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Answered: 24 delegation(s); not answered: CY, LU, MT" in printed
    assert "annex-XX.xlsx: not read" in printed
    book = load(out)
    assert book.sheetnames == ["Compilation", "Positions", "Not answered", "Returns"]
    ws = book["Compilation"]
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["ID", "Sheet", "Record"] and heads[3:5] == ["AT position", "AT comments"]
    assert len(heads) == 3 + 2 * 24
    first = ws.cell(2, 1).value
    nl = heads.index("NL comments") + 1
    assert ws.cell(2, nl).value == "NL on row 2: comment"
    assert [ws.cell(r, 1).value for r in range(2, 4)] == [first, ws.cell(3, 1).value]
    assert ws.row_dimensions[2].height >= 45  # the long first record wraps: its row is tall enough to show it
    assert ws.page_setup.orientation == "landscape" and ws.print_title_cols == "$A:$C"  # records on every page
    positions = book["Positions"]
    counted = sum(positions.cell(2, c).value or 0 for c in range(3, positions.max_column + 1))
    assert counted == 24  # every answering delegation gave a position on the first row
    assert [book["Not answered"].cell(r, 1).value for r in range(2, 5)] == ["CY", "LU", "MT"]
    kept = yaml.safe_load((store / "feedback" / PACK / "NL.yaml").read_text(encoding="utf-8"))
    assert kept["delegation"] == "NL" and kept["pack"] == PACK and len(kept["entries"]) == 6
    assert kept["entries"][0]["comments"] == "NL on row 2: comment"
    assert kept["entries"][0]["record"] == first


def test_import_keeps_the_delegation_feedback_without_touching_records(store: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    annex = build(store, tmp_path / "out")
    [returned] = delegation_returns(annex, tmp_path / "returns", ["FR"], rows=2)
    records = {p: p.read_bytes() for p in store.rglob("*.yaml")}
    assert main(["annex", "import", str(returned), "--store", str(store), "--apply"]) == 0
    assert "Delegation comments and positions kept in" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in records} == records
    kept = yaml.safe_load((store / "feedback" / PACK / "FR.yaml").read_text(encoding="utf-8"))
    assert [e["position"] for e in kept["entries"]] == ["oppose", "no position"]


def test_the_bundled_sample_store_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.paths import sample_store_dir

    before = sorted(p.relative_to(sample_store_dir()) for p in sample_store_dir().rglob("*"))
    assert main(["build", PACK, "--out", str(tmp_path / "out")]) == 0
    [returned] = delegation_returns(tmp_path / "out" / f"{PACK}-annex.xlsx", tmp_path / "returns", ["NL"], rows=1)
    assert main(["annex", "import", str(returned)]) == 0
    assert "the bundled sample store is never written to" in capsys.readouterr().out
    assert sorted(p.relative_to(sample_store_dir()) for p in sample_store_dir().rglob("*")) == before


def test_the_next_annex_shows_the_comments_received(store: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.annex.sheet_columns import PRINT_WIDTH_CHARS

    annex = build(store, tmp_path / "out")
    files = delegation_returns(annex, tmp_path / "returns", ["FR", "NL"], rows=2)
    assert main(["annex", "compile", PACK, *map(str, files), "--store", str(store),
                 "--out", str(tmp_path / "comments.xlsx")]) == 0
    again = build(store, tmp_path / "next")
    ws = load(again)["Measures"]
    heads = [c.value for c in ws[1]]
    column = heads.index("Comments received") + 1
    assert heads[column] == "Update note"  # just before our note, after the record's own columns
    assert ws.cell(2, column).value == "FR: oppose — FR on row 2: comment\nNL: no position — NL on row 2: comment"
    assert ws.cell(4, column).value is None  # nobody said anything about the third row
    assert printed_pixels(ws) <= PRINT_WIDTH_CHARS * 7 + len(heads) * 5  # still prints at 9 pt
    capsys.readouterr()
    assert main(["annex", "update", str(annex), "--pack", PACK, "--store", str(store)]) == 0
    assert "column 'Comments received' is missing; not updated" in capsys.readouterr().out  # an older copy: said
