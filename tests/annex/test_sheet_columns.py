"""The columns every annex sheet shares: ID first, our update note, comments received, the
delegation's two last, and the print budget a column added must keep."""

from __future__ import annotations

from briefing_builder.annex.headers import position_labels
from briefing_builder.annex.plan import COMMENTS_RECEIVED_HEADER, UPDATE_NOTE_HEADER, ColumnSpec, SheetSpec
from briefing_builder.annex.sheet_columns import (
    PRINT_WIDTH_CHARS,
    delegation_columns,
    id_column,
    status_column,
    with_note_column,
    with_received_column,
    within_print_budget,
)


def sheet(*widths: float) -> SheetSpec:
    """A sheet of ID, text columns ``widths`` wide and the delegation columns, rows ``a`` and ``b``."""
    texts = tuple(ColumnSpec(f"text{i}", f"Text {i}", w) for i, w in enumerate(widths))
    columns = (id_column(),) + texts + delegation_columns("fr", 16)
    rows = tuple((rid,) + tuple(f"{rid}{i}" for i in range(len(widths))) + (None, None) for rid in ("a", "b"))
    return SheetSpec("Sheet", "Table", columns, rows)


def test_the_update_note_goes_just_before_the_delegation_columns_and_starts_empty() -> None:
    noted = with_note_column(sheet(20, 20))
    assert [c.key for c in noted.columns] == ["id", "text0", "text1", "update_note",
                                              "delegation_comments", "delegation_position"]
    assert noted.columns[3].header == UPDATE_NOTE_HEADER and noted.columns[3].kind == "note"
    assert noted.rows[0] == ("a", "a0", "a1", None, None, None)


def test_comments_received_go_before_the_update_note_only_on_a_sheet_with_comments() -> None:
    noted = with_note_column(sheet(20, 20))
    assert with_received_column(noted, {"elsewhere": "FR: support"}) is noted
    received = with_received_column(noted, {"b": "FR: support"})
    assert [c.header for c in received.columns][3:5] == [COMMENTS_RECEIVED_HEADER, UPDATE_NOTE_HEADER]
    assert [row[3] for row in received.rows] == [None, "FR: support"]
    assert all(len(row) == len(received.columns) for row in received.rows)


def test_a_column_added_narrows_the_widest_wrapped_text_columns_to_the_print_budget() -> None:
    wide = with_note_column(sheet(60, 40, 20))  # 14 + 120 + 11 + 28 = 173 before the comments' 18
    received = with_received_column(wide, {"a": "DE: scrutiny reservation"})
    widths = {c.key: c.width for c in received.columns}
    assert sum(widths.values()) == PRINT_WIDTH_CHARS
    assert widths["text0"] < 60 and widths["text2"] == 20  # the widest gave way, the narrow one not
    assert (widths["id"], widths["update_note"], widths["delegation_position"]) == (14, 11, 12)


def test_a_sheet_within_the_budget_keeps_its_widths() -> None:
    narrow = with_note_column(sheet(20))
    assert within_print_budget(narrow) == narrow


def test_the_drop_downs_are_in_the_pack_language() -> None:
    assert delegation_columns("fr")[1].validation == position_labels("fr")
    assert status_column("fr").validation is not None and "adopté" in status_column("fr").validation
    assert not status_column("en").wrap
