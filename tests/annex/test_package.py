"""Opening a workbook that came from elsewhere, and writing it back with only the touched parts changed.

Workbooks made by the tools delegations use (XlsxWriter as Excel writes, openpyxl, LibreOffice);
the hostile ones (zip bombs, entities, Strict, Word files) are in ``test_changes.py``.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from briefing_builder.annex.package import AnnexFileError, open_package, write_package
from tests.zip_parts import parts_of, rewrite_package


def _workbook(path: Path, macros: bool = False) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Measures")
    sheet.write_row(0, 0, ["ID", "Measure", "Delegation comments"])
    sheet.write_row(1, 0, ["fast-track", "Fast-track visas", "NL: agreed"])
    if macros:
        workbook.add_vba_project(io.BytesIO(b"\x00" * 64), is_stream=True)
    workbook.close()
    return path


def test_an_excel_style_workbook_opens_with_its_parts_and_relationships(tmp_path: Path) -> None:
    package = open_package(_workbook(tmp_path / "annex.xlsx"))
    assert package.workbook_part == "xl/workbook.xml" and not package.macros
    assert package.names == list(parts_of(tmp_path / "annex.xlsx"))
    targets = {target for _type, target in package.rels("xl/workbook.xml").values()}
    assert "xl/worksheets/sheet1.xml" in targets and "xl/styles.xml" in targets
    assert package.rels("xl/worksheets/sheet1.xml") == {}  # no relationships: none, not an error


def test_openpyxl_s_absolute_relationship_targets_resolve_to_the_same_parts(tmp_path: Path) -> None:
    path = tmp_path / "resaved.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Measures"
    book.save(path)
    package = open_package(path)
    assert any("/xl/" in rel for rel in [package.read("xl/_rels/workbook.xml.rels").decode()])  # absolute
    assert {target for _type, target in package.rels("xl/workbook.xml").values()} <= set(package.names)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_opens(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "sent.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                    "xlsx", "--outdir", str(tmp_path / "lo-out"), str(source)],
                   check=True, capture_output=True, timeout=240)
    package = open_package(tmp_path / "lo-out" / "sent.xlsx")
    assert package.xml(package.workbook_part).tag.endswith("}workbook")


def test_a_macro_enabled_workbook_is_opened_and_its_macros_kept_byte_for_byte(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex.xlsm", macros=True)
    package = open_package(path)
    assert package.macros
    strings = package.read("xl/sharedStrings.xml").replace(b"NL: agreed", b"NL: reserved")
    written = write_package(package, {"xl/sharedStrings.xml": strings})
    before, after = parts_of(path), parts_of(written)
    assert list(after) == list(before)
    assert {name for name in before if before[name] != after[name]} == {"xl/sharedStrings.xml"}
    assert after["xl/vbaProject.bin"] == b"\x00" * 64


def test_written_parts_keep_their_order_dates_and_compression_and_added_parts_come_last(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex.xlsx")
    with zipfile.ZipFile(path) as archive:
        old = {info.filename: (info.date_time, info.compress_type) for info in archive.infolist()}
    written = write_package(open_package(path), {}, {"docProps/custom.xml": b"<Properties/>"})
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == [*old, "docProps/custom.xml"]
    assert all((info.date_time, info.compress_type) == old[info.filename] for info in infos[:-1])
    (tmp_path / "with-custom.xlsx").write_bytes(written)
    assert openpyxl.load_workbook(tmp_path / "with-custom.xlsx")["Measures"]["C2"].value == "NL: agreed"


def test_a_missing_part_and_damaged_xml_are_named_with_the_file(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex.xlsx")
    package = open_package(path)
    with pytest.raises(AnnexFileError, match=r"annex\.xlsx: the part xl/comments1\.xml is missing — the file is "
                                             r"damaged\. Open it in Excel, save it again"):
        package.read("xl/comments1.xml")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(rewrite_package(path, {"xl/worksheets/sheet1.xml": lambda xml: xml[:-40]}))
    with pytest.raises(AnnexFileError, match=r"damaged\.xlsx \(xl/worksheets/sheet1\.xml\): damaged XML \(line \d+"):
        open_package(damaged).xml("xl/worksheets/sheet1.xml")


def test_a_binary_workbook_is_told_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex.xlsx")
    binary = tmp_path / "annex.xlsb"
    binary.write_bytes(rewrite_package(path, {"[Content_Types].xml": lambda types: types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.binary.macroEnabled.main")}))
    with pytest.raises(AnnexFileError, match=r"annex\.xlsb: a binary workbook \(\.xlsb\) — save it as Excel Workbook"):
        open_package(binary)


def test_a_zip_without_content_types_or_workbook_is_not_taken_for_a_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex.xlsx")
    for name, part, why in (("no-types.xlsx", "[Content_Types].xml", "it has no \\[Content_Types\\]\\.xml"),
                            ("no-book.xlsx", "xl/workbook.xml", "it has no workbook part")):
        (tmp_path / name).write_bytes(rewrite_package(path, {part: None}))
        with pytest.raises(AnnexFileError, match=rf"{name}: not an Excel \.xlsx file \({why}"):
            open_package(tmp_path / name)


def test_a_missing_file_a_folder_and_an_unreadable_file_are_told_apart(tmp_path: Path) -> None:
    with pytest.raises(AnnexFileError, match=r"nowhere\.xlsx: no such file\. Check the name and folder\."):
        open_package(tmp_path / "nowhere.xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(AnnexFileError, match=r"folder\.xlsx is a folder, not an Excel \.xlsx file"):
        open_package(tmp_path / "folder.xlsx")
    if os.geteuid() == 0:
        return  # root reads any file: the locked case cannot be made here
    locked = _workbook(tmp_path / "locked.xlsx")
    locked.chmod(0)
    with pytest.raises(AnnexFileError, match=r"locked\.xlsx: cannot be read \(Permission denied\)\. Is it open"):
        open_package(locked)


def test_a_part_read_for_reading_is_parsed_once_and_a_part_to_edit_is_its_own(tmp_path: Path) -> None:
    package = open_package(_workbook(tmp_path / "annex.xlsx"))
    shared = package.read_xml("xl/worksheets/sheet1.xml")
    assert package.read_xml("xl/worksheets/sheet1.xml") is shared  # a 12 MB shared strings part: parsed once
    edited = package.xml("xl/worksheets/sheet1.xml")
    assert edited is not shared
    edited.clear()  # what an update does to its own tree leaves the readers' tree as it was
    assert len(package.read_xml("xl/worksheets/sheet1.xml"))
