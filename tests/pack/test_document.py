"""The plain-Python pack state: edits, descriptions, files (no widgets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.pack import document as pd
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Catalog, load_store


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


@pytest.fixture
def pack(catalog: Catalog):  # noqa: ANN201
    return catalog.packs["jha-counsellors-2026-01-12"]


def test_edits_return_new_values_and_leave_the_original(pack) -> None:  # noqa: ANN001
    moved = pd.move_section(pack, 6, 3)
    assert moved.sections[3].area == "return-readmission"
    assert pack.sections[6].area == "return-readmission"
    removed = pd.remove_section(moved, 3)
    assert len(removed.sections) == len(pack.sections) - 1
    added = pd.insert_sections(removed, 1, [pd.blank_section("text")])
    assert added.sections[1].type == "text"


def test_invalid_edits_are_refused_with_a_message(pack) -> None:  # noqa: ANN001
    with pytest.raises(pd.PackEditError, match="title"):
        pd.update_meeting(pack, title="")
    with pytest.raises(pd.PackEditError):
        pd.update_section(pack, 3, area="Not A Slug")
    with pytest.raises(pd.PackEditError, match="at least one"):
        pd.remove_section(pack.model_copy(update={"sections": pack.sections[:1]}), 0)


def test_sections_for_library_records(catalog: Catalog) -> None:
    assert pd.section_for_record("area", "strong-borders", catalog).area == "strong-borders"
    measure = pd.section_for_record("measure", "readmission-by-third-countries", catalog)
    assert (measure.area, measure.measures) == ("return-readmission", ["readmission-by-third-countries"])
    assert pd.section_for_record("country", "tunisia", catalog).country == "tunisia"
    assert pd.section_for_record("theme", "input-return-readmission", catalog).consultation == "ms-input-2026-01"


def test_outline_numbers_areas_in_pack_order(catalog: Catalog, pack) -> None:  # noqa: ANN001
    labels = [info.label for info in pd.describe_sections(pd.move_section(pack, 6, 3), catalog)]
    assert labels[3:5] == ["Area · 1. Return and readmission", "Area · 2. Migration Diplomacy"]


def test_a_french_packs_outline_shows_the_areas_french_titles(catalog: Catalog) -> None:
    labels = [info.label for info in pd.describe_sections(catalog.packs["jha-counsellors-2026-01-12-fr"], catalog)]
    assert labels[3] == "Area · 1. Diplomatie migratoire"  # the store's French text, as on the French deck
    assert labels[1] == "MS input · Contributions reçues des États membres"  # the pack's own French title
    assert labels[-1] == "Closing · Merci"  # the default title as the French deck writes it, not "Thank you"


def test_describe_flags_dangling_references(catalog: Catalog, pack) -> None:  # noqa: ANN001
    info = pd.describe_section(pack.sections[6], catalog, pack)
    assert info.label == "Area · 4. Return and readmission" and info.problem is None
    ghost = pd.update_section(pack, 6, area="no-such-area")
    info = pd.describe_section(ghost.sections[6], catalog, ghost)
    assert info.problem and "no-such-area" in info.problem
    assert pd.dangling_count(ghost, catalog) == 1


def test_save_and_read_round_trip(tmp_path: Path, pack) -> None:  # noqa: ANN001
    edited = pd.update_meeting(pd.move_section(pack, 6, 3), marking="LIMITE", venue="Brussels")
    path = tmp_path / "packs" / "edited.yaml"
    pd.save_pack(edited, path)
    assert pd.read_pack(path) == edited
    text = path.read_text(encoding="utf-8")
    assert "show_main_goals" not in text  # defaults are left out
    assert not list(path.parent.glob(".*.tmp"))


def test_unreadable_pack_files_give_readable_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad Id\nmeeting: {}\n", encoding="utf-8")
    with pytest.raises(pd.PackFileError, match="not a valid pack"):
        pd.read_pack(bad)
    with pytest.raises(pd.PackFileError, match="does not exist"):
        pd.read_pack(tmp_path / "missing.yaml")


def test_a_pack_is_never_saved_into_the_bundled_sample_store(pack) -> None:  # noqa: ANN001
    target = sample_store_dir() / "packs" / "saved-by-mistake.yaml"
    with pytest.raises(pd.PackFileError, match="read-only"):
        pd.save_pack(pack, target)
    assert not target.exists()


def test_a_copy_takes_its_id_from_the_file_name_made_unique() -> None:
    import datetime as dt

    from briefing_builder.pack.document import id_for_file, new_pack

    pack = new_pack(today=dt.date(2026, 3, 4))
    assert id_for_file(pack, Path("x/Ma copie, été.yaml"), set(), copy=True) == "ma-copie-ete"
    assert id_for_file(pack, Path("x/dup.yaml"), {"dup", "dup-2"}, copy=True) == "dup-3"
    assert id_for_file(pack, Path("x/other.yaml"), {"dup"}, copy=False) == pack.id  # its own file: its own id
    assert id_for_file(pack, Path("x/other.yaml"), {pack.id}, copy=False) == "other"  # another file has the id
    assert id_for_file(pack, Path("x/%%.yaml"), {pack.id}, copy=False) == f"{pack.id}-2"
