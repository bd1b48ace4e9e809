"""``append_record(..., position=N)``: a record inserted between two others, the rest of the file as it was."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.store.record_editor import append_record
from briefing_builder.store.schema import Measure

AREA = """id: legal-pathways
number: 5
title: "Legal pathways"
measures:
  - id: first
    text: "First"

  # the second measure, with its comment
  - id: second
    text: "Second"
"""


def test_a_record_inserted_keeps_the_comment_with_the_record_it_introduces(tmp_path: Path) -> None:
    path = tmp_path / "area.yaml"
    change = append_record(path, AREA, "measures", Measure(id="new", text="New"), "legal-pathways", 1)
    assert change.after == AREA.replace('  # the second', '  - id: new\n    text: "New"\n\n  # the second')


def test_crlf_line_endings_are_kept_and_position_zero_is_first(tmp_path: Path) -> None:
    path = tmp_path / "area.yaml"
    text = AREA.replace("\n", "\r\n")
    change = append_record(path, text, "measures", Measure(id="new", text="New"), "legal-pathways", 0)
    assert change.after == text.replace('  - id: first', '  - id: new\r\n    text: "New"\r\n  - id: first')


def test_a_position_past_the_end_appends(tmp_path: Path) -> None:
    path = tmp_path / "area.yaml"
    change = append_record(path, AREA, "measures", Measure(id="new", text="New"), "legal-pathways", 9)
    assert change.after is not None and change.after.rstrip().endswith('- id: new\n    text: "New"')
