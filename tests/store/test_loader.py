"""Loading broken stores: every problem is reported at its exact ``path:line:column``.

Each test copies the bundled store (``store`` fixture, see ``conftest.py``), damages one file
and checks the formatted diagnostic (path relative to the store root) plus a key phrase of
its message. Lines inside the bundled files are found with ``store.line_of`` so comments
added to ``sample_data/`` do not break the tests; files a test writes itself use literal
positions.
"""

from __future__ import annotations

import itertools
import os
import pathlib
import shutil
from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Severity, StoreNotFound, load_store
from briefing_builder.store.yaml_source import MAX_EXPANDED_NODES, MAX_FILE_BYTES

from .conftest import BROKEN, StoreCopy

RETURN = "areas/04-return-readmission.yaml"
DIPLOMACY = "areas/01-migration-diplomacy.yaml"
BORDERS = "areas/02-strong-borders.yaml"
PACK = "packs/jha-counsellors-2026-01-12.yaml"
CONSULTATION = "consultations/ms-input-2026-01.yaml"

#: Record counts of the bundled store.
BUNDLED = {"areas": 6, "measures": 23, "countries": 11, "consultations": 1, "milestones": 7, "packs": 3}

COUNTRY = """\
id: zz
iso_code: ZZ
name: "Zedland"
region: "Nowhere"
relationship: "Partner"
"""


def formatted(store: StoreCopy, rel: str | None = None) -> list[str]:
    """Diagnostics as ``path:line:col: severity: message``, relative to the store root."""
    catalog = store.load()
    out = [d.format(store.root) for d in catalog.diagnostics]
    if rel is not None:
        out = [line for line in out if line.startswith(rel + ":")]
    return out


def only(store: StoreCopy, rel: str) -> str:
    """The single diagnostic of the whole store, which must be in ``rel``."""
    lines = formatted(store)
    assert len(lines) == 1, lines
    assert lines[0].startswith(rel + ":"), lines
    return lines[0]


def counts_with(**changes: int) -> dict[str, int]:
    return {**BUNDLED, **changes}


# ---------------------------------------------------------------------------- baseline


def test_bundled_store_loads_without_diagnostics() -> None:
    catalog = load_store(sample_store_dir())
    assert catalog.diagnostics == []
    assert catalog.counts() == BUNDLED
    assert list(catalog.areas) == [
        "migration-diplomacy", "strong-borders", "asylum-migration-system", "return-readmission",
        "labour-mobility-legal-pathways", "financial-operational-support",
    ]
    assert set(catalog.packs) == {
        "jha-counsellors-2026-01-12", "jha-counsellors-2026-01-12-fr", "strategy-partners-briefing"}


def test_copy_of_bundled_store_loads_without_diagnostics(store: StoreCopy) -> None:
    catalog = store.load()
    assert catalog.diagnostics == []
    assert catalog.counts() == BUNDLED


def test_missing_store_yaml_raises_store_not_found(store: StoreCopy) -> None:
    (store.root / "store.yaml").unlink()
    with pytest.raises(StoreNotFound, match=r"not a store — it has no store\.yaml"):
        store.load()


def test_missing_folder_raises_store_not_found(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="no such folder"):
        load_store(tmp_path / "nope")


def test_store_yaml_as_a_folder_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "store.yaml").mkdir()
    with pytest.raises(StoreNotFound):
        load_store(tmp_path)


# ---------------------------------------------------------------------------- YAML syntax


def test_indented_key_is_a_syntax_error(store: StoreCopy) -> None:
    store.write(BORDERS, 'id: strong-borders\nnumber: 2\n  title: "Strong EU borders"\n')
    assert formatted(store, BORDERS) == [
        (f"{BORDERS}:3:8: error: YAML syntax error: mapping values are not allowed in this context "
         "(a value containing ': ' must be quoted)")
    ]


def test_dedented_key_in_a_list_item_is_a_syntax_error(store: StoreCopy) -> None:
    store.write(BORDERS, 'id: strong-borders\nnumber: 2\ntitle: "Strong EU borders"\nmeasures:\n'
                         '  - id: a\n    text: "x"\n   sub_points: []\n')
    assert formatted(store, BORDERS) == [
        f"{BORDERS}:7:4: error: YAML syntax error: did not find expected '-' indicator"]


