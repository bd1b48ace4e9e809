"""The deck's baseline kept in the store too: next to the pack file, and so in the store's history.

At every export the baseline the deck carries (:mod:`render.deck_provenance`) is also written
to ``<packs>/.deck-baselines/<pack-id>-<deck id>.json`` (not for the bundled sample store,
nor when the store is read-only); the export's save point then commits it, so the store's
history keeps every exported deck's baseline. An import uses the deck's own copy; when a
tool dropped or damaged it but the deck id (a custom property) survived, the copy next to
the pack, else the one in the history (:func:`history.service.kept_file`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from briefing_builder.paths import is_sample_store
from briefing_builder.render.deck_provenance import DECK_PROPERTY, Baseline, baseline_from_properties, parse_document
from briefing_builder.render.output import OutputError, atomic_write
from briefing_builder.store.catalog import Catalog

FOLDER = ".deck-baselines"
_PROP = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


@dataclass(frozen=True)
class FoundBaseline:
    """The baseline an import compares with (None: none found), and where it came from."""

    baseline: Baseline | None
    source: str  # "the deck", "the copy next to the pack", "the store's history (<tag>)"


def copy_path(catalog: Catalog, pack_id: str, deck_id: str) -> Path | None:
    """Where the copy of a deck's baseline lives (None when the pack has no file)."""
    pack_file = catalog.pack_path(pack_id)
    return pack_file.parent / FOLDER / f"{pack_id}-{deck_id}.json" if pack_file is not None else None


def deck_properties(deck: bytes) -> dict[str, str]:
    """The custom document properties of a deck's bytes."""
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        try:
            root = etree.fromstring(archive.read("docProps/custom.xml"), etree.XMLParser(resolve_entities=False))
        except KeyError:
            return {}
    return {prop.get("name", ""): "".join(prop.itertext()) for prop in root.iter(_PROP)}


def keep_baseline(deck: bytes, catalog: Catalog) -> Path | None:
    """Write the baseline of the deck ``deck`` (its bytes) next to its pack file; the path, or None
    (the sample store, a read-only store, a deck without baseline)."""
    baseline = baseline_from_properties(deck_properties(deck))
    if baseline is None or is_sample_store(catalog.root):
        return None
    path = copy_path(catalog, baseline.pack_id, baseline.deck_id())
    if path is None:
        return None
    if not path.exists():
        try:
            atomic_write(path, baseline.document().encode("utf-8"))
        except OutputError:  # a read-only store: the deck's own copy still travels with it
            return None
    return path


def _parse(text: str, deck_id: str) -> Baseline | None:
    baseline = parse_document(text)
    return baseline if baseline is not None and baseline.deck_id() == deck_id else None  # an edited copy is not trusted


def find_baseline(properties: dict[str, str], catalog: Catalog) -> FoundBaseline:
    """The deck's own baseline, else the copy next to its pack, else the store history's copy."""
    own = baseline_from_properties(properties)
    deck_id = properties.get(DECK_PROPERTY, "").strip()
    if own is not None and (not deck_id or own.deck_id() == deck_id):
        return FoundBaseline(own, "the deck")  # (a baseline that is not the deck's id was edited: not trusted)
    if not deck_id:
        return FoundBaseline(None, "")
    for pack_id in sorted(catalog.packs):
        path = copy_path(catalog, pack_id, deck_id)
        if path is not None and path.is_file():
            try:
                found = _parse(path.read_text(encoding="utf-8"), deck_id)
            except (OSError, UnicodeDecodeError):
                found = None
            if found is not None:
                return FoundBaseline(found, "the copy kept next to the pack")
    from briefing_builder.history.service import HistoryError, kept_file

    for pack_id in sorted(catalog.packs):
        path = copy_path(catalog, pack_id, deck_id)
        if path is None:
            continue
        try:
            kept = kept_file(catalog.root, path.relative_to(catalog.root).as_posix())
            found = _parse(kept[0].decode("utf-8"), deck_id) if kept else None
        except (HistoryError, ValueError, OSError, UnicodeDecodeError):
            continue
        if found is not None and kept is not None:
            return FoundBaseline(found, f"the copy kept in the store's history ({kept[1]})")
    return FoundBaseline(None, "")
