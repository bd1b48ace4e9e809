"""Where a pack's template file lies: inside the store (written relative, it travels with a shared
store) or outside it (an absolute path that another computer does not have). Plain Python, no Qt."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack


def template_reference(chosen: Path, store_root: Path) -> str:
    """How a pack names the template file ``chosen``: relative to the store (with ``/``) when it lies
    inside ``store_root``, else its absolute path."""
    chosen = Path(chosen).resolve()
    try:
        return str(PurePosixPath(*chosen.relative_to(Path(store_root).resolve()).parts))
    except ValueError:
        return str(chosen)


def template_outside_store(pack: Pack, catalog: Catalog) -> str | None:
    """A sentence when ``pack``'s template is a file outside the store (it will not travel with a shared
    store), else None. Bundled names and store-relative paths are fine."""
    name = pack.meeting.template
    if not name or not Path(name).expanduser().is_absolute():
        return None
    path = Path(name).expanduser()
    if template_reference(path, catalog.root) != str(path.resolve()):
        return None
    return (f"The template {path} lies outside the store: it will not travel with a shared store. "
            "Copy it into the store folder and choose it there (Template → Other…).")
