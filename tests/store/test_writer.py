"""Round-trip edits of store files: only the edited lines change; untouched files are not written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_builder.store.loader import load_store
from briefing_builder.store.writer import FieldEdit, Reorder, StoreWriteError, apply_edits, record_line
from tests.store.conftest import StoreCopy

AREA = "areas/04-return-readmission.yaml"


@pytest.fixture
def root(store: StoreCopy) -> Path:
    """The folder of the store copy the edits write into."""
    return store.root


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib
    return [(line[0], line[2:].rstrip("\n")) for line in difflib.ndiff(before.splitlines(True), after.splitlines(True))
            if line[0] in "+-"]


def test_only_the_edited_value_changes_keeping_comments_order_and_quotes(root: Path) -> None:
    path = root / AREA
    before = path.read_text(encoding="utf-8")
    formula = '=HYPERLINK("http://evil","x") **bold** \\ back'
    assert apply_edits(path, [FieldEdit("readmission-by-third-countries", "text", formula)])
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        ("-", '    text: "**Improving readmission by third countries**"'),
        ("+", '    text: "=HYPERLINK(\\"http://evil\\",\\"x\\") **bold** \\\\ back"'),
    ]
    catalog = load_store(root)
    assert not catalog.errors
    assert catalog.areas["return-readmission"].measures[1].text == formula  # formula-like text stays text


def test_new_keys_lists_and_plain_scalars(root: Path) -> None:
    path = root / AREA
    before = path.read_text(encoding="utf-8")
    assert apply_edits(path, [FieldEdit("common-european-return-system", "status", "ongoing"),
                              FieldEdit("common-european-return-system", "lead", ["COM", "EEAS"])])
    changes = _changed_lines(before, path.read_text(encoding="utf-8"))
    assert changes == [("+", '    lead: ["COM", "EEAS"]'), ("+", "    status: ongoing")]  # each right after text
    measure = load_store(root).areas["return-readmission"].measures[0]
    assert measure.status.value == "ongoing" and measure.lead == ["COM", "EEAS"]


def test_no_change_means_no_write(root: Path) -> None:
    path = root / AREA
    stamp = path.stat().st_mtime_ns
    data = path.read_bytes()
    assert not apply_edits(path, [FieldEdit("readmission-by-third-countries", "text",
                                            "**Improving readmission by third countries**")])
    assert not apply_edits(path, [])
    assert path.stat().st_mtime_ns == stamp and path.read_bytes() == data


def test_a_file_ruamel_does_not_reproduce_exactly_keeps_its_other_lines(root: Path) -> None:
    path = root / "store.yaml"
    before = path.read_text(encoding="utf-8")
    assert "default_marking: null" in before
    path.write_text(before.replace('name: "', 'id: store-meta\nname: "', 1), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert apply_edits(path, [FieldEdit("store-meta", "version", "2026-02")])
    after = path.read_text(encoding="utf-8")
    assert "default_marking: null" in after  # ruamel alone would write "default_marking:"
    changes = _changed_lines(before, after)
    assert [sign for sign, _ in changes] == ["-", "+"]
    assert changes[0][1].startswith('version: "2026-01"') and changes[1][1].startswith('version: "2026-02"')


def test_unknown_record_and_line_numbers(root: Path) -> None:
    with pytest.raises(StoreWriteError, match="no record with id 'nope'"):
        apply_edits(root / AREA, [FieldEdit("nope", "text", "x")])
    assert record_line(root / AREA, "readmission-by-third-countries") == \
        load_store(root).origins["readmission-by-third-countries"].line
    assert record_line(root / "milestones.yaml", "next-mff-2028-2034")
    assert apply_edits(root / "countries" / "nigeria.yaml", [FieldEdit("nigeria", "last_reviewed",
                                                                         dt.date(2026, 3, 1))])
    assert load_store(root).countries["nigeria"].last_reviewed == dt.date(2026, 3, 1)


def test_a_store_write_that_fails_midway_keeps_the_file_and_leaves_no_temporary(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.ooxml import atomic_files
    from briefing_builder.store.writer import write_bytes_atomically

    path = root / AREA
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    with pytest.raises(StoreWriteError, match=r"could not be written \(the disk is full\).*The file is unchanged"):
        write_bytes_atomically(path, b"title: half\n")
    assert path.read_bytes() == before and not list(path.parent.glob(".*.tmp"))


def test_a_store_file_saved_meanwhile_is_left_alone(root: Path) -> None:
    from briefing_builder.store.writer import file_hash, write_bytes_atomically

    path = root / AREA
    expected = file_hash(path)
    path.write_text(path.read_text(encoding="utf-8") + "# saved by a colleague\n", encoding="utf-8")
    with pytest.raises(StoreWriteError, match="someone saved it while the edits were being written"):
        write_bytes_atomically(path, b"mine\n", expected)
    assert path.read_text(encoding="utf-8").endswith("# saved by a colleague\n")
    assert not list(path.parent.glob(".*.tmp"))


def test_a_read_only_store_file_is_refused_with_what_to_do(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated (the suite runs as root, who may write anything): the file is marked read-only."""
    from briefing_builder.ooxml import atomic_files
    from briefing_builder.store.writer import write_bytes_atomically

    path = root / AREA
    before = path.read_bytes()
    monkeypatch.setattr(atomic_files.os, "access", lambda target, mode: Path(target) != path)
    with pytest.raises(StoreWriteError, match="is read-only, so nothing was written; make it writable"):
        write_bytes_atomically(path, b"mine\n")
    assert path.read_bytes() == before


def test_a_field_of_a_list_item_is_edited_in_place_keeping_its_neighbours(root: Path) -> None:
    path = root / "countries" / "tunisia.yaml"
    before = path.read_text(encoding="utf-8")
    edits = [FieldEdit("tunisia", "key_figures.0.value", 21.5), FieldEdit("tunisia", "key_figures.0.unit", None),
             FieldEdit("tunisia", "key_figures.1.as_of", dt.date(2026, 2, 1))]
    assert apply_edits(path, edits)
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [("-", "    value: 20"), ("+", "    value: 21.5"),
                                             ("-", '    unit: "thousand people"'),
                                             ("-", "    as_of: 2026-01-12"), ("+", "    as_of: 2026-02-01")]
    assert load_store(root).countries["tunisia"].key_figures[0].value == 21.5


def test_a_list_item_that_is_not_there_is_refused_by_name(root: Path) -> None:
    path = root / "countries" / "tunisia.yaml"
    with pytest.raises(StoreWriteError, match=r"key_figures\.9\.value"):
        apply_edits(path, [FieldEdit("tunisia", "key_figures.9.value", 1)])


def test_a_reordered_list_moves_its_items_with_their_comments(tmp_path: Path) -> None:
    path = tmp_path / "area.yaml"
    path.write_text('id: area\ntitle: "A"\nmeasures:\n  - id: m\n    text: "M"\n    sub_points:\n      - "one"\n'
                    '      # about two\n      - "two"  # checked\n      - "three"\n\n  - id: n\n    text: "N"\n',
                    encoding="utf-8")
    assert apply_edits(path, [FieldEdit("m", "sub_points", Reorder((2, 1, 0)))])
    assert path.read_text(encoding="utf-8") == (
        'id: area\ntitle: "A"\nmeasures:\n  - id: m\n    text: "M"\n    sub_points:\n      - "three"\n'
        '      # about two\n      - "two"  # checked\n      - "one"\n\n  - id: n\n    text: "N"\n')
    with pytest.raises(StoreWriteError, match="cannot be reordered"):
        apply_edits(path, [FieldEdit("m", "sub_points", Reorder((1, 0)))])
