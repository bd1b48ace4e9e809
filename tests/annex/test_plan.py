"""The annex plan's promises to a later import, checked on the plans of every bundled pack.

Each data sheet starts with the records' ids and ends with our update note and the two
delegation columns; names are valid for Excel; every row has one value per column.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    MAIN_GOALS_ID_SUFFIX,
    UPDATE_NOTE_HEADER,
    AnnexPlan,
)
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.xlsx_safety import check_sheet_name, check_table_name
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store

CATALOG = load_store(sample_store_dir())


@pytest.fixture(scope="module", params=sorted(CATALOG.packs))
def plan(request: pytest.FixtureRequest) -> AnnexPlan:
    return plan_annex(CATALOG.packs[request.param], CATALOG, dt.date(2026, 1, 10))


def test_every_sheet_starts_with_the_ids_and_ends_with_the_note_and_the_delegations_columns(plan: AnnexPlan) -> None:
    for sheet in plan.sheets:
        kinds = [column.kind for column in sheet.columns]
        assert kinds[0] == "id" and kinds[-3:] == ["note", "delegation", "delegation"], (sheet.name, kinds)
        keys = [column.key for column in sheet.columns]
        assert len(set(keys)) == len(keys)
        assert all(sheet.column_index(key) == index for index, key in enumerate(keys))
        english = [c.header for c in sheet.columns] if plan.properties.language == "en" else None
        if english:
            assert english[0] == ANNEX_ID_HEADER
            assert english[-3:] == [UPDATE_NOTE_HEADER, DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER]


def test_names_are_valid_for_excel_and_unique_in_the_workbook(plan: AnnexPlan) -> None:
    names = [plan.cover.sheet_name, *(s.name for s in plan.sheets)]
    for name in names:
        check_sheet_name(name)
    for sheet in plan.sheets:
        check_table_name(sheet.table_name)
    assert len({n.lower() for n in names}) == len(names)
    assert len({s.table_name.lower() for s in plan.sheets}) == len(plan.sheets)
    assert plan.sheet(plan.sheets[0].name) is plan.sheets[0]
    with pytest.raises(KeyError):
        plan.sheet("No such sheet")
    with pytest.raises(KeyError):
        plan.sheets[0].column_index("no-such-column")


def test_every_row_has_one_value_per_column_and_a_unique_id(plan: AnnexPlan) -> None:
    for sheet in plan.sheets:
        ids = [row[0] for row in sheet.rows]
        assert all(len(row) == len(sheet.columns) for row in sheet.rows)
        assert all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids), sheet.name
        assert not sheet.row_heights or len(sheet.row_heights) == len(sheet.rows)
        known = {m.id for a in CATALOG.areas.values() for m in a.measures} | set(CATALOG.areas) | set(
            CATALOG.countries) | {t.id for c in CATALOG.consultations.values() for t in c.themes}
        for record_id in ids:
            if record_id.endswith(MAIN_GOALS_ID_SUFFIX):  # an area's main goals: never a store id
                assert record_id.removesuffix(MAIN_GOALS_ID_SUFFIX) in CATALOG.areas and record_id not in known
