"""Writing the chosen edits of a returned annex into the store's files, and refusing what is not safe.

The edits are made on a copy of the bundled store, as an import of a return would make them
(each with the record it belongs to and the file that holds it).
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.annex.change_apply import apply_changes, apply_selected
from briefing_builder.annex.change_set import ChangeSet, Choice, FieldChange
from briefing_builder.store.loader import load_store
from briefing_builder.store.writer import file_hash

AREA = "areas/04-return-readmission.yaml"
MEASURE = "readmission-by-third-countries"


def _changes(store: Path, *edits: tuple[str, object]) -> ChangeSet:
    catalog = load_store(store)
    measure = next(m for area in catalog.areas.values() for m in area.measures if m.id == MEASURE)
    path = store / AREA
    changes = ChangeSet(store / "annex-NL.xlsx", "jha-counsellors-2026-01-12", file_hashes={path: file_hash(path)})
    for field, value in edits:
        changes.edits.append(FieldChange(MEASURE, "Measures!C7", field.title(), str(getattr(measure, field, "")),
                                         str(value), path=path, line=37, field=field, value=value, model=measure))
    return changes


def test_the_chosen_edits_are_written_into_the_records_file_and_the_rest_kept(store: Path) -> None:
    before = (store / AREA).read_text(encoding="utf-8")
    changes = _changes(store, ("text", "**Improving readmission** by partner countries"), ("status", "ongoing"))
    report = apply_changes(changes)
    assert report.written == [store / AREA] and report.refused == [] and report.before[store / AREA] == before
    after = (store / AREA).read_text(encoding="utf-8")
    assert 'text: "**Improving readmission** by partner countries"' in after and "status: ongoing" in after
    assert after.startswith(before[:before.index("  - id: readmission-by-third-countries")])  # comments kept
    measure = next(m for a in load_store(store).areas.values() for m in a.measures if m.id == MEASURE)
    assert (measure.text, measure.status) == ("**Improving readmission** by partner countries", "ongoing")
    assert report.lines(store) == [f"Wrote 1 store file(s): {AREA}"]


def test_an_edit_the_schema_refuses_is_reported_and_the_valid_ones_are_still_written(store: Path) -> None:
    changes = _changes(store, ("status", "maybe"), ("text", "Readmission with partner countries"))
    report = apply_changes(changes)
    assert [(e.field, why) for e, why in report.refused] == [("status", (
        "the store's schema refuses it (status: 'maybe' is not allowed; use 'proposed', 'planned', 'ongoing', "
        "'adopted' or 'implemented'); this edit is not written"))]  # worded as `validate` words it
    assert report.written == [store / AREA] and "Readmission with partner countries" in (store / AREA).read_text(
        encoding="utf-8")
    assert report.lines(store)[0].startswith("Not applied: readmission-by-third-countries · Status — the store's")


def test_a_file_saved_by_someone_else_since_the_return_was_read_is_left_alone(store: Path) -> None:
    changes = _changes(store, ("text", "Readmission with partner countries"))
    path = store / AREA
    path.write_text(path.read_text(encoding="utf-8") + "# a colleague's note\n", encoding="utf-8")
    saved = path.read_bytes()
    report = apply_changes(changes)
    assert report.written == [] and path.read_bytes() == saved
    assert report.refused[0][1] == (f"{path.name} changed since the annex was read (someone saved it meanwhile); "
                                    "run the import again")
    assert report.lines(store)[-2:] == ["Wrote 0 store file(s).", f"Left unchanged: {AREA}"]


def test_nothing_is_applied_while_a_choice_is_missing_and_exactly_the_selected_edits_otherwise(store: Path) -> None:
    changes = _changes(store, ("text", "Readmission with partner countries"), ("status", "ongoing"))
    from briefing_builder.annex.merge import Verdict

    changes.edits[1].kind = Verdict.CONFLICT
    report = apply_changes(changes)
    assert report.written == [] and report.nothing_because.startswith("1 conflict(s) or unverified change(s)")
    assert apply_changes(changes, Choice(accept=(f"{MEASURE}:status",))).applied == [changes.edits[1]]
    again = _changes(store, ("text", "Readmission, once more"))
    assert apply_selected(again, []).written == []  # the app's review with nothing ticked
