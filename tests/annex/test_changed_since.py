"""The "Changed since" column's place on a sheet: before the update note, with the changed rows'
notes, on a sheet with a changed row (an export) or on the tables that had it (an update).

What goes into the column, from the store's history, is tested in tests/history/test_annex_changes.py."""

from __future__ import annotations

from briefing_builder.annex.changed_since import ChangedSince, changed_since_header, with_changed_column
from briefing_builder.annex.plan import UPDATE_NOTE_HEADER, ColumnSpec, SheetSpec
from briefing_builder.annex.sheet_columns import delegation_columns, id_column, with_note_column
from briefing_builder.markup import Run

CHANGED = ChangedSince("Changed since 12 January 2026", notes={"b": "Changed: status"},
                       details={"b": (Run("status: ", italic=True), Run("planned → adopted"))})


def sheet(table: str = "Measures") -> SheetSpec:
    columns = (id_column(), ColumnSpec("measure", "Measure", 30)) + delegation_columns()
    return with_note_column(SheetSpec(table, table, columns, (("a", "A", None, None), ("b", "B", None, None))))


def test_a_sheet_with_a_changed_row_gets_the_column_before_its_update_note_and_the_row_its_note() -> None:
    changed = with_changed_column(sheet(), CHANGED)
    headers = [c.header for c in changed.columns]
    assert headers[2:4] == ["Changed since 12 January 2026", UPDATE_NOTE_HEADER]
    assert changed.rows[0][2:4] == (None, None)
    assert changed.rows[1][2:4] == (CHANGED.details["b"], "Changed: status")
    assert all(len(row) == len(changed.columns) for row in changed.rows)


def test_a_sheet_without_changed_rows_or_without_history_is_left_as_it_is() -> None:
    unchanged = sheet()
    assert with_changed_column(unchanged, None) is unchanged
    assert with_changed_column(unchanged, ChangedSince(CHANGED.header, {"z": "New"}, {"z": ()})) is unchanged


def test_an_update_plans_the_column_in_exactly_the_tables_that_had_it() -> None:
    update = ChangedSince(CHANGED.header, tables=frozenset({"Milestones"}))
    assert with_changed_column(sheet("Measures"), update) == sheet("Measures")
    assert any(c.key == "changed_since" for c in with_changed_column(sheet("Milestones"), update).columns)


def test_the_header_names_the_date_in_the_pack_language_and_english_otherwise() -> None:
    assert changed_since_header("12 janvier 2026", "fr-BE") == "Modifié depuis le 12 janvier 2026"
    assert changed_since_header("12 January 2026", "sv") == "Changed since 12 January 2026"
