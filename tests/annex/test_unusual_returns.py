"""Returns edited the way an adversarial delegation edits them, driven through the command line.

A column inserted by openpyxl, swapped IDs, the wrong ``--pack``, mistyped choices, added
strike-through, formulas in our columns, closed pipes: each case checks what was written
(store files, cells) and what was said.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.annex.returns import PACK, build, load, run_cli, type_into, where

MEASURE = "new-eibm-strategy"


@pytest.fixture
def annex(store: Path, tmp_path: Path) -> Path:
    return build(store, tmp_path / "out")


def _run(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    """stdout and stderr together (refusals are on stderr)."""
    return "".join(run_cli(capsys, *args, status=status))


def _store_files(store: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in store.rglob("*.yaml")}


def test_a_column_inserted_by_openpyxl_is_read_by_its_header_cells(annex: Path, store: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    book = load(annex)
    ws = book["Measures"]
    ws.insert_cols(4)  # header cells shift right; the table's own column list does not
    ws.cell(1, 4).value = "Our remarks"
    book.save(annex)
    headers = [c.value for c in load(annex)["Measures"][1]]
    sources = headers.index("Sources") + 1
    before_sources = [ws.cell(r, sources).value for r in range(2, ws.max_row + 1)]
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert "Proposals: 0" in out, out
    assert _store_files(store) == before
    _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    ws = load(annex)["Measures"]
    assert [ws.cell(r, sources).value for r in range(2, ws.max_row + 1)] == before_sources


def test_a_header_that_appears_twice_is_refused_naming_sheet_and_header(annex: Path, store: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    column = where(annex, "Measures", MEASURE, "Timeline").rstrip("0123456789")
    type_into(annex, "Measures", {f"{column}1": "Status"})
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), status=1)
    assert "sheet 'Measures'" in out and "the header 'Status' appears in 2 columns" in out


def test_swapped_ids_apply_nothing_of_either_row(annex: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = load(annex)["Measures"]
    row = int(where(annex, "Measures", MEASURE, "ID")[1:])
    other = row - 1
    other_id = ws.cell(other, 1).value
    column = where(annex, "Measures", MEASURE, "Measure").rstrip("0123456789")
    ours = {where(annex, "Measures", other_id, h).rstrip("0123456789") for h in ("Status", "Lead", "Timeline")}
    type_into(annex, "Measures", {f"A{row}": other_id, f"A{other}": MEASURE,  # IDs swapped, then the row now
                                  f"{column}{other}": "Revision postponed to 2027"}  # under MEASURE rewritten
              | {f"{c}{other}": None for c in ours})
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert f"Measures row {row}:" in out and f"Measures row {other}:" in out
    assert "Proposals: 0" in out
    assert _store_files(store) == before


def _propose(annex: Path) -> None:
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Status"): "planned"})


@pytest.mark.parametrize("command", ["import", "update"])
def test_another_pack_than_the_annexs_own_is_refused_unless_forced(annex: Path, store: Path, command: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    before, sent = _store_files(store), annex.read_bytes()
    out = _run(capsys, "annex", command, str(annex), "--store", str(store), "--pack", "strategy-partners-briefing",
               status=1)
    assert f"was made for the pack '{PACK}', not 'strategy-partners-briefing'" in out and "--force-pack" in out
    assert annex.read_bytes() == sent
    assert _store_files(store) == before
    assert not (store / "feedback" / "strategy-partners-briefing").exists()
    _run(capsys, "annex", command, str(annex), "--store", str(store), "--pack", "strategy-partners-briefing",
         "--force-pack")


@pytest.mark.parametrize("option,spec,said", [
    ("--accept", "no-such-measure", "unknown ID 'no-such-measure'"),
    ("--reject", f"{MEASURE}:Timeline", f"'{MEASURE}' has no edit in 'Timeline' (its edits: Status)"),
])
def test_a_choice_naming_no_edit_is_told_and_applies_nothing(annex: Path, store: Path, option: str, spec: str,
                                                             said: str, capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", option, spec, status=2)
    assert said in out
    assert _store_files(store) == before


def test_apply_with_undecided_conflicts_exits_non_zero(annex: Path, store: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Measure"): "A delegation's wording"})
    area = store / "areas/02-strong-borders.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("in 2028**", "in 2029**"), encoding="utf-8")
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", status=1)
    assert "need a choice" in out and "--accept" in out
    assert _store_files(store) == before


def test_output_into_a_closed_pipe_ends_quietly(annex: Path, store: Path) -> None:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", ("import sys; from briefing_builder.cli import main; "
                              "sys.exit(main(sys.argv[1:]))"), "annex", "import", str(annex), "--store", str(store)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader stops before anything is printed, as `| head -5` does after five lines
    err = child.stderr.read().decode()
    child.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_a_mistyped_id_is_noted_as_unknown_not_as_removed(annex: Path, store: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    cell = where(annex, "Measures", MEASURE, "ID")
    type_into(annex, "Measures", {cell: "new-eibm-stratgey"})
    _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    ws = load(annex)["Measures"]
    headers = [c.value for c in ws[1]]
    note = ws.cell(int(cell[1:]), headers.index("Update note") + 1).value
    assert note.startswith("Unknown ID 'new-eibm-stratgey'") and "Not in the pack since" not in note


def test_the_apply_report_is_true_per_file(annex: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Status"): "planned",
                                  where(annex, "Measures", MEASURE, "Lead"): "L" * 600})  # refused by the schema
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert f"Not applied: {MEASURE} · Lead" in out
    assert "02-strong-borders.yaml is unchanged" not in out and "Left unchanged" not in out
    assert "Wrote 1 store file(s)" in out and "02-strong-borders.yaml" in out.split("Wrote 1 store file(s)")[1]


def test_a_strike_through_added_as_a_run_is_an_edit_and_kept_by_the_update(annex: Path, store: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from lxml import etree

    from tests.annex.returns import NS, SHEET_PARTS, edit_part

    ref = where(annex, "Measures", MEASURE, "Measure")

    def strike(root: etree._Element) -> None:  # "New EIBM Strategy ~~in 2028~~", bold, as Excel saves runs
        c = next(c for c in root.iter(NS + "c") if c.get("r") == ref)
        for child in list(c):
            c.remove(child)
        c.set("t", "inlineStr")
        inline = etree.SubElement(c, NS + "is")
        for text, struck in (("New EIBM Strategy ", False), ("in 2028", True)):
            run = etree.SubElement(inline, NS + "r")
            props = etree.SubElement(run, NS + "rPr")
            etree.SubElement(props, NS + "b")
            if struck:
                etree.SubElement(props, NS + "strike")
            t = etree.SubElement(run, NS + "t")
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    edit_part(annex, SHEET_PARTS["Measures"], strike)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "Proposals: 1" in out and "+ **New EIBM Strategy ~~in 2028~~**" in out, out
    _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "Proposals: 1" in out, out  # the update kept the delegation's strike-through


def test_formulas_are_shown_as_typed_and_a_formula_comment_is_kept(annex: Path, store: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from lxml import etree

    from tests.annex.returns import NS, SHEET_PARTS, edit_part

    refs = {where(annex, "Measures", MEASURE, "Timeline"): 'CONCAT("20","29")',
            where(annex, "Measures", MEASURE, "Delegation comments"): 'UPPER("see our note")'}

    def formulas(root: etree._Element) -> None:  # as openpyxl saves a formula: no cached value
        for c in root.iter(NS + "c"):
            if c.get("r") in refs:
                for child in list(c):
                    c.remove(child)
                c.attrib.pop("t", None)
                etree.SubElement(c, NS + "f").text = refs[c.get("r")]
    edit_part(annex, SHEET_PARTS["Measures"], formulas)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert '+ =CONCAT("20","29")' in out and "not applied: the cell holds a formula" in out
    assert '=UPPER("see our note")' in out


def _saved_on(path: Path, day: str) -> None:
    from lxml import etree

    from tests.annex.returns import edit_part

    def date(root: etree._Element) -> None:
        for node in root:
            if node.tag.endswith("}modified"):
                node.text = f"{day}T10:00:00Z"
    edit_part(path, "docProps/core.xml", date)


def test_compile_uses_the_newest_of_two_returns_of_one_delegation(annex: Path, store: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    newer, older = tmp_path / "annex-NL-v2.xlsx", tmp_path / "annex-NL-v1.xlsx"
    for path, comment, day in ((newer, "our final view", "2026-01-20"), (older, "first thoughts", "2026-01-15")):
        shutil.copy(annex, path)
        type_into(path, "Measures", {where(path, "Measures", MEASURE, "Delegation comments"): comment})
        _saved_on(path, day)
    out = _run(capsys, "annex", "compile", PACK, str(newer), str(older), "--store", str(store),
               "--out", str(tmp_path / "comments.xlsx"))  # the older one given last
    assert "used annex-NL-v2.xlsx (the newest, saved 2026-01-20), ignored annex-NL-v1.xlsx" in out, out
    book = load(tmp_path / "comments.xlsx")
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "our final view" in cells and "first thoughts" not in cells


def test_compile_lists_an_unreadable_return_as_not_read_rather_than_not_answered(
        annex: Path, store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "annex-DE.xlsx"
    damaged.write_bytes(b"not a workbook")
    out = _run(capsys, "annex", "compile", PACK, str(annex), str(damaged), "--store", str(store),
               "--out", str(tmp_path / "comments.xlsx"))
    assert "Could not be read: DE (annex-DE.xlsx)" in out
    not_answered = out.split("not answered:")[1]
    assert "DE" not in not_answered.split(", ") and "FR" in not_answered


def test_typed_positions_are_normalised_and_others_counted_apart(annex: Path, store: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    nl, de = tmp_path / "annex-NL.xlsx", tmp_path / "annex-DE.xlsx"
    for path, typed in ((nl, "  SUPPORT "), (de, 5)):
        shutil.copy(annex, path)
        type_into(path, "Measures", {where(path, "Measures", MEASURE, "Delegation position"): typed})
    _run(capsys, "annex", "compile", PACK, str(nl), str(de), "--store", str(store),
         "--out", str(tmp_path / "comments.xlsx"))
    ws = load(tmp_path / "comments.xlsx")["Positions"]
    assert [c.value for c in ws[1]] == ["ID", "Record", "support", "other"]
    assert "position: support" in (store / "feedback" / PACK / "NL.yaml").read_text(encoding="utf-8")
