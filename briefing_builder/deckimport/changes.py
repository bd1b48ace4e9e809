"""What a deck import found: the change set of edits, conflicts, new and removed records, and its report."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from briefing_builder.annex.changes import ChangeSet, Choice, FieldChange
from briefing_builder.annex.merge import Verdict
from briefing_builder.deckimport.structure import StructureChange
from briefing_builder.errors import BriefingError
from briefing_builder.store.writer import Reorder

NOT_MADE = ("was not made by Briefing Builder (it carries none of the app's provenance), so there is nothing "
            "to import; edit the library in the app instead.")
STRIPPED = ("was made by Briefing Builder, but its provenance was stripped (the record each paragraph came from "
            "is no longer in the file), so its edits cannot be read back; edit the library in the app instead.")
RENAMED = ("Note: {} of the deck's {} text shapes lost the names the app gave them (LibreOffice renames shapes "
           "when it saves), so they were matched to what was exported by their text. A shape reworded beyond "
           "recognition shows as new content, and what it held as deleted: check those before you accept them.")
FIELD_NAMES = {"text": "text", "sub_points": "sub-points", "main_goals": "main goals", "title": "title",
                "slide_title": "slide title", "cooperation_areas": "cooperation areas", "summary": "summary",
                "intro": "introduction", "relationship": "relationship", "notes": "notes",
                "key_figures": "key figure"}


def field_name(name: str) -> str:
    """A field in words: "relationship", "key figure 1 · period" (for ``key_figures.0.period``)."""
    parts = name.split(".")
    words = [FIELD_NAMES.get(parts[0], parts[0].replace("_", " "))]
    words += [f"{int(p) + 1}" if p.isdigit() else f"· {p.replace('_', ' ')}" for p in parts[1:]]
    return " ".join(words)


class NotImportable(BriefingError):
    """The deck cannot be compared (not the app's, or its provenance is gone); the message says which."""


@dataclass(eq=False)
class CopyEdit(FieldChange):
    """One copy's edit of a field other copies edited otherwise: applied only when named with its copy."""

    #: Where each copy is ("slide 8", "slide 11"), this one's among them.
    copies: tuple[str, ...] = ()

    def named_by(self, spec: str) -> bool:
        """True only when ``spec`` names this edit and its copy: ``ID:FIELD@slide N`` (or ``@N``)."""
        base, at, copy = spec.partition("@")
        copy = copy.strip().lower()
        return bool(at) and (copy if copy.startswith("slide") else f"slide {copy}") == self.where \
            and super().named_by(base)

    def names_field(self, spec: str) -> bool:
        """True when ``spec`` names this edit's field without saying which copy."""
        return "@" not in spec and super().named_by(spec)

    def how_to_take(self) -> str:
        """The option that takes this copy's text."""
        return f"--accept {self.record_id}:{self.field}@{self.where}"


@dataclass
class DeckChanges(ChangeSet):
    """A deck's change set: the edits (proposals, conflicts), and what is reported only."""

    deleted: list[str] = field(default_factory=list)
    new_content: list[str] = field(default_factory=list)
    #: New measures and sections, and measures removed: applied only when accepted by name.
    structure: list[StructureChange] = field(default_factory=list)
    #: List edits that drop items (a deleted sub-point): applied only when accepted by name.
    removals: list[FieldChange] = field(default_factory=list)
    #: Measures moved or pasted within the deck (the library's order is kept).
    moved: list[str] = field(default_factory=list)
    #: Paragraphs moved to another indent level: reported, never applied (the library keeps its structure).
    levels: list[str] = field(default_factory=list)
    #: What the reader should know about how the deck was read (renamed shapes).
    notes: list[str] = field(default_factory=list)
    #: The store folder the deck was compared with (the apply writes only there).
    store: Path | None = None

    def chosen(self, choice: Choice | None = None) -> tuple[list[FieldChange], str]:
        """The field edits ``choice`` applies (see :meth:`ChangeSet.chosen`); an edit that drops
        sub-points is applied only when ``--accept`` names it."""
        choice = choice or Choice()
        chosen, why = super().chosen(choice)
        if why:  # conflicts left undecided: say how to name one (by its field, which --accept takes as typed)
            open_conflicts = [e for e in self.conflicts if not any(e.named_by(s) for s in choice.reject)]
            first = open_conflicts[0]
            why = (f"{len(open_conflicts)} conflict(s) need a choice, so nothing is applied: name each one to "
                   f"apply with --accept ID:FIELD (e.g. --accept {first.record_id}:{first.field}; the deck's text "
                   "then replaces the store's newer text for that field) and the others with --reject ID:FIELD.")
        named = [e for e in chosen if any(e.named_by(spec) for spec in choice.accept)]
        return [e for e in chosen if not (any(e is r for r in self.removals) or isinstance(e, CopyEdit))
                or any(e is n for n in named)], why

    def chosen_structure(self, choice: Choice | None = None) -> list[StructureChange]:
        """The new and removed records ``choice`` names with ``--accept`` (never any by default)."""
        choice = choice or Choice()
        return [c for c in self.structure if c.applicable and any(c.named_by(s) for s in choice.accept)
                and not any(c.named_by(s) for s in choice.reject)]

    def lines(self, base: Path | None = None) -> list[str]:
        """A readable report of the import."""
        out = [f"Deck {self.annex} (pack {self.pack_id})", self.baseline, *self.notes,
               (f"Edits: {len(self.proposals)} ({sum(e.applicable for e in self.proposals)} can be applied); "
                f"conflicts with the store: {len(self.conflicts)}")]
        for edit in self.proposals + self.conflicts:
            where = (edit.path.name + (f":{edit.line}" if edit.line else "")) if edit.path else "not in the store"
            out.append(f"  {edit.kind.value}: {edit.record_id} · {edit.column} ({edit.where}; {where})")
            if edit.kind is Verdict.CONFLICT:
                out.append(f"    exported: {edit.sent}")
                out.append(f"    store:    {edit.old}")
                out.append(f"    deck:     {edit.new}")
            elif isinstance(edit.value, Reorder):
                out.append("    moved, not reworded: each keeps its text, comments and sub-points in the library")
            else:
                out.append(f"    {word_diff(edit.old, edit.new)}")
            if edit.language_note:
                out.append(f"    {edit.language_note}")
            if edit.reason:
                out.append(f"    not applied: {edit.reason}")
            elif isinstance(edit, CopyEdit):  # one copy's text of a field other copies say otherwise
                out.append(f"    copies edited differently ({', '.join(edit.copies)}): take this copy's with "
                           f"{edit.how_to_take()}")
            elif edit.kind is Verdict.CONFLICT:
                out.append(f"    the store changed it since the export: applied only with --accept "
                           f"{edit.record_id}:{edit.field} (the deck's text then replaces the store's)")
            elif any(edit is r for r in self.removals):
                out.append(f"    removes sub-points: applied only with --accept {edit.record_id}:{edit.field}")
        out.append(f"New and removed records (applied only when accepted by name): {len(self.structure)}")
        for change in self.structure:
            out.append(f"  {change.ref}: {change.summary()}")
            out.append(f"    not applicable: {change.reason}" if change.reason else
                       f"    to apply: --accept {change.ref}")
        if self.levels:
            out.append(f"Indent levels changed in the deck (not applied): {len(self.levels)}")
            out.extend(f"  {line}" for line in self.levels)
        if self.moved:
            out.append(f"Moved in the deck (the library's order is kept): {len(self.moved)}")
            out.extend(f"  {line}" for line in self.moved)
        out.append(f"Deleted in the deck (the library keeps them): {len(self.deleted)}")
        out.extend(f"  {line}" for line in self.deleted)
        out.append(f"New content, not in the library: {len(self.new_content)}")
        out.extend(f"  {line}" for line in self.new_content)
        return out


def word_diff(old: str, new: str) -> str:
    """``old`` → ``new`` word by word: ``[-removed-]`` and ``{+added+}``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
