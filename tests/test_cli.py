"""The command line: exit statuses, located messages, no tracebacks."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from briefing_builder.cli import REFERENCE_PACK, main
from briefing_builder.paths import sample_store_dir
from tests.store.conftest import StoreCopy

LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")


@pytest.fixture
def store(tmp_path: Path) -> StoreCopy:
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    return StoreCopy(root)


def test_validate_bundled_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == ("Store 'EU long-term asylum and migration management strategy' is valid: 6 areas, 23 measures, "
                   "11 countries, 1 consultations, 7 milestones, 3 packs.\n")


def test_validate_broken_store(store: StoreCopy, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    store.write("countries/zz.yaml", 'id: zz\niso_code: ZZ\nname: "Z"\nrelationship: "r"\n')
    line = store.line_of("packs/jha-counsellors-2026-01-12.yaml", "area: strong-borders")
    store.replace("packs/jha-counsellors-2026-01-12.yaml", "area: strong-borders", "area: strong-border")
    monkeypatch.chdir(store.root)  # messages are relative to the working folder
    assert main(["validate", "--store", str(store.root)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines == [
        "countries/zz.yaml:1:1: error: missing required field 'region' — add it",
        (f"packs/jha-counsellors-2026-01-12.yaml:{line}:11: error: unknown area id 'strong-border'; check the "
         "spelling or add the area to the store"),
    ]
    assert all(LOCATED.match(entry) for entry in lines)
    assert out == ("2 error(s), 0 warning(s) in 2 file(s); good records loaded: 6 areas, 23 measures, "
                   "11 countries, 1 consultations, 7 milestones, 3 packs.\n")


def test_validate_outside_the_store_gives_usable_paths(store: StoreCopy, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store.write("countries/zz.yaml", "id: [oops\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["validate", "--store", str(store.root)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    match = LOCATED.match(line)
    assert match, line
    assert Path(match["path"]).resolve() == store.path("countries/zz.yaml").resolve()
    assert (match["line"], match["col"]) == ("2", "1")


def test_validate_warnings_only_is_success(store: StoreCopy, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store.append("milestones.yaml", "\nextra: 1\n")
    monkeypatch.chdir(store.root)
    assert main(["validate", "--store", str(store.root)]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("milestones.yaml:") and ": warning: unknown top-level key 'extra'" in err
    assert out.endswith("3 packs (1 warning(s)).\n")


@pytest.mark.parametrize("command", ["validate", "list"])
def test_missing_store_is_exit_2_without_traceback(command: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    nope = tmp_path / "nope"
    assert main([command, "--store", str(nope)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"briefing-builder: {nope}: no such folder. Point --store at a folder that holds a "
                   "store.yaml.\n")
    assert "Traceback" not in err


def test_folder_without_store_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefing-builder: {tmp_path}: not a store — it has no store.yaml.")
    assert "Traceback" not in err


def test_build_reference_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    assert main(["build", REFERENCE_PACK, "--out", str(out_dir)]) == 0
    deck = out_dir / f"{REFERENCE_PACK}.pptx"
    annex = out_dir / f"{REFERENCE_PACK}-annex.xlsx"
    assert deck.is_file() and annex.is_file()
    assert zipfile.is_zipfile(deck) and zipfile.is_zipfile(annex)
    out = capsys.readouterr().out
    assert f"Deck:  {deck}  (10 slides)" in out.splitlines()
    assert f"Annex: {annex}" in out.splitlines()
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{REFERENCE_PACK}-annex.xlsx", f"{REFERENCE_PACK}.pptx"]


def test_build_without_annex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", REFERENCE_PACK, "--out", str(tmp_path), "--no-annex"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{REFERENCE_PACK}.pptx"]
    assert "Annex:" not in capsys.readouterr().out


def test_build_pack_file_by_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = sample_store_dir() / "packs" / "strategy-partners-briefing.yaml"
    assert main(["build", str(pack), "--out", str(tmp_path), "--no-annex"]) == 0
    assert (tmp_path / "strategy-partners-briefing.pptx").is_file()


def test_build_broken_pack_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text("id: broken\nsections: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(pack), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "broken.yaml:1:1: error: missing required field 'meeting' — add it",
        "broken.yaml:2:11: error: sections: List should have at least 1 item after validation, not 0",
        f"briefing-builder: the pack {pack} has errors (listed above); fix them and build again.",
    ]
    assert not (tmp_path / "out").exists()


def test_build_unknown_pack_lists_the_known_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "unknown-pack", "--out", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"briefing-builder: no pack 'unknown-pack' in the store {sample_store_dir()} (packs: "
                   "jha-counsellors-2026-01-12-fr, jha-counsellors-2026-01-12, strategy-partners-briefing); "
                   "give a pack id or the path to a "
                   "pack .yaml file.\n")
    assert list(tmp_path.iterdir()) == []


def test_build_unknown_template_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", REFERENCE_PACK, "--out", str(tmp_path), "--template", "no-such-template"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing-builder: No template named 'no-such-template'. Bundled templates: ")
    assert "briefing-16x9" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_build_from_a_store_with_problems_notes_them(store: StoreCopy, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store.write("countries/zz.yaml", "")
    out_dir = tmp_path / "out"
    assert main(["build", REFERENCE_PACK, "--store", str(store.root), "--out", str(out_dir), "--no-annex"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Note: the store has 1 problem(s); building with the good records."
    assert err[1].endswith("zz.yaml:1:1: error: expected a mapping of fields for a country card, but the file is empty")
    assert (out_dir / f"{REFERENCE_PACK}.pptx").is_file()


def test_list_prints_packs_and_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Store: EU long-term asylum and migration management strategy ({sample_store_dir()})"
    assert lines[1] == "Packs:"
    packs = lines[2:lines.index("Priority areas:")]
    assert [line.split()[0] for line in packs] == ["jha-counsellors-2026-01-12-fr", "jha-counsellors-2026-01-12",
                                                       "strategy-partners-briefing"]
    assert packs[1].split(None, 2)[1:] == [
        "2026-01-12", "JHA Counsellors — Long-term European Asylum and Migration Management Strategy"]
    areas = lines[lines.index("Priority areas:") + 1:lines.index("Country cards:")]
    assert [line.split()[1] for line in areas] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert "Milestones: 7" in lines
    templates = [line for line in lines if line.startswith("Templates: ")]
    assert len(templates) == 1 and "briefing-16x9" in templates[0]


def test_no_display_run_builds_the_reference_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["run", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No display available: building the sample pack instead of opening the app.\n")
    assert (tmp_path / f"{REFERENCE_PACK}.pptx").is_file()


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


# -- annex update / import -----------------------------------------------------------------------

def test_annex_update_then_import_round_trip(store: StoreCopy, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.annex.planner import plan_annex
    from briefing_builder.annex.writer import write_annex
    from briefing_builder.store import load_store
    catalog = load_store(store.root)
    annex = tmp_path / "annex.xlsx"
    write_annex(plan_annex(catalog.packs[REFERENCE_PACK], catalog, __import__("datetime").date(2026, 1, 10)), annex)
    store.replace("areas/04-return-readmission.yaml", 'text: "**Improving readmission by third countries**"',
                  'text: "**Improving readmission** by partner countries"')
    capsys.readouterr()
    assert main(["annex", "update", str(annex), "--pack", REFERENCE_PACK, "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Measures: 1 row(s) updated (Measure ×1), 0 added, 0 marked" in out and f"Updated annex: {annex}" in out
    assert main(["annex", "import", str(annex), "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Proposals: 0 (0 can be applied); conflicts: 0" in out and "Rows not matched: 0" in out


def test_annex_commands_on_bad_files_exit_1_without_traceback(store: StoreCopy, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    assert main(["annex", "import", str(text)]) == 1
    err = capsys.readouterr().err
    assert "notes.xlsx: not an Excel .xlsx file" in err and "Traceback" not in err
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert main(["annex", "update", str(old), "--pack", REFERENCE_PACK]) == 1
    assert "save it as .xlsx without a password" in capsys.readouterr().err
    assert not (tmp_path / "old.xlsx").exists()
    assert main(["annex", "update", str(tmp_path / "missing.xlsx"), "--pack", REFERENCE_PACK]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["annex", "update", str(old), "--pack", "no-such-pack"]) == 2
    assert main(["annex"]) == 2


def test_a_pdf_that_cannot_be_written_leaves_no_new_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / f"{REFERENCE_PACK}-handout.pdf").mkdir(parents=True)  # a folder named like the handout
    status = main(["build", REFERENCE_PACK, "--out", str(out), "--pdf", "--handout", "--no-history"])
    assert status != 0
    assert "-handout.pdf is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [f"{REFERENCE_PACK}-handout.pdf"]  # no deck, no annex, no PDF
