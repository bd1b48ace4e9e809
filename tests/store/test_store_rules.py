"""Store rules that close the gaps between what `validate` accepts and what builds.

Each test edits a copy of the bundled store the way a person would (a key typed twice, an
unquoted ``NO``, a file saved as UTF-16 by Notepad, a link to a file elsewhere) and checks
the located message: which file, which line and column, what is wrong and what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_builder.store import Severity

from .conftest import StoreCopy

TUNISIA = "countries/tunisia.yaml"
RETURN = "areas/04-return-readmission.yaml"
PACK = "packs/strategy-partners-briefing.yaml"


def messages(store: StoreCopy, rel: str) -> list[str]:
    """Diagnostics of one file as ``path:line:col: severity: message`` (path relative to the store)."""
    return [d.format(store.root) for d in store.diagnostics_for(rel)]


# ---------------------------------------------------------------------------- numbers a slide cannot show


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "1.0e+999"])
def test_nan_or_infinite_figure_value_is_refused_where_it_is_written(store: StoreCopy, written: str) -> None:
    line = store.line_of(TUNISIA, "    value: 20")
    store.replace(TUNISIA, "    value: 20\n", f"    value: {written}\n")
    (message,) = messages(store, TUNISIA)
    assert message.startswith(
        f"{TUNISIA}:{line}:12: error: key_figures[0].value: this is not a number a slide can show")
    assert '"n/a"' in message


def test_nan_in_a_chart_series_is_refused_where_it_is_written(store: StoreCopy) -> None:
    line = store.line_of(TUNISIA, '{label: "2022", value: 60}')
    store.replace(TUNISIA, '{label: "2022", value: 60}', '{label: "2022", value: .nan}')
    (message,) = messages(store, TUNISIA)
    assert message.startswith(f"{TUNISIA}:{line}:32: error: key_figures[0].series[1].value: this is not a number")


def test_a_5000_digit_number_is_too_long(store: StoreCopy) -> None:
    line = store.line_of(TUNISIA, "    value: 20")
    store.replace(TUNISIA, "    value: 20\n", f"    value: {'9' * 5000}\n")
    (message,) = messages(store, TUNISIA)
    assert message.startswith(f"{TUNISIA}:{line}:12: error: the number 999999999999… is too long (5,000 digits")
    assert "sys." not in message and "4300" not in message


def test_a_long_number_inside_a_document_with_merge_keys_is_too_long(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", 'base: &base {region: "Nowhere"}\nid: zz\n<<: *base\nvalue: '
                + "1" * 400 + ".5\n")
    (message,) = messages(store, "countries/zz.yaml")
    assert message.startswith("countries/zz.yaml:4:8: error: the number 111111111111… is too long (401 digits")


def test_a_date_that_does_not_exist_is_located(store: StoreCopy) -> None:
    line = store.line_of(TUNISIA, "last_reviewed: 2026-01-12")
    store.replace(TUNISIA, "last_reviewed: 2026-01-12", "last_reviewed: 2026-02-30")
    (message,) = messages(store, TUNISIA)
    assert message.startswith(f"{TUNISIA}:{line}:16: error: '2026-02-30' cannot be read: day is out of range")


@pytest.mark.parametrize("period", ["0000", "0999-Q1", "2026–0000"])
def test_a_period_in_year_zero_is_refused(store: StoreCopy, period: str) -> None:
    store.replace("milestones.yaml", 'period: "2028–2034"', f'period: "{period}"')
    (message,) = messages(store, "milestones.yaml")
    assert "period must look like 2026" in message


# ---------------------------------------------------------------------------- duplicate keys


def test_a_key_given_twice_is_an_error_at_the_second_naming_the_first(store: StoreCopy) -> None:
    first = store.line_of(TUNISIA, 'region: "North Africa"')
    store.replace(TUNISIA, 'region: "North Africa"\n', 'region: "North Africa"\nregion: "Maghreb"\n')
    (message,) = messages(store, TUNISIA)
    assert message == (f"{TUNISIA}:{first + 1}:1: error: the key 'region' is given twice in the same place "
                       f"(first on line {first}); only one value can be kept — delete one of them or merge the two")
    assert "tunisia" not in store.load().countries  # nothing is built from a half-known record


def test_a_key_given_twice_inside_a_measure_is_located(store: StoreCopy) -> None:
    first = store.line_of(RETURN, 'text: "**Improving readmission by third countries**"')
    store.replace(RETURN, '    text: "**Improving readmission by third countries**"\n',
                  '    text: "**Improving readmission by third countries**"\n    text: "Readmission"\n')
    (message,) = messages(store, RETURN)
    assert message.startswith(f"{RETURN}:{first + 1}:5: error: the key 'text' is given twice in the same place "
                              f"(first on line {first})")


def test_a_key_given_twice_next_to_merge_keys_is_an_error(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", 'base: &base {region: "Nowhere"}\nid: zz\n<<: *base\nname: "A"\nname: "B"\n')
    (message,) = messages(store, "countries/zz.yaml")
    assert message.startswith("countries/zz.yaml:5:1: error: the key 'name' is given twice in the same place "
                              "(first on line 4)")


def test_a_merged_key_overridden_by_the_mapping_is_not_a_duplicate(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", 'id: zz\niso_code: ZZ\nrelationship: "Partner"\n'
                '<<: {region: "Nowhere", name: "Base"}\nname: "Zedland"\n')
    assert messages(store, "countries/zz.yaml") == []
    assert store.load().countries["zz"].name == "Zedland"


# ---------------------------------------------------------------------------- the Norway problem


@pytest.mark.parametrize("written, read_as", [("NO", "the answer 'no' (false)"), ("YES", "the answer 'yes' (true)"),
                                              ("on", "the answer 'yes' (true)"), ("Off", "the answer 'no' (false)")])
def test_norway_unquoted_is_explained_with_the_fix(store: StoreCopy, written: str, read_as: str) -> None:
    line = store.line_of(TUNISIA, "iso_code: TN")
    store.replace(TUNISIA, "iso_code: TN", f"iso_code: {written}")
    (message,) = messages(store, TUNISIA)
    assert message == (f"{TUNISIA}:{line}:11: error: iso_code: {written} was read as {read_as} — YAML reads an "
                       "unquoted yes/no, on/off or true/false as a yes-or-no answer; write it in quotes: "
                       f'"{written}"')


def test_norway_quoted_as_the_docs_say_is_read(store: StoreCopy) -> None:
    store.replace(TUNISIA, "iso_code: TN", 'iso_code: "NO"')
    assert messages(store, TUNISIA) == []
    assert store.load().countries["tunisia"].iso_code == "NO"


def test_unquoted_number_and_date_in_a_text_field_say_to_quote_them(store: StoreCopy) -> None:
    store.replace(TUNISIA, 'region: "North Africa"', "region: 1.10")
    store.replace(TUNISIA, 'name: "Tunisia"', "name: 2026-01-12")
    found = messages(store, TUNISIA)
    assert any('region: 1.10 was read as the number 1.1' in m and 'write it in quotes: "1.10"' in m for m in found)
    assert any('name: 2026-01-12 was read as a date' in m and 'write it in quotes: "2026-01-12"' in m for m in found)


def test_unquoted_no_in_a_list_of_texts(store: StoreCopy) -> None:
    store.replace(RETURN, "  - id: readmission-by-third-countries\n",
                  "  - id: readmission-by-third-countries\n    lead: [COM, NO]\n")
    (message,) = messages(store, RETURN)
    assert 'lead[1]: NO was read as the answer \'no\' (false)' in message and 'write it in quotes: "NO"' in message


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding, named", [
    ("utf-16", "UTF-16 LE (with a byte-order mark)"),  # Python writes the BOM in machine (little-endian) order
    ("utf-16-be-bom", "UTF-16 BE (with a byte-order mark)"),
    ("utf-16-le", "UTF-16 LE (without a byte-order mark)"),
    ("utf-16-be", "UTF-16 BE (without a byte-order mark)"),
    ("utf-32", "UTF-32 LE (with a byte-order mark)"),
])
def test_a_file_saved_as_utf16_names_its_encoding(store: StoreCopy, encoding: str, named: str) -> None:
    text = store.path(TUNISIA).read_text(encoding="utf-8")
    data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    store.write_bytes(TUNISIA, data)
    (message,) = messages(store, TUNISIA)
    assert message == (f"{TUNISIA}:1:1: error: the file is saved as {named}, not UTF-8; open it in your editor "
                       "and save it again with the encoding UTF-8")


def test_a_real_binary_file_is_still_called_binary(store: StoreCopy) -> None:
    store.write_bytes(TUNISIA, b"id: x\n" + bytes(range(256)) * 4)
    (message,) = messages(store, TUNISIA)
    assert "UTF-16" not in message


# ---------------------------------------------------------------------------- links


def test_a_dangling_link_is_reported(store: StoreCopy) -> None:
    os.symlink(store.root / "countries" / "moved-away.yaml", store.path("countries/lebanon-link.yaml"))
    (diagnostic,) = store.diagnostics_for("countries/lebanon-link.yaml")
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.format(store.root) == (
        f"countries/lebanon-link.yaml: warning: this is a link to '{store.root / 'countries' / 'moved-away.yaml'}', "
        "which does not exist; restore the file it points to, or delete the link")


def test_a_link_inside_the_store_is_read(store: StoreCopy) -> None:
    store.write("shared/zz.yaml", "id: zz\niso_code: ZZ\nname: \"Zedland\"\nregion: \"X\"\nrelationship: \"P\"\n")
    os.symlink(store.path("shared/zz.yaml"), store.path("countries/zz.yaml"))
    assert store.load().diagnostics == []
    assert "zz" in store.load().countries


def _outside_card(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere" / "zz.yaml"
    outside.parent.mkdir()
    outside.write_text("id: zz\niso_code: ZZ\nname: \"Zedland\"\nregion: \"X\"\nrelationship: \"P\"\n",
                       encoding="utf-8")
    return outside


def test_a_link_leading_outside_the_store_is_refused(store: StoreCopy, tmp_path: Path) -> None:
    outside = _outside_card(tmp_path)
    os.symlink(outside, store.path("countries/zz.yaml"))
    catalog = store.load()
    assert "zz" not in catalog.countries
    (diagnostic,) = catalog.diagnostics
    assert diagnostic.format(store.root) == (
        f"countries/zz.yaml: error: this file is a link to {outside}, outside the store folder; copy it into the "
        "store, or allow links that lead outside with 'allow_links_outside: true' in store.yaml")


def test_a_linked_folder_leading_outside_is_refused_once(store: StoreCopy, tmp_path: Path) -> None:
    outside = _outside_card(tmp_path)
    os.rename(store.path("consultations"), store.path("consultations-old"))
    os.symlink(outside.parent, store.path("consultations"), target_is_directory=True)
    (diagnostic,) = [d for d in store.load().diagnostics if d.path.name == "consultations"]
    assert "this folder is a link to" in diagnostic.message


def test_links_outside_are_read_when_the_store_allows_them(store: StoreCopy, tmp_path: Path) -> None:
    os.symlink(_outside_card(tmp_path), store.path("countries/zz.yaml"))
    store.append("store.yaml", "allow_links_outside: true\n")
    catalog = store.load()
    assert catalog.diagnostics == []
    assert catalog.countries["zz"].name == "Zedland"


def test_a_store_yaml_linked_from_outside_is_refused(store: StoreCopy, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere-store.yaml"
    outside.write_text('name: "Elsewhere"\n', encoding="utf-8")
    store.path("store.yaml").unlink()
    os.symlink(outside, store.path("store.yaml"))
    catalog = store.load()
    assert catalog.meta.name != "Elsewhere"
    assert [d.path.name for d in catalog.errors] == ["store.yaml"]


def test_writing_into_a_file_with_a_key_given_twice_says_where(store: StoreCopy) -> None:
    """An edit applied from a returned annex (or the record form) to such a file is refused, and
    the message says which key, where, and names the first occurrence (not "while constructing
    a mapping")."""
    from briefing_builder.store.writer import FieldEdit, StoreWriteError, apply_edits

    first = store.line_of(TUNISIA, 'region: "North Africa"')
    store.replace(TUNISIA, 'region: "North Africa"\n', 'region: "North Africa"\nregion: "Maghreb"\n')
    before = store.path(TUNISIA).read_bytes()
    with pytest.raises(StoreWriteError) as info:
        apply_edits(store.path(TUNISIA), [FieldEdit("tunisia", "name", "Tunisie")])
    assert str(info.value) == (f"{store.path(TUNISIA)}:{first + 1}:1: error: the key 'region' is given twice in the "
                               f"same place (first on line {first}); only one value can be kept — delete one of them "
                               "or merge the two; fix it first.")
    assert store.path(TUNISIA).read_bytes() == before


def test_a_loop_of_links_is_reported(store: StoreCopy) -> None:
    os.symlink("b.yaml", store.path("countries/a.yaml"))
    os.symlink("a.yaml", store.path("countries/b.yaml"))
    found = [d.format(store.root) for d in store.load().diagnostics]
    assert found == [f"countries/{name}.yaml: warning: this is a link in a loop of links that leads back to itself; "
                     "delete the link or point it at a file" for name in ("a", "b")]


def test_a_date_with_a_time_of_day_says_to_write_the_date_only(store: StoreCopy) -> None:
    line = store.line_of(TUNISIA, "last_reviewed: 2026-01-12")
    store.replace(TUNISIA, "last_reviewed: 2026-01-12", "last_reviewed: 2026-01-12 10:30:00")
    assert messages(store, TUNISIA) == [(f"{TUNISIA}:{line}:16: error: last_reviewed: '2026-01-12 10:30:00' has a time "
                                         "of day; write only the date, as YYYY-MM-DD (e.g. 2026-01-12)")]


def test_an_unquoted_on_as_a_status_names_the_allowed_values(store: StoreCopy) -> None:
    store.replace(RETURN, "  - id: readmission-by-third-countries\n",
                  "  - id: readmission-by-third-countries\n    status: on\n")
    (message,) = messages(store, RETURN)
    assert "status: 'on' is not allowed; use 'proposed', 'planned', 'ongoing', 'adopted' or 'implemented'" in message
    assert "True" not in message


def test_a_section_id_that_is_also_a_record_id_is_refused_where_it_is_written(store: StoreCopy) -> None:
    store.write("packs/t.yaml", 'id: t\nmeeting: {title: "T", body: "B", date: 2026-03-17}\nsections:\n'
                "  - type: section\n    id: tunisia\n    title: A\n  - type: country\n    country: tunisia\n"
                '  - type: text\n    title: X\n    bullets: ["see [slide {n}](#tunisia)"]\n')
    assert messages(store, "packs/t.yaml") == [
        ("packs/t.yaml:5:9: error: section id 'tunisia' is also the id of a record in the store; a "
         "cross-reference '#tunisia' could mean either — give the section another id (ids of sections and records "
         "share one namespace)")]


def test_a_pipe_among_the_records_is_reported_not_skipped_in_silence(store: StoreCopy) -> None:
    os.mkfifo(store.path("countries/pipe.yaml"))
    assert messages(store, "countries/pipe.yaml") == [
        ("countries/pipe.yaml: warning: this is not a regular file (a pipe, a device or a socket, or a link to one); "
         "the store reads only files — delete it, or replace it with a .yaml file")]


def test_a_link_to_a_device_is_reported(store: StoreCopy) -> None:
    store.replace("store.yaml", "name:", "allow_links_outside: true\nname:")
    os.symlink("/dev/zero", store.path("countries/zero.yaml"))
    assert [m.split(": warning: ")[1][:30] for m in messages(store, "countries/zero.yaml")] == [
        "this is not a regular file (a "]


def test_a_date_written_as_digits_only_is_not_said_to_have_a_time_of_day(store: StoreCopy) -> None:
    store.replace(TUNISIA, "last_reviewed: 2026-01-12", "last_reviewed: 20260112")
    (message,) = messages(store, TUNISIA)
    assert "time of day" not in message
    assert message.endswith("last_reviewed: 20260112 was read as a number, not a date — write the date as "
                            "YYYY-MM-DD with hyphens (e.g. 2026-01-12)")


@pytest.mark.parametrize("key, shown", [("~", "nothing (~ or null)"), ("12", "the number 12")])
def test_a_key_that_is_not_a_name_is_explained(store: StoreCopy, key: str, shown: str) -> None:
    store.replace(TUNISIA, "last_reviewed: 2026-01-12", f"{key}: 2026-01-12")
    (message,) = messages(store, TUNISIA)
    assert f"a key was read as {shown}" in message and "Keys should be strings" not in message


def test_a_second_yaml_document_is_explained(store: StoreCopy) -> None:
    store.append(TUNISIA, "---\nid: other\n")
    (message,) = messages(store, TUNISIA)
    assert "second YAML document" in message and "delete the '---' line" in message
