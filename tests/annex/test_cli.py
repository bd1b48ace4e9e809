"""``briefing-builder annex …`` as typed: what each mistake is told, and what is written only with --apply.

The annex is exported from a copy of the bundled store with ``build`` and edited as Excel
saves a typed cell; the round trip itself is tested in ``test_delegation_returns.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir
from tests.annex.returns import PACK, build, run_cli, type_into, where

MEASURE = "new-eibm-strategy"
REWORDED = "A new European integrated border management strategy, agreed with Frontex"


@pytest.fixture
def annex(store: Path, tmp_path: Path) -> Path:
    path = build(store, tmp_path / "out")
    type_into(path, "Measures", {where(path, "Measures", MEASURE, "Measure"): REWORDED})
    return path


def test_annex_without_a_command_says_what_it_can_do(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run_cli(capsys, "annex", status=2)
    assert "'annex update ANNEX --pack PACK', 'annex import ANNEX [--apply]' or 'annex compile PACK FILES…'" in err


def test_an_unknown_pack_names_the_packs_there_are(annex: Path, store: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run_cli(capsys, "annex", "update", str(annex), "--pack", "scifa-2026", "--store", str(store), status=2)
    assert f"no pack 'scifa-2026' in the store {store}" in err and PACK in err
    _, err = run_cli(capsys, "annex", "import", str(annex), "--pack", "scifa-2026", "--store", str(store), status=2)
    assert "no pack 'scifa-2026'" in err


def test_a_pack_file_with_errors_is_listed_located_and_nothing_updated(annex: Path, store: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text((store / "packs" / f"{PACK}.yaml").read_text(encoding="utf-8").replace(
        "  date: 2026-01-12", "  date: 12/01/2026"), encoding="utf-8")
    before = annex.read_bytes()
    _, err = run_cli(capsys, "annex", "update", str(annex), "--pack", str(broken), "--store", str(store), status=1)
    assert "broken.yaml:" in err and "is not a date" in err and "has errors (listed above)" in err
    assert annex.read_bytes() == before


def test_an_import_without_apply_writes_nothing_and_says_how_to(annex: Path, store: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in (store / "areas").iterdir()}
    out, _ = run_cli(capsys, "annex", "import", str(annex), "--store", str(store))
    assert "Nothing written. Run again with --apply to write the 1 chosen edit(s) to the store." in out
    assert {p: p.read_bytes() for p in (store / "areas").iterdir()} == files


def test_a_choice_naming_no_edit_applies_nothing(annex: Path, store: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in (store / "areas").iterdir()}
    _, err = run_cli(capsys, "annex", "import", str(annex), "--store", str(store), "--apply",
                     "--accept", "new-eibm-stratgy", status=2)
    assert "--accept new-eibm-stratgy: unknown ID 'new-eibm-stratgy'" in err
    assert "nothing was applied; name an ID (and column) listed above." in err
    assert {p: p.read_bytes() for p in (store / "areas").iterdir()} == files
    out, _ = run_cli(capsys, "annex", "import", str(annex), "--store", str(store), "--apply", "--accept", MEASURE)
    assert "Wrote 1 store file(s)" in out and REWORDED in "".join(
        p.read_text(encoding="utf-8") for p in (store / "areas").iterdir())


def test_the_bundled_store_takes_no_edits(annex: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run_cli(capsys, "annex", "import", str(annex), "--store", str(sample_store_dir()), "--apply", status=1)
    assert "Copy the folder" in err and "--store" in err
