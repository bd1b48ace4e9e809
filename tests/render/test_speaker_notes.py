"""Speaker notes reach every slide's notes page, whatever the template's notes master holds."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.render.package_check import check_package
from tests.deck_helpers import REFERENCE_PACK, build, bundled_template


def _template_without_notes_placeholder(tmp_path: Path) -> Path:
    """The bundled template with a notes master that has no notes (body) placeholder, as some
    institutions' templates have (the notes page holds only the slide picture and the furniture)."""
    prs = Presentation(str(bundled_template()))
    master = prs.notes_master
    for placeholder in list(master.placeholders):
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.BODY:
            placeholder.element.getparent().remove(placeholder.element)
    assert all(p.placeholder_format.type != PP_PLACEHOLDER.BODY for p in master.placeholders)
    path = tmp_path / "no-notes-body.pptx"
    prs.save(str(path))
    return path


def test_notes_are_written_when_the_notes_master_has_no_notes_placeholder(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK, _template_without_notes_placeholder(tmp_path))
    assert check_package(data) == []
    expected = [spec.notes for spec in plan.slides]
    assert any(expected)
    prs = Presentation(io.BytesIO(data))
    for slide, notes in zip(prs.slides, expected, strict=True):
        if notes:
            frame = slide.notes_slide.notes_text_frame
            assert frame is not None and frame.text == notes
            placeholder = slide.notes_slide.notes_placeholder
            assert placeholder is not None and placeholder.width > 0 and placeholder.height > 0


def test_a_notes_page_never_gets_a_second_notes_placeholder(tmp_path: Path) -> None:
    for template in (bundled_template(), _template_without_notes_placeholder(tmp_path)):
        plan, data = build(REFERENCE_PACK, template)
        for slide, spec in zip(Presentation(io.BytesIO(data)).slides, plan.slides, strict=True):
            if spec.notes:
                bodies = [p for p in slide.notes_slide.placeholders
                          if p.placeholder_format.type == PP_PLACEHOLDER.BODY]
                assert len(bodies) == 1
