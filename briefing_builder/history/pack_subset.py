"""The few store files a pack's changes depend on, loaded alone — ``changes`` on a large store
without loading all of it, now and as it was.

What a pack shows (:func:`.changes.shown_records`) comes from its pack file, the files of the
areas its area sections name, the files of the countries its country sections name and
``milestones.yaml`` — nothing else. :func:`subset_catalogs` picks those files (plus
``store.yaml`` and every pack file) from the store folder and from a commit, finding which
record each area or country file holds by the top-level ``id:`` line it starts with, read
without parsing; a file in which that line is not found exactly once is always taken. The
store's side is loaded by the ordinary loader from a private temporary folder, so records are
read, validated and kept or left out exactly as a whole load does; the commit's side is worked
out from it by :func:`.snapshot.with_old_files`, reading only the picked files that differ. ``None`` — load the whole
store instead — when a picked file is a link (the loader's link rules would not be the same
in a copy), when the loader would read a file the history does not keep (one ``.gitignore``
excludes, say), when ``store.yaml`` differs from the commit's, or when the pack is not found.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing_builder.history.repository import StoreHistory, blob_id
from briefing_builder.history.snapshot import with_old_files
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import MILESTONES_FILE, STORE_FILE, load_pack_file, load_store
from briefing_builder.store.schema import AreaSection, CountrySection, Pack

_ID = re.compile(rb"^id:[ \t]*([\"']?)([^\"'\s#]+)\1[ \t]*(?:#.*)?\r?$", re.MULTILINE)
_BY_ID = {"areas": AreaSection, "countries": CountrySection}
_ALWAYS = (STORE_FILE, MILESTONES_FILE)


def record_id(data: bytes) -> str | None:
    """The id a record file's top-level ``id:`` line gives; ``None`` unless there is exactly one."""
    found = _ID.findall(data)
    return found[0][1].decode("utf-8", "replace") if len(found) == 1 else None


def named(pack: Pack) -> dict[str, set[str]]:
    """The area and country ids ``pack``'s sections name, by record folder."""
    out: dict[str, set[str]] = {folder: set() for folder in _BY_ID}
    for section in pack.sections:
        if isinstance(section, AreaSection):
            out["areas"].add(section.area)
        elif isinstance(section, CountrySection):
            out["countries"].add(section.country)
    return out


def _picked(files: dict[str, bytes], wanted: dict[str, set[str]]) -> dict[str, bytes]:
    """The files (path → content) a pack naming ``wanted`` depends on (module doc)."""
    out: dict[str, bytes] = {}
    for rel, data in files.items():
        folder, _, name = rel.rpartition("/")
        if not name.endswith((".yaml", ".yml")) or name.startswith("."):
            continue
        if (not folder and rel in _ALWAYS) or folder == "packs":
            out[rel] = data
        elif folder in wanted:
            rid = record_id(data)
            if rid is None or rid in wanted[folder]:
                out[rel] = data
    return out


@contextmanager
def _loaded(files: dict[str, bytes], name: str) -> Iterator[Catalog]:
    with tempfile.TemporaryDirectory(prefix="briefing-builder-changes-") as tmp:
        root = Path(tmp) / name
        for rel, data in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        yield load_store(root)


@contextmanager
def subset_catalogs(history: StoreHistory, commit_id: str, pack_id: str) -> Iterator[tuple[Catalog, Catalog] | None]:
    """The store now and as it was at ``commit_id``, each holding only what ``pack_id`` depends on
    (module doc), or ``None`` when a whole load is needed."""
    working = history.working_files()
    committed = history.files_at(history.commit(commit_id.encode("ascii")))
    if any(os.path.islink(path) for path in working.values()) or not _all_kept(history.store, working):
        yield None
        return
    now_files = {rel: path.read_bytes() for rel, path in working.items() if _record_folder(rel)}
    if blob_id(now_files[STORE_FILE]) != committed.get(STORE_FILE):
        yield None
        return
    now_pack = _pack(now_files, pack_id)
    if now_pack is None:
        yield None
        return
    then_files = {rel: now_files[rel] if rel in now_files and blob_id(now_files[rel]) == blob else
                  history.read_blob(blob) for rel, blob in committed.items() if _record_folder(rel)}
    then_pack = _pack(then_files, pack_id)
    wanted = named(now_pack)
    for folder, ids in (named(then_pack) if then_pack is not None else {}).items():
        wanted[folder] |= ids
    now_picked, then_picked = _picked(now_files, wanted), _picked(then_files, wanted)
    changed = {rel for rel in set(now_picked) | set(then_picked) if now_picked.get(rel) != then_picked.get(rel)}
    with _loaded(now_picked, history.store.name) as now:
        yield now, with_old_files(now, changed, {rel: then_picked[rel] for rel in changed if rel in then_picked})


def _all_kept(store: Path, working: dict[str, Path]) -> bool:
    """Whether every file the loader reads for a pack's records is one the history keeps (none
    ignored by ``.gitignore``, none skipped as a lock file, none behind a linked folder)."""
    if STORE_FILE not in working or (os.path.lexists(store / MILESTONES_FILE) and MILESTONES_FILE not in working):
        return False
    for folder in ("packs", *_BY_ID):
        if not os.path.isdir(store / folder):
            continue
        with os.scandir(store / folder) as listing:
            if any(entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith(".")
                   and f"{folder}/{entry.name}" not in working for entry in listing):
                return False
    return True


def _record_folder(rel: str) -> bool:
    folder = rel.rpartition("/")[0]
    return not folder or folder in ("packs", *_BY_ID)


def _pack(files: dict[str, bytes], pack_id: str) -> Pack | None:
    """The pack ``pack_id`` among the pack files of ``files`` (``None`` when not exactly one holds it)."""
    holders = [data for rel, data in files.items()
               if rel.startswith("packs/") and rel.endswith((".yaml", ".yml")) and record_id(data) == pack_id]
    if len(holders) != 1:
        return None
    with tempfile.TemporaryDirectory(prefix="briefing-builder-pack-") as tmp:
        path = Path(tmp) / f"{pack_id}.yaml"
        path.write_bytes(holders[0])
        pack, _ = load_pack_file(path)
    return pack
