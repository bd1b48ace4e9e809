"""Tests for the brand template builder: reproducibility, structure, sidecar."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation

from briefing_builder.paths import templates_dir
from briefing_builder.render.brand_builder import (
    ROLE_LAYOUTS,
    build_template,
    load_brand,
    main,
)

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
BRAND = templates_dir() / "brand.yaml"
EXPECTED_TYPES = {"Title": "title", "Agenda": "obj", "Section": "secHead",
                  "Title and Content": "obj", "Two Content": "twoObj",
                  "Title Only": "titleOnly", "Closing": "title"}
Built = dict[tuple[str, str], Path]   # (run, size) -> the template built in that run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Both sizes built twice into separate folders."""
    out: Built = {}
    brand = load_brand(BRAND)
    for run in ("a", "b"):
        folder = tmp_path_factory.mktemp(run)
        for size in brand.sizes:
            out[(run, size)] = build_template(brand, size, folder / f"briefing-{size}.pptx")
    return out


@pytest.mark.parametrize("size", ["16x9", "4x3"])
def test_build_is_byte_identical_and_matches_committed(built: Built, size: str) -> None:
    first = built[("a", size)].read_bytes()
    assert first == built[("b", size)].read_bytes()
    committed = (templates_dir() / f"briefing-{size}.pptx").read_bytes()
    # The logo PNG is drawn with FreeType, whose output can differ between Pillow builds;
    # every other part must match the committed template exactly.
    with zipfile.ZipFile(io.BytesIO(first)) as new, zipfile.ZipFile(io.BytesIO(committed)) as old:
        assert new.namelist() == old.namelist()
        for name in new.namelist():
            if not name.startswith("ppt/media/"):
                assert new.read(name) == old.read(name), \
                    f"{name} is stale: run `make templates` and commit the result"
    assert built[("a", size)].with_suffix(".yaml").read_text(encoding="utf-8") == \
        (templates_dir() / f"briefing-{size}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", ["16x9", "4x3"])
def test_package_metadata_is_fixed(built: Built, size: str) -> None:
    with zipfile.ZipFile(built[("a", size)]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        names = zf.namelist()
        assert len(names) == len(set(names))
        assert not any(n.startswith("ppt/slides/") for n in names)
        assert not any("thumbnail" in n or "printerSettings" in n for n in names)
        core = zf.read("docProps/core.xml").decode()
    assert "Steve Canny" not in core and "2013" not in core
    prs = Presentation(str(built[("a", size)]))
    assert prs.core_properties.author == "Briefing Builder"
    assert prs.core_properties.created.year == 2024


@pytest.mark.parametrize("size, width", [("16x9", 12192000), ("4x3", 9144000)])
def test_layouts_types_and_placeholders(built: Built, size: str, width: int) -> None:
    prs = Presentation(str(built[("a", size)]))
    assert (prs.slide_width, prs.slide_height) == (width, 6858000)
    assert len(prs.slide_masters) == 1 and len(prs.slides) == 0
    layouts = list(prs.slide_layouts)
    assert [layout.name for layout in layouts] == list(EXPECTED_TYPES)
    for layout in layouts:
        assert layout._element.get("type") == EXPECTED_TYPES[layout.name]
        kinds = {str(p.placeholder_format.type).split()[0] for p in layout.placeholders}
        assert {"DATE", "FOOTER", "SLIDE_NUMBER"} <= kinds, layout.name
        boxes = []
        for ph in layout.placeholders:
            # every placeholder positioned on the layout itself, inside the slide
            assert ph._element.spPr.find(f"{{{A}}}xfrm") is not None, (layout.name, ph.name)
            assert ph.left is not None and ph.width is not None, (layout.name, ph.name)
            assert ph.left >= 0 and ph.left + ph.width <= width, (layout.name, ph.name)
            assert ph.top >= 0 and ph.top + ph.height <= 6858000, (layout.name, ph.name)
            boxes.append((ph.left, ph.top, ph.left + ph.width, ph.top + ph.height, ph.name))
        for i, a in enumerate(boxes):  # no two placeholders overlap
            for b in boxes[i + 1:]:
                overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
                assert not overlap, (layout.name, a[4], b[4])
    two = next(layout for layout in layouts if layout.name == "Two Content")
    assert sorted(p.placeholder_format.idx for p in two.placeholders
                  if p.placeholder_format.idx in (1, 2)) == [1, 2]


def test_master_body_style_has_levels_and_sizes(built: Built) -> None:
    prs = Presentation(str(built[("a", "16x9")]))
    body = prs.slide_master._element.find(f"{{{NS_P}}}txStyles/{{{NS_P}}}bodyStyle")
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    lvl1, lvl2 = body.find(f"{a}lvl1pPr"), body.find(f"{a}lvl2pPr")
    assert lvl1.find(f"{a}buChar").get("char") == "•"
    assert lvl2.find(f"{a}buChar").get("char") == "–"
    assert int(lvl2.get("marL")) > int(lvl1.get("marL")) > 0
    assert lvl1.find(f"{a}defRPr").get("sz") == "2000"


def test_sidecar_pins_every_role(built: Built) -> None:
    data = yaml.safe_load(built[("a", "16x9")].with_suffix(".yaml").read_text("utf-8"))
    assert data["roles"] == ROLE_LAYOUTS
    assert data["text"] == {"body_max_pt": 20.0, "body_min_pt": 12.0}


def test_theme_carries_brand_colours_and_fonts(built: Built) -> None:
    brand = load_brand(BRAND)
    prs = Presentation(str(built[("a", "4x3")]))
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    theme = prs.slide_master.part.part_related_by(RT.THEME).blob.decode()
    assert brand.colours["primary"] in theme and brand.colours["accent"] in theme
    assert f'<a:latin typeface="{brand.heading_font}"/>' in theme


def test_main_writes_into_out_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "briefing-16x9.pptx").is_file()
    assert (tmp_path / "briefing-4x3.yaml").is_file()
    data = (tmp_path / "briefing-4x3.pptx").read_bytes()
    Presentation(io.BytesIO(data))


@pytest.mark.parametrize("size", ["16x9", "4x3"])
def test_package_has_no_dangling_rels_or_duplicate_ids(built: Built, size: str) -> None:
    from tests.render.test_template import _package_problems
    data = built[("a", size)].read_bytes()
    assert _package_problems(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith(("ppt/slideLayouts/slideLayout", "ppt/slideMasters/slideM")):
                root = etree.fromstring(zf.read(name))
                ids = [el.get("id") for el in root.iter(f"{{{NS_P}}}cNvPr")]
                assert len(ids) == len(set(ids)), name
