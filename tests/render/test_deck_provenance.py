"""The marks a deck carries of where its text came from, read back from the saved deck.

Decks are the bundled packs' decks as the app writes them; the baseline is read from the
saved file's custom properties and compared with what python-pptx reads in each keyed shape.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation

from briefing_builder.markup import Run
from briefing_builder.ooxml.namespaces import NS, qn
from briefing_builder.render.deck_provenance import (
    CHUNK_CHARS,
    CHUNK_PROPERTY,
    DECK_PROPERTY,
    Baseline,
    Block,
    ReadParagraph,
    baseline_from_properties,
    chunk_properties,
    decode,
    encode,
    parse_document,
    read_body,
    shape_key,
    table_cells,
)
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build


def _properties(data: bytes) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/custom.xml"))
    return {p.get("name", ""): "".join(p.itertext()) for p in root.findall("custom:property", NS)}


@pytest.fixture(scope="module", params=[REFERENCE_PACK, DEMO_PACK])
def deck(request: pytest.FixtureRequest) -> bytes:
    return build(request.param)[1]


def test_every_shape_the_app_wrote_is_keyed_once_by_slide_and_position(deck: bytes) -> None:
    prs = Presentation(io.BytesIO(deck))
    keys = []
    for number, slide in enumerate(prs.slides, start=1):
        for position, shape in enumerate(slide.shapes, start=1):
            key = shape_key(shape.name)
            assert key == f"{number}.{position}", shape.name
            assert shape.name.count(" #bb:") == 1
            keys.append(key)
            if shape.shape_type == 6:  # a group (the timeline): its text shapes are keyed inside it
                assert all(shape_key(inner.name) == f"{key}.g{i}"
                           for i, inner in enumerate((s for s in shape.shapes if s.has_text_frame), start=1))
    assert len(keys) == len(set(keys))


def test_the_baseline_in_the_properties_says_what_an_unedited_deck_reads_as(deck: bytes) -> None:
    properties = _properties(deck)
    chunks = [value for name, value in properties.items() if name.startswith(CHUNK_PROPERTY)]
    assert chunks and all(len(chunk) <= CHUNK_CHARS for chunk in chunks)  # PowerPoint edits at most 255
    baseline = baseline_from_properties(properties)
    assert baseline is not None and properties[DECK_PROPERTY] == baseline.deck_id()
    prs = Presentation(io.BytesIO(deck))
    shapes = {shape_key(s.name): s for slide in prs.slides for s in slide.shapes}
    checked = 0
    for block in baseline.blocks:
        parts = block.key.split(".")
        shape = shapes.get(".".join(parts[:2]))
        assert shape is not None, block.key
        if len(parts) == 2:
            body = shape._element.find(qn("p:txBody"))
        elif parts[2].startswith("g"):
            continue  # inside a group: keyed by the group's own number
        else:
            body = next(b for r, c, b in table_cells(shape._element) if (r, c) == (int(parts[2]), int(parts[3])))
        assert body is not None
        assert [(p.markup(), p.level) for p in read_body(body)] == [(m, lv) for m, lv, _s, _l in block.paragraphs]
        checked += 1
    assert checked >= len(prs.slides)
    assert any(source for block in baseline.blocks for _m, _l, source, _lead in block.paragraphs)


def test_the_same_plan_always_gives_the_same_deck_id() -> None:
    first, second = build(REFERENCE_PACK)[1], build(REFERENCE_PACK)[1]
    assert _properties(first)[DECK_PROPERTY] == _properties(second)[DECK_PROPERTY]


def _baseline() -> Baseline:
    return Baseline("jha", [Block("3.2", 3, "Return", [("**Return** hubs", 0, "return-hubs:text", 0)])],
                    {"return-hubs:text": "**Return** hubs"}, ["LIMITE"])


def test_a_missing_damaged_or_foreign_baseline_is_not_read() -> None:
    chunks = encode(_baseline())
    assert decode(chunks) == _baseline()
    properties = dict(chunk_properties(_baseline()))
    assert baseline_from_properties(properties) == _baseline()
    assert baseline_from_properties({DECK_PROPERTY: "abc"}) is None
    assert decode([chunks[0][:-4] + "AAAA", *chunks[1:]]) is None
    assert decode(["not base64 at all!"]) is None
    assert parse_document('{"format": 99, "pack": "jha"}') is None and parse_document("[1, 2]") is None
    assert encode(Baseline("")) and len(max(encode(_baseline()), key=len)) <= CHUNK_CHARS


def _body(xml: str) -> etree._Element:
    return etree.fromstring(f'<p:txBody xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><a:bodyPr/>{xml}</p:txBody>')


def test_paragraphs_are_read_with_their_styles_levels_breaks_and_fields() -> None:
    body = _body('<a:p><a:pPr lvl="1"/><a:r><a:rPr b="1"/><a:t>Return</a:t></a:r><a:br/>'
                 '<a:r><a:rPr strike="noStrike" i="true"/><a:t>hubs</a:t></a:r></a:p>'
                 "<a:p><a:r><a:t>  </a:t></a:r></a:p>"  # blank: skipped
                 '<a:p><a:fld type="slidenum"><a:rPr/><a:t>7</a:t></a:fld><a:r><a:rPr strike="sngStrike"/>'
                 "<a:t> old</a:t></a:r></a:p>")
    first, second = read_body(body)
    assert first.level == 1 and first.runs == (Run("Return", True), Run(" "), Run("hubs", italic=True))
    assert first.text == "Return hubs" and second.runs[1].strike and not second.runs[0].strike


def test_a_paragraphs_markup_leaves_out_its_generated_lead() -> None:
    paragraph = ReadParagraph((Run("3. "), Run("Return", bold=True), Run("\u00a0and  readmission ")), 0)
    assert paragraph.markup() == "3. **Return** and readmission"
    assert paragraph.markup(skip=3) == "**Return** and readmission"
    assert shape_key("Title 1") is None and shape_key("Title 1 #bb:2.1") == "2.1"
    assert shape_key("Group #bb:9.4.g2") == "9.4.g2"
