"""The one zip reader refuses hostile packages from their directory and while inflating."""

from __future__ import annotations

import struct
import zipfile

import pytest

from briefing_builder.ooxml.zip_reader import ZipLimits, ZipRefused, check_directory, read_zip
from tests.zip_parts import package

SMALL = ZipLimits(max_file_bytes=10_000_000, max_entries=50, max_total_bytes=5_000_000,
                  max_entry_bytes=2_000_000, max_ratio=100, ratio_min_bytes=100_000)


def _refused(data: bytes, limits: ZipLimits = SMALL) -> ZipRefused:
    with pytest.raises(ZipRefused) as info:
        read_zip(data, "workbook", limits)
    return info.value


def test_a_sound_package_is_read_whole_in_order() -> None:
    contents = read_zip(package({"[Content_Types].xml": b"<Types/>", "xl/a.xml": b"<a/>"}), "workbook", SMALL)
    assert contents.names == ["[Content_Types].xml", "xl/a.xml"]
    assert contents.parts["xl/a.xml"] == b"<a/>"


def test_a_compression_bomb_is_refused_before_inflating() -> None:
    problem = _refused(package({"xl/zeros.bin": b"\0" * 1_500_000}))
    assert problem.kind == "ratio"
    assert "xl/zeros.bin compressed" in problem.problem and "zip bomb" in problem.problem


def test_too_many_entries_are_refused() -> None:
    problem = _refused(package({f"xl/{i}.xml": b"<a/>" for i in range(51)}))
    assert problem.kind == "entries" and problem.problem == "holds 51 zip entries (a workbook may have at most 50)"


def test_an_entry_given_twice_is_refused() -> None:
    problem = _refused(package({"xl/workbook.xml": b"<first/>"}, added=[("xl/workbook.xml", b"<second/>")]))
    assert problem.kind == "duplicate" and "xl/workbook.xml twice" in problem.problem


def test_total_and_per_entry_sizes_are_limited() -> None:
    random_ish = bytes((i * 7919) % 251 for i in range(1_900_000))  # does not compress much
    total = _refused(package({f"xl/{i}.bin": random_ish for i in range(3)}))
    assert total.kind == "total" and "would unpack to" in total.problem
    entry = _refused(package({"xl/big.bin": random_ish + random_ish}, compression=zipfile.ZIP_STORED))
    assert entry.kind == "entry" and "xl/big.bin" in entry.problem


def test_an_entry_that_lies_about_its_size_is_refused_while_inflating() -> None:
    """zipfile stops at the declared size, so the CRC of the short read fails: damaged, never inflated whole."""
    data = bytearray(package({"xl/a.xml": b"<a>" + b"x" * 5000 + b"</a>"}))
    # Declare 10 bytes in the central directory and the local header: the inflated stream is larger.
    central = data.find(b"PK\x01\x02")
    data[central + 24: central + 28] = struct.pack("<I", 10)
    data[22:26] = struct.pack("<I", 10)
    problem = _refused(bytes(data))
    assert problem.kind == "damaged" and "part 'xl/a.xml' is corrupt" in problem.problem


def test_a_declared_size_over_the_limit_is_refused_from_the_directory() -> None:
    data = bytearray(package({"xl/a.xml": b"<a/>"}))
    central = data.find(b"PK\x01\x02")
    data[central + 24: central + 28] = struct.pack("<I", 3 * 2**30)
    assert _refused(bytes(data)).kind == "total"


def test_an_encrypted_entry_is_refused() -> None:
    info = zipfile.ZipInfo("xl/a.xml")
    info.flag_bits |= 0x1
    with pytest.raises(ZipRefused) as refused:
        check_directory([info], "workbook", SMALL)
    assert refused.value.kind == "encrypted"


def test_truncated_and_corrupt_packages_are_damaged() -> None:
    data = package({"xl/a.xml": b"<a>" + b"text " * 2000 + b"</a>"})
    assert _refused(data[: len(data) // 2]).kind == "damaged"
    corrupt = bytearray(data)
    for offset in range(45, 60):
        corrupt[offset] ^= 0xFF
    damaged = _refused(bytes(corrupt))
    assert damaged.kind == "damaged" and damaged.problem == "is damaged or incomplete (part 'xl/a.xml' is corrupt)"


def test_a_file_over_the_size_limit_is_refused() -> None:
    problem = _refused(b"PK" + b"\0" * 2000, ZipLimits(max_file_bytes=1000))
    assert problem.kind == "file" and "too large" in problem.problem
