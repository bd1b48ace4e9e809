"""A template's text placeholder turned on its side: the deck's titles stay clear of the body."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits
from tests.zip_parts import parts_of

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _box(shape: etree._Element) -> tuple[int, int, int, int]:
    off, ext = shape.find(".//a:xfrm/a:off", NS), shape.find(".//a:xfrm/a:ext", NS)
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_titles_of_a_turned_title_placeholder_stay_clear_of_the_body(tmp_path: Path) -> None:
    path = traits.make_rotated_title(tmp_path)
    notes = [w for w in open_template(path).geometry.warnings if "turned" in w]
    assert len(notes) == 1 and "layout 'Title and Content'" in notes[0] and "270°" in notes[0], notes
    _plan, data = build(REFERENCE_PACK, path)
    assert check_package(data) == []
    parts = parts_of(data)
    checked = 0
    for name, body in parts.items():
        if not (name.startswith("ppt/slides/slide") and name.endswith(".xml")):
            continue
        shapes = etree.fromstring(body).findall(".//p:cSld/p:spTree/p:sp", NS)
        titles = [s for s in shapes if s.find(".//p:ph[@type='title']", NS) is not None]
        texts = [s for s in shapes if s.find(".//p:ph", NS) is None or s.find(".//p:ph[@idx='1']", NS) is not None]
        for title in titles:
            for text in texts:
                if text.find(".//a:xfrm", NS) is not None and title.find(".//a:xfrm", NS) is not None:
                    assert not _overlap(_box(title), _box(text)), (name, _box(title), _box(text))
                    checked += 1
    assert checked


def _title_turns(data: bytes) -> list[str | None]:
    turns = []
    for name, body in parts_of(data).items():
        if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
            for title in etree.fromstring(body).findall(".//p:cSld/p:spTree/p:sp", NS):
                if title.find(".//p:ph[@type='title']", NS) is not None or title.find(
                        ".//p:ph[@type='ctrTitle']", NS) is not None:
                    xfrm = title.find("p:spPr/a:xfrm", NS)
                    turns.append(xfrm.get("rot") if xfrm is not None else "inherited")
    return turns


def test_a_slightly_slanted_title_keeps_its_slant_on_every_slide(tmp_path: Path) -> None:
    path = traits.make_slanted_title(tmp_path, 5)
    assert not [w for w in open_template(path).geometry.warnings if "turned" in w]
    _plan, data = build(REFERENCE_PACK, path)
    assert check_package(data) == []
    turns = _title_turns(data)
    assert turns and set(turns) <= {"300000", "inherited"} and "300000" in turns, turns


def test_a_title_turned_further_is_set_level_with_a_note(tmp_path: Path) -> None:
    path = traits.make_slanted_title(tmp_path, 30)
    notes = [w for w in open_template(path).geometry.warnings if "turned" in w]
    assert len(notes) == 1 and "30°" in notes[0], notes
    _plan, data = build(REFERENCE_PACK, path)
    assert set(_title_turns(data)) <= {None, "inherited"}, _title_turns(data)
