"""Templates built to mislead: what they set for their own text must not turn, split, reverse or hide ours,
and every box the app places stays on the slide, out of the title, with notes that say what happened."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import qn
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def _slides(data: bytes) -> list:
    return list(Presentation(io.BytesIO(data)).slides)


def _written_bodies(data: bytes) -> list[etree._Element]:
    """The bodyPr of every text body the app wrote (every shape with text)."""
    return [shape.text_frame._txBody.find(qn("a:bodyPr")) for slide in _slides(data) for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.strip()]


def test_inherited_vertical_text_and_columns_are_overridden(tmp_path: Path) -> None:
    for name, attrs in (("vertical.pptx", {"vert": "eaVert"}), ("columns.pptx", {"numCol": "3"})):
        _plan, data = build(REFERENCE_PACK, traits.make_body_properties(tmp_path, name, **attrs))
        bodies = _written_bodies(data)
        assert bodies
        assert all(b.get("vert") == "horz" and b.get("numCol") == "1" for b in bodies), name


def test_inherited_right_to_left_direction_is_overridden_for_latin_text(tmp_path: Path) -> None:
    for where in ("master", "layout"):
        _plan, data = build(REFERENCE_PACK, traits.make_right_to_left(tmp_path, where))
        paragraphs = [p for slide in _slides(data) for shape in slide.shapes if shape.has_text_frame
                      for p in shape.text_frame._txBody.findall(qn("a:p")) if "".join(p.itertext()).strip()]
        assert paragraphs
        assert all(p.find(qn("a:pPr")).get("rtl") == "0" for p in paragraphs), where


def test_right_to_left_text_keeps_its_direction() -> None:
    from briefing_builder.render.pptx_text import right_to_left

    assert right_to_left("«مرحبا» world") and right_to_left("שלום")
    assert not right_to_left("2026: Tunisia مرحبا") and not right_to_left("")


def _inside(box: Box, width: int, height: int) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= width and box.bottom <= height


def _shape_box(shape) -> Box:  # noqa: ANN001
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
