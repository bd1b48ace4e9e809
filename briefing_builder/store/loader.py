"""Load a store folder into a :class:`Catalog`, never stopping at the first bad file.

A store is any folder with a ``store.yaml``::

    store.yaml              name, language, defaults
    areas/*.yaml            one priority area per file (with its measures)
    countries/*.yaml        one country card per file
    consultations/*.yaml    one consultation (input from Member States) per file
    milestones.yaml         a list under the key ``milestones``
    packs/*.yaml            one meeting pack per file

Each problem becomes a located :class:`Diagnostic`; the good records are kept.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefing_builder.errors import BriefingError, Do, Hint, Location
from briefing_builder.store.catalog import Catalog, Origin
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.errors import describe_value, validation_diagnostics
from briefing_builder.store.links import LinkPolicy
from briefing_builder.store.localised import LocalText
from briefing_builder.store.references import check_references
from briefing_builder.store.schema import Area, Consultation, CountryCard, Milestone, Pack, StoreMeta
from briefing_builder.store.yaml_source import YamlError, YamlSource, parse_yaml, read_yaml

STORE_FILE = "store.yaml"
MILESTONES_FILE = "milestones.yaml"
RECORD_FOLDERS: dict[str, type[BaseModel]] = {
    "areas": Area,
    "countries": CountryCard,
    "consultations": Consultation,
    "packs": Pack,
}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded:
    """A validated record with the source it came from (kept for locating later checks)."""

    record: Any
    source: YamlSource
    prefix: tuple[Any, ...] = ()


class StoreNotFound(BriefingError):
    """The folder is not a store (no ``store.yaml``) or does not exist."""


def is_store(folder: Path) -> bool:
    """True when ``folder`` looks like a store."""
    return (folder / STORE_FILE).is_file()


def load_store(root: Path) -> Catalog:
    """Load every record under ``root``; bad files become diagnostics, good records stay."""
    with gc_paused():
        return _load_store(Path(root))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk load.

    Loading allocates hundreds of thousands of small objects that all stay alive; the
    collector would walk them again and again (a third of a 5,000-record load) and free
    nothing. The previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_store(root: Path) -> Catalog:
    if not root.is_dir():
        raise StoreNotFound("no such folder.", Location(root),
                            Hint(f"Choose a folder that holds a {STORE_FILE}.", Do.POINT_AT_STORE,
                                 (("store_file", STORE_FILE),)))
    if not is_store(root):
        raise StoreNotFound(f"{root}: not a store — it has no {STORE_FILE}. "
                            "Create one (see docs/store-format.md) or choose another folder.")
    diagnostics: list[Diagnostic] = []
    translations_before = LocalText.made
    meta = _load_meta(root / STORE_FILE, LinkPolicy(root), diagnostics)
    links = LinkPolicy(root, meta.allow_links_outside)
    catalog = Catalog(root=root, meta=meta)
    loaded: list[Loaded] = []

    for folder, model in RECORD_FOLDERS.items():
        target = _target(catalog, folder)
        for path in _yaml_files(root / folder, links, diagnostics):
            item = _load_one(path, model, diagnostics)
            if item is not None:
                _add(target, item, folder, catalog, diagnostics)
                loaded.append(item)

    milestones_path = root / MILESTONES_FILE
    if os.path.lexists(milestones_path) and links.readable(milestones_path, diagnostics):
        for item in _load_list(milestones_path, "milestones", Milestone, diagnostics):
            _add(catalog.milestones, item, "milestones", catalog, diagnostics)
            loaded.append(item)

    catalog.areas = dict(sorted(catalog.areas.items(), key=lambda kv: (kv[1].number, kv[0])))
    diagnostics.extend(check_references(catalog, loaded))
    catalog.diagnostics = sorted(diagnostics, key=lambda d: (str(d.path), d.line, d.column, d.message))
    catalog.translated = LocalText.made != translations_before  # (another thread's load: True, only slower)
    return catalog


def load_pack_file(path: Path) -> tuple[Pack | None, list[Diagnostic]]:
    """Load a pack file that may live outside any store."""
    diagnostics: list[Diagnostic] = []
    item = _load_one(Path(path), Pack, diagnostics)
    return (item.record if item else None), diagnostics


def file_problems(path: Path, text: str) -> list[Diagnostic]:
    """The errors loading ``text`` as the store file ``path`` would report (its kind from its folder or name)."""
    diagnostics: list[Diagnostic] = []
    try:
        source = parse_yaml(text.encode("utf-8"), path)
    except YamlError as exc:
        return [exc.diagnostic]
    model = RECORD_FOLDERS.get(path.parent.name)
    if path.name == MILESTONES_FILE:
        _list_items(source, "milestones", Milestone, diagnostics)
    elif path.name == STORE_FILE:
        if isinstance(source.data, dict):
            _validate(source, source.data, StoreMeta, (), diagnostics)
    elif model is not None:
        _validate(source, source.data, model, (), diagnostics)
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def _target(catalog: Catalog, folder: str) -> dict[str, Any]:
    targets: dict[str, dict[str, Any]] = {"areas": catalog.areas, "countries": catalog.countries,
                                          "consultations": catalog.consultations, "packs": catalog.packs}
    return targets[folder]


def _yaml_files(folder: Path, links: LinkPolicy, diagnostics: list[Diagnostic]) -> list[Path]:
    """The record files of ``folder`` that may be read (links checked by ``links``)."""
    if not os.path.lexists(folder) or not links.readable(folder, diagnostics) or not folder.is_dir():
        return []
    folder_linked = folder.is_symlink()
    with os.scandir(folder) as listing:  # entries know if they are links or files: no more system calls
        entries = sorted(((folder / e.name, e) for e in listing
                          if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".")), key=lambda pe: pe[0])
    files = []
    for path, entry in entries:
        if not links.readable(path, diagnostics, folder_linked or entry.is_symlink()):
            continue
        if entry.is_file():
            files.append(path)
        elif not entry.is_dir():
            diagnostics.append(Diagnostic(path, 0, 0, "this is not a regular file (a pipe, a device or a socket, "
                                          "or a link to one); the store reads only files — delete it, or replace "
                                          "it with a .yaml file", Severity.WARNING))
    return files


def _read(path: Path, diagnostics: list[Diagnostic]) -> YamlSource | None:
    try:
        return read_yaml(path)
    except YamlError as exc:
        diagnostics.append(exc.diagnostic)
        return None


def _load_meta(path: Path, links: LinkPolicy, diagnostics: list[Diagnostic]) -> StoreMeta:
    fallback = StoreMeta(name=path.parent.name or "store")
    source = _read(path, diagnostics) if links.readable(path, diagnostics) else None
    if source is None:
        return fallback
    if not isinstance(source.data, dict):
        diagnostics.append(Diagnostic(path, 1, 1, "store.yaml must be a mapping with at least 'name: …'"))
        return fallback
    try:
        return StoreMeta.model_validate(source.data)
    except ValidationError as exc:
        diagnostics.extend(validation_diagnostics(exc, source, model=StoreMeta))
        return fallback


#: What each record type is called in messages.
_RECORD_NAMES = {Area: "priority area", CountryCard: "country card", Consultation: "consultation",
                 Milestone: "milestone", Pack: "pack", StoreMeta: "store description"}


def _validate(source: YamlSource, data: Any, model: type[M], prefix: tuple[Any, ...],
              diagnostics: list[Diagnostic]) -> M | None:
    if not isinstance(data, dict):
        line, col = source.locate(prefix)
        what = "empty" if data is None else describe_value(data)
        diagnostics.append(Diagnostic(source.path, line, col,
                                      f"expected a mapping of fields for a "
                                      f"{_RECORD_NAMES.get(model, 'record')}, but the "
                                      f"{'file' if not prefix else 'entry'} is {what}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(validation_diagnostics(exc, source, prefix, model))
        return None


def _load_one(path: Path, model: type[M], diagnostics: list[Diagnostic]) -> Loaded | None:
    source = _read(path, diagnostics)
    if source is None:
        return None
    record = _validate(source, source.data, model, (), diagnostics)
    return Loaded(record, source) if record is not None else None


def _load_list(path: Path, key: str, model: type[M], diagnostics: list[Diagnostic]) -> list[Loaded]:
    source = _read(path, diagnostics)
    return _list_items(source, key, model, diagnostics) if source is not None else []


def _list_items(source: YamlSource, key: str, model: type[M], diagnostics: list[Diagnostic]) -> list[Loaded]:
    path = source.path
    data = source.data
    if data is None:
        return []
    if not (isinstance(data, dict) and isinstance(data.get(key), list)):
        diagnostics.append(Diagnostic(path, 1, 1, f"expected a list under the key '{key}:'"))
        return []
    extra = sorted(str(k) for k in data if k != key)
    if extra:
        line, col = source.locate_key((extra[0],))
        diagnostics.append(Diagnostic(path, line, col, f"unknown top-level key '{extra[0]}' (only '{key}' is read)",
                                      Severity.WARNING))
    items = []
    for index, entry in enumerate(data[key]):
        record = _validate(source, entry, model, (key, index), diagnostics)
        if record is not None:
            items.append(Loaded(record, source, (key, index)))
    return items


def _add(target: dict[str, Any], item: Loaded, kind: str, catalog: Catalog,
         diagnostics: list[Diagnostic]) -> None:
    record = item.record
    key = f"pack:{record.id}" if kind == "packs" else record.id
    if record.id in target or (kind != "packs" and key in catalog.origins):
        line, col = item.source.locate(item.prefix + ("id",))
        first = catalog.origins.get(key)
        where = f" (first defined in {first.path.name}:{first.line})" if first else ""
        diagnostics.append(Diagnostic(item.source.path, line, col,
                                      f"duplicate id '{record.id}'{where}; ids must be unique — rename one"))
        return
    if kind == "areas":
        kept = []
        for index, measure in enumerate(record.measures):
            if measure.id in catalog.origins:
                mline, mcol = item.source.locate(("measures", index, "id"))
                first = catalog.origins[measure.id]
                diagnostics.append(Diagnostic(item.source.path, mline, mcol,
                                              f"duplicate id '{measure.id}' (first defined in "
                                              f"{first.path.name}:{first.line}); measure ids must be unique "
                                              "in the whole store — rename one"))
            else:
                catalog.origins[measure.id] = Origin(item.source.path, item.source, ("measures", index))
                kept.append(measure)
        if len(kept) != len(record.measures):
            # An error drops the record it is about: the duplicate measure, not its whole area.
            # (``item`` keeps the full area so later checks locate values by their real index.)
            record = record.model_copy(update={"measures": kept})
    target[record.id] = record
    catalog.origins[key] = Origin(item.source.path, item.source, item.prefix + ("id",))
