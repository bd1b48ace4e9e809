"""store/record_editor.py (used by the library forms): unchanged records rewrite nothing, conflicts are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.record_editor import (
    FileChange,
    StoreConflict,
    StoreWriteError,
    apply_change,
    read_text,
    remove_record,
    replace_record,
)
from tests.store.conftest import StoreCopy


@pytest.fixture
def store_copy(store: StoreCopy) -> Path:
    """The folder of a writable copy of the bundled sample store."""
    return store.root


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


def test_a_change_the_loader_would_reject_is_not_written(store_copy: Path) -> None:
    path = store_copy / "areas" / "04-return-readmission.yaml"
    text = read_text(path)
    broken = text.replace("    sub_points:\n      - ", "    sub_points:\n      - en: x\n        text: ", 1)
    with pytest.raises(StoreWriteError, match=r"would no longer load \(line \d+: .*nothing was written"):
        apply_change(FileChange(path, text, broken))
    assert read_text(path) == text
    apply_change(FileChange(path, text, text.replace("Improving readmission", "Better readmission")))  # a good edit


def test_a_bilingual_bare_sub_point_given_sub_points_becomes_a_record(store_copy: Path) -> None:
    path = store_copy / "areas" / "04-return-readmission.yaml"
    bare = '      - "**Better information exchange** between Member States Ensure Member States"'
    text = read_text(path).replace(bare, '      - en: "Better information exchange"\n        fr: "Meilleur échange"')
    path.write_text(text, encoding="utf-8")
    measure = next(m for m in load_store(store_copy).areas["return-readmission"].measures
                   if m.id == "readmission-by-third-countries")
    data = measure.model_dump()
    data["sub_points"][2] = {"text": {"en": "Better information exchange", "fr": "Meilleur échange"},
                             "sub_points": ["Between Member States"]}
    change = replace_record(path, text, measure.id, type(measure).model_validate(data))
    apply_change(change)
    measure = next(m for m in load_store(store_copy).areas["return-readmission"].measures if m.id == measure.id)
    point = measure.sub_points[2]
    assert point.text.translations == {"en": "Better information exchange", "fr": "Meilleur échange"}
    assert [str(p.text) for p in point.sub_points] == ["Between Member States"]
