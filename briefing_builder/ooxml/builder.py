"""Build XML parts with lxml elements, never with strings.

:func:`element` makes one element from a prefixed name (``"a:srgbClr"``), its attributes (in
the order given, prefixed names allowed: ``"r:embed"``), its children and its text; lxml
escapes the text and attributes (dropping characters XML cannot hold) and places the namespace
declarations. :func:`part_bytes`
serialises a part's root the way Office writes it: the standalone XML declaration on its own
line, then the document in UTF-8; :func:`reserialised_part` writes a part that was parsed
and edited back the way lxml (and python-pptx) write it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias

from lxml import etree

from briefing_builder.ooxml.namespaces import NS, qn

#: The XML declaration Office puts at the head of every part.
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Characters XML 1.0 cannot hold at all (tab, line feed and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

AttrValue: TypeAlias = str | int
Child: TypeAlias = etree._Element | None


def element(name: str, attrs: Mapping[str, AttrValue] | None = None, children: Iterable[Child] = (),
            text: str | None = None, namespaces: Mapping[str | None, str] | None = None) -> etree._Element:
    """The element ``name`` with ``attrs`` (in order), ``children`` (None skipped) and ``text``.

    Characters XML cannot hold (control characters a store text may carry) are dropped from
    the text and the attribute values: a part is always well-formed.
    """
    el = etree.Element(qn(name), nsmap=dict(namespaces) if namespaces else None)
    for key, value in (attrs or {}).items():
        el.set(qn(key), xml_text(str(value)))
    el.extend(child for child in children if child is not None)
    if text is not None:
        el.text = xml_text(text)
    return el


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (every other character kept as is)."""
    return _NOT_XML.sub("", text)


def nsmap(*prefixes: str, default: str | None = None) -> dict[str | None, str]:
    """Declarations of ``prefixes`` (keys of :data:`~.namespaces.NS`) in order, after ``default``'s."""
    out: dict[str | None, str] = {None: NS[default]} if default else {}
    out.update((prefix, NS[prefix]) for prefix in prefixes)
    return out


def part_bytes(root: etree._Element) -> bytes:
    """``root`` as a part: the standalone XML declaration and a newline, then UTF-8."""
    body: bytes = etree.tostring(root, encoding="UTF-8")
    return XML_DECL.encode("utf-8") + body


def reserialised_part(root: etree._Element) -> bytes:
    """A parsed part written back as lxml (and python-pptx) writes it: ``<?xml version='1.0' …?>``, UTF-8."""
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
