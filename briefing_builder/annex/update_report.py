"""What an annex update did: a summary per sheet's table and the parts rewritten or kept.

:class:`UpdateReport` is what :func:`briefing_builder.annex.update.update_annex` returns and
``annex update`` prints; :class:`UpdateRefused` is the error raised, before anything is
written, when the workbook holds something the update could not keep.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefing_builder.annex.package import AnnexFileError


class UpdateRefused(AnnexFileError):
    """The workbook holds something the update could not keep; nothing was written."""


@dataclass
class SheetSummary:
    """What the update did to one sheet's table."""

    sheet: str
    table: str
    updated: int = 0
    added: int = 0
    marked: int = 0
    restored: int = 0
    proposals: int = 0
    conflicts: int = 0
    refused: int = 0
    rows: int = 0  # rows in the table after the update
    fields: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the command's summary."""
        changed = ", ".join(f"{name} ×{n}" for name, n in sorted(self.fields.items()))
        text = (f"{self.sheet}: {self.updated} row(s) updated" + (f" ({changed})" if changed else "")
                + f", {self.added} added, {self.marked} marked as no longer in the pack")
        if self.restored:
            text += f", {self.restored} back in the pack"
        if self.proposals or self.conflicts:
            text += (f"; kept the delegation's text in {self.proposals} proposal(s) and {self.conflicts} "
                     "conflict(s) (see the Update note)")
        if self.refused:
            text += f"; {self.refused} row(s) not updated (their ID cannot be trusted, see the Update note)"
        return text


@dataclass
class UpdateReport:
    """The per-sheet summaries and which parts were rewritten or kept byte for byte."""

    sheets: list[SheetSummary]
    rewritten: list[str]
    kept: list[str]
    macros: bool = False
    #: What the user must know about the baseline (gone, taken from the sidecar copy).
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary printed by ``annex update``."""
        out = list(self.notes) + [summary.line() for summary in self.sheets]
        out += [f"  note: {note}" for summary in self.sheets for note in summary.notes]
        kinds = sorted({_kind(name) for name in self.kept} - {""})
        out.append(f"Rewritten: {', '.join(self.rewritten) or 'nothing'}; kept byte for byte: "
                   f"{len(self.kept)} other part(s)" + (f" ({', '.join(kinds)})" if kinds else "") + ".")
        if self.macros:
            out.append("Macros (vbaProject.bin) kept unchanged.")
        return out


def _kind(name: str) -> str:
    for needle, kind in (("vbaProject", "macros"), ("threadedComments", "threaded comments"),
                         ("comments", "comments"), ("charts/", "charts"), ("drawings/", "drawings and shapes"),
                         ("media/", "pictures"), ("worksheets/sheet", "other sheets"), ("styles", "styles"),
                         ("workbook.xml", "defined names"), ("sharedStrings", "shared strings")):
        if needle in name:
            return kind
    return ""