def test_tab_indentation_is_reported_with_a_hint(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY + "cooperation_areas:\n\t- \"x\"\n")
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:7:1: error: YAML syntax error: found character that cannot start any token "
        "(indent with spaces, not tabs)")


def test_unquoted_colon_space_in_a_value(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace('"Partner"', "Readmission: ongoing"))
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:5:26: error: YAML syntax error: mapping values are not allowed in this context "
        "(a value containing ': ' must be quoted)")


def test_unquoted_colon_in_a_bundled_measure(store: StoreCopy) -> None:
    line = store.line_of(RETURN, 'text: "**Improving readmission by third countries**"')
    store.replace(RETURN, 'text: "**Improving readmission by third countries**"',
                  "text: Improving readmission: by third countries")
    # 4 spaces + "text: Improving readmission" = 31 characters; the ':' is column 32
    assert formatted(store, RETURN) == [
        (f"{RETURN}:{line}:32: error: YAML syntax error: mapping values are not allowed in this context "
         "(a value containing ': ' must be quoted)")
    ]


# ---------------------------------------------------------------------------- schema errors


def test_missing_required_field(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace('region: "Nowhere"\n', ""))
    assert only(store, "countries/zz.yaml") == "countries/zz.yaml:1:1: error: missing required field 'region' — add it"
    assert "zz" not in store.load().countries


def test_missing_required_field_of_a_measure_is_located_at_the_measure(store: StoreCopy) -> None:
    store.write("areas/07-extra.yaml", 'id: extra\nnumber: 7\ntitle: "Extra"\nmeasures:\n'
                                       '  - id: ok-measure\n    text: "fine"\n  - id: no-text\n')
    assert only(store, "areas/07-extra.yaml") == (
        "areas/07-extra.yaml:7:5: error: missing required field 'text' — add it (in measures[1])")


def test_misspelt_field_is_an_error(store: StoreCopy) -> None:
    # reported at the misspelt key itself, not at the list that follows it
    line = store.line_of(RETURN, "- id: common-european-return-system") + 2
    store.replace(RETURN, "    sub_points:\n      - \"Adoption", "    sub_point:\n      - \"Adoption")
    lines = formatted(store, RETURN)
    assert lines == [f"{RETURN}:{line}:5: error: unknown field 'sub_point' — check its spelling or remove it"]


def test_unknown_top_level_field_lists_the_known_fields(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY + 'nmae: "typo"\n')
    message = only(store, "countries/zz.yaml")
    assert message.startswith("countries/zz.yaml:6:1: error: unknown field 'nmae' — check its spelling")
    assert message.endswith("; known fields: id, iso_code, name, region, relationship, cooperation_areas, "
                            "instruments, key_figures, notes, last_reviewed, sources")


def test_string_where_a_list_is_expected(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY + 'cooperation_areas: "one"\n')
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:6:20: error: cooperation_areas: expected a valid list, got 'one'")


def test_single_string_accepted_where_documented(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY + 'sources: "One source"\n')
    catalog = store.load()
    assert catalog.diagnostics == []
    assert catalog.countries["zz"].sources == ["One source"]


def test_text_where_a_number_is_expected(store: StoreCopy) -> None:
    line = store.line_of(CONSULTATION, "ms_count: 9")
    store.replace(CONSULTATION, "ms_count: 9", "ms_count: nine")
    assert formatted(store, CONSULTATION) == [
        f"{CONSULTATION}:{line}:11: error: ms_count: expected a whole number (e.g. 9), got 'nine'"
    ]
    # the pack that names the dropped consultation now names an unknown one
    pack_line = store.line_of(PACK, "consultation: ms-input-2026-01")
    assert formatted(store, PACK) == [
        (f"{PACK}:{pack_line}:19: error: unknown consultation id 'ms-input-2026-01'; check the spelling or add "
         "the consultation to the store")
    ]


def test_number_out_of_range(store: StoreCopy) -> None:
    store.write("areas/07-extra.yaml", 'id: extra\nnumber: 100\ntitle: "Extra"\n')
    assert only(store, "areas/07-extra.yaml") == (
        "areas/07-extra.yaml:2:9: error: number: Input should be less than or equal to 99")


