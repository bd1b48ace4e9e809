"""The annex planner: which records land on which sheet, in what order, as what text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from briefing_builder.annex import planner as annex_planner
from briefing_builder.annex.plan import (
    ANNEX_ID_HEADER,
    DELEGATION_COMMENTS_HEADER,
    DELEGATION_POSITION_HEADER,
    AnnexPlan,
)
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.sheet_columns import STATUS_VALUES
from briefing_builder.markup import Run, plain_text
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_store
from briefing_builder.store.schema import Area, Pack, StoreMeta

REFERENCE = "jha-counsellors-2026-01-12"
PARTNERS = "strategy-partners-briefing"
ON = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog = load_store(sample_store_dir())
    assert not catalog.errors
    return catalog


@pytest.fixture(scope="module")
def reference(catalog: Catalog) -> AnnexPlan:
    return plan_annex(catalog.packs[REFERENCE], catalog, ON)


def tiny_catalog(measure_text: str, lead: list[str] | None = None, marking: str | None = None) -> tuple[Pack, Catalog]:
    """A one-area, one-measure store and a pack showing it (for hostile-text tests)."""
    area = Area.model_validate({
        "id": "area-one", "number": 1, "title": "Area one",
        "measures": [{"id": "evil-measure", "text": measure_text, "lead": lead or [], "timeline": "2026"}],
    })
    meeting = {"title": "Test meeting", "body": "Working Party", "date": "2026-02-02"}
    if marking:
        meeting["marking"] = marking
    pack = Pack.model_validate({"id": "tiny", "meeting": meeting,
                                "sections": [{"type": "title"}, {"type": "area", "area": "area-one"}]})
    catalog = Catalog(root=Path("."), meta=StoreMeta(name="Tiny store", version="1"),
                      areas={area.id: area}, packs={pack.id: pack})
    return pack, catalog


def column(plan: AnnexPlan, sheet: str, key: str) -> list[object]:
    spec = plan.sheet(sheet)
    index = spec.column_index(key)
    return [row[index] for row in spec.rows]


def text_of(value: object) -> str:
    if isinstance(value, tuple):
        return plain_text(value)  # type: ignore[arg-type]
    return "" if value is None else str(value)


def test_sheets_in_order_with_id_first_and_delegation_last(reference: AnnexPlan) -> None:
    assert [s.name for s in reference.sheets] == ["Measures", "Country cards", "Milestones", "MS input"]
    assert reference.cover.contents == tuple(s.name for s in reference.sheets)
    assert len({s.table_name for s in reference.sheets}) == 4
    for sheet in reference.sheets:
        headers = [c.header for c in sheet.columns]
        assert headers[0] == ANNEX_ID_HEADER and sheet.columns[0].kind == "id" and not sheet.columns[0].hidden
        assert headers[-2:] == [DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER]
        assert all(len(row) == len(headers) for row in sheet.rows)
        assert all(row[-1] is None and row[-2] is None for row in sheet.rows)
        assert not any(c.hidden for c in sheet.columns)
        assert len(sheet.name) <= 31


def test_measures_of_reference_pack_each_once_in_pack_order(reference: AnnexPlan, catalog: Catalog) -> None:
    ids = column(reference, "Measures", "id")
    expected = [m.id for area in catalog.areas.values() for m in area.measures]
    measure_ids = [i for i in ids if "/" not in str(i)]
    assert measure_ids == expected
    assert len(set(ids)) == len(ids)
    goals = [i for i in ids if str(i).endswith("/main-goals")]
    assert goals == [f"{a.id}/main-goals" for a in catalog.areas.values() if a.main_goals]


def test_measures_subset_and_main_goals_follow_the_pack(catalog: Catalog) -> None:
    plan = plan_annex(catalog.packs[PARTNERS], catalog, ON)
    assert column(plan, "Measures", "id") == [
        "migration-diplomacy/main-goals", "cooperation-with-third-countries", "partnerships-with-third-countries",
        "leverages-and-incentives", "readmission-by-third-countries"]  # 2nd area hides its main goals
    assert column(plan, "Measures", "area")[-1] == "2. Returns and readmission"
    assert column(plan, "Country cards", "id") == ["tunisia", "nigeria", "india"]
    assert plan.cover.marking == "LIMITE" and plan.properties.marking == "LIMITE"
    assert [s.name for s in plan.sheets] == ["Measures", "Country cards", "Milestones"]  # no MS input: left out


def test_rich_text_keeps_bold_and_strike(reference: AnnexPlan) -> None:
    goals = reference.sheet("Measures").rows[0][2]
    assert isinstance(goals, tuple)
    assert Run("Main goals: ", bold=True) == goals[0]
    assert any(r.text == "reduce" and r.strike for r in goals)
    first = dict(zip(column(reference, "Measures", "id"), column(reference, "Measures", "measure")))
    runs = first["cooperation-with-third-countries"]
    assert any(r.bold and r.text.startswith("Cooperation with third countries") for r in runs)


def test_cross_references_become_target_names(reference: AnnexPlan) -> None:
    by_id = dict(zip(column(reference, "Measures", "id"), column(reference, "Measures", "sub_points")))
    lines = text_of(by_id["main-areas-of-cooperation"]).split("\n")
    assert lines[0] == "– Return and readmission (see 4. Returns and readmission)"
    assert lines[-1] == "– labour mobility (see 5. Legal pathways and labour mobility)"
    for sheet in reference.sheets:
        for row in sheet.rows:
            for value in row:
                assert "{n}" not in text_of(value)
                if isinstance(value, tuple):
                    assert all(r.ref is None for r in value)


def test_country_cards_from_measures_when_pack_has_none(reference: AnnexPlan, catalog: Catalog) -> None:
    ids = column(reference, "Country cards", "id")
    assert ids == ["tunisia", "egypt", "jordan", "mauritania", "senegal", "lebanon",
                   "nigeria", "kazakhstan", "syria", "afghanistan", "india"]
    tunisia = reference.sheet("Country cards").rows[0]
    figures = text_of(tunisia[5]).split("\n")
    assert figures[0] == ("Illustrative: irregular arrivals to the EU (thousands): 20 thousand people (2025) "
                          "— illustrative")
    assert "(2026-01-12)" in text_of(tunisia[6])
    assert tunisia[7] == dt.date(2026, 1, 12)


def test_milestones_and_ms_input(reference: AnnexPlan, catalog: Catalog) -> None:
    ids = column(reference, "Milestones", "id")
    assert sorted(ids) == sorted(catalog.milestones)
    years = [catalog.milestones[i].start_year for i in ids]
    assert years == sorted(years)
    status = reference.sheet("Milestones").columns[reference.sheet("Milestones").column_index("status")]
    assert status.validation == STATUS_VALUES == ("proposed", "planned", "ongoing", "adopted", "implemented")
    themes = reference.sheet("MS input")
    assert [r[0] for r in themes.rows] == [t.id for t in catalog.consultations["ms-input-2026-01"].themes]
    assert {r[themes.column_index("ms_count")] for r in themes.rows} == {9}
    assert themes.rows[0][themes.column_index("area")] == "1. Migration Diplomacy"


def test_control_characters_are_removed() -> None:
    pack, tiny = tiny_catalog("Bell\x07 and **bold**\x1b text", lead=["DG\x00 HOME"])
    row = plan_annex(pack, tiny, ON).sheet("Measures").rows[0]
    assert text_of(row[2]) == "Bell and bold text"
    assert row[5] == "DG HOME"


def test_cover_and_properties(reference: AnnexPlan) -> None:
    cover = reference.cover
    assert cover.store_name == "EU long-term asylum and migration management strategy"
    assert cover.store_version == "2026-01" and cover.generated_on == ON and cover.marking is None
    assert ("Date", "12 January 2026") in cover.meeting_lines
    assert reference.properties.title.startswith("Long-term European Asylum")


def test_planner_is_pure() -> None:
    folder = Path(annex_planner.__file__).parent
    for name in ("planner.py", "plan.py"):
        text = (folder / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(openpyxl|xlsxwriter)\b", text, re.MULTILINE), name
