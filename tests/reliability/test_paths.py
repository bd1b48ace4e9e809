"""File names with spaces, accents and very long paths; template paths that try to leave the store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.paths import templates_dir
from briefing_builder.pipeline import BuildError, build_pack, resolve_template
from briefing_builder.store import load_store
from tests.reliability.helpers import REFERENCE_PACK, assert_sound_deck, copy_store, deck_titles

REPO = Path(__file__).resolve().parents[2]
ODD = "Réunion JHA – Brüssel ½ 日本語 (copy) 'quoted' & more"


def _built(out: Path, pack_id: str = REFERENCE_PACK) -> None:
    deck, annex = out / f"{pack_id}.pptx", out / f"{pack_id}-annex.xlsx"
    assert_sound_deck(deck.read_bytes())
    assert len(deck_titles(deck.read_bytes())) == 10
    with zipfile.ZipFile(annex) as archive:
        assert archive.testzip() is None
    assert sorted(p.name for p in out.iterdir()) == sorted([deck.name, annex.name])  # no temporary files


def test_spaces_and_accents_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_store(tmp_path / ODD / "store folder é")
    pack_file = tmp_path / ODD / "Pack für den Rat – copy.yaml"
    shutil.copyfile(root / "packs" / f"{REFERENCE_PACK}.yaml", pack_file)
    out = tmp_path / ODD / "sortie où ça va"
    assert main(["build", str(pack_file), "--store", str(root), "--out", str(out)]) == 0
    _built(out)
    output = capsys.readouterr().out
    assert str(out / f"{REFERENCE_PACK}.pptx") in output


def test_odd_names_through_a_real_process(tmp_path: Path) -> None:
    """The console encoding must not break on accented paths (stdout piped, C locale)."""
    root = copy_store(tmp_path / ODD / "store")
    out = tmp_path / ODD / "out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "LC_ALL": "C", "LANG": "C"}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run([sys.executable, "-m", "briefing_builder", "build", REFERENCE_PACK, "--store", str(root),
                           "--out", str(out)], capture_output=True, timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    _built(out)


def test_template_with_spaces_and_accents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / ODD / "Modèle de présentation.pptx"
    template.parent.mkdir(parents=True)
    shutil.copyfile(templates_dir() / "briefing-16x9.pptx", template)
    out = tmp_path / "out"
    assert main(["build", REFERENCE_PACK, "--out", str(out), "--template", str(template)]) == 0
    _built(out)


def _deep(root: Path, length: int) -> Path:
    """A folder whose absolute path is ``length`` characters long (components of 200)."""
    path = str(root)
    while len(path) < length - 210:
        path += "/" + "d" * 200
    path += "/" + "e" * (length - len(path) - 1)
    assert len(path) == length
    return Path(path)


def test_long_output_path_builds(tmp_path: Path) -> None:
    out = _deep(tmp_path, 3_900)
    assert main(["build", REFERENCE_PACK, "--out", str(out)]) == 0
    _built(out)


@pytest.mark.parametrize("length", [4_060, 4_095, 5_000])
def test_too_long_output_path_is_a_clear_error(tmp_path: Path, length: int,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = _deep(tmp_path, length)
    assert main(["build", REFERENCE_PACK, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "too long" in err, err
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []


def test_long_store_path_loads_and_builds(tmp_path: Path) -> None:
    root = copy_store(_deep(tmp_path / "s", 3_900))
    catalog = load_store(root)
    assert catalog.diagnostics == []
    result = build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out")
    assert result.deck.exists() and result.annex is not None and result.annex.exists()


def test_long_component_name(tmp_path: Path) -> None:
    """A folder name of 255 bytes (the limit of most file systems), accented."""
    name = ("é" * 127)  # 254 bytes in UTF-8
    root = copy_store(tmp_path / name / "store")
    out = tmp_path / name / "out"
    assert main(["build", REFERENCE_PACK, "--store", str(root), "--out", str(out)]) == 0
    _built(out)


# ----------------------------------------------------------------------------- leaving the store


def _pack_with_template(root: Path, template: str) -> None:
    pack = root / "packs" / f"{REFERENCE_PACK}.yaml"
    text = pack.read_text(encoding="utf-8")
    assert text.count('template: "briefing-16x9"') == 1
    pack.write_text(text.replace('template: "briefing-16x9"', f"template: {template!r}"), encoding="utf-8")


@pytest.mark.parametrize("template", ["../../outside.pptx", "../outside.pptx", "templates/../../outside.pptx",
                                      "./../outside.pptx", "templates/link.pptx"])
def test_pack_template_leaving_the_store_is_refused(tmp_path: Path, template: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_store(tmp_path / "a" / "store")
    for outside in (tmp_path / "a" / "outside.pptx", tmp_path / "outside.pptx"):
        shutil.copyfile(templates_dir() / "briefing-16x9.pptx", outside)
    (root / "templates").mkdir()
    (root / "templates" / "link.pptx").symlink_to(tmp_path / "outside.pptx")
    _pack_with_template(root, template)
    catalog = load_store(root)
    with pytest.raises(BuildError, match="outside the store folder"):
        build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert main(["build", REFERENCE_PACK, "--store", str(root), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "outside the store folder" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["<climb>", "../sample_data/x", "../../etc/passwd", "..\\..\\x", "sub/briefing-16x9"])
def test_bundled_names_cannot_climb_out_of_the_templates_folder(tmp_path: Path, name: str) -> None:
    root = copy_store(tmp_path / "store")
    if name == "<climb>":  # a name that, appended to the templates folder, reaches a real template elsewhere
        shutil.copyfile(templates_dir() / "briefing-16x9.pptx", tmp_path / "evil.pptx")
        name = os.path.relpath(tmp_path / "evil", templates_dir())
    _pack_with_template(root, name)
    catalog = load_store(root)
    with pytest.raises(BuildError) as info:
        build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out")
    assert "Traceback" not in str(info.value)
    assert not (tmp_path / "out").exists()


def test_store_default_template_leaving_the_store_is_refused(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "a" / "store")
    shutil.copyfile(templates_dir() / "briefing-16x9.pptx", tmp_path / "a" / "outside.pptx")
    store_yaml = root / "store.yaml"
    store_yaml.write_text(store_yaml.read_text(encoding="utf-8").replace(
        'default_template: "briefing-16x9"', 'default_template: "../outside.pptx"'), encoding="utf-8")
    catalog = load_store(root)
    pack = catalog.packs[REFERENCE_PACK]
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"template": None})})
    with pytest.raises(BuildError, match="outside the store folder"):
        build_pack(pack, catalog, tmp_path / "out")


def test_store_default_template_misspelled_is_not_silently_replaced(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "store")
    store_yaml = root / "store.yaml"
    store_yaml.write_text(store_yaml.read_text(encoding="utf-8").replace(
        'default_template: "briefing-16x9"', 'default_template: "briefing-16x10"'), encoding="utf-8")
    catalog = load_store(root)
    with pytest.raises(BuildError, match=r"No template named 'briefing-16x10' \(the default_template of store\.yaml"):
        resolve_template(None, catalog, from_store=True)


def test_allowed_template_references(tmp_path: Path) -> None:
    """Inside the store, bundled names and absolute paths (the app writes those) are fine."""
    root = copy_store(tmp_path / "store")
    (root / "templates").mkdir()
    inside = root / "templates" / "ours.pptx"
    shutil.copyfile(templates_dir() / "briefing-16x9.pptx", inside)
    elsewhere = tmp_path / "picked in the app.pptx"
    shutil.copyfile(templates_dir() / "briefing-16x9.pptx", elsewhere)
    catalog = load_store(root)
    assert resolve_template("templates/ours.pptx", catalog, from_store=True) == root / "templates/ours.pptx"
    assert resolve_template("templates/../templates/ours.pptx", catalog, from_store=True).resolve() == inside
    assert resolve_template(str(elsewhere), catalog, from_store=True) == elsewhere
    assert resolve_template("briefing-4x3", catalog, from_store=True) == templates_dir() / "briefing-4x3.pptx"
    for template in ("templates/ours.pptx", str(elsewhere), "briefing-4x3"):
        _pack_with_template(root, template)
        catalog = load_store(root)
        out = tmp_path / f"out-{template.count('/')}-{len(template)}"
        build_pack(catalog.packs[REFERENCE_PACK], catalog, out)
        _built(out)
        (root / "packs" / f"{REFERENCE_PACK}.yaml").write_bytes(
            (Path(__file__).parents[2] / "sample_data" / "packs" / f"{REFERENCE_PACK}.yaml").read_bytes())


def test_user_relative_template_is_relative_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """--template is the user's own choice: relative to where they run the command, even outside the store."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(templates_dir() / "briefing-16x9.pptx", tmp_path / "mine.pptx")
    monkeypatch.chdir(work)
    assert main(["build", REFERENCE_PACK, "--out", "out", "--template", "../mine.pptx"]) == 0
    _built(work / "out")


@pytest.mark.parametrize("where", ["store", "absolute", "user"])
def test_template_in_a_loop_of_links_is_refused_with_a_message(tmp_path: Path, where: str,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``ln -s t.pptx t.pptx`` named as a template: validate and build say so, no traceback."""
    root = copy_store(tmp_path / "store")
    (root / "t.pptx").symlink_to("t.pptx")
    _pack_with_template(root, {"store": "t.pptx", "absolute": str(root / "t.pptx"), "user": "briefing-16x9"}[where])
    catalog = load_store(root)
    monkeypatch.chdir(root)
    template = "t.pptx" if where == "user" else None
    with pytest.raises(BuildError, match="loop of links"):
        build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out", template=template)
    args = ["build", REFERENCE_PACK, "--store", str(root), "--out", str(tmp_path / "out")]
    assert main(args + (["--template", "t.pptx"] if template else [])) == 1
    if where != "user":
        assert main(["validate", "--store", str(root)]) == 1
    err = capsys.readouterr()
    assert "loop of links" in err.err + err.out and "Traceback" not in err.err + err.out
    assert not (tmp_path / "out").exists()
