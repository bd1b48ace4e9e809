"""Cross-file checks: an id named anywhere must exist, and the message sits on the value that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from tests.store.conftest import StoreCopy

PACK = """id: refs
meeting: {title: T, body: B, date: 2026-01-12}
sections:
  - type: area
    id: intro
    area: migration-diplomacy
    measures: [no-such-measure]
  - type: text
    id: intro
    title: Again
    bullets:
      - text: "See [slide {n}](#intro) and [slide {n}](#nowhere)."
  - type: country
    country: atlantis
  - type: milestones
    areas: [no-such-area]
  - type: text
    id: egypt
    title: Clash
    bullets: [{text: x}]
"""


@pytest.fixture
def store(store: StoreCopy) -> Path:
    """The folder of the store copy (this module writes its files by path)."""
    return store.root


def _messages(root: Path, rel: str) -> list[tuple[int, int, str]]:
    catalog = load_store(root)
    return [(d.line, d.column, d.message) for d in catalog.diagnostics if d.path == root / rel]


def test_every_unknown_id_in_a_pack_is_reported_where_it_is_written(store: Path) -> None:
    (store / "packs" / "refs.yaml").write_text(PACK, encoding="utf-8")
    found = _messages(store, "packs/refs.yaml")
    lines = PACK.splitlines()

    def at(fragment: str) -> tuple[int, int, str]:
        return next(f for f in found if fragment in f[2])

    line, _, message = at("no measure 'no-such-measure'")
    assert "no-such-measure" in lines[line - 1] and "its measures are:" in message
    line, _, _ = at("duplicate section id 'intro'")
    assert lines[line - 1].strip() == "id: intro" and line == 9
    line, _, _ = at("cross-reference '#nowhere' names no record or section")
    assert "#nowhere" in lines[line - 1]
    assert not [f for f in found if "'#intro'" in f[2]]  # a section id is a fine target in its own pack
    line, _, _ = at("unknown country card id 'atlantis'")
    assert "atlantis" in lines[line - 1]
    line, _, _ = at("unknown area id 'no-such-area'")
    assert "no-such-area" in lines[line - 1]
    line, _, _ = at("section id 'egypt' is also the id of a record")
    assert lines[line - 1].strip() == "id: egypt"


def test_records_naming_unknown_ids_are_reported_in_their_own_file(store: Path) -> None:
    milestones = store / "milestones.yaml"
    text = milestones.read_text(encoding="utf-8")
    first_area = next(line for line in text.splitlines() if line.strip().startswith("areas:"))
    milestones.write_text(text.replace(first_area, first_area.split(":")[0] + ": [no-such-area]", 1),
                          encoding="utf-8")
    found = _messages(store, "milestones.yaml")
    assert [m for _, _, m in found] == [
        "unknown area id 'no-such-area'; check the spelling or add the area to the store"]


def test_the_bundled_store_names_only_ids_it_has() -> None:
    assert load_store(sample_store_dir()).diagnostics == []