def test_invalid_id_slug(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace("id: zz", "id: Zed_Land"))
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:1:5: error: 'Zed_Land' is not a valid id in id: use lower-case letters, digits and "
        "hyphens (e.g. 'return-readmission')")


def test_invalid_iso_code(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace("iso_code: ZZ", "iso_code: zzz"))
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:2:11: error: 'zzz' is not an ISO 3166 alpha-2 code (two capital letters, e.g. 'TN')")


def test_bad_date(store: StoreCopy) -> None:
    line = store.line_of(PACK, "date: 2026-01-12")
    store.replace(PACK, "date: 2026-01-12", 'date: "12/01/2026"')
    assert formatted(store, PACK) == [
        f"{PACK}:{line}:9: error: meeting.date: '12/01/2026' is not a date; write it as YYYY-MM-DD (e.g. 2026-01-12)"
    ]
    assert "jha-counsellors-2026-01-12" not in store.load().packs


def test_unknown_section_type(store: StoreCopy) -> None:
    line = store.line_of(PACK, "- type: closing")
    store.replace(PACK, "- type: closing", "- type: closign")
    assert formatted(store, PACK) == [
        (f"{PACK}:{line}:5: error: unknown section type 'closign' in sections[9]; use one of title, agenda, "
         "section, consultation, area, country, milestones, text, closing")
    ]
    assert "jha-counsellors-2026-01-12" not in store.load().packs


def test_section_without_type(store: StoreCopy) -> None:
    line = store.line_of(PACK, "- type: closing")
    store.replace(PACK, "- type: closing", "- subtitle: closing")
    assert formatted(store, PACK) == [
        (f"{PACK}:{line}:5: error: sections[9]: every section needs a 'type' (title, agenda, area, country, "
         "milestones, text, closing…)")
    ]


