"""Apply the chosen edits of a change set to the store files, safely.

Each edit is checked with the store's schema on the edited record; a file that changed
since the change set was read is refused as a whole; the writes go through
:func:`briefing_builder.store.writer.apply_edits` (atomic, line endings and encoding kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing_builder.annex.change_set import ChangeSet, Choice, FieldChange, short_path
from briefing_builder.store.writer import FieldEdit, StoreWriteError, apply_edits, check_edit, file_hash


@dataclass
class ApplyReport:
    """What an apply wrote, and what it refused (with the reason)."""

    written: list[Path] = field(default_factory=list)
    refused: list[tuple[FieldChange, str]] = field(default_factory=list)
    nothing_because: str = ""
    #: The exact text each written file had before (for the app's undo).
    before: dict[Path, str] = field(default_factory=dict)
    applied: list[FieldChange] = field(default_factory=list)

    def lines(self, base: Path | None = None) -> list[str]:
        """The summary printed after ``--apply``."""
        base = base or Path.cwd()
        out = [f"Not applied: {edit.record_id} · {edit.column} — {why}" for edit, why in self.refused]
        out += [f"{edit.record_id} · {edit.column}: {edit.language_note}" for edit in self.applied
                if edit.language_note]
        if self.nothing_because:
            out.append(self.nothing_because)
        out.append(f"Wrote {len(self.written)} store file(s)"
                   + (": " + ", ".join(short_path(p, base) for p in self.written) if self.written else "."))
        untouched = sorted({e.path for e, _ in self.refused if e.path is not None} - set(self.written))
        if untouched:
            out.append("Left unchanged: " + ", ".join(short_path(p, base) for p in untouched))
        return out


def apply_changes(changes: ChangeSet, choice: Choice | None = None) -> ApplyReport:
    """Write the chosen edits (:meth:`ChangeSet.chosen`) to the store files, safely.

    Every edit is first checked with the store's schema on the edited record (refused ones
    are listed with the reason); a file that changed since the change set was read (its
    content hash differs) is refused as a whole; writes are atomic and keep the file's line
    endings and encoding (see :func:`~briefing_builder.store.writer.apply_edits`). Files
    without an edit to apply are not opened for writing; a file that cannot be edited is
    reported in :attr:`ApplyReport.refused` and the others are still written.
    """
    chosen, why = changes.chosen(choice)
    report = apply_selected(changes, chosen)
    report.nothing_because = why
    return report


def apply_selected(changes: ChangeSet, selected: list[FieldChange]) -> ApplyReport:
    """Write exactly the ``selected`` edits of ``changes`` (the app's review), as :func:`apply_changes` does."""
    report = ApplyReport()
    by_file: dict[Path, list[FieldChange]] = {}
    for edit in selected:
        if edit.applicable and edit.path is not None:
            by_file.setdefault(edit.path, []).append(edit)
    for path, edits in by_file.items():
        expected = changes.file_hashes.get(path)
        if expected is not None and file_hash(path) != expected:
            report.refused.extend((edit, (f"{path.name} changed since the annex was read (someone saved it "
                                          "meanwhile); run the import again")) for edit in edits)
            continue
        valid: list[FieldChange] = []
        for edit in edits:
            problem = check_edit(path, FieldEdit(edit.record_id, edit.field or "", edit.value), edit.model)
            if problem:
                report.refused.append((edit, problem))
            else:
                valid.append(edit)
        if not valid:
            continue
        try:
            before = path.read_bytes().decode("utf-8", errors="surrogateescape")
            written = apply_edits(path, [FieldEdit(e.record_id, e.field or "", e.value, e.language, e.store_language)
                                         for e in valid],
                                  expected_hash=expected)
        except (OSError, StoreWriteError) as exc:
            report.refused.extend((edit, str(exc)) for edit in valid)
            continue
        if written:
            report.written.append(path)
            report.before[path] = before
            report.applied.extend(valid)
    return report
