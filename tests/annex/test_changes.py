"""Importing a returned annex: exactly the edits made, delegation input, --apply, hostile files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from briefing_builder.annex import package as annex_package
from briefing_builder.annex.changes import apply_changes, read_changes
from briefing_builder.annex.package import AnnexFileError, Package, open_package
from briefing_builder.annex.planner import plan_annex
from briefing_builder.annex.writer import annex_bytes
from briefing_builder.ooxml import zip_reader
from briefing_builder.paths import sample_store_dir
from briefing_builder.store.loader import load_store
from tests.fixtures.annex.delegation import delegation_copy
from tests.zip_parts import package, parts_of, rewrite_package

PACK = "jha-counsellors-2026-01-12"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA = '=HYPERLINK("http://evil","x")'


def _inline(root: etree._Element, ref: str, runs: list[tuple[str, bool, bool]]) -> None:
    """Put rich text into cell ``ref`` of the sheet ``root`` (as Excel would after an edit)."""
    c = next(c for c in root.iter(NS + "c") if c.get("r") == ref)
    for child in list(c):
        c.remove(child)
    c.set("t", "inlineStr")
    node = etree.SubElement(c, NS + "is")
    for text, bold, strike in runs:
        run = etree.SubElement(node, NS + "r")
        rpr = etree.SubElement(run, NS + "rPr")
        if bold:
            etree.SubElement(rpr, NS + "b")
        if strike:
            etree.SubElement(rpr, NS + "strike")
        etree.SubElement(run, NS + "t").text = text


@pytest.fixture
def returned(store: Path, tmp_path: Path) -> Path:
    """The NL copy with three edits of ours: a measure reworded (bold + struck), a status
    typed in, and a measure text replaced by formula-looking text."""
    catalog = load_store(store)
    plan = plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10))
    spec = plan.sheet("Measures")
    ids = [row[0] for row in spec.rows]
    readmission = ids.index("readmission-by-third-countries") + 2
    pact = ids.index("pact-foundation") + 2
    status = "ABCDEFGHIJKLM"[spec.column_index("status")]

    def edit(content: bytes) -> bytes:
        root = etree.fromstring(content)
        _inline(root, f"C{readmission}", [("Improving readmission", True, False), (" by ", False, False),
                                          ("third", False, True), (" partner countries", False, False)])
        row = next(r for r in root.iter(NS + "row") if r.get("r") == str(pact))
        c = etree.SubElement(row, NS + "c", r=f"{status}{pact}")
        row.remove(c)
        cells = list(row)
        cells[4].addprevious(c)  # keep column order: E comes before I
        _inline(root, f"{status}{pact}", [("adopted", False, False)])
        _inline(root, f"C{readmission + 1}", [(FORMULA, False, False)])
        return etree.tostring(root)

    path = tmp_path / "annex-NL.xlsx"
    path.write_bytes(rewrite_package(delegation_copy(plan), {"xl/worksheets/sheet2.xml": edit}))
    return path


def test_import_reports_exactly_the_edits_made(returned: Path, store: Path) -> None:
    changes = read_changes(returned, load_store(store))
    edits = {(e.record_id, e.column): e for e in changes.edits}
    assert set(edits) == {("readmission-by-third-countries", "Measure"), ("pact-foundation", "Status"),
                          ("labour-mobility-talent-attraction", "Measure")}
    # the fixture re-typed "leverages-and-incentives" without its bold: formatting alone is not an edit
    reworded = edits[("readmission-by-third-countries", "Measure")]
    assert reworded.old == "**Improving readmission by third countries**"
    assert reworded.new == "**Improving readmission** by ~~third~~ partner countries"
    assert reworded.path == store / "areas" / "04-return-readmission.yaml" and reworded.line == 37
    text = "\n".join(changes.lines(store))
    assert "proposal: areas/04-return-readmission.yaml:37  readmission-by-third-countries · Measure (Measures!C" \
        in text
    assert "    - **Improving readmission by third countries**\n    + **Improving readmission** by ~~third~~" in text
    inputs = {item.record_id: item.values for item in changes.inputs}
    assert inputs["leverages-and-incentives"]["note on C4"] == "NL: we need to discuss this wording"
    assert inputs["pact-foundation"]["Delegation position"] == "support"
    assert inputs["migration-diplomacy/main-goals"]["NL remarks"] == "NL remark 1"
    assert changes.unmatched == []


def test_apply_writes_only_files_with_changes_and_formulas_stay_text(returned: Path, store: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in store.rglob("*.yaml")}
    changes = read_changes(returned, load_store(store))
    written = apply_changes(changes).written
    assert sorted(p.name for p in written) == ["03-asylum-migration-system.yaml",
                                               "04-return-readmission.yaml", "05-labour-mobility-legal-pathways.yaml"]
    for path, (data, stamp) in before.items():
        if path not in written:
            assert path.read_bytes() == data and path.stat().st_mtime_ns == stamp, path
    catalog = load_store(store)
    assert not catalog.errors
    measures = {m.id: m for a in catalog.areas.values() for m in a.measures}
    assert measures["readmission-by-third-countries"].text == "**Improving readmission** by ~~third~~ partner countries"
    assert measures["pact-foundation"].status.value == "adopted"
    assert measures["labour-mobility-talent-attraction"].text == FORMULA  # text, not a formula
    assert "# " in (store / "areas" / "04-return-readmission.yaml").read_text(encoding="utf-8")  # comments kept
    again = read_changes(returned, catalog)
    assert [e for e in again.edits if e.applicable] == []  # applied edits no longer differ


def test_unmatched_rows_and_cross_references_are_reported(store: Path, tmp_path: Path) -> None:
    catalog = load_store(store)
    plan = plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10))
    data = annex_bytes(plan)

    def edit(content: bytes) -> bytes:
        root = etree.fromstring(content)
        _inline(root, "A3", [("no-such-record", False, False)])
        _inline(root, "D6", [("– a new sub-point", False, False)])  # derived column
        return etree.tostring(root)
    path = tmp_path / "odd.xlsx"
    path.write_bytes(rewrite_package(data, {"xl/worksheets/sheet2.xml": edit}))
    changes = read_changes(path, catalog)
    assert any("row 3: id 'no-such-record' is not in the pack nor in the store" in u for u in changes.unmatched)
    derived = [e for e in changes.edits if e.column == "Sub-points"]
    assert derived and not derived[0].applicable and "several store fields" in derived[0].reason


# -- hostile and unsupported files ------------------------------------------------------------

@pytest.fixture(scope="module")
def annex() -> bytes:
    catalog = load_store(sample_store_dir())
    return annex_bytes(plan_annex(catalog.packs[PACK], catalog, dt.date(2026, 1, 10)))


def _open(tmp_path: Path, data: bytes, name: str = "in.xlsx") -> Package:
    path = tmp_path / name
    path.write_bytes(data)
    return open_package(path)


def test_not_apackage(tmp_path: Path) -> None:
    with pytest.raises(AnnexFileError, match=r"in.xlsx: not an Excel .xlsx file .*save it as"):
        _open(tmp_path, b"ID,Measure\n1,x\n")


def test_ole_file_is_xls_or_password_protected(tmp_path: Path) -> None:
    with pytest.raises(AnnexFileError, match=r"\.xls \(Excel 97–2003\) or a password-protected workbook — "
                                             r"save it as \.xlsx without a password"):
        _open(tmp_path, annex_package.OLE_SIGNATURE + bytes(512))


def test_zip_bombs_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, annex: bytes) -> None:
    bomb = package({"[Content_Types].xml": b"<Types/>", "xl/big.xml": b"\0" * (3 * 1024 * 1024)})
    with pytest.raises(AnnexFileError, match=r"compressed .* to 1 .*zip bomb"):
        _open(tmp_path, bomb)
    monkeypatch.setattr(zip_reader, "LIMITS", dataclasses.replace(zip_reader.LIMITS, max_total_bytes=1000))
    with pytest.raises(AnnexFileError, match=r"would unpack to .*zip bomb"):
        _open(tmp_path, annex)
    monkeypatch.setattr(zip_reader, "LIMITS", dataclasses.replace(zip_reader.ZipLimits(), max_entries=5))
    with pytest.raises(AnnexFileError, match=r"zip entries .*zip bomb"):
        _open(tmp_path, annex)


def test_an_entry_given_twice_is_refused(tmp_path: Path, annex: bytes) -> None:
    strings = "xl/sharedStrings.xml"
    twice = rewrite_package(annex, {}, added=[(strings, parts_of(annex)[strings])])
    with pytest.raises(AnnexFileError, match=r"in.xlsx: the file has the zip entry xl/sharedStrings.xml twice"):
        _open(tmp_path, twice)


def test_xml_with_entities_is_refused(tmp_path: Path, annex: bytes) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>')
    data = rewrite_package(annex, {"xl/sharedStrings.xml": lambda _: laughs})
    with pytest.raises(AnnexFileError, match=r"sharedStrings.xml\): the XML declares a document type"):
        _open(tmp_path, data)


def test_strict_open_xml_is_refused(tmp_path: Path, annex: bytes) -> None:
    data = rewrite_package(annex, {"xl/workbook.xml": lambda c: c.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main")})
    with pytest.raises(AnnexFileError, match=r"save it as Excel Workbook \(not Strict Open XML\)"):
        _open(tmp_path, data)


def test_a_word_file_is_not_a_workbook(tmp_path: Path) -> None:
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>')
    doc = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    with pytest.raises(AnnexFileError, match=r"not an Excel \.xlsx file"):
        _open(tmp_path, package({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/'
                                                     b'2006/content-types"/>', "_rels/.rels": rels,
                              "word/document.xml": doc}))
