"""The one namespace map agrees with what python-pptx, XlsxWriter and Office write, and qn() spells names with it."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter
from lxml import etree
from pptx.oxml.ns import _nsmap as pptx_namespaces
from pptx.oxml.ns import qn as pptx_qn

from briefing_builder.ooxml.namespaces import NS, REL_CUSTOM_PROPERTIES, REL_OFFICE_DOCUMENT, qn


def test_every_prefix_python_pptx_also_knows_means_the_same_namespace() -> None:
    shared = set(NS) & set(pptx_namespaces)
    assert {"a", "p", "r", "cp", "ct", "dc", "dcterms", "ep", "xsi"} <= shared
    assert all(NS[prefix] == pptx_namespaces[prefix] for prefix in shared)
    for name in ("a:rPr", "p:cNvPr", "r:id", "cp:coreProperties"):
        assert qn(name) == pptx_qn(name)


def test_the_workbook_namespaces_are_the_ones_an_xlsx_file_is_written_in() -> None:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    workbook.add_worksheet()
    workbook.set_custom_property("Pack", "jha")
    workbook.close()
    parts = zipfile.ZipFile(buffer)
    assert etree.fromstring(parts.read("xl/workbook.xml")).tag == qn("x:workbook")
    custom = etree.fromstring(parts.read("docProps/custom.xml"))
    assert custom.tag == qn("custom:Properties") and custom[0][0].tag.startswith(f"{{{NS['vt']}}}")
    rels = etree.fromstring(parts.read("_rels/.rels"))
    assert rels.tag == qn("rel:Relationships")
    types = {rel.get("Type") for rel in rels}
    assert REL_OFFICE_DOCUMENT in types and REL_CUSTOM_PROPERTIES in types
    assert etree.fromstring(parts.read("[Content_Types].xml")).tag == qn("ct:Types")


def test_a_bare_name_stays_as_it_is_and_an_unknown_prefix_is_an_error() -> None:
    assert qn("Relationship") == "Relationship"
    with pytest.raises(KeyError):
        qn("zz:thing")
