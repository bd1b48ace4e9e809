"""The store as it was at a commit, written out as a folder the ordinary loader reads.

Used by ``build --as-of`` (the deck as it was) and, for a changed ``store.yaml``, by
``changes``; otherwise ``changes`` reads only the record files that differ
(:func:`catalog_then`). The folder is temporary and private; the store itself is never
touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing_builder.history.repository import StoreHistory, blob_id
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import MILESTONES_FILE, RECORD_FOLDERS, STORE_FILE, load_store
from briefing_builder.store.schema import Milestone
from briefing_builder.store.yaml_source import YamlError, parse_yaml


def write_snapshot(history: StoreHistory, commit_id: str, folder: Path) -> Path:
    """Write every file of ``commit_id`` under ``folder``; returns ``folder``."""
    commit = history.commit(commit_id.encode("ascii"))
    made: set[str] = set()
    for rel, blob in history.files_at(commit).items():
        target = folder / rel
        parent = os.path.dirname(rel)
        if parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        target.write_bytes(history.read_blob(blob))
    return folder


@contextmanager
def snapshot(history: StoreHistory, commit_id: str) -> Iterator[Path]:
    """A temporary folder holding the store as it was at ``commit_id`` (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="briefing-builder-snapshot-") as tmp:
        yield write_snapshot(history, commit_id, Path(tmp) / history.store.name)


@contextmanager
def catalog_at(history: StoreHistory, commit_id: str) -> Iterator[Catalog]:
    """The store loaded as it was at ``commit_id``."""
    with snapshot(history, commit_id) as folder:
        yield load_store(folder)


def catalog_then(history: StoreHistory, commit_id: str, now: Catalog) -> Catalog:
    """The store's records as they were at ``commit_id``, worked out from ``now`` (the store
    loaded from its folder): only the record files that differ are read from the history.

    Much faster than :func:`catalog_at` on a large store where few files changed; falls back
    to it when ``store.yaml`` changed. Records of old files that no longer validate are left
    out (the loader reports them where it matters: in the store as it is)."""
    committed = history.files_at(history.commit(commit_id.encode("ascii")))
    working = history.working_files()
    changed = {rel for rel in set(committed) | set(working)
               if _record_file(rel) and (rel not in working or rel not in committed
                                         or blob_id(working[rel].read_bytes()) != committed[rel])}
    if STORE_FILE in changed or (STORE_FILE in committed) != (STORE_FILE in working):
        with catalog_at(history, commit_id) as catalog:
            return catalog
    return with_old_files(now, changed, {rel: history.read_blob(committed[rel])
                                         for rel in sorted(changed & set(committed))})


def with_old_files(now: Catalog, changed: Collection[str], old: Mapping[str, bytes]) -> Catalog:
    """``now`` with the record files ``changed`` (paths in the store) as they were: their records
    now left out, the records of ``old`` (their earlier contents; a file absent there was added
    since) read in. ``now`` may hold only some of the store's files, loaded from a copy."""
    then = replace(now, areas=dict(now.areas), countries=dict(now.countries), consultations=dict(now.consultations),
                   milestones=dict(now.milestones), packs=dict(now.packs), origins=dict(now.origins), diagnostics=[])
    root = now.root
    for kind, records in _kinds(then).items():
        for rid in [rid for rid in records if _origin_rel(then, kind, rid, root) in changed]:
            del records[rid]
    for rel in sorted(old):
        _add_old(then, rel, old[rel])
    then.areas = dict(sorted(then.areas.items(), key=lambda kv: (kv[1].number, kv[0])))
    return then


def _record_file(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return name.endswith((".yaml", ".yml")) and not name.startswith(".") and (
        folder in RECORD_FOLDERS or (not folder and name in (MILESTONES_FILE, STORE_FILE)))


def _kinds(catalog: Catalog) -> dict[str, dict[str, Any]]:
    return {"areas": catalog.areas, "countries": catalog.countries, "consultations": catalog.consultations,
            "packs": catalog.packs, "milestones": catalog.milestones}


def _origin_rel(catalog: Catalog, kind: str, rid: str, root: Path) -> str | None:
    origin = catalog.origins.get(f"pack:{rid}" if kind == "packs" else rid)
    if origin is None:
        return None
    try:
        return Path(origin.path).relative_to(root).as_posix()
    except ValueError:
        return None


def _add_old(catalog: Catalog, rel: str, data: bytes) -> None:
    try:
        doc = parse_yaml(data, Path(rel)).data  # the store's own reading: its checks, and faster than PyYAML's
    except YamlError:
        return
    folder = rel.rpartition("/")[0]
    if not folder and rel == MILESTONES_FILE:
        entries = doc.get("milestones") if isinstance(doc, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            milestone = _valid(Milestone, entry)
            if milestone is not None:
                catalog.milestones.setdefault(milestone.id, milestone)
        return
    record = _valid(RECORD_FOLDERS[folder], doc)
    if record is not None:
        _kinds(catalog)[folder].setdefault(record.id, record)


def _valid(model: type[BaseModel], data: Any) -> Any:
    try:
        return model.model_validate(data) if isinstance(data, dict) else None
    except ValidationError:
        return None
