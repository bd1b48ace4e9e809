"""Text boxes that run under the template's own pictures and text boxes are named, with the graphic."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build, bundled_template
from tests.fixtures.templates import traits


def test_a_logo_over_the_title_and_a_stamp_over_the_body_are_named(tmp_path: Path) -> None:
    path = traits.make_graphics_over_text(tmp_path)
    warnings = open_template(path).geometry.warnings
    logo = [w for w in warnings if "'Logo'" in w]
    stamp = [w for w in warnings if "CONFIDENTIAL" in w]
    assert any("Layout 'Title and Content'" in w and "title" in w for w in logo), warnings
    assert any("Layout 'Title and Content'" in w and "body" in w for w in stamp), warnings
    plan, _data = build(REFERENCE_PACK, path)
    assert any("'Logo'" in n.message for n in plan.warnings)


def test_no_such_note_where_graphics_keep_clear(tmp_path: Path) -> None:
    for path in (bundled_template(), bundled_template("briefing-4x3"), traits.make_libreoffice(tmp_path),
                 traits.make_dark_background(tmp_path)):
        assert not [w for w in open_template(path).geometry.warnings if "runs under" in w], path.name
