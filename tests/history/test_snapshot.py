"""The store as it was at a saved point: written out whole, or worked out from today's store.

Both ways must give the same records: the quick one (only the files that differ read from the
history) is what ``changes`` uses, the whole snapshot what ``build --as-of`` uses.
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.history.repository import start_history
from briefing_builder.history.snapshot import catalog_at, catalog_then, snapshot
from briefing_builder.store import load_store
from briefing_builder.store.catalog import Catalog
from tests.history.conftest import edit


def _records(catalog: Catalog) -> dict[str, object]:
    return {"areas": {k: v.model_dump() for k, v in catalog.areas.items()},
            "countries": {k: v.model_dump() for k, v in catalog.countries.items()},
            "consultations": {k: v.model_dump() for k, v in catalog.consultations.items()},
            "milestones": {k: v.model_dump() for k, v in catalog.milestones.items()},
            "packs": {k: v.model_dump() for k, v in catalog.packs.items()}}


def test_the_quick_way_and_the_whole_snapshot_give_the_same_store(store: Path) -> None:
    history = start_history(store)  # the store as it is becomes the first saved point
    saved = history.head()
    assert saved is not None and history.save_point("Nothing changed") is None
    before = _records(load_store(store))
    edit(store / "areas" / "01-migration-diplomacy.yaml", "Strong **comprehensive** partnerships",
         "Strong **comprehensive and balanced** partnerships")
    (store / "countries" / "egypt.yaml").unlink()
    (store / "countries" / "ghana.yaml").write_text((store / "countries" / "india.yaml").read_text(
        encoding="utf-8").replace("id: india", "id: ghana", 1), encoding="utf-8")
    now = load_store(store)
    assert "ghana" in now.countries and "egypt" not in now.countries
    commit = saved.decode("ascii")
    quick = catalog_then(history, commit, now)
    with catalog_at(history, commit) as whole:
        assert _records(whole) == before
    assert _records(quick) == before
    assert "ghana" in now.countries  # today's store is left as it is


def test_a_snapshot_is_a_private_folder_removed_afterwards(store: Path) -> None:
    history = start_history(store)
    commit = history.head()
    assert commit is not None
    (store / "milestones.yaml").write_text("milestones: []\n", encoding="utf-8")
    with snapshot(history, commit.decode("ascii")) as folder:
        assert folder != store and (folder / "store.yaml").is_file()
        assert (folder / "milestones.yaml").read_text(encoding="utf-8") != "milestones: []\n"
    assert not folder.exists()
    assert (store / "milestones.yaml").read_text(encoding="utf-8") == "milestones: []\n"
