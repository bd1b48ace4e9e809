"""Slides added in one scan come out as python-pptx's own ``add_slide`` would make them."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType

from briefing_builder.paths import templates_dir
from briefing_builder.render.package_check import check_package
from briefing_builder.render.part_names import install_allocator
from briefing_builder.render.slide_adder import MIN_SLIDE_ID, add_slides

TEMPLATE = templates_dir() / "briefing-16x9.pptx"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _open(data: bytes | None = None) -> PresentationType:
    return Presentation(io.BytesIO(data) if data is not None else str(TEMPLATE))


def _shape(prs: PresentationType) -> list[tuple[str, str, str, list[tuple[int, str]]]]:
    """Per slide: part name, its id and relationship id in the presentation, its layout and placeholders."""
    ids = prs.slides._sldIdLst
    rows = []
    for entry, slide in zip(ids, prs.slides):
        placeholders = [(ph.placeholder_format.idx, ph.name) for ph in slide.placeholders]
        rows.append((f"{slide.part.partname} {entry.get('id')} {entry.get(R_ID)}", slide.slide_layout.name,
                     str(slide.slide_layout.part.partname), placeholders))
    return rows


def _both_ways(start: bytes | None, picks: list[int]) -> tuple[PresentationType, PresentationType]:
    ours, theirs = _open(start), _open(start)
    add_slides(ours, [ours.slide_layouts[i] for i in picks], install_allocator(ours.part.package))
    for i in picks:
        theirs.slides.add_slide(theirs.slide_layouts[i])
    return ours, theirs


def _saved(prs: PresentationType) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_slides_on_an_empty_template_match_python_pptx() -> None:
    picks = [0, 1, 3, 3, 2, 6, 4]
    ours, theirs = _both_ways(None, picks)
    assert _shape(ours) == _shape(theirs)
    assert [int(entry.get("id")) for entry in ours.slides._sldIdLst] == list(range(MIN_SLIDE_ID, MIN_SLIDE_ID + 7))
    assert [slide.slide_layout.name for slide in ours.slides] == [ours.slide_layouts[i].name for i in picks]


def test_slides_after_existing_ones_take_the_next_ids_and_names() -> None:
    existing = _open()
    for i in (0, 3):
        existing.slides.add_slide(existing.slide_layouts[i])
    existing.slides._sldIdLst[1].set("id", "400")  # a deck whose ids have gaps, as PowerPoint leaves them
    start = _saved(existing)
    ours, theirs = _both_ways(start, [3, 5])
    assert _shape(ours) == _shape(theirs)
    assert [entry.get("id") for entry in ours.slides._sldIdLst] == ["256", "400", "401", "402"]


def test_the_saved_deck_is_sound_and_reopens_with_every_slide() -> None:
    ours, _ = _both_ways(None, [0, 1, 3, 3, 6] * 20)
    data = _saved(ours)
    assert check_package(data) == []
    assert len(_open(data).slides) == 100
