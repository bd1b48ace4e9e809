"""Sections whose records failed to load, and the store problems that most likely explain why (no Qt).

A broken store file drops its record from the catalog, so the deck leaves out the slide that
points at it. :func:`missing_sections` lists those sections with the diagnostics of the file
most likely at fault (see :func:`likely_causes`), for the question asked before exporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_builder.pack.document import describe_sections
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.schema import AreaSection, ConsultationSection, CountrySection, Pack

FOLDERS = {AreaSection: "areas", CountrySection: "countries", ConsultationSection: "consultations"}


@dataclass(frozen=True)
class MissingSection:
    """One section that will be left out or cut short, and the likely causes (``file:line: message``)."""

    position: int
    label: str
    problem: str
    causes: tuple[str, ...]

    def describe(self) -> str:
        """Two or more lines for the question before exporting."""
        lines = [f"• {self.label} (section {self.position + 1}): {self.problem}"]
        lines += [f"    {cause}" for cause in self.causes] or ["    No store problem names it: was it renamed?"]
        return "\n".join(lines)


def _record_id(section: object) -> str | None:
    return getattr(section, "area", None) or getattr(section, "country", None) or getattr(section, "consultation",
                                                                                          None)


def likely_causes(record_id: str | None, folder: str | None, diagnostics: list[Diagnostic],
                  root: Path) -> tuple[str, ...]:
    """The diagnostics that most likely explain why ``record_id`` did not load.

    First the errors of a file named after the record (``areas/04-return-readmission.yaml``),
    else the errors of the record type's folder that are not about other files naming it
    (those are consequences, not causes), else any error naming the record."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    in_folder = [d for d in errors if folder and d.path.parent.name == folder]
    own_file = [d for d in in_folder if record_id and record_id in d.path.stem]
    unrelated = [d for d in in_folder if not (record_id and record_id in d.message)]
    named = [d for d in errors if record_id and record_id in d.message]
    chosen = own_file or unrelated or named
    return tuple(d.format(root) for d in chosen[:5])


def missing_sections(pack: Pack, catalog: Catalog) -> list[MissingSection]:
    """Every section of ``pack`` that names a record the store does not have, with likely causes."""
    found = []
    for position, (section, info) in enumerate(zip(pack.sections, describe_sections(pack, catalog))):
        if info.problem:
            folder = next((name for kind, name in FOLDERS.items() if isinstance(section, kind)), None)
            causes = likely_causes(_record_id(section), folder, catalog.diagnostics, catalog.root)
            found.append(MissingSection(position, info.label, info.problem, causes))
    return found


def missing_text(missing: list[MissingSection]) -> str:
    """The question asked before exporting such a pack."""
    return (f"{len(missing)} section(s) of this pack point at records that are not in the store; the deck "
            "would leave them out or cut them short:\n\n" + "\n".join(m.describe() for m in missing)
            + "\n\nFix the files listed (View → Store problems; double-click opens a file), or export anyway.")
