"""Undo commands for pack edits: each swaps one immutable ``Pack`` value for another.

Commands do not compute anything themselves: the :class:`~briefing_builder.ui.editor.PackEditor`
builds the new pack with the pure functions of :mod:`pack_document` and pushes a command
holding *before* and *after*. Consecutive moves of the same section merge into one step, and
so do consecutive edits of the same field.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing_builder.store.schema import Pack

MOVE_ID = 1
MEETING_ID = 2
SECTION_ID = 3


class PackTarget(Protocol):
    """What a command edits: something that can take a new pack value."""

    def set_pack(self, pack: Pack, select: int | None) -> None:
        """Show ``pack`` and select the section at ``select``."""


class PackCommand(QUndoCommand):
    """Replace the pack ``before`` with ``after``; select ``select_after`` / ``select_before``."""

    def __init__(self, target: PackTarget, text: str, before: Pack, after: Pack,
                 select_after: int | None = None, select_before: int | None = None) -> None:
        super().__init__(text)
        self.target = target
        self.before = before
        self.after = after
        self.select_after = select_after
        self.select_before = select_before if select_before is not None else select_after

    def redo(self) -> None:
        """Apply the edit."""
        self.target.set_pack(self.after, self.select_after)

    def undo(self) -> None:
        """Revert the edit."""
        self.target.set_pack(self.before, self.select_before)


class AddSectionsCommand(PackCommand):
    """Sections added from the library or the Add menu."""


class RemoveSectionCommand(PackCommand):
    """A section removed from the pack."""


class MoveSectionCommand(PackCommand):
    """A section moved; repeated moves of the same section merge into one undo step."""

    def __init__(self, target: PackTarget, before: Pack, after: Pack, source: int, destination: int,
                 label: str) -> None:
        super().__init__(target, f"Move {label}", before, after, destination, source)
        self.source = source
        self.destination = destination

    def id(self) -> int:
        """Commands with the same id may merge."""
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API name
        """Absorb a following move of the section this command moved."""
        if not isinstance(other, MoveSectionCommand) or other.source != self.destination:
            return False
        self.after = other.after
        self.destination = other.destination
        self.select_after = other.destination
        self.setObsolete(self.before == self.after)
        return True


class EditMeetingCommand(PackCommand):
    """A meeting field changed; consecutive edits of the same field merge."""

    def __init__(self, target: PackTarget, before: Pack, after: Pack, field: str, select: int | None) -> None:
        super().__init__(target, f"Change meeting {field}", before, after, select)
        self.field = field

    def id(self) -> int:
        """Commands with the same id may merge."""
        return MEETING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API name
        """Absorb a following edit of the same field."""
        if not isinstance(other, EditMeetingCommand) or other.field != self.field:
            return False
        self.after = other.after
        self.setObsolete(self.before == self.after)
        return True


class EditSectionCommand(PackCommand):
    """A section option changed; consecutive edits of the same field of one section merge."""

    def __init__(self, target: PackTarget, before: Pack, after: Pack, index: int, field: str) -> None:
        super().__init__(target, f"Change {field.replace('_', ' ')}", before, after, index)
        self.index = index
        self.field = field

    def id(self) -> int:
        """Commands with the same id may merge."""
        return SECTION_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API name
        """Absorb a following edit of the same field of the same section (not measure ticks)."""
        if (not isinstance(other, EditSectionCommand) or (other.index, other.field) != (self.index, self.field)
                or self.field == "measures"):
            return False
        self.after = other.after
        self.setObsolete(self.before == self.after)
        return True
