"""The recent-packs list of the app's settings: de-duplicated, capped, missing files dropped."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.ui.settings import MAX_RECENT, updated_recent


def test_recent_list_dedupes_caps_and_drops_missing(tmp_path: Path) -> None:
    files = []
    for i in range(MAX_RECENT + 3):
        path = tmp_path / f"p{i}.yaml"
        path.write_text("x", encoding="utf-8")
        files.append(path)
    recent = updated_recent(files[:5], files[2])
    assert recent[0] == files[2].resolve() and len(recent) == 5
    recent = updated_recent(files, tmp_path / "sub" / ".." / "p0.yaml")
    assert len(recent) == MAX_RECENT and recent.count(files[0].resolve()) == 1
    files[1].unlink()
    assert files[1].resolve() not in updated_recent(files)
