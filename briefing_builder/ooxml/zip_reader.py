"""Read a zip package (a deck template, a returned workbook) with one set of safety limits.

:func:`read_zip` refuses, before inflating anything, a package with more than
``max_entries`` entries, an entry name given twice, an encrypted entry, more than
``max_total_bytes`` or (for one entry) ``max_entry_bytes`` declared uncompressed, or an
entry larger than ``ratio_min_bytes`` compressed more than ``max_ratio`` to 1. It then
inflates each entry without trusting its declared size (an entry that unpacks to more than
it declares is refused) and checks every CRC. Each refusal is a :class:`ZipRefused` whose
``problem`` reads after the file's name ("… holds 20,001 zip entries (…)"); the caller adds
who the file is and what to do.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass

from briefing_builder.errors import BriefingError

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """How large and how many: the one set of limits for every package read from elsewhere."""

    max_file_bytes: int = 200 * MB
    max_entries: int = 10_000
    max_total_bytes: int = 200 * MB
    max_entry_bytes: int = 100 * MB
    max_ratio: int = 100
    ratio_min_bytes: int = 1 * MB


#: The limits every reader uses.
LIMITS = ZipLimits()


class ZipRefused(BriefingError, ValueError):
    """A package was refused; ``problem`` completes a sentence about the file, ``kind`` names the check."""

    def __init__(self, kind: str, problem: str) -> None:
        super().__init__(problem)
        self.kind = kind
        self.problem = problem


@dataclass
class ZipContents:
    """Every entry of a checked package: its directory in order and the bytes of each file entry."""

    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]

    @property
    def names(self) -> list[str]:
        """The names of the file entries (no folders), in the package's order."""
        return [info.filename for info in self.infos if not info.is_dir()]


_BOMB = "refused as a possible zip bomb"


def check_directory(infos: list[zipfile.ZipInfo], noun: str, limits: ZipLimits | None = None) -> None:
    """Refuse the package from its directory alone (counts, declared sizes, ratios, names)."""
    limits = limits or LIMITS
    if len(infos) > limits.max_entries:
        raise ZipRefused("entries", f"holds {len(infos):,} zip entries (a {noun} may have at most "
                                    f"{limits.max_entries:,})")
    twice = [name for name, count in Counter(i.filename for i in infos).items() if count > 1]
    if twice:
        raise ZipRefused("duplicate", f"has the zip entry {twice[0]} twice (a damaged or crafted file: "
                                      "which copy counts is unclear)")
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise ZipRefused("total", f"would unpack to {total / MB:,.0f} MB (limit {limits.max_total_bytes // MB} MB)"
                                  f" — {_BOMB}")
    for info in infos:
        if info.flag_bits & 0x1:
            raise ZipRefused("encrypted", f"has the encrypted zip entry {info.filename}")
        if info.file_size > limits.max_entry_bytes:
            raise ZipRefused("entry", f"has the entry {info.filename} of {info.file_size / MB:,.0f} MB unpacked "
                                      f"(limit {limits.max_entry_bytes // MB} MB) — {_BOMB}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise ZipRefused("ratio", f"has the entry {info.filename} compressed {ratio:,.0f} to 1 "
                                      f"(limit {limits.max_ratio}) — {_BOMB}")


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One entry, read without trusting its declared size: refused past ``budget`` bytes."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(MB)
            if not chunk:
                break
            size += len(chunk)
            if size > budget or size > info.file_size + 1024:
                raise ZipRefused("overrun", f"is damaged: the entry {info.filename} unpacks to more than it "
                                            f"declares — {_BOMB}")
            chunks.append(chunk)
    return b"".join(chunks)


def read_zip(data: bytes, noun: str, limits: ZipLimits | None = None) -> ZipContents:
    """The checked entries of the zip ``data`` (a ``noun``: "template", "workbook"); :class:`ZipRefused`.

    ``limits`` defaults to :data:`LIMITS`, read at each call.
    """
    limits = limits or LIMITS
    if len(data) > limits.max_file_bytes:
        raise ZipRefused("file", f"is too large ({len(data) // MB} MB; a {noun} may have at most "
                                 f"{limits.max_file_bytes // MB} MB)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        check_directory(infos, noun, limits)
        parts: dict[str, bytes] = {}
        budget = limits.max_total_bytes
        for info in infos:
            if info.is_dir():
                continue
            try:
                content = _inflate(archive, info, min(budget, limits.max_entry_bytes))
            except (zipfile.BadZipFile, zlib.error, EOFError):
                raise ZipRefused("damaged", f"is damaged or incomplete (part '{info.filename}' is corrupt)") from None
            budget -= len(content)
            parts[info.filename] = content
    except zipfile.BadZipFile as exc:
        raise ZipRefused("damaged", f"is damaged or incomplete ({_zip_detail(exc)})") from None
    except (zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError, zlib.error) as exc:
        if isinstance(exc, ZipRefused):
            raise
        detail = "a part cannot be unpacked" if isinstance(exc, zlib.error) else str(exc) or type(exc).__name__
        raise ZipRefused("damaged", f"is damaged or incomplete ({detail})") from None
    return ZipContents(infos, parts)


def _zip_detail(exc: zipfile.BadZipFile) -> str:
    text = str(exc)
    return "its zip index is missing or broken" if "central directory" in text or "not a zip" in text else text
