"""store/record_editor.py (used by the library forms): unchanged records rewrite nothing, conflicts are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.record_editor import (
    FileChange,
    StoreConflict,
    apply_change,
    read_text,
    remove_record,
    replace_record,
)


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample store."""
    target = tmp_path / "store"
    shutil.copytree(sample_store_dir(), target)
    return target


def test_every_sample_record_written_back_unchanged_is_byte_identical() -> None:
    catalog = load_store(sample_store_dir())
    records = [(m.id, m) for a in catalog.areas.values() for m in a.measures]
    records += list(catalog.countries.items()) + list(catalog.milestones.items())
    records += [(t.id, t) for c in catalog.consultations.values() for t in c.themes]
    owners = {t.id: c.id for c in catalog.consultations.values() for t in c.themes}
    for record_id, record in records:
        path = catalog.origins[owners.get(record_id, record_id)].path
        text = read_text(path)
        assert replace_record(path, text, record_id, record).after == text, record_id


def test_remove_then_apply_refuses_a_file_changed_meanwhile(store_copy: Path) -> None:
    path = store_copy / "milestones.yaml"
    text = read_text(path)
    change = remove_record(path, text, "next-mff-2028-2034")
    assert "next-mff-2028-2034" not in change.after and change.after.endswith("\n")
    assert not change.after.endswith("\n\n")
    path.write_text(text + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(StoreConflict, match="changed on disk"):
        apply_change(change)
    assert read_text(path) == text + "# edited elsewhere\n"
    with pytest.raises(StoreConflict, match="was created"):
        apply_change(FileChange(store_copy / "countries" / "tunisia.yaml", None, "id: x\n"))
