"""Where the date, footer and slide-number placeholders are drawn: the layout's box with an area, else the master's."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import shape_tree
from briefing_builder.render.furniture_boxes import flat_furniture_warnings, furniture_kind, furniture_place
from tests.fixtures.templates import traits


def _footer(layout):  # noqa: ANN001, ANN202
    return next(sp for sp in shape_tree(layout).iterchildren(qn("p:sp")) if furniture_kind(sp) == "ftr")


def test_a_flat_layout_box_gives_way_to_the_masters(tmp_path: Path) -> None:
    prs = Presentation(str(traits.DEFAULT))
    layout = prs.slide_layouts[1]
    own = furniture_place(_footer(layout), prs.slide_master)
    assert own.usable and own.box is not None and own.box[3] > 0
    flat = Presentation(str(traits.make_flat_furniture(tmp_path, master_too=False)))
    place = furniture_place(_footer(flat.slide_layouts[1]), flat.slide_master)
    assert place.usable and place.box is not None and place.box[1] > flat.slide_height * 0.8 and place.box[3] > 0
    assert flat_furniture_warnings(list(flat.slide_layouts)) == []


def test_no_area_anywhere_is_unusable_and_named_once_for_all_layouts(tmp_path: Path) -> None:
    prs = Presentation(str(traits.make_flat_furniture(tmp_path, master_too=True)))
    assert not furniture_place(_footer(prs.slide_layouts[1]), prs.slide_master).usable
    warnings = flat_furniture_warnings([*prs.slide_layouts, prs.slide_layouts[0]])
    assert len(warnings) == 1 and warnings[0].startswith("Layouts 'Title Slide', 'Title and Content'")
    assert "slide-number" in warnings[0] and "View → Slide Master" in warnings[0]
