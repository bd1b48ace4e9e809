"""Open a workbook that came from elsewhere, safely, as a zip of parts.

Neither openpyxl nor XlsxWriter guards against hostile files (PITFALLS 16), and openpyxl's
load-and-save drops what it does not model (PITFALLS 13). :func:`open_package` therefore
reads the package itself and refuses, with a message naming the file, what is wrong and
what to do:

* a file that is not a zip at all ("not an Excel .xlsx file");
* an OLE compound file — an Excel 97–2003 ``.xls`` *or* any password-protected workbook
  (Excel encrypts the whole package into an OLE container);
* zip bombs, entries given twice and encrypted entries, by the one zip reader and its one
  set of limits (:mod:`briefing_builder.ooxml.zip_reader`; sizes are checked from the
  directory *and* while inflating);
* XML with a document type declaration (entity bombs, external entities) — OOXML never
  has one; parts are parsed by the one safe parser (:mod:`briefing_builder.ooxml.xml`);
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
from briefing_builder.ooxml.namespaces import NS, REL_OFFICE_DOCUMENT, REL_STRICT_DOCUMENT
from briefing_builder.ooxml.xml import UnsafeXml, doctype_line, parse_part
from briefing_builder.ooxml.zip_reader import ZipRefused, read_zip

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NS_MAIN = NS["x"]
NS_STRICT = NS["x_strict"]
NS_REL = NS["r"]
NS_PKG_REL = NS["rel"]
CT_MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_BINARY_WORKBOOK = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
_XML_SUFFIXES = (".xml", ".rels", ".vml")

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
    _read_only: dict[str, etree._Element] = field(default_factory=dict, repr=False, compare=False)

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
        """Part ``name`` parsed safely (see :func:`parse_xml`): a tree of its own, to read or to edit."""
        return parse_xml(self.read(name), f"{self.path} ({name})")

    def read_xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed once and shared by every reader of this package (a 10,000-row annex's
        shared strings are parsed once, not once per table): never edit what it returns — use :meth:`xml`."""
        root = self._read_only.get(name)
        if root is None:
            root = self._read_only[name] = self.xml(name)
        return root

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
    """Parse one XML part with the one safe parser, refusing document type declarations."""
    try:
        return parse_part(data)
    except UnsafeXml as exc:
        if exc.doctype:
            raise AnnexFileError(f"{where}: the XML declares a document type or entities, which Excel never "
                                 "writes (it can hide an 'XML bomb'). The file was refused; ask for a copy "
                                 "saved by Excel.") from None
        raise AnnexFileError(f"{where}: damaged XML (line {exc.line}: {exc.problem}). Open the file in Excel, "
                             "save it again and retry.") from None


def _not_xlsx(path: Path, why: str) -> AnnexFileError:
    return AnnexFileError(f"{path}: not an Excel .xlsx file ({why}). Open it in Excel and save it as "
                          "'Excel Workbook (*.xlsx)'.")


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
        contents = read_zip(data, "workbook")
    except ZipRefused as exc:
        if exc.kind == "damaged":
            raise _not_xlsx(path, f"the zip {exc.problem}") from None
        advice = ("Save the workbook without a password as 'Excel Workbook (*.xlsx)'." if exc.kind == "encrypted"
                  else "Split the workbook or remove large pictures." if exc.kind in ("total", "entry", "file")
                  else "A workbook never needs that many; it was refused as a possible zip bomb."
                  if exc.kind == "entries" else "Ask for a copy saved by Excel.")
        raise AnnexFileError(f"{path}: the file {exc.problem}. {advice}") from None
    infos, parts = contents.infos, contents.parts
    for name, content in parts.items():
        if name.lower().endswith(_XML_SUFFIXES) and doctype_line(content) is not None:
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
