"""The annex round trip as delegations really behave, driven through the command line.

Each test is one case from the field: a proposal typed into our columns, a store changed
after the annex was sent, a workbook re-saved by openpyxl or LibreOffice, values the
store's schema refuses, an ID column sorted alone, duplicated IDs, a CRLF or symlinked
record file. What was written (cells, store files) is read back from the files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_builder.store.loader import load_store
from tests.annex.returns import (
    PACK,
    build,
    load,
    run_cli,
    type_into,
    value,
    where,
)
from tests.annex.returns import resave as resave_with

AREA = "areas/02-strong-borders.yaml"
MEASURE = "new-eibm-strategy"
PROPOSAL = "New EIBM Strategy in 2028, with a mid-term review"


@pytest.fixture
def annex(store: Path, tmp_path: Path) -> Path:
    return build(store, tmp_path / "out")


def _run(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    return run_cli(capsys, *args, status=status)[0]


def _store_files(store: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in store.rglob("*.yaml")}


def _drop_baseline_sheet(annex: Path) -> None:
    """A re-save by a tool that drops hidden sheets."""
    book = load(annex)
    del book["Annex baseline"]
    book.save(annex)


def _propose(annex: Path) -> None:
    """The delegation types a new wording into "Measure" and a status into "Status"."""
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, "Measure"): PROPOSAL,
                                  where(annex, "Measures", MEASURE, "Status"): "planned"})


def test_update_keeps_a_typed_proposal_and_import_still_finds_it(annex: Path, store: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    out = _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    assert "1 row(s) updated" not in out
    assert value(annex, "Measures", MEASURE, "Measure") == PROPOSAL
    assert value(annex, "Measures", MEASURE, "Status") == "planned"
    note = value(annex, "Measures", MEASURE, "Update note")
    assert note == "proposal kept in Measure; proposal kept in Status"
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "Proposals: 2 (2 can be applied); conflicts: 0" in out
    assert f"+ **{PROPOSAL}**" in out  # typed into a bold cell: bold, as Excel shows it


def test_import_does_not_undo_what_the_counsellor_changed_after_sending(annex: Path, store: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = store / AREA
    path.write_text(path.read_text(encoding="utf-8").replace(
        'text: "**New EIBM Strategy in 2028**"', 'text: "**New EIBM Strategy in 2029 (postponed)**"'),
        encoding="utf-8")
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert _store_files(store) == before
    assert ("Proposals: 0 (0 can be applied); conflicts: 0; changed in the store since it was sent "
            "(not proposed): 1") in out
    assert "2029 (postponed)" in path.read_text(encoding="utf-8")


def test_a_conflict_shows_three_values_and_is_never_applied_silently(annex: Path, store: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    path = store / AREA
    path.write_text(path.read_text(encoding="utf-8").replace("in 2028**", "in 2029**"), encoding="utf-8")
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", status=1)
    assert "  conflict: " in out and "02-strong-borders.yaml" in out
    assert "    sent:     **New EIBM Strategy in 2028**" in out
    assert "    store:    **New EIBM Strategy in 2029**" in out
    assert f"    returned: **{PROPOSAL}**" in out
    assert "need a choice, so nothing is applied" in out and "--accept new-eibm-strategy:Measure" in out
    assert _store_files(store) == before
    out = _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    assert value(annex, "Measures", MEASURE, "Measure") == PROPOSAL  # the delegation's cell stays
    note = value(annex, "Measures", MEASURE, "Update note")
    assert "conflict in Measure, the store now says: New EIBM Strategy in 2029" in note


@pytest.mark.parametrize("resave", ["openpyxl", "libreoffice"])
def test_a_re_save_that_drops_rich_text_is_not_an_edit(annex: Path, store: Path, tmp_path: Path, resave: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    if resave == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    resave_with(annex, resave, tmp_path)
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert _store_files(store) == before  # bold and drafting strike-through stay in the store
    assert "Compared with what was sent (the baseline inside the workbook)." in out
    assert "Proposals: 0 (0 can be applied); conflicts: 0" in out


@pytest.mark.parametrize("resave", ["openpyxl", "libreoffice"])
def test_a_proposal_survives_a_re_save_and_is_applied(annex: Path, store: Path, tmp_path: Path, resave: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    if resave == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    resave_with(annex, resave, tmp_path)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert "Proposals: 2 (2 can be applied); conflicts: 0" in out
    measure = {m.id: m for a in load_store(store).areas.values() for m in a.measures}[MEASURE]
    assert measure.text == f"**{PROPOSAL}**" and measure.status is not None and measure.status.value == "planned"


def test_without_any_baseline_differences_are_unverified_and_not_applied(annex: Path, store: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    _drop_baseline_sheet(annex)
    before = _store_files(store)
    shutil.rmtree(store / "packs" / ".annex-baselines")
    shutil.rmtree(store / ".git", ignore_errors=True)  # and no store history kept it either
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", status=1)
    assert "No baseline: this workbook does not say what was sent" in out
    assert "  unverified: " in out
    assert _store_files(store) == before
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply",
               "--accept", f"{MEASURE}:Measure")
    measure = {m.id: m for a in load_store(store).areas.values() for m in a.measures}[MEASURE]
    assert measure.text == f"**{PROPOSAL}**"


def test_the_sidecar_copy_is_used_when_a_re_save_dropped_the_baseline(annex: Path, store: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    _drop_baseline_sheet(annex)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "The workbook's own baseline is gone" in out and "compared with the copy kept next to the pack" in out
    assert "Proposals: 2 (2 can be applied); conflicts: 0" in out


@pytest.mark.parametrize("header, typed, reason", [
    ("Measure", "x" * 25_000, "at most 20000 characters"),
    ("Lead", "L" * 600, "at most 500 characters"),
])
def test_values_the_schema_refuses_are_not_written(annex: Path, store: Path, header: str, typed: str, reason: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    type_into(annex, "Measures", {where(annex, "Measures", MEASURE, header): typed})
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert f"Not applied: {MEASURE} · {header} — the store's schema refuses it" in out and reason in out
    assert _store_files(store) == before
    assert MEASURE in {m.id for a in load_store(store).areas.values() for m in a.measures}


def test_a_lower_case_iso_code_is_refused(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annex = build(store, tmp_path / "out")
    book = load(annex)
    ws = book["Country cards"]
    if ws.max_row < 2 or not ws.cell(2, 1).value:
        pytest.skip("the reference pack shows no country card")
    record = ws.cell(2, 1).value
    type_into(annex, "Country cards", {where(annex, "Country cards", record, "ISO"): "eg"})
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert f"Not applied: {record} · ISO — the store's schema refuses it" in out
    assert _store_files(store) == before


def test_rows_whose_id_column_was_sorted_alone_are_applied_to_nothing(annex: Path, store: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    ws = load(annex)["Measures"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert len(ids) > 3
    type_into(annex, "Measures", {f"A{r}": rid for r, rid in zip(range(2, len(ids) + 2), sorted(ids))}
              | {where(annex, "Measures", MEASURE, "Measure"): PROPOSAL})
    moved = sum(1 for a, b in zip(ids, sorted(ids)) if a != b)
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert out.count("(was the ID column sorted or retyped?)") == moved
    assert _store_files(store) == before
    out = _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    assert f"{moved} row(s) not updated" in out


def test_duplicated_ids_with_two_different_edits_are_applied_to_nothing(annex: Path, store: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    ws = load(annex)["Measures"]
    row = int(where(annex, "Measures", MEASURE, "ID")[1:])
    other = row + 1
    column = where(annex, "Measures", MEASURE, "Measure").rstrip("0123456789")
    type_into(annex, "Measures", {f"A{other}": MEASURE, f"{column}{row}": "First wording",
                                  f"{column}{other}": "Second wording"})
    assert ws.cell(other, 1).value != MEASURE
    before = _store_files(store)
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert f"the ID '{MEASURE}' is also on row(s) {other}" in out
    assert f"the ID '{MEASURE}' is also on row(s) {row}" in out
    assert _store_files(store) == before


def test_apply_keeps_crlf_line_endings(annex: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = store / AREA
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    _propose(annex)
    _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    data = path.read_bytes()
    assert PROPOSAL.encode() in data
    assert data.count(b"\n") == data.count(b"\r\n")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_apply_writes_through_a_symlinked_record_file(annex: Path, store: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared" / "02-strong-borders.yaml"
    shared.parent.mkdir()
    with (store / "store.yaml").open("a", encoding="utf-8") as meta:
        meta.write("allow_links_outside: true\n")  # the store opts in to a file shared from elsewhere
    shutil.move(store / AREA, shared)
    (store / AREA).symlink_to(shared)
    _propose(annex)
    _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    assert (store / AREA).is_symlink()
    assert PROPOSAL in shared.read_text(encoding="utf-8")


def test_accept_and_reject_choose_what_is_applied(annex: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)  # proposals in Measure and Status
    path = store / AREA
    path.write_text(path.read_text(encoding="utf-8").replace("in 2028**", "in 2029**"), encoding="utf-8")
    # the Measure is now a conflict: nothing is applied without a choice
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", "--reject",
               f"{MEASURE}:Measure")
    measure = {m.id: m for a in load_store(store).areas.values() for m in a.measures}[MEASURE]
    assert measure.text == "**New EIBM Strategy in 2029**"  # the rejected conflict: the store's text stays
    assert measure.status is not None and measure.status.value == "planned"  # the undecided proposal applied
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", "--accept", MEASURE)
    measure = {m.id: m for a in load_store(store).areas.values() for m in a.measures}[MEASURE]
    assert measure.text == f"**{PROPOSAL}**"  # accepted: the delegation's wording replaces the store's
    assert "Wrote 1 store file(s)" in out


def test_once_a_proposal_is_applied_the_next_update_clears_its_note(annex: Path, store: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _propose(annex)
    _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    assert value(annex, "Measures", MEASURE, "Update note").startswith("proposal kept in Measure")
    _run(capsys, "annex", "import", str(annex), "--store", str(store), "--apply")
    _run(capsys, "annex", "update", str(annex), "--pack", PACK, "--store", str(store))
    assert value(annex, "Measures", MEASURE, "Update note") is None
    assert value(annex, "Measures", MEASURE, "Measure") == PROPOSAL  # the delegation's text, now the store's
    out = _run(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "Proposals: 0 (0 can be applied); conflicts: 0" in out
