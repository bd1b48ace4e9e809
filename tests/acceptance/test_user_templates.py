"""The reference pack builds on every kind of user template, soundly and without overflow."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.render.package_check import check_package
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.fixtures import make_templates as mt

MAKERS: dict[str, Callable[[Path], Path]] = {
    "french": mt.make_french,
    "german": mt.make_german,
    "arial-theme": mt.make_arial,
    "no-body-layout": mt.make_no_body,
    "no-placeholders": mt.make_no_placeholders,
    "sample-slides": mt.make_with_samples,
    "potx": mt.make_potx,
    "two-masters": mt.make_two_masters,
    "4x3": lambda folder: mt.make_sizes(folder)[0],
    "16x9": lambda folder: mt.make_sizes(folder)[1],
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("pack_id", [REFERENCE_PACK, DEMO_PACK])
def test_packs_build_on_user_templates(tmp_path: Path, kind: str, pack_id: str) -> None:
    template = MAKERS[kind](tmp_path)
    plan, data = build(pack_id, template)
    assert check_package(data) == []
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(plan.slides)
    # the template's own slide size is kept
    source = Presentation(str(template)) if template.suffix == ".pptx" else None
    if source is not None:
        assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height)
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title else
              next(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name.startswith("Title"))
              for slide in prs.slides]
    assert titles == [s.title for s in plan.slides]


def test_fallback_layouts_are_reported(tmp_path: Path) -> None:
    plan, _ = build(REFERENCE_PACK, mt.make_no_body(tmp_path))
    assert any(note.kind == "template" for note in plan.warnings)
