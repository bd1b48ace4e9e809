"""What the counsellor is told about a pack's marking, as typed plan notes."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.marking_checks import accredited_message, marking_findings
from briefing_builder.compose.plan import NoteKind
from briefing_builder.store.markings import MarkingSettings, resolve_marking
from briefing_builder.store.schema import Meeting


def _notes(marking: str | None, reference: str | None = None,
           settings: MarkingSettings | None = None) -> dict[NoteKind, str]:
    meeting = Meeting.model_validate({"title": "T", "body": "B", "date": "2026-01-12", "marking": marking,
                                      "reference": reference})
    choice = resolve_marking(marking, settings or MarkingSettings(), "en")
    return {note.kind: note.message for note in marking_findings(choice, meeting)}


def test_each_marking_problem_is_its_own_kind_of_note() -> None:
    assert set(_notes(None)) == {NoteKind.NO_MARKING}
    assert _notes("LIMITE") == {}
    assert set(_notes("NOT A MARKING")) == {NoteKind.UNKNOWN_MARKING}
    assert "cannot be exported" in _notes("NOT A MARKING")[NoteKind.UNKNOWN_MARKING]
    assert set(_notes("RESTREINT UE")) == {NoteKind.NO_REFERENCE}
    assert _notes("RESTREINT UE", "WK 1234/2026 INIT") == {}
    confidential = _notes("CONFIDENTIEL UE", "WK 1234/2026 INIT")
    assert set(confidential) == {NoteKind.ACCREDITED}
    assert "Export only to a folder on such a system." in confidential[NoteKind.ACCREDITED]


def test_the_accredited_warning_names_the_files_once_written() -> None:
    choice = resolve_marking("CONFIDENTIEL UE", MarkingSettings(), "en")
    message = accredited_message(choice, (Path("out/deck.pptx"), Path("out/deck-annex.xlsx")))
    assert message.startswith("CONFIDENTIEL UE/EU CONFIDENTIAL material may be created")
    assert "The files were written to out/deck.pptx and out/deck-annex.xlsx." in message
