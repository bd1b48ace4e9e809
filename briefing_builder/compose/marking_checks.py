"""What to tell the counsellor about a pack's marking (shared by the planner and pre-flight).

No marking at all; a marking not in the store's catalogue (refused) or accepted as custom
text; two classifications; a classified pack without a document reference; and, from
CONFIDENTIEL UE/EU CONFIDENTIAL up, that the material may be handled only on accredited
systems — saying where the files go, once they are written.
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.plan import NoteKind, PlanNote
from briefing_builder.store.markings import ACCREDITED_LEVEL, MarkingChoice
from briefing_builder.store.schema import Meeting


def marking_findings(choice: MarkingChoice, meeting: Meeting) -> list[PlanNote]:
    """A note for every marking problem of ``meeting`` resolved as ``choice``."""
    found: list[PlanNote] = []
    if not choice.markings and not choice.unknown:
        found.append(PlanNote(NoteKind.NO_MARKING, "The pack has no marking (e.g. LIMITE); slides carry none."))
    if choice.unknown:
        found.append(PlanNote(NoteKind.UNKNOWN_MARKING,
                              choice.unknown_message() + " The deck cannot be exported until then."))
    found += [PlanNote(NoteKind.UNKNOWN_MARKING, f"The marking '{text}' is not in the store's marking catalogue; "
                       "it is printed as written because the store allows custom markings. Check its spelling.")
              for text in choice.custom]
    found += [PlanNote(NoteKind.UNKNOWN_MARKING, conflict) for conflict in choice.conflicts]
    if choice.level and choice.classification and not (meeting.reference or "").strip():
        found.append(PlanNote(NoteKind.NO_REFERENCE, f"The pack is marked {choice.classification.text} but has "
                              "no document reference: classified documents need a registration number and a "
                              "date (set meeting: reference, e.g. \"WK 1234/2026 INIT\")."))
    if choice.level >= ACCREDITED_LEVEL:
        found.append(PlanNote(NoteKind.ACCREDITED, accredited_message(choice)))
    return found


def accredited_message(choice: MarkingChoice, written: tuple[Path, ...] = ()) -> str:
    """The warning for CONFIDENTIEL UE and above, naming the files when they have been written."""
    marking = choice.classification.text if choice.classification else ""
    where = ("The files were written to " + " and ".join(str(p) for p in written) + "."
             if written else "Export only to a folder on such a system.")
    return (f"{marking} material may be created, stored and handled only on systems accredited for that "
            f"level. {where} Do not keep them on an unaccredited laptop or share drive.")
