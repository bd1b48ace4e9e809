"""``changes`` from only the files a pack depends on gives what a whole load gives — and the whole
load is used where that could differ."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.history.changes import ChangeReport
from briefing_builder.history.pack_subset import record_id
from briefing_builder.history.service import changes_in_folder, changes_since
from briefing_builder.store import load_store
from tests.history.conftest import edit
from tests.history.test_changes import PACK, _edit_every_kind, _export


def _both(store: Path, pack: str = PACK, since: str | None = None) -> tuple[ChangeReport | None, ChangeReport]:
    catalog = load_store(store)
    quick = changes_in_folder(store, pack, since)
    return (quick[0] if quick else None), changes_since(catalog, catalog.packs[pack], since)[0]


def test_edits_of_every_kind_give_the_whole_loads_report(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    _edit_every_kind(store)
    quick, whole = _both(store)
    assert quick is not None and quick.records  # the few files were enough
    assert quick == whole


def test_records_moved_between_files_and_a_pack_showing_more_give_the_whole_loads_report(
        store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    areas = store / "areas"
    diplomacy, borders = areas / "01-migration-diplomacy.yaml", areas / "02-strong-borders.yaml"
    text = diplomacy.read_text(encoding="utf-8")
    diplomacy.write_text(borders.read_text(encoding="utf-8"), encoding="utf-8")  # each file now holds the other
    borders.write_text(text.replace("Strong **comprehensive** partnerships", "Strong partnerships"), encoding="utf-8")
    (store / "countries" / "tunisia.yaml").rename(store / "countries" / "tn.yaml")
    edit(store / "countries" / "tn.yaml", "value: 20", "value: 21")
    pack = store / "packs" / f"{PACK}.yaml"
    edit(pack, "sections:\n", "sections:\n  - type: area\n    area: strong-borders\n")
    quick, whole = _both(store)
    assert quick is not None and quick == whole
    assert {r.kind for r in quick.records} >= {"added", "changed"}


def test_a_record_file_without_a_plain_id_line_is_read_all_the_same(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    card = store / "countries" / "tunisia.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text("# Tunisia\n" + text.replace("id: tunisia", "'id' : tunisia", 1).replace("value: 20", "value: 22"),
                    encoding="utf-8")
    assert record_id(card.read_bytes()) is None
    quick, whole = _both(store)
    assert quick is not None and quick == whole
    assert any(r.id == "tunisia" for r in quick.records)


def test_a_linked_file_or_a_changed_store_file_loads_the_whole_store(store: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "out")
    edit(store / "countries" / "tunisia.yaml", "value: 20", "value: 21")
    outside = tmp_path / "egypt.yaml"
    (store / "countries" / "egypt.yaml").rename(outside)
    os.symlink(outside, store / "countries" / "egypt.yaml")
    assert changes_in_folder(store, PACK) is None
    (store / "countries" / "egypt.yaml").unlink()
    outside.rename(store / "countries" / "egypt.yaml")
    edit(store / "store.yaml", "name:", "# renamed\nname:")
    assert changes_in_folder(store, PACK) is None
    capsys.readouterr()
    assert main(["changes", PACK, "--store", str(store)]) == 0  # the command still answers, from a whole load
    assert "tunisia" in capsys.readouterr().out


def test_an_unknown_pack_or_since_is_left_to_the_whole_load_to_word(store: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "out")
    assert changes_in_folder(store, "no-such-pack") is None
    assert changes_in_folder(store, PACK, "no-such-export") is None
    capsys.readouterr()
    assert main(["changes", "no-such-pack", "--store", str(store)]) == 2
    assert "no pack 'no-such-pack'" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "found"), [
    (b"id: egypt\nname: Egypt\n", "egypt"),
    (b"# a card\nid: \"egypt\"  # quoted\r\nname: Egypt\r\n", "egypt"),
    (b"name: Egypt\nmeasures:\n  - id: nested\n", None),  # only an indented id: not the record's
    (b"id: egypt\nid: egypt-2\n", None),  # twice: not trusted
    (b"\xef\xbb\xbfid: egypt\n", None),  # behind a byte order mark: not trusted
])
def test_the_id_line_is_trusted_only_when_plain_and_alone(text: bytes, found: str | None) -> None:
    assert record_id(text) == found


@pytest.mark.parametrize("unkept", ["areas/~$draft.yaml", "areas/draft.yaml"])
def test_a_record_file_the_history_does_not_keep_loads_the_whole_store(store: Path, tmp_path: Path,
                                                                       unkept: str) -> None:
    _export(store, tmp_path / "out")
    (store / ".gitignore").write_text("areas/draft.yaml\n", encoding="utf-8")  # a draft kept out of the history
    (store / unkept).write_text("id: draft\nnumber: 9\ntitle: Draft\nmeasures: []\n", encoding="utf-8")
    assert changes_in_folder(store, PACK) is None