def test_file_that_is_a_list_not_a_mapping(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", "- id: zz\n")
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:1:1: error: expected a mapping of fields for a country card, but the file is a list")


# ---------------------------------------------------------------------------- duplicate ids


def test_duplicate_area_id_across_two_files(store: StoreCopy) -> None:
    first = store.line_of(RETURN, "id: return-readmission")
    store.write("areas/07-copy.yaml", 'id: return-readmission\nnumber: 7\ntitle: "Copy"\n')
    catalog = store.load()
    assert [d.format(store.root) for d in catalog.diagnostics] == [
        (f"areas/07-copy.yaml:1:5: error: duplicate id 'return-readmission' (first defined in "
         f"04-return-readmission.yaml:{first}); ids must be unique — rename one")
    ]
    # the first definition wins
    assert catalog.areas["return-readmission"].number == 4
    assert catalog.counts() == BUNDLED


def test_duplicate_id_between_an_area_and_a_country(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace("id: zz", "id: strong-borders"))
    first = store.line_of(BORDERS, "id: strong-borders")
    assert only(store, "countries/zz.yaml") == (
        f"countries/zz.yaml:1:5: error: duplicate id 'strong-borders' (first defined in 02-strong-borders.yaml:"
        f"{first}); ids must be unique — rename one")


def test_duplicate_measure_id_in_another_area(store: StoreCopy) -> None:
    first = store.line_of("areas/06-financial-operational-support.yaml", "- id: next-mff")
    store.write("areas/07-extra.yaml", 'id: extra\nnumber: 7\ntitle: "Extra"\nmeasures:\n'
                                       '  - id: next-mff\n    text: "copy"\n  - id: own-measure\n    text: "own"\n')
    catalog = store.load()
    assert [d.format(store.root) for d in catalog.diagnostics] == [
        (f"areas/07-extra.yaml:5:9: error: duplicate id 'next-mff' (first defined in "
         f"06-financial-operational-support.yaml:{first}); measure ids must be unique in the whole store — rename one")
    ]
    # the area stays, without the duplicate measure; the first definition keeps its area
    assert [m.id for m in catalog.areas["extra"].measures] == ["own-measure"]
    assert catalog.measure_area()["next-mff"] == "financial-operational-support"
    assert catalog.counts() == counts_with(areas=7, measures=24)


def test_duplicate_measure_id_within_one_area(store: StoreCopy) -> None:
    store.write("areas/07-extra.yaml", 'id: extra\nnumber: 7\ntitle: "Extra"\nmeasures:\n'
                                       '  - id: twice\n    text: "a"\n  - id: twice\n    text: "b"\n')
    assert only(store, "areas/07-extra.yaml") == (
        "areas/07-extra.yaml:7:9: error: duplicate id 'twice' (first defined in 07-extra.yaml:5); measure ids "
        "must be unique in the whole store — rename one")
    assert [m.text for m in store.load().areas["extra"].measures] == ["a"]


def test_duplicate_milestone_id(store: StoreCopy) -> None:
    first = store.line_of("milestones.yaml", "- id: new-eibm-strategy-2028")
    store.append("milestones.yaml",
                 '\n  - id: new-eibm-strategy-2028 # again\n    title: "Again"\n    period: "2028"\n')
    line = store.line_of("milestones.yaml", "- id: new-eibm-strategy-2028 # again")
    assert only(store, "milestones.yaml") == (
        f"milestones.yaml:{line}:9: error: duplicate id 'new-eibm-strategy-2028' (first defined in "
        f"milestones.yaml:{first}); ids must be unique — rename one")
    assert store.load().milestones["new-eibm-strategy-2028"].title == "New EIBM Strategy"


# ---------------------------------------------------------------------------- references


def test_unknown_country_in_a_measure(store: StoreCopy) -> None:
    line = store.line_of(DIPLOMACY, "countries: [tunisia, egypt, jordan,")
    store.replace(DIPLOMACY, "countries: [tunisia, egypt, jordan,", "countries: [tunisia, egpyt, jordan,")
    assert only(store, DIPLOMACY) == (
        f"{DIPLOMACY}:{line}:26: error: unknown country card id 'egpyt'; check the spelling or add the country "
        "card to the store")
    # a reference error keeps the record
    assert store.load().counts() == BUNDLED


def test_unknown_area_in_a_pack_section(store: StoreCopy) -> None:
    line = store.line_of(PACK, "area: strong-borders")
    store.replace(PACK, "area: strong-borders", "area: strong-border")
    assert only(store, PACK) == (
        f"{PACK}:{line}:11: error: unknown area id 'strong-border'; check the spelling or add the area to the store")


def test_unknown_measure_in_an_area_section_subset(store: StoreCopy) -> None:
    line = store.line_of(PACK, "area: strong-borders") + 1
    store.replace(PACK, "    area: strong-borders\n",
                  "    area: strong-borders\n    measures: [new-eibm-strategy, no-such-measure]\n")
    known = "border-technology, control-of-access, frontex-regulation-revision, new-eibm-strategy"
    assert formatted(store) == [
        f"{PACK}:{line}:35: error: area 'strong-borders' has no measure 'no-such-measure'; its measures are: {known}"
    ]


def test_measure_of_another_area_in_an_area_section(store: StoreCopy) -> None:
    line = store.line_of(PACK, "area: strong-borders") + 1
    store.replace(PACK, "    area: strong-borders\n", "    area: strong-borders\n    measures: [next-mff]\n")
    assert only(store, PACK).startswith(f"{PACK}:{line}:16: error: area 'strong-borders' has no measure 'next-mff'")


def test_unknown_cross_reference_in_measure_text(store: StoreCopy) -> None:
    line = store.line_of(DIPLOMACY, "(#labour-mobility-legal-pathways)")
    store.replace(DIPLOMACY, "(#labour-mobility-legal-pathways)", "(#labour-mobility)")
    assert only(store, DIPLOMACY) == (
        f"{DIPLOMACY}:{line}:9: error: cross-reference '#labour-mobility' names no record; use the id of an area, "
        "measure, country card, milestone or consultation")


def test_cross_reference_to_a_measure_is_known(store: StoreCopy) -> None:
    store.replace(DIPLOMACY, "(#labour-mobility-legal-pathways)", "(#next-mff)")
    assert formatted(store) == []


def test_unknown_area_in_a_milestone(store: StoreCopy) -> None:
    store.append("milestones.yaml", '\n  - id: extra-milestone\n    title: "Extra"\n    period: "2030"\n'
                                    "    areas: [strong-borders, nowhere]\n")
    line = store.line_of("milestones.yaml", "areas: [strong-borders, nowhere]")
    assert only(store, "milestones.yaml") == (
        f"milestones.yaml:{line}:29: error: unknown area id 'nowhere'; check the spelling or add the area to the store")


def test_broken_area_file_is_reported_where_it_is_named(store: StoreCopy) -> None:
    """A syntax error drops the area; every place that names it says so (cascade is expected)."""
    store.write(RETURN, "id: return-readmission\nnumber: 4\n title: x\n")
    lines = formatted(store)
    assert lines[0].startswith(f"{DIPLOMACY}:")
    assert "cross-reference '#return-readmission' names no record" in lines[0]
    assert lines[1].startswith(f"{RETURN}:3:7: error: YAML syntax error")
    assert len([line for line in lines if "unknown area id 'return-readmission'" in line]) == 6  # the French pack too


# ---------------------------------------------------------------------------- file-level problems


def test_non_utf8_file(store: StoreCopy) -> None:
    shutil.copy(BROKEN / "latin1-country.yaml", store.path("countries/zz.yaml"))
    # "name: \"Caf" is 10 bytes: the 0xE9 of the Latin-1 "é" is column 11 of line 3
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:3:11: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8 in your editor")


def test_utf8_bom_is_accepted(store: StoreCopy) -> None:
    store.write_bytes("countries/zz.yaml", b"\xef\xbb\xbf" + COUNTRY.encode("utf-8"))
    assert formatted(store) == []
    assert store.load().countries["zz"].name == "Zedland"


def test_nul_byte(store: StoreCopy) -> None:
    shutil.copy(BROKEN / "nul-byte-country.yaml", store.path("countries/zz.yaml"))
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:3:1: error: the file contains a NUL byte: is it a binary file?")


@pytest.mark.parametrize("content", ["", "# only a comment\n", "\n\n"])
def test_empty_file(store: StoreCopy, content: str) -> None:
    store.write("countries/zz.yaml", content)
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:1:1: error: expected a mapping of fields for a country card, but the file is empty")


def test_empty_milestones_file_is_no_milestones(store: StoreCopy) -> None:
    store.write("milestones.yaml", "")
    catalog = store.load()
    assert catalog.milestones == {}


def test_milestones_file_without_the_key(store: StoreCopy) -> None:
    store.write("milestones.yaml", "- id: x\n")
    assert only(store, "milestones.yaml") == "milestones.yaml:1:1: error: expected a list under the key 'milestones:'"


def test_milestones_file_with_an_extra_key_warns(store: StoreCopy) -> None:
    store.append("milestones.yaml", "\nextra: 1\n")
    line = store.line_of("milestones.yaml", "extra: 1")
    catalog = store.load()
    assert [d.format(store.root) for d in catalog.diagnostics] == [
        f"milestones.yaml:{line}:1: warning: unknown top-level key 'extra' (only 'milestones' is read)"
    ]
    assert catalog.diagnostics[0].severity is Severity.WARNING
    assert catalog.errors == []
    assert len(catalog.milestones) == BUNDLED["milestones"]


def _bomb(levels: int) -> str:
    """Each level repeats the previous one ten times: 10**levels leaves from a few lines."""
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused(store: StoreCopy) -> None:
    assert MAX_EXPANDED_NODES < 10 ** 9
    store.write("countries/zz.yaml", _bomb(8))
    assert only(store, "countries/zz.yaml") == (
        "countries/zz.yaml:1:1: error: the document expands to too many values through YAML aliases (an "
        "'alias bomb'); remove the anchors (&) and aliases (*)")


def test_few_aliases_are_fine(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY + 'sources: &s ["A"]\ncooperation_areas: *s\n')
    assert formatted(store) == []
    assert store.load().countries["zz"].cooperation_areas == ["A"]


def test_file_too_large(store: StoreCopy) -> None:
    size = MAX_FILE_BYTES + 1
    store.write_bytes("countries/zz.yaml", b"#" * size)
    # a file-level problem has no line: the location is the path alone
    assert only(store, "countries/zz.yaml") == (
        f"countries/zz.yaml: error: file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a store file may "
        "have; split it")


def test_file_at_the_size_limit_is_read(store: StoreCopy) -> None:
    text = COUNTRY + "#" * (MAX_FILE_BYTES - len(COUNTRY.encode()))
    store.write("countries/zz.yaml", text)
    assert store.path("countries/zz.yaml").stat().st_size == MAX_FILE_BYTES
    assert formatted(store) == []


def test_directory_named_like_a_yaml_file_is_skipped(store: StoreCopy) -> None:
    (store.root / "countries" / "folder.yaml").mkdir()
    (store.root / "areas" / "07-folder.yml").mkdir()
    catalog = store.load()
    assert catalog.diagnostics == []
    assert catalog.counts() == BUNDLED


def test_milestones_yaml_as_a_directory(store: StoreCopy) -> None:
    store.path("milestones.yaml").unlink()
    store.path("milestones.yaml").mkdir()
    assert only(store, "milestones.yaml") == "milestones.yaml: error: cannot read the file: Is a directory"


def test_dot_files_and_other_extensions_are_ignored(store: StoreCopy) -> None:
    store.write("countries/.zz.yaml", "not: [valid")
    store.write("countries/zz.yaml.bak", "not: [valid")
    store.write("countries/zz.txt", "not: [valid")
    assert formatted(store) == []


def test_unreadable_file(store: StoreCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: chmod 000 does not stop root, which runs this suite (see the next test)."""
    target = store.write("countries/zz.yaml", COUNTRY)
    real = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == target.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    catalog = store.load()
    assert [d.format(store.root) for d in catalog.diagnostics] == [
        "countries/zz.yaml: error: cannot read the file: Permission denied"
    ]
    assert catalog.counts() == BUNDLED


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a chmod 000 file; covered by test_unreadable_file")
def test_unreadable_file_chmod(store: StoreCopy) -> None:
    target = store.write("countries/zz.yaml", COUNTRY)
    target.chmod(0)
    try:
        assert only(store, "countries/zz.yaml") == "countries/zz.yaml: error: cannot read the file: Permission denied"
    finally:
        target.chmod(0o644)


# ---------------------------------------------------------------------------- resilience


def test_one_broken_file_never_stops_the_others(store: StoreCopy) -> None:
    store.write("countries/aa-broken.yaml", "id: [unclosed\n")
    store.write_bytes("countries/ab-binary.yaml", b"\x00\x01\x02")
    store.write("countries/ac-empty.yaml", "")
    store.write("countries/zz.yaml", COUNTRY)
    store.write("areas/07-bad.yaml", "id: bad\nnumber: 7\n")
    catalog = store.load()
    assert [d.format(store.root).split(": error: ")[0] for d in catalog.diagnostics] == [
        "areas/07-bad.yaml:1:1",
        "countries/aa-broken.yaml:2:1",
        "countries/ab-binary.yaml:1:1",
        "countries/ac-empty.yaml:1:1",
    ]
    assert catalog.counts() == counts_with(countries=12)
    assert "zz" in catalog.countries


def test_many_problems_are_all_reported_in_order(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", COUNTRY.replace("id: zz", "id: Bad Id").replace('region: "Nowhere"\n', "")
                + "extra_field: 1\n")
    lines = formatted(store)
    assert lines == [
        "countries/zz.yaml:1:1: error: missing required field 'region' — add it",
        ("countries/zz.yaml:1:5: error: 'Bad Id' is not a valid id in id: use lower-case letters, digits and "
         "hyphens (e.g. 'return-readmission')"),
        ("countries/zz.yaml:5:1: error: unknown field 'extra_field' — check its spelling or remove it; known "
         "fields: id, iso_code, name, region, relationship, cooperation_areas, instruments, key_figures, notes, "
         "last_reviewed, sources"),
    ]


def test_diagnostic_paths_are_the_real_files(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", "")
    (diagnostic,) = store.load().diagnostics
    assert diagnostic.path.resolve() == store.path("countries/zz.yaml").resolve()
    assert (diagnostic.line, diagnostic.column, diagnostic.severity) == (1, 1, Severity.ERROR)
