"""What a reader counts as the same text, statuses in any language, and rows whose ID cannot be trusted.

The verdicts themselves (:func:`classify`) are checked property by property in
``test_merge_properties.py``; this file covers the readings they rest on.
"""

from __future__ import annotations

from briefing_builder.annex.merge import (
    Verdict,
    as_status,
    classify,
    fingerprint,
    loose,
    row_identities,
    same_for_reader,
)
from briefing_builder.annex.workbook import Comparable

PLAIN, BOLD, STRIKE = (False, False, False, False), (True, False, False, False), (False, False, True, False)


def _text(text: str, style: tuple[bool, bool, bool, bool] = PLAIN) -> Comparable:
    return ((style, text),)


def test_what_viewers_and_re_saves_change_in_text_is_not_read_as_an_edit() -> None:
    sent = _text("Member States’ “talent pools”\r\nfor  researchers")
    for returned in ("Member States' \"talent pools\" for researchers",  # smart quotes straightened
                     "Member States’\u00a0“talent pools”\nfor researchers "):  # no-break space, line ending
        assert loose(_text(returned)) == loose(sent), returned
    assert loose(_text("Cafe\u0301")) == loose(_text("Café"))  # composed and decomposed accents
    assert loose(None) == "" and loose(41.0) == "41"


def test_markup_counts_while_the_returned_cell_still_has_rich_text() -> None:
    sent = ((PLAIN, "Visa "), (BOLD, "facilitation"))
    struck = ((PLAIN, "Visa "), (STRIKE, "facilitation"))
    assert not same_for_reader(struck, sent)  # a strike-through added by the delegation is an edit
    assert same_for_reader(_text("Visa facilitation"), sent)  # a tool dropped the formatting: no edit
    assert same_for_reader(((PLAIN, "Visa"), (BOLD, " "), (BOLD, "facilitation")), ((PLAIN, "Visa "),
                                                                                    (BOLD, "facilitation")))


def test_statuses_typed_in_another_catalogue_language_are_the_same_status() -> None:
    assert as_status(_text(" en cours ")) == _text("ongoing") == as_status(_text("Ongoing"))
    assert as_status(_text("not a status")) == _text("not a status")
    assert classify(_text("ongoing"), _text("en cours"), _text("ongoing"), status=True) is Verdict.SAME
    assert classify(_text("ongoing"), _text("adopté"), _text("ongoing"), status=True) is Verdict.PROPOSAL
    assert classify(_text("ongoing"), _text("en cours"), _text("ongoing")) is Verdict.PROPOSAL  # as text: differs


def test_a_rows_fingerprint_depends_on_what_it_says_not_on_formatting_or_key_order() -> None:
    row = {"measure": _text("Talent pool"), "status": _text("ongoing")}
    assert fingerprint(row) == fingerprint({"status": _text("ongoing"), "measure": ((BOLD, "Talent  pool"),)})
    assert fingerprint(row) != fingerprint({**row, "status": _text("adopted")})
    assert len(fingerprint(row)) == 16


def _reference() -> dict[str, dict[str, Comparable]]:
    return {"talent-pool": {"measure": _text("EU Talent Pool"), "owner": _text("COM")},
            "visa-facilitation": {"measure": _text("Visa facilitation"), "owner": _text("Council")},
            "return-hubs": {"measure": _text("Return hubs"), "owner": _text("MS")}}


def test_rows_as_sent_and_rows_with_one_edit_are_trusted() -> None:
    reference = _reference()
    rows = [(2 + i, rid, dict(values)) for i, (rid, values) in enumerate(reference.items())]
    rows[1][2]["measure"] = _text("Visa facilitation for researchers")  # a delegation's edit
    assert row_identities(rows, reference) == {}


def test_an_id_given_twice_refuses_both_rows_naming_the_other() -> None:
    reference = _reference()
    rows = [(2, "talent-pool", reference["talent-pool"]), (3, "talent-pool", reference["visa-facilitation"])]
    assert {row: str(problem) for row, problem in row_identities(rows, reference).items()} == {
        2: "the ID 'talent-pool' is also on row(s) 3; no row with a duplicated ID is used",
        3: "the ID 'talent-pool' is also on row(s) 2; no row with a duplicated ID is used"}


def test_an_id_column_sorted_on_its_own_refuses_the_mixed_up_rows_only() -> None:
    reference = _reference()
    rows = [(2, "visa-facilitation", reference["talent-pool"]),  # the two IDs swapped by a sort
            (3, "talent-pool", reference["visa-facilitation"]),
            (4, "return-hubs", reference["return-hubs"])]
    problems = row_identities(rows, reference)
    assert set(problems) == {2, 3}
    assert str(problems[2]).startswith("its content is that of 'talent-pool', not of its ID 'visa-facilitation'")


def test_a_row_that_holds_nothing_that_was_sent_is_used_for_nothing() -> None:
    reference = _reference()
    rows = [(2, "return-hubs", {"measure": _text("Something else"), "owner": _text("Nobody")})]
    found = {row: str(problem) for row, problem in row_identities(rows, reference).items()}
    assert found == {2: "none of its cells still holds what was sent for 'return-hubs'; "
                     "it cannot be told which record it is, so it is used for nothing"}
    assert row_identities([(2, "not-sent", {"measure": _text("x")})], reference) == {}  # unknown ids: told elsewhere
