"""Broken-store helpers: a fresh copy of the bundled store that a test damages one file of."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_builder.store import Catalog, Diagnostic, load_store

#: Static files whose bytes matter (non-UTF-8, NUL bytes) live here.
BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_stores"


@dataclass
class StoreCopy:
    """A writable copy of ``sample_data/`` under ``tmp_path``."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> Path:
        """Overwrite (or create) ``rel`` with ``text`` (UTF-8)."""
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def write_bytes(self, rel: str, data: bytes) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def append(self, rel: str, text: str) -> Path:
        target = self.root / rel
        with target.open("a", encoding="utf-8") as handle:
            handle.write(text)
        return target

    def replace(self, rel: str, old: str, new: str) -> Path:
        """Replace exactly one occurrence of ``old`` in ``rel`` (fails loudly if absent)."""
        target = self.root / rel
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        target.write_text(text.replace(old, new), encoding="utf-8")
        return target

    def line_of(self, rel: str, needle: str) -> int:
        """1-based number of the (single) line of ``rel`` containing ``needle``."""
        lines = (self.root / rel).read_text(encoding="utf-8").splitlines()
        hits = [i for i, line in enumerate(lines, 1) if needle in line]
        assert len(hits) == 1, f"{needle!r} is on lines {hits} of {rel}"
        return hits[0]

    def load(self) -> Catalog:
        return load_store(self.root)

    def diagnostics_for(self, rel: str) -> list[Diagnostic]:
        """Diagnostics of one file, after loading the whole store."""
        target = (self.root / rel).resolve()
        return [d for d in self.load().diagnostics if d.path.resolve() == target]


@pytest.fixture
def store(store: Path) -> StoreCopy:
    """A fresh copy of the bundled store to damage (the suite's ``store``, with helpers)."""
    return StoreCopy(store)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name → bytes): compare before and after to see nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
