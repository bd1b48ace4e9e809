"""deckimport/field_lines.py: each edit points at its field's line, not the record's id line."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.annex.changes import FieldChange
from briefing_builder.deckimport.field_lines import field_lines

CARD = """\
id: tunisia
name: Tunisia
# the relationship, reviewed in 2025
relationship: "Partner"
key_figures:
  - label: Arrivals
    value: 12
    source: Frontex
"""


def _edit(path: Path, name: str) -> FieldChange:
    return FieldChange("tunisia", "slide 3", name, "", "", path=path, line=1, field=name)


def test_an_edit_points_at_its_field_and_a_list_item_field_at_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "tunisia.yaml"
    path.write_text(CARD, encoding="utf-8")
    edits = [_edit(path, "relationship"), _edit(path, "key_figures.0.source"), _edit(path, "no_such_field")]
    field_lines(edits)
    assert [e.line for e in edits] == [4, 8, 1]


def test_a_file_that_no_longer_parses_leaves_the_record_line(tmp_path: Path) -> None:
    path = tmp_path / "tunisia.yaml"
    path.write_text("id: tunisia\nname: [\n", encoding="utf-8")
    edits = [_edit(path, "name")]
    field_lines(edits)
    assert edits[0].line == 1
