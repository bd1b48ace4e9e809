"""The store's history as builds and imports use it: started only when asked, files found again,
the store as it was at an earlier export, and the "what has changed" slide's list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_builder.compose.change_list import ChangeList
from briefing_builder.history.repository import HistoryError
from briefing_builder.history.service import as_of, export_recorded, history_for, kept_file, section_changes
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.schema import ChangesSection
from tests.history.conftest import edit

PACK = "strategy-partners-briefing"
AREA = "areas/01-migration-diplomacy.yaml"


def test_a_history_starts_only_when_asked_and_never_for_the_bundled_store(store: Path) -> None:
    assert history_for(store) is None and history_for(sample_store_dir(), start=True) is None
    catalog = load_store(store)
    assert export_recorded(catalog, catalog.packs[PACK], dt.date(2026, 3, 17), annex=False) is None
    export = export_recorded(catalog, catalog.packs[PACK], dt.date(2026, 3, 17), annex=False, start=True)
    assert export is not None and history_for(store) is not None


def test_a_file_deleted_since_is_found_again_where_it_was_last_kept(store: Path) -> None:
    catalog = load_store(store)
    export = export_recorded(catalog, catalog.packs[PACK], dt.date(2026, 3, 17), annex=False, start=True)
    assert export is not None
    kept = (store / AREA).read_bytes()
    (store / AREA).unlink()
    found = kept_file(store, AREA)
    assert found is not None and found[0] == kept and found[1] == export.tag
    assert kept_file(store, "areas/never-there.yaml") is None


def test_the_store_as_it_was_at_an_export_gives_the_pack_and_its_records_then(store: Path) -> None:
    catalog = load_store(store)
    export = export_recorded(catalog, catalog.packs[PACK], dt.date(2026, 3, 17), annex=False, start=True)
    assert export is not None
    edit(store / AREA, "Strong **comprehensive** partnerships", "Strong **balanced** partnerships")
    with as_of(store, PACK, export.tag) as then:
        assert then.pack.id == PACK and then.generated_on == dt.date(2026, 3, 17)
        texts = [m.text for a in then.catalog.areas.values() for m in a.measures]
        assert any("**comprehensive**" in t for t in texts) and not any("**balanced**" in t for t in texts)
    with as_of(store, PACK, "2026-03-17") as that_day:  # a day with an export: that export
        assert that_day.point.commit == then.point.commit
    bundled = r"The bundled sample store is read-only and keeps no history"
    with pytest.raises(HistoryError, match=bundled), as_of(sample_store_dir(), PACK, "HEAD"):
        pass


def test_a_changes_slide_without_a_history_says_it_cannot_list_them(store: Path) -> None:
    catalog = load_store(store)
    pack = catalog.packs[PACK]
    with_slide = pack.model_copy(update={"sections": [*pack.sections, ChangesSection(type="changes")]})
    listed = section_changes(catalog, with_slide)
    assert listed == {len(pack.sections): ChangeList(None, unavailable=True)}
