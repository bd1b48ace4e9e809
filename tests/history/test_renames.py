"""A store file renamed on one side of a sync is recognised by the records it holds.

The files are the bundled store's own (a country card, an area); the maps give each path a
blob id as git does, and the texts are the files' contents.
"""

from __future__ import annotations

from briefing_builder.history.renames import record_ids, renamed_files
from briefing_builder.paths import sample_store_dir

STORE = sample_store_dir()
CARD = "countries/afghanistan.yaml"
AREA = "areas/04-return-readmission.yaml"
TEXTS = {path: (STORE / path).read_text(encoding="utf-8") for path in (CARD, AREA)}


def _blobs(**files: str) -> dict[str, bytes]:
    """Path → blob id (here the text's own bytes, so equal contents have equal ids, as in git)."""
    return {path: text.encode("utf-8") for path, text in files.items()}


def test_a_files_records_are_read_by_their_ids() -> None:
    assert "afghanistan" in record_ids(TEXTS[CARD])
    assert "readmission-by-third-countries" in record_ids(TEXTS[AREA])
    assert record_ids("measures: [unclosed") == frozenset() and record_ids("") == frozenset()


def test_a_file_moved_as_it_was_or_with_an_edit_is_paired_with_its_new_name() -> None:
    base = _blobs(**{CARD: TEXTS[CARD], AREA: TEXTS[AREA]})
    edited = TEXTS[CARD].replace("Afghanistan", "Afghanistan (IE)", 1)
    side = _blobs(**{"countries/af.yaml": edited, AREA: TEXTS[AREA]})  # renamed and edited on my side
    other = _blobs(**{CARD: TEXTS[CARD] + "# their note\n", AREA: TEXTS[AREA]})  # still the old name there
    assert renamed_files(base, side, other, lambda blob: blob.decode("utf-8")) == {CARD: "countries/af.yaml"}


def test_a_file_deleted_and_an_unrelated_one_added_is_no_rename() -> None:
    base = _blobs(**{CARD: TEXTS[CARD]})
    side = _blobs(**{AREA: TEXTS[AREA]})
    other = _blobs(**{CARD: TEXTS[CARD]})
    assert renamed_files(base, side, other, lambda blob: blob.decode("utf-8")) == {}


def test_a_file_the_other_side_also_removed_or_added_is_not_taken_for_a_rename() -> None:
    base = _blobs(**{CARD: TEXTS[CARD]})
    side = _blobs(**{"countries/af.yaml": TEXTS[CARD]})
    assert renamed_files(base, side, {}, lambda blob: blob.decode("utf-8")) == {}  # gone on both sides
    both = _blobs(**{CARD: TEXTS[CARD], "countries/af.yaml": TEXTS[CARD]})
    assert renamed_files(base, side, both, lambda blob: blob.decode("utf-8")) == {}  # they added it too
