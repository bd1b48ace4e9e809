"""The one hardened XML parser for parts of packages that come from elsewhere.

:data:`SAFE_PARSER` never loads a DTD, resolves no entities, never touches the network and
keeps lxml's limits on huge trees (depth, text node size). :func:`parse_part` also refuses a
document type declaration outright — Office never writes one, and it is how entity bombs
and external entities arrive — and says on which line it is.
"""

from __future__ import annotations

import re

from lxml import etree

from briefing_builder.errors import BriefingError

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                              huge_tree=False, remove_blank_text=False)

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: How a UTF-16 part without a byte-order mark starts: "<?" in little or big endian.
_UTF16_STARTS = {b"<\x00?\x00": "utf-16-le", b"\x00<\x00?": "utf-16-be"}
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXml(BriefingError, ValueError):
    """A part is not well-formed or declares a document type; ``problem`` says which, ``line`` where."""

    def __init__(self, problem: str, line: int | None = None, doctype: bool = False) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.doctype = doctype


def _as_utf8(data: bytes) -> bytes:
    """``data`` re-encoded as UTF-8 when it is UTF-16 (with or without a byte-order mark)."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16").encode("utf-8")
    encoding = _UTF16_STARTS.get(data[:4])
    if encoding is None:
        return data
    text = data.decode(encoding, "replace")
    return re.sub(r'encoding=["\']utf-16[^"\']*["\']', 'encoding="UTF-8"', text, count=1, flags=re.I).encode("utf-8")


def doctype_line(data: bytes) -> int | None:
    """The line of a ``<!DOCTYPE`` or ``<!ENTITY`` declaration in ``data`` (UTF-8 or UTF-16), else None."""
    text = _as_utf8(data)
    found = _DECLARATION.search(text)
    return text[:found.start()].count(b"\n") + 1 if found else None


def parse_part(data: bytes) -> etree._Element:
    """``data`` parsed with :data:`SAFE_PARSER`; :class:`UnsafeXml` for a DOCTYPE or broken XML."""
    line = doctype_line(data)
    if line is not None:
        raise UnsafeXml("declares a document type or entities", line, doctype=True)
    text = _as_utf8(data)
    try:
        root = etree.fromstring(text, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"is not well-formed XML: {exc.msg}", exc.lineno) from None
    if root.getroottree().docinfo.doctype:  # a DOCTYPE an exotic encoding hid from the scan above
        raise UnsafeXml("declares a document type or entities", 1, doctype=True)
    return root
