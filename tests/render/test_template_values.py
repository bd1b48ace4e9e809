"""Values a template may not hold (a slide of size 0, a box at x="abc", a font size "big") never reach a deck."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from briefing_builder.render.package_check import check_package
from briefing_builder.render.pdf_office import office_binary, office_pdf
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits

#: Where each invalid value is written, as its note names it.
PARTS = {"presentation": "ppt/presentation.xml", "layout": "ppt/slideLayouts/slideLayout2.xml",
         "master": "ppt/slideMasters/slideMaster1.xml"}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("kind", sorted(traits.INVALID_VALUES))
def test_an_invalid_value_is_corrected_with_a_note_naming_part_and_value(tmp_path: Path, kind: str) -> None:
    where, _path, values = traits.INVALID_VALUES[kind]
    path = traits.make_invalid_value(tmp_path, kind)
    plan, data = build(REFERENCE_PACK, path)
    notes = [n.message for n in plan.warnings if PARTS[where] in n.message]
    bad = next(f'{name}="{value}"' for name, value in values.items() if value not in ("6858000",))
    assert any(bad in note for note in notes), (bad, [n.message for n in plan.warnings])
    assert check_package(data) == []
    body = _parts(data)[PARTS[where]]
    for name, value in values.items():
        if value != "6858000":
            assert not re.search(rf'\b{name}="{re.escape(value)}"'.encode(), body), (name, value)


def test_a_zero_slide_size_gives_the_size_the_deck_was_planned_for(tmp_path: Path) -> None:
    opened = open_template(traits.make_invalid_value(tmp_path, "slide-size-zero"))
    _plan, data = build(REFERENCE_PACK, traits.make_invalid_value(tmp_path, "slide-size-zero"))
    size = re.search(rb'<p:sldSz cx="(\d+)" cy="(\d+)"', _parts(data)["ppt/presentation.xml"])
    assert size is not None
    assert (int(size[1]), int(size[2])) == (opened.geometry.slide_width, opened.geometry.slide_height) \
        == (9144000, 6858000)


@pytest.mark.soffice
def test_libreoffice_opens_decks_made_from_invalid_values(tmp_path: Path) -> None:
    if office_binary() is None:
        pytest.skip("LibreOffice (soffice) is needed")
    for kind in ("slide-size-zero", "size-negative", "font-size-text"):
        _plan, data = build(REFERENCE_PACK, traits.make_invalid_value(tmp_path, kind))
        deck = tmp_path / f"{kind}.pptx"
        deck.write_bytes(data)
        assert office_pdf(deck).stat().st_size > 1000, kind
