"""The package check finds each cause of PowerPoint's repair prompt in a real deck damaged on purpose."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import pytest

from briefing_builder.render.package_check import check_package
from tests.deck_helpers import DEMO_PACK, build
from tests.zip_parts import TextEdit, rewrite_parts

SLIDE = "ppt/slides/slide1.xml"
SLIDE_RELS = "ppt/slides/_rels/slide1.xml.rels"
PRESENTATION = "ppt/presentation.xml"


@cache
def _deck() -> bytes:
    return build(DEMO_PACK)[1]


def _damaged(edits: dict[str, TextEdit | None] | None = None, added: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """The demo deck with parts edited as text (``None`` drops the part) and entries appended."""
    return rewrite_parts(_deck(), edits or {}, added)


def test_the_demo_deck_is_sound() -> None:
    assert check_package(_deck()) == []


def test_a_duplicate_zip_entry() -> None:
    with zipfile.ZipFile(io.BytesIO(_deck())) as package:
        slide = package.read(SLIDE)
    assert check_package(_damaged(added=((SLIDE, slide),))) == [f"duplicate zip entry {SLIDE} (2 times)"]


def test_a_part_without_a_content_type() -> None:
    assert check_package(_damaged(added=(("ppt/media/extra.bin", b"\0"),))) == [
        "ppt/media/extra.bin has no content type"]


def test_a_missing_content_types_part() -> None:
    assert "[Content_Types].xml is missing" in check_package(_damaged({"[Content_Types].xml": None}))


def test_a_dropped_slide_is_a_missing_part_twice_over() -> None:
    problems = check_package(_damaged({"ppt/slides/slide2.xml": None}))
    assert "content type declared for missing part /ppt/slides/slide2.xml" in problems
    assert any(p.startswith("ppt/_rels/presentation.xml.rels: relationship ")
               and p.endswith("points at missing part ppt/slides/slide2.xml") for p in problems), problems


def test_xml_that_does_not_parse() -> None:
    problems = check_package(_damaged({SLIDE: lambda text: text[: len(text) // 2]}))
    assert len(problems) == 1 and problems[0].startswith(f"{SLIDE} is not well-formed XML: ")


def test_a_slide_no_relationship_points_at() -> None:
    with zipfile.ZipFile(io.BytesIO(_deck())) as package:
        slide = package.read(SLIDE)
    override = ('<Override PartName="/ppt/slides/slide99.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.presentationml.slide+xml"/>')
    data = _damaged({"[Content_Types].xml": lambda text: text.replace("</Types>", override + "</Types>")},
                    added=(("ppt/slides/slide99.xml", slide),))
    assert check_package(data) == ["ppt/slides/slide99.xml is not referenced by any relationship"]


def test_duplicate_slide_ids() -> None:
    def same_ids(text: str) -> str:
        return re.sub(r'<p:sldId id="\d+"', '<p:sldId id="300"', text)

    problems = check_package(_damaged({PRESENTATION: same_ids}))
    assert problems == [f"{PRESENTATION}: duplicate slide ids 300"]


def test_duplicate_shape_ids_on_a_slide() -> None:
    def same_ids(text: str) -> str:
        return re.sub(r'<p:cNvPr id="\d+"', '<p:cNvPr id="7"', text)

    assert check_package(_damaged({SLIDE: same_ids})) == [f"{SLIDE}: duplicate shape ids 7"]


def test_a_relationship_id_used_twice() -> None:
    def twice(text: str) -> str:
        return text.replace('Id="rId2"', 'Id="rId1"')

    problems = check_package(_damaged({SLIDE_RELS: twice}))
    assert problems == [f"{SLIDE_RELS}: relationship id rId1 used 2 times"]


@pytest.mark.parametrize("target", ["https://example.org/missing", "file:///C:/nowhere.xlsx"])
def test_external_links_are_not_missing_parts(target: str) -> None:
    link = (f'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'hyperlink" Target="{target}" TargetMode="External"/>')
    data = _damaged({SLIDE_RELS: lambda text: text.replace("</Relationships>", link + "</Relationships>")})
    assert check_package(data) == []
