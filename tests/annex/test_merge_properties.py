"""Property-based tests of the three-way merge: sent × returned × store now.

At the level of one cell (:func:`classify`) and end to end: random delegation and store
edits of real records, through export, update, import and apply. No edit is lost, nothing
is applied twice, a conflict is never resolved without a choice, formatting is not an edit.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_builder.annex import service
from briefing_builder.annex.merge import Verdict, classify, same_for_reader
from briefing_builder.annex.workbook import Fragments, Style
from briefing_builder.store.loader import load_store
from tests.annex.returns import PACK, load, type_into, where
from tests.sample_store import sample_store_copy

PLAIN = (False, False, False, False)
BOLD = (True, False, False, False)
words = st.sampled_from(["alpha", "beta", "gamma", "delta"])
cells = st.one_of(st.none(), st.lists(st.tuples(st.sampled_from([PLAIN, BOLD]), words), min_size=1, max_size=2)
                  .map(tuple))


def _restyle(value: Fragments | None, style: Style) -> Fragments | None:
    return tuple((style, text) for _, text in value) if value else value


@given(sent=cells, returned=cells, now=cells)
def test_every_cell_gets_exactly_the_verdict_its_changes_call_for(sent: Fragments | None, returned: Fragments | None,
                                                                  now: Fragments | None) -> None:
    verdict = classify(sent, returned, now)
    # formatting a re-save dropped is never an edit; markup a still-rich cell carries is (same_for_reader)
    delegation_changed = not same_for_reader(returned, sent)
    store_changed = now != sent
    if not delegation_changed:
        assert verdict in (Verdict.SAME, Verdict.STORE)
        assert verdict is Verdict.SAME or store_changed
        assert verdict is Verdict.STORE or not store_changed or same_for_reader(returned, now)
    elif same_for_reader(returned, now):
        assert verdict is Verdict.SAME  # both made the same change
    elif store_changed:
        assert verdict is Verdict.CONFLICT  # never resolved silently
    else:
        assert verdict is Verdict.PROPOSAL  # no edit is lost


@given(sent=cells, now=cells)
def test_a_re_save_that_drops_formatting_is_never_an_edit(sent: Fragments | None, now: Fragments | None) -> None:
    assert classify(sent, _restyle(sent, PLAIN), now) in (Verdict.SAME, Verdict.STORE)


@given(returned=cells, now=cells)
def test_without_a_baseline_every_difference_waits_for_a_choice(returned: Fragments | None,
                                                                 now: Fragments | None) -> None:
    verdict = classify(None, returned, now, has_sent=False)
    assert verdict is (Verdict.SAME if same_for_reader(returned, now) else Verdict.UNVERIFIED)


# -- end to end --------------------------------------------------------------------------------

AREA = "areas/02-strong-borders.yaml"
RECORDS = {
    "control-of-access": "**A more effective control of access to the EU territory and the Schengen area**",
    "border-technology": "**Leveraging technology for the Union's border management and protection**",
    "frontex-regulation-revision": "**Revision of the Frontex regulation in 2026**",
    "new-eibm-strategy": "**New EIBM Strategy in 2028**",
}
delegation_actions = st.sampled_from(["none", "edit", "plain"])  # plain: the same words without the bold
store_actions = st.sampled_from(["none", "edit", "same-as-delegation"])
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])


@SETTINGS
@given(plan=st.fixed_dictionaries({rid: st.tuples(delegation_actions, store_actions) for rid in RECORDS}))
def test_update_import_apply_lose_nothing_and_apply_nothing_twice(tmp_path_factory: pytest.TempPathFactory,
                                                                  plan: dict[str, tuple[str, str]]) -> None:
    root = tmp_path_factory.mktemp("merge")
    store = sample_store_copy(root)
    annex = root / "annex.xlsx"
    service.export_annex(load_store(store).packs[PACK], load_store(store), annex, dt.date(2026, 1, 10))
    typed: dict[str, str] = {}
    for rid, (delegation, _) in plan.items():
        if delegation == "edit":
            typed[where(annex, "Measures", rid, "Measure")] = f"Delegation wording for {rid}"
        elif delegation == "plain":
            typed[where(annex, "Measures", rid, "Measure")] = RECORDS[rid].strip("*")
    if typed:
        type_into(annex, "Measures", typed)
    text = (store / AREA).read_text(encoding="utf-8")
    for rid, (delegation, action) in plan.items():
        if action == "edit":
            text = text.replace(f'"{RECORDS[rid]}"', f'"Store wording for {rid}"')
        elif action == "same-as-delegation" and delegation == "edit":
            text = text.replace(f'"{RECORDS[rid]}"', f'"Delegation wording for {rid}"')
    (store / AREA).write_text(text, encoding="utf-8")
    proposals = {rid for rid, (d, s) in plan.items() if d == "edit" and s == "none"}
    conflicts = {rid for rid, (d, s) in plan.items() if d == "edit" and s == "edit"}
    store_only = {rid for rid, (d, s) in plan.items() if s == "edit" and d != "edit"}

    catalog = load_store(store)
    service.update_file(annex, catalog.packs[PACK], catalog, on=dt.date(2026, 2, 1))
    ws = load(annex)["Measures"]
    for rid in RECORDS:
        shown = ws[where(annex, "Measures", rid, "Measure")].value
        if rid in proposals or rid in conflicts:
            assert shown == f"Delegation wording for {rid}"  # never overwritten
        elif rid in store_only:
            assert shown == f"Store wording for {rid}"  # the store's change arrives

    changes = service.read_return(annex, catalog)
    found = {e.record_id: e.kind for e in changes.edits if e.column == "Measure"}
    assert {rid for rid, kind in found.items() if kind is Verdict.PROPOSAL} == proposals
    assert {rid for rid, kind in found.items() if kind is Verdict.CONFLICT} == conflicts
    before = (store / AREA).read_text(encoding="utf-8")
    report = service.apply_return(changes)
    after = (store / AREA).read_text(encoding="utf-8")
    if conflicts:
        assert after == before and "need a choice" in report.nothing_because  # no silent resolution
        return
    measures = {m.id: m for a in load_store(store).areas.values() for m in a.measures}
    for rid in proposals:  # typed into a bold cell: bold, as Excel shows it
        assert measures[rid].text.strip("*") == f"Delegation wording for {rid}"
    for rid in store_only:
        assert measures[rid].text == f"Store wording for {rid}"  # not reverted
    again = service.read_return(annex, load_store(store))
    assert [e for e in again.edits if e.kind is Verdict.PROPOSAL] == []  # nothing is applied twice


def test_a_row_whose_only_distinctive_cell_was_edited_keeps_its_identity() -> None:
    """Thousands of rows share their other cells (area, status…): the edited row is still its own."""
    from briefing_builder.annex.merge import row_identities

    reference = {f"m-{i}": {"measure": ((PLAIN, f"Measure {i}"),), "status": ((PLAIN, "ongoing"),),
                            "area": ((PLAIN, "Area 1"),)} for i in range(100)}
    rows = [(i + 2, f"m-{i}", dict(values)) for i, values in enumerate(reference.values())]
    rows[5][2]["measure"] = ((PLAIN, "A delegation's new wording"),)
    assert row_identities(rows, reference) == {}
    swapped = [(r, rid, rows[(k + 1) % len(rows)][2]) for k, (r, rid, _) in enumerate(rows)]  # IDs sorted apart
    # the edited row's content is nobody's, but its ID's content sits on another (refused) row: refused too
    assert len(row_identities(swapped, reference)) == len(rows)
