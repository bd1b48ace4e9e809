"""``Catalog.read_only`` and ``Catalog.locate``, and the read-only rule the store writer enforces.

The writer's tests point the bundled store at a copy (``bundled`` fixture), so that a write the
rule failed to stop damages the copy, never the real ``sample_data/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder import paths
from briefing_builder.errors import Location
from briefing_builder.store import load_store
from briefing_builder.store.record_editor import FileChange, apply_change
from briefing_builder.store.writer import FieldEdit, StoreReadOnly, apply_edits, atomic_write_text
from tests.store.conftest import StoreCopy, files_of

AREA = "areas/02-strong-borders.yaml"


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled store that the program takes for the bundled one."""
    root = tmp_path / "installed" / "sample_data"
    shutil.copytree(paths.sample_store_dir(), root)
    monkeypatch.setattr(paths, "sample_store_dir", lambda: root)
    return root


def test_the_bundled_store_is_read_only_and_a_copy_is_not(store: StoreCopy) -> None:
    assert load_store(paths.sample_store_dir()).read_only
    assert not load_store(store.root).read_only


def test_a_link_to_the_bundled_store_is_the_bundled_store(tmp_path: Path) -> None:
    link = tmp_path / "my-store"
    link.symlink_to(paths.sample_store_dir(), target_is_directory=True)
    assert load_store(link).read_only
    assert paths.is_sample_store(link / "areas" / "01-migration-diplomacy.yaml")


def test_locate_names_the_file_and_line_of_each_kind_of_record(store: StoreCopy) -> None:
    catalog = load_store(store.root)
    assert catalog.locate("strong-borders") == Location(store.path(AREA), store.line_of(AREA, "id: strong-borders"))
    measure = catalog.locate("new-eibm-strategy")
    assert measure is not None and measure.file == store.path(AREA)
    lines = store.path(AREA).read_text(encoding="utf-8").splitlines()
    assert "new-eibm-strategy" in lines[measure.line - 1] or "new-eibm-strategy" in lines[measure.line]
    tunisia = "countries/tunisia.yaml"
    assert catalog.locate("tunisia") == Location(store.path(tunisia), store.line_of(tunisia, "id: tunisia"))
    milestone_id = next(iter(catalog.milestones))
    milestone = catalog.locate(milestone_id)
    assert milestone is not None and milestone.file == store.path("milestones.yaml")
    assert milestone_id in store.path("milestones.yaml").read_text(encoding="utf-8").splitlines()[milestone.line - 1]
    pack = catalog.locate("jha-counsellors-2026-01-12")
    assert pack is not None and pack.file == store.path("packs/jha-counsellors-2026-01-12.yaml")
    assert catalog.locate("no-such-record") is None


def test_locate_follows_a_record_moved_down_its_file(store: StoreCopy) -> None:
    line = store.line_of("countries/tunisia.yaml", "id: tunisia")
    store.replace("countries/tunisia.yaml", "id: tunisia", "# moved down by two comment lines\n#\nid: tunisia")
    assert load_store(store.root).locate("tunisia") == Location(store.path("countries/tunisia.yaml"), line + 2)


def test_a_field_edit_in_the_bundled_store_is_refused_and_nothing_is_written(bundled: Path) -> None:
    before = files_of(bundled)
    with pytest.raises(StoreReadOnly) as refused:
        apply_edits(bundled / AREA, [FieldEdit("new-eibm-strategy", "status", "planned")])
    assert files_of(bundled) == before
    message = str(refused.value)
    assert message.startswith(f"{bundled / AREA}: the bundled sample store is part of the installation and "
                              "read-only; nothing was written.")
    assert f"Copy the folder {bundled} to a folder of your own" in message


def test_every_way_of_writing_a_store_file_refuses_the_bundled_store(bundled: Path) -> None:
    before = files_of(bundled)
    area = bundled / AREA
    text = area.read_text(encoding="utf-8")
    attempts = [
        lambda: atomic_write_text(area, text + "# more\n"),                                  # whole-file writes
        lambda: apply_change(FileChange(area, text, text + "# more\n")),                     # library forms
        lambda: apply_change(FileChange(area, text, None)),                                  # deleting a record file
        lambda: apply_change(FileChange(bundled / "countries" / "new.yaml", None, "id: new\n")),  # new records
    ]
    for attempt in attempts:
        with pytest.raises(StoreReadOnly):
            attempt()
    assert files_of(bundled) == before


def test_a_user_store_linking_a_file_into_the_bundled_store_cannot_write_it(bundled: Path, store: StoreCopy) -> None:
    linked = store.path(AREA)
    linked.unlink()
    linked.symlink_to(bundled / AREA)
    before = files_of(bundled)
    with pytest.raises(StoreReadOnly):
        apply_edits(linked, [FieldEdit("new-eibm-strategy", "status", "planned")])
    assert files_of(bundled) == before
