"""Which edits of a returned annex a choice applies, what an unknown choice is told, and the readable report.

The edits are those an import of the reference pack's annex makes (records and files of a copy
of the bundled store); reading them from a workbook is tested in ``test_changes.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.annex.change_set import ChangeSet, Choice, DelegationInput, FieldChange, short_path
from briefing_builder.annex.merge import Verdict

AREA = Path("store/areas/5-talent.yaml")


def _edit(record: str, column: str, field: str | None = "text", kind: Verdict = Verdict.PROPOSAL,
          reason: str = "", old: str = "Talent Pool", new: str = "EU Talent Pool") -> FieldChange:
    return FieldChange(record, f"Measures!C{len(record)}", column, old, new, path=AREA, line=12, field=field,
                       value=new, reason=reason, kind=kind, sent=old)


@pytest.fixture
def returned() -> ChangeSet:
    changes = ChangeSet(Path("annex-NL.xlsx"), "jha-counsellors-2026-01-12", store_changes=3,
                        baseline="Compared with what was sent (the baseline inside the workbook).")
    changes.edits = [_edit("eu-talent-pool", "Measure"),
                     _edit("eu-talent-pool", "Status", field="status", old="ongoing", new="adopted"),
                     _edit("return-hubs", "Measure", reason="an area's main goals: edit main_goals by hand"),
                     _edit("visa-facilitation", "Measure", field=None)]
    changes.inputs = [DelegationInput("eu-talent-pool", "Measures!5", {"Delegation position": "support"})]
    changes.unmatched = ["Measures row 30: id 'old-measure' is not in the pack any more"]
    return changes


def test_without_a_choice_every_applicable_proposal_is_applied(returned: ChangeSet) -> None:
    chosen, why = returned.chosen()
    assert why == "" and [(e.record_id, e.column) for e in chosen] == [("eu-talent-pool", "Measure"),
                                                                       ("eu-talent-pool", "Status")]
    assert [e.applicable for e in returned.edits] == [True, True, False, False]


def test_a_rejected_field_or_record_is_left_out(returned: ChangeSet) -> None:
    chosen, _ = returned.chosen(Choice(reject=("eu-talent-pool:status",)))  # the store field's name
    assert [e.column for e in chosen] == ["Measure"]
    assert returned.chosen(Choice(reject=("eu-talent-pool",)))[0] == []  # the whole record


def test_an_open_conflict_stops_everything_until_it_is_decided(returned: ChangeSet) -> None:
    returned.edits.append(_edit("return-hubs", "Status", field="status", kind=Verdict.CONFLICT))
    chosen, why = returned.chosen()
    assert chosen == [] and why.startswith("1 conflict(s) or unverified change(s) need a choice, so nothing is "
                                           "applied: name what to apply with --accept ID[:FIELD] (e.g. --accept "
                                           "return-hubs:Status)")
    assert [e.column for e in returned.chosen(Choice(reject=("return-hubs:Status",)))[0]] == ["Measure", "Status"]
    accepted, why = returned.chosen(Choice(accept=(" return-hubs : status ",)))  # spaces and case as typed
    assert why == "" and [(e.record_id, e.kind) for e in accepted] == [("return-hubs", Verdict.CONFLICT)]


def test_accepting_names_only_what_it_names_and_never_an_edit_that_cannot_be_applied(returned: ChangeSet) -> None:
    accepted, _ = returned.chosen(Choice(accept=("eu-talent-pool:Measure", "return-hubs", "visa-facilitation")))
    assert [(e.record_id, e.column) for e in accepted] == [("eu-talent-pool", "Measure")]


def test_a_choice_that_names_nothing_is_told_what_there_is(returned: ChangeSet) -> None:
    choice = Choice(accept=("eu-talent-pol", "eu-talent-pool:Owner"), reject=("eu-talent-pool:measure",))
    assert returned.unknown_choices(choice) == [
        ("--accept eu-talent-pol: unknown ID 'eu-talent-pol' — this return has no edit for it (edits for: "
        "eu-talent-pool, return-hubs, visa-facilitation)"),
        "--accept eu-talent-pool:Owner: 'eu-talent-pool' has no edit in 'Owner' (its edits: Measure, Status)"]
    assert ChangeSet(Path("a.xlsx"), "p").unknown_choices(Choice(accept=("x",))) == [
        "--accept x: unknown ID 'x' — this return has no edit for it (it has no edits at all)"]


def test_the_report_shows_each_edit_where_it_would_be_written(returned: ChangeSet) -> None:
    returned.edits.append(_edit("return-hubs", "Status", kind=Verdict.CONFLICT, old="ongoing", new="adopted\nlater"))
    returned.edits[-1].sent = ""
    lines = returned.lines(Path("store").resolve().parent)
    assert lines[:3] == ["Annex annex-NL.xlsx (pack jha-counsellors-2026-01-12)",
                         "Compared with what was sent (the baseline inside the workbook).",
                         ("Proposals: 4 (2 can be applied); conflicts: 1; changed in the store since it was sent "
                         "(not proposed): 3")]
    assert "  proposal: store/areas/5-talent.yaml:12  eu-talent-pool · Measure (Measures!C14)" in lines
    assert lines[lines.index("    - Talent Pool") + 1] == "    + EU Talent Pool"
    conflict = lines.index("  conflict: store/areas/5-talent.yaml:12  return-hubs · Status (Measures!C11)")
    assert lines[conflict + 1:conflict + 5] == ["    sent:     ", "    store:    ongoing", "    returned: adopted",
                                                "    returned: later"]
    assert "    not applied: an area's main goals: edit main_goals by hand" in lines
    assert lines[-4:] == ["Delegation comments and positions: 1 row(s)",
                          "  eu-talent-pool (Measures!5): Delegation position: support",
                          "Rows not matched: 1", "  Measures row 30: id 'old-measure' is not in the pack any more"]


def test_paths_outside_the_folder_shown_are_given_whole(tmp_path: Path) -> None:
    inside = tmp_path / "store" / "areas" / "a.yaml"
    assert short_path(inside, tmp_path) == "store/areas/a.yaml"
    assert short_path(Path("/elsewhere/a.yaml"), tmp_path) == "/elsewhere/a.yaml"
