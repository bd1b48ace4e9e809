"""`build --as-of`: the store as it was at an export or on a date, byte-identical to the original."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing_builder.cli import main
from tests.history.conftest import edit

PACK = "jha-counsellors-2026-01-12"


def _build(store: Path, out: Path, *extra: str) -> None:
    assert main(["build", PACK, "--store", str(store), "--out", str(out), *extra]) == 0


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_rebuild_as_of_the_export_is_byte_identical_after_edits(store: Path, tmp_path: Path) -> None:
    _build(store, tmp_path / "original")
    area = store / "areas" / "04-return-readmission.yaml"
    edit(area, "Building a common European system for return", "Building a common European return system")
    edit(store / "packs" / f"{PACK}.yaml", "title: \"Thank you\"", "title: \"Thanks\"")
    _build(store, tmp_path / "now", "--no-history")
    assert _files(tmp_path / "now") != _files(tmp_path / "original")
    _build(store, tmp_path / "by-date", "--as-of", dt.date.today().isoformat())
    assert _files(tmp_path / "by-date") == _files(tmp_path / "original")


def test_rebuild_as_of_a_named_export_of_two(store: Path, tmp_path: Path) -> None:
    from briefing_builder.history.exports import exports
    from briefing_builder.history.service import history_for

    _build(store, tmp_path / "first")
    edit(store / "milestones.yaml", "Revision of the Frontex regulation", "Frontex revision")
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    _build(store, tmp_path / "second")
    history = history_for(store)
    assert history is not None
    first, second = exports(history, PACK)
    _build(store, tmp_path / "again-first", "--as-of", first.tag)
    _build(store, tmp_path / "again-second", "--as-of", second.tag.rsplit("/", 1)[1])
    assert _files(tmp_path / "again-first") == _files(tmp_path / "first")
    assert _files(tmp_path / "again-second") == _files(tmp_path / "second")
    assert _files(tmp_path / "first") != _files(tmp_path / "second")
