"""Shared helpers for the reliability tests: store copies, diagnostics checks, deck checks."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from functools import lru_cache
from pathlib import Path

from pptx import Presentation

from briefing_builder.paths import sample_store_dir
from briefing_builder.render.package_check import check_package
from briefing_builder.store import Catalog, Diagnostic

REFERENCE_PACK = "jha-counsellors-2026-01-12"

#: Messages whose position cannot be known: the file could not be read at all.
UNLOCATABLE = ("cannot read the file", "more than the", "nested too deeply")


@lru_cache(maxsize=1)
def bundled_files() -> dict[str, bytes]:
    """Every file of the bundled store, by its path relative to the store (``areas/01-….yaml``)."""
    root = sample_store_dir()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_store(root: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` (relative path → bytes) as a store under ``root`` (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def copy_store(root: Path) -> Path:
    """A fresh, writable copy of the bundled store at ``root``."""
    return write_store(root, bundled_files())


def assert_located(catalog: Catalog, root: Path) -> None:
    """Every diagnostic names an existing file of the store and, when knowable, a real line."""
    for diagnostic in catalog.diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        text = diagnostic.format(root)
        assert diagnostic.message.strip(), text
        assert "Traceback" not in text, text
        path = Path(diagnostic.path)
        assert path.exists(), f"diagnostic for a file that does not exist: {text}"
        assert path.resolve().is_relative_to(root.resolve()), f"diagnostic outside the store: {text}"
        if any(marker in diagnostic.message for marker in UNLOCATABLE):
            continue
        assert isinstance(diagnostic.line, int) and diagnostic.line >= 1, f"no line: {text}"
        assert diagnostic.column >= 0, text
        if path.is_file():
            raw = path.read_bytes()
            lines = len(re.split(rb"\r\n|\r|\n", raw))  # the lines an editor shows
            # Markers after the last newline, or at end of file, may point one line further.
            assert diagnostic.line <= lines + 1, f"line {diagnostic.line} past the end ({lines} lines): {text}"


def deck_titles(data: bytes) -> list[str]:
    """The title text of every slide of a deck (empty string when a slide has no title)."""
    prs = Presentation(io.BytesIO(data))
    titles = []
    for slide in prs.slides:
        title = slide.shapes.title
        titles.append(title.text_frame.text if title is not None else "")
    return titles


def deck_text(data: bytes) -> str:
    """All text of a deck's shapes (tables included), slide after slide."""
    prs = Presentation(io.BytesIO(data))
    parts: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def assert_sound_deck(data: bytes) -> None:
    """A complete zip whose package passes the structural checks."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    assert check_package(data) == []
