"""Parts built from lxml elements: escaped, namespaced once, serialised the way Office writes them."""

from __future__ import annotations

from briefing_builder.ooxml.builder import XML_DECL, element, nsmap, part_bytes
from briefing_builder.ooxml.namespaces import NS, qn
from briefing_builder.ooxml.xml import parse_part


def test_qn_spells_clark_names() -> None:
    assert qn("a:rPr") == f"{{{NS['a']}}}rPr" and qn("plain") == "plain"


def test_text_and_attributes_are_escaped_and_read_back_as_written() -> None:
    hostile = 'Council & "JHA" <script> ‹#›'
    root = element("p:sp", namespaces=nsmap("p", "a"), children=[
        element("p:cNvPr", {"id": 2, "name": hostile}), None, element("a:t", text=hostile)])
    data = part_bytes(root)
    assert data.startswith(XML_DECL.encode())
    back = parse_part(data)
    assert back[0].get("name") == hostile and back[1].text == hostile and len(back) == 2


def test_children_declare_no_namespace_of_their_own() -> None:
    root = element("p:sldLayout", {"type": "obj"}, namespaces=nsmap("a", "r", "p"),
                   children=[element("a:blip", {"r:embed": "rId2"})])
    assert part_bytes(root) == (XML_DECL + f'<p:sldLayout xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}" '
                                f'xmlns:p="{NS["p"]}" type="obj"><a:blip r:embed="rId2"/></p:sldLayout>').encode()


def test_empty_text_keeps_an_open_and_a_close_tag() -> None:
    assert part_bytes(element("ct:Types", namespaces=nsmap(default="ct"), text="")).endswith(b"></Types>")


def test_characters_xml_cannot_hold_are_dropped_and_the_rest_kept() -> None:
    root = element("dc:title", {"name": "a\x01b"}, text="Strategy\x01 update\x0b\ttab\nline")
    assert root.text == "Strategy update\ttab\nline" and root.get("name") == "ab"
