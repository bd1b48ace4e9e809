"""The loaded, indexed store: read-only records plus the diagnostics found loading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_builder.errors import Location
from briefing_builder.paths import is_sample_store
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.schema import Area, Consultation, CountryCard, Milestone, Pack, StoreMeta

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.store.yaml_source import YamlSource


class Origin:
    """Where a record was read from: its file, and (worked out when asked) its line."""

    __slots__ = ("_key", "_line", "_source", "path")

    def __init__(self, path: Path, source: YamlSource | None = None, key: tuple[Any, ...] = (),
                 line: int | None = None) -> None:
        self.path = path
        self._source = source
        self._key = key
        self._line = line

    @property
    def line(self) -> int:
        """1-based line of the record in its file (1 when unknown)."""
        if self._line is None:
            self._line = self._source.locate(self._key)[0] if self._source is not None else 1
            self._source = None
        return self._line

    def __repr__(self) -> str:
        return f"Origin({str(self.path)!r}, line={self.line})"


@dataclass
class Catalog:
    """Every good record of a store, indexed by id, in a stable order.

    Areas are ordered by number, other records by file name / position in their file.
    ``origins`` maps each record id (and each measure id) to the file it came from.
    """

    root: Path
    meta: StoreMeta
    areas: dict[str, Area] = field(default_factory=dict)
    countries: dict[str, CountryCard] = field(default_factory=dict)
    consultations: dict[str, Consultation] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: False when no text of the store is written in several languages (the loader knows).
    translated: bool = True

    @property
    def errors(self) -> list[Diagnostic]:
        """Diagnostics of error severity."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def record_ids(self) -> set[str]:
        """Every id a cross-reference may name (areas, countries, consultations, milestones)."""
        return set(self.areas) | set(self.countries) | set(self.consultations) | set(self.milestones)

    def measure_area(self) -> dict[str, str]:
        """Map each measure id to the id of its area."""
        return {m.id: area.id for area in self.areas.values() for m in area.measures}

    def counts(self) -> dict[str, int]:
        """Number of records of each kind (for status lines and listings)."""
        return {
            "areas": len(self.areas),
            "measures": sum(len(a.measures) for a in self.areas.values()),
            "countries": len(self.countries),
            "consultations": len(self.consultations),
            "milestones": len(self.milestones),
            "packs": len(self.packs),
        }

    @property
    def read_only(self) -> bool:
        """True for the bundled sample store: part of the installation, never written to (the
        store writer refuses); copy it to a folder of your own to edit it."""
        return is_sample_store(self.root)

    def locate(self, record_id: str) -> Location | None:
        """Which file and line hold the record ``record_id`` (an area, measure, country card,
        consultation, milestone or — as ``pack:<id>`` or its id — a pack); ``None`` when the
        store has no such record."""
        origin = self.origins.get(record_id) or self.origins.get(f"pack:{record_id}")
        return Location(origin.path, origin.line) if origin is not None else None

    def pack_path(self, pack_id: str) -> Path | None:
        """The file a pack was loaded from."""
        origin = self.origins.get(f"pack:{pack_id}")
        return origin.path if origin else None
