"""The one hardened parser: DOCTYPEs and entities refused with their line, nothing resolved."""

from __future__ import annotations

import pytest
from lxml import etree

from briefing_builder.ooxml.xml import SAFE_PARSER, UnsafeXml, doctype_line, parse_part

LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n'
          b"<sst><si><t>&lol2;</t></si></sst>")
EXTERNAL = (b'<?xml version="1.0"?>\n\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            b"<x>&secret;</x>")


def test_a_sound_part_is_parsed() -> None:
    root = parse_part(b'<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x"><b>text</b></a>')
    assert root[0].text == "text"


def test_a_utf16_part_is_parsed() -> None:
    assert parse_part('<a><b>é</b></a>'.encode("utf-16"))[0].text == "é"


@pytest.mark.parametrize("data, line", [(LAUGHS, 2), (EXTERNAL, 3)])
def test_doctype_and_entities_are_refused_with_their_line(data: bytes, line: int) -> None:
    with pytest.raises(UnsafeXml) as info:
        parse_part(data)
    assert info.value.doctype and info.value.line == line


def test_a_doctype_in_utf16_is_found() -> None:
    assert doctype_line(LAUGHS.decode("ascii").encode("utf-16")) == 2


def test_broken_xml_says_where() -> None:
    with pytest.raises(UnsafeXml) as info:
        parse_part(b"<a>\n<b>\n</a>")
    assert not info.value.doctype and info.value.line == 3 and "not well-formed" in info.value.problem


def test_the_parser_itself_resolves_no_external_entity() -> None:
    root = etree.fromstring(EXTERNAL, SAFE_PARSER)
    assert "root:" not in etree.tostring(root).decode()
