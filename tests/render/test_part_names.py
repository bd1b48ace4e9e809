"""Part names handed out by the allocator: free, never twice, the same as python-pptx's own choice."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from briefing_builder.paths import templates_dir
from briefing_builder.render.part_names import PartNameAllocator, install_allocator

TEMPLATE = templates_dir() / "briefing-16x9.pptx"
LAYOUTS = "/ppt/slideLayouts/slideLayout%d.xml"
CHARTS = "/ppt/charts/chart%d.xml"


def test_the_first_free_name_is_the_one_python_pptx_would_choose() -> None:
    package = Presentation(str(TEMPLATE)).part.package
    expected = [str(package.next_partname(template)) for template in (LAYOUTS, CHARTS)]
    allocator = PartNameAllocator(package)
    assert [str(allocator.next_partname(template)) for template in (LAYOUTS, CHARTS)] == expected
    layouts = sum(1 for part in package.iter_parts() if "/slideLayouts/slideLayout" in str(part.partname))
    assert expected == [LAYOUTS % (layouts + 1), CHARTS % 1]


def test_a_name_is_never_handed_out_twice_nor_one_the_template_holds() -> None:
    package = Presentation(str(TEMPLATE)).part.package
    allocator = PartNameAllocator(package)
    names = [str(allocator.next_partname(CHARTS)) for _ in range(3)]
    assert names == [CHARTS % 1, CHARTS % 2, CHARTS % 3]
    used = {str(part.partname) for part in package.iter_parts()}
    assert not used & set(names)
    # names the template holds are skipped: its layouts 1..n, the next layout after them
    first_layout = str(allocator.next_partname(LAYOUTS))
    assert first_layout not in used and str(allocator.next_partname(LAYOUTS)) != first_layout


def test_a_deck_with_many_charts_saves_with_distinct_parts_and_opens_again() -> None:
    prs = Presentation(str(TEMPLATE))
    allocator = install_allocator(prs.part.package)
    assert prs.part.package.next_partname == allocator.next_partname
    data = CategoryChartData()
    data.categories = ["2024", "2025"]
    data.add_series("Arrivals", (20.0, 18.5))
    layout = prs.slide_layouts[0]
    for _ in range(4):
        slide = prs.slides.add_slide(layout)
        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data)
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        names = package.namelist()
    assert len(names) == len(set(names))
    charts = sorted(n for n in names if n.startswith("ppt/charts/chart"))
    assert charts == [f"ppt/charts/chart{i}.xml" for i in range(1, 5)]
    embedded = [n for n in names if n.startswith("ppt/embeddings/")]
    assert len(embedded) == 4 and len(set(embedded)) == 4
    reopened = Presentation(io.BytesIO(out.getvalue()))
    assert sum(1 for slide in reopened.slides for shape in slide.shapes if shape.has_chart) == 4
