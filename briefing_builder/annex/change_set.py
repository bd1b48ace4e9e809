"""What reading a returned annex found: the change set, its edits and the user's choice.

:class:`ChangeSet` holds each :class:`FieldChange` (a proposal, a conflict or an unverified
change of one of our cells), the :class:`DelegationInput` of each row and the rows not
matched; :meth:`ChangeSet.chosen` says which edits a :class:`Choice` applies. Made by
:func:`briefing_builder.annex.changes.read_changes`; applied by :mod:`.change_apply`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_builder.annex.merge import Verdict
from briefing_builder.store.localised import BASE_LANGUAGE
from briefing_builder.store.writer import FieldValue


@dataclass
class FieldChange:
    """One cell of ours that differs from the store."""

    record_id: str
    where: str  # Sheet!C12
    column: str
    old: str
    new: str
    path: Path | None = None
    line: int | None = None
    field: str | None = None
    value: FieldValue = None
    reason: str = ""  # why it cannot be applied ("" = it can)
    kind: Verdict = Verdict.PROPOSAL  # PROPOSAL, CONFLICT or UNVERIFIED
    sent: str = ""  # what the annex said when it was sent
    #: The store record (a pydantic model) the cell belongs to, for validating the edited record.
    model: Any = None
    #: The language the cell's text is in (the annex's), for a text that may have several; ``None``: the
    #: store's own language, where a plain text is written as it is.
    language: str | None = None
    #: The language of the store's plain texts (see :class:`~briefing_builder.store.writer.FieldEdit`).
    store_language: str = BASE_LANGUAGE
    #: Why the edit is stored in another language than the annex's ("stored as English: the French
    #: annex showed the English text; …"); empty when it is stored in the annex's language.
    language_note: str = ""

    @property
    def applicable(self) -> bool:
        """True when this change can be written (if chosen)."""
        return not self.reason and self.path is not None and self.field is not None

    def named_by(self, spec: str) -> bool:
        """True when ``spec`` (``ID`` or ``ID:FIELD``, the column header or the store field) names this change."""
        record, _, name = spec.partition(":")
        if record.strip() != self.record_id:
            return False
        name = name.strip().lower()
        return not name or name in (self.column.lower(), (self.field or "").lower())


@dataclass(frozen=True)
class Choice:
    """What the user chose to apply: ``ID`` or ``ID:FIELD`` specs to accept and to reject."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


@dataclass
class DelegationInput:
    """What a delegation wrote on one record's row (their columns only)."""

    record_id: str
    where: str
    values: dict[str, str]


@dataclass
class ChangeSet:
    """Everything an import found in one returned annex."""

    annex: Path
    pack_id: str
    edits: list[FieldChange] = field(default_factory=list)
    inputs: list[DelegationInput] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    #: Cells the store changed since the annex was sent (not proposals; an update writes them).
    store_changes: int = 0
    baseline: str = ""  # what the comparison was made with (or that no baseline was found)
    #: SHA-256 of each store file as read when the change set was made (the apply checks it).
    file_hashes: dict[Path, str] = field(default_factory=dict)

    @property
    def proposals(self) -> list[FieldChange]:
        """The cells only the delegation changed."""
        return [e for e in self.edits if e.kind is Verdict.PROPOSAL]

    @property
    def conflicts(self) -> list[FieldChange]:
        """The cells changed by both sides (or, with no baseline, by someone)."""
        return [e for e in self.edits if e.kind is not Verdict.PROPOSAL]

    def chosen(self, choice: Choice | None = None) -> tuple[list[FieldChange], str]:
        """The edits ``choice`` applies, and why nothing is applied (``""`` when something may be).

        Without ``--accept``: every applicable proposal not rejected — unless a conflict or
        an unverified change is left undecided, then none (the reason says how to choose).
        """
        choice = choice or Choice()
        rejected = [e for e in self.edits if any(e.named_by(spec) for spec in choice.reject)]
        if choice.accept:
            return [e for e in self.edits if e.applicable and e not in rejected
                    and any(e.named_by(spec) for spec in choice.accept)], ""
        open_conflicts = [e for e in self.conflicts if e not in rejected]
        if open_conflicts:
            first = open_conflicts[0]
            return [], (f"{len(open_conflicts)} conflict(s) or unverified change(s) need a choice, so nothing is "
                        f"applied: name what to apply with --accept ID[:FIELD] (e.g. --accept "
                        f"{first.record_id}:{first.column}) and what not with --reject ID[:FIELD].")
        return [e for e in self.proposals if e.applicable and e not in rejected], ""

    def unknown_choices(self, choice: Choice) -> list[str]:
        """Why each ``--accept``/``--reject`` spec of ``choice`` that names no edit of this return names nothing."""
        out: list[str] = []
        for option, specs in (("--accept", choice.accept), ("--reject", choice.reject)):
            for spec in specs:
                if any(e.named_by(spec) for e in self.edits):
                    continue
                record, _, name = spec.partition(":")
                own = [e.column for e in self.edits if e.record_id == record.strip()]
                if not own:
                    ids = sorted({e.record_id for e in self.edits})
                    out.append(f"{option} {spec}: unknown ID '{record.strip()}' — this return has no edit for it"
                               + (f" (edits for: {', '.join(ids)})" if ids else " (it has no edits at all)"))
                else:
                    out.append(f"{option} {spec}: '{record.strip()}' has no edit in '{name.strip()}' (its edits: "
                               f"{', '.join(own)})")
        return out

    def lines(self, base: Path | None = None) -> list[str]:
        """A readable report: the baseline, proposals and conflicts, delegation input, unmatched rows."""
        base = base or Path.cwd()
        proposals, conflicts = self.proposals, self.conflicts
        out = [f"Annex {self.annex} (pack {self.pack_id})", self.baseline,
               (f"Proposals: {len(proposals)} ({sum(e.applicable for e in proposals)} can be applied); "
                f"conflicts: {len(conflicts)}; changed in the store since it was sent (not proposed): "
                f"{self.store_changes}")]
        for edit in proposals + conflicts:
            where = short_path(edit.path, base) + (f":{edit.line}" if edit.line else "") if edit.path else "?"
            out.append(f"  {edit.kind.value}: {where}  {edit.record_id} · {edit.column} ({edit.where})")
            if edit.kind is Verdict.CONFLICT:
                out.extend(f"    sent:     {line}" for line in (edit.sent.splitlines() or [""]))
                out.extend(f"    store:    {line}" for line in (edit.old.splitlines() or [""]))
                out.extend(f"    returned: {line}" for line in (edit.new.splitlines() or [""]))
            else:
                out.extend(f"    - {line}" for line in (edit.old.splitlines() or [""]))
                out.extend(f"    + {line}" for line in (edit.new.splitlines() or [""]))
            if edit.language_note:
                out.append(f"    {edit.language_note}")
            if edit.reason:
                out.append(f"    not applied: {edit.reason}")
        out.append(f"Delegation comments and positions: {len(self.inputs)} row(s)")
        for item in self.inputs:
            values = " · ".join(f"{k}: {v}" for k, v in item.values.items())
            out.append(f"  {item.record_id} ({item.where}): {values}")
        out.append(f"Rows not matched: {len(self.unmatched)}")
        out.extend(f"  {line}" for line in self.unmatched)
        return out


def short_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a loop of links
        return str(path)
