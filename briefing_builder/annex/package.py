"""Open a workbook that came from elsewhere, safely, as a zip of parts.

Neither openpyxl nor XlsxWriter guards against hostile files (PITFALLS 16), and openpyxl's
load-and-save drops what it does not model (PITFALLS 13). :func:`open_package` therefore
reads the package itself and refuses, with a message naming the file, what is wrong and
what to do:

* a file that is not a zip at all ("not an Excel .xlsx file");
* an OLE compound file — an Excel 97–2003 ``.xls`` *or* any password-protected workbook
  (Excel encrypts the whole package into an OLE container);
* zip bombs: more than :data:`MAX_ENTRIES` entries, more than :data:`MAX_TOTAL_BYTES`
  uncompressed, or a compression ratio above :data:`MAX_RATIO` on a member larger than
  :data:`RATIO_MIN_BYTES` (sizes are checked from the directory *and* while inflating);
* XML with a document type declaration (entity bombs, external entities) — OOXML never
  has one; parts are parsed by lxml with entities, DTDs and network access off;
* Strict Open XML workbooks (another namespace, which our reader does not speak) and
  binary ``.xlsb`` workbooks.

A macro-enabled workbook (``.xlsm``) is accepted: :attr:`Package.macros` says so, and
:func:`write_package` copies ``xl/vbaProject.bin`` like every untouched part, byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from briefing_builder.errors import BriefingError

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_BINARY_WORKBOOK = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
_XML_SUFFIXES = (".xml", ".rels", ".vml")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_blank_text=False)


class AnnexFileError(BriefingError):
    """A workbook cannot be read or updated; the message names the file and what to do."""


@dataclass
class Package:
    """The parts of an OOXML package, read into memory after the safety checks."""

    path: Path
    names: list[str]
    infos: dict[str, zipfile.ZipInfo]
    parts: dict[str, bytes]
    workbook_part: str
    content_types: dict[str, str] = field(default_factory=dict)

    @property
    def macros(self) -> bool:
        """True for a macro-enabled workbook (its VBA project is kept, never stripped)."""
        return self.content_types.get("/" + self.workbook_part) == CT_MACRO_WORKBOOK \
            or any(name.lower().endswith("vbaproject.bin") for name in self.names)

    def read(self, name: str) -> bytes:
        """The bytes of part ``name``; :class:`AnnexFileError` if the package lacks it."""
        try:
            return self.parts[name]
        except KeyError:
            raise AnnexFileError(f"{self.path}: the part {name} is missing — the file is damaged. "
                                 "Open it in Excel, save it again and retry.") from None

    def xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed safely (see :func:`parse_xml`)."""
        return parse_xml(self.read(name), f"{self.path} ({name})")

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """``{rId: (type, target part)}`` of ``part``'s relationships (empty when none)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.parts:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name).iter(f"{{{NS_PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        return out


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part, refusing document type declarations (entity and DTD attacks)."""
    text = data if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-16").encode("utf-8")
    if b"<!DOCTYPE" in text.upper() or b"<!ENTITY" in text.upper():
        raise AnnexFileError(f"{where}: the XML declares a document type or entities, which Excel never writes "
                             "(it can hide an 'XML bomb'). The file was refused; ask for a copy saved by Excel.")
    try:
        root = etree.fromstring(text, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise AnnexFileError(f"{where}: damaged XML ({exc}). Open the file in Excel, save it again and retry.") \
            from None
    if root.getroottree().docinfo.doctype:
        raise AnnexFileError(f"{where}: the XML has a document type declaration; the file was refused.")
    return root


def _not_xlsx(path: Path, why: str) -> AnnexFileError:
    return AnnexFileError(f"{path}: not an Excel .xlsx file ({why}). Open it in Excel and save it as "
                          "'Excel Workbook (*.xlsx)'.")


def _check_directory(path: Path, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise AnnexFileError(f"{path}: the file holds {len(infos):,} zip entries (limit {MAX_ENTRIES:,}); "
                             "a workbook never needs that many — the file was refused as a possible zip bomb.")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise AnnexFileError(f"{path}: the file would unpack to {total / 2**20:,.0f} MB (limit "
                             f"{MAX_TOTAL_BYTES // 2**20} MB); it was refused as a possible zip bomb. "
                             "Split the workbook or remove large pictures.")
    for info in infos:
        if info.flag_bits & 0x1:
            raise AnnexFileError(f"{path}: the zip entry {info.filename} is encrypted. Save the workbook "
                                 "without a password as 'Excel Workbook (*.xlsx)'.")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise AnnexFileError(f"{path}: the entry {info.filename} is compressed {ratio:,.0f} to 1 (limit "
                                 f"{MAX_RATIO}); the file was refused as a possible zip bomb.")
    return infos


def _inflate(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one member without trusting its declared size: stop past ``budget`` bytes."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > budget or size > info.file_size + 1024:
                raise AnnexFileError(f"{path}: the entry {info.filename} unpacks to more than it declares; "
                                     "the file was refused as a possible zip bomb.")
            chunks.append(chunk)
    return b"".join(chunks)


def open_package(path: Path) -> Package:
    """Read and check the workbook at ``path``; :class:`AnnexFileError` with a clear message otherwise."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnnexFileError(f"{path}: no such file. Check the name and folder.") from None
    except IsADirectoryError:
        raise AnnexFileError(f"{path} is a folder, not an Excel .xlsx file.") from None
    except OSError as exc:
        raise AnnexFileError(f"{path}: cannot be read ({exc.strerror}). Is it open or locked? "
                             "Close it and try again.") from None
    if data.startswith(OLE_SIGNATURE):
        raise AnnexFileError(f"{path}: this is an .xls (Excel 97–2003) or a password-protected workbook — "
                             "save it as .xlsx without a password (File › Save As › Excel Workbook) and retry.")
    if not data.startswith(b"PK"):
        raise _not_xlsx(path, "it is not a zip package")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = _check_directory(path, archive)
        parts: dict[str, bytes] = {}
        budget = MAX_TOTAL_BYTES
        for info in infos:
            if info.is_dir():
                continue
            content = _inflate(path, archive, info, budget)
            budget -= len(content)
            parts[info.filename] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise _not_xlsx(path, f"the zip is damaged: {exc}") from None
    for name, content in parts.items():
        if name.lower().endswith(_XML_SUFFIXES):
            upper = content[:4096].upper() if not content.startswith((b"\xff\xfe", b"\xfe\xff")) else b""
            if b"<!DOCTYPE" in upper or b"<!ENTITY" in content.upper():
                raise AnnexFileError(f"{path} ({name}): the XML declares a document type or entities, which "
                                     "Excel never writes (it can hide an 'XML bomb'). The file was refused.")
    names = [info.filename for info in infos if not info.is_dir()]
    package = Package(path, names, {i.filename: i for i in infos}, parts, "")
    if "[Content_Types].xml" not in parts:
        raise _not_xlsx(path, "it has no [Content_Types].xml — perhaps another kind of zip")
    for node in package.xml("[Content_Types].xml"):
        if node.get("PartName"):
            package.content_types[node.get("PartName", "")] = node.get("ContentType", "")
    package.workbook_part = _workbook_part(package)
    return package


def _workbook_part(package: Package) -> str:
    path = package.path
    for rel_type, target in package.rels("").values():
        if rel_type == REL_STRICT_DOCUMENT:
            raise AnnexFileError(f"{path}: a Strict Open XML workbook, which cannot be read here — "
                                 "save it as Excel Workbook (not Strict Open XML) and retry.")
        if rel_type == REL_OFFICE_DOCUMENT:
            if package.content_types.get("/" + target, "").startswith(CT_BINARY_WORKBOOK):
                raise AnnexFileError(f"{path}: a binary workbook (.xlsb) — save it as Excel Workbook (*.xlsx).")
            if target not in package.parts:
                break
            root = package.xml(target)
            if root.tag == f"{{{NS_STRICT}}}workbook":
                raise AnnexFileError(f"{path}: a Strict Open XML workbook, which cannot be read here — "
                                     "save it as Excel Workbook (not Strict Open XML) and retry.")
            if root.tag != f"{{{NS_MAIN}}}workbook":
                raise _not_xlsx(path, "its main part is not a workbook — perhaps a Word or PowerPoint file")
            return target
    raise _not_xlsx(path, "it has no workbook part — perhaps a Word or PowerPoint file")


def write_package(package: Package, replaced: dict[str, bytes], added: dict[str, bytes] | None = None) -> bytes:
    """The package with ``replaced`` parts swapped in (and ``added`` ones appended).

    Every other part is written with exactly the bytes it had, in the original order, with
    its original compression and date, so only the parts an update has to touch differ.
    """
    added = added or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in package.names:
            old = package.infos[name]
            info = zipfile.ZipInfo(name, old.date_time)
            info.compress_type = old.compress_type if old.compress_type in (zipfile.ZIP_STORED,
                                                                             zipfile.ZIP_DEFLATED) \
                else zipfile.ZIP_DEFLATED
            info.external_attr = old.external_attr
            info.create_system = old.create_system
            target.writestr(info, replaced.get(name, package.parts[name]))
        for name, content in added.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()
