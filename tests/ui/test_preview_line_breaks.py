"""The preview paints every line of text exactly where the written deck breaks it, at every zoom.

The deck side is read back from the .pptx the export writes (each text shape's width and
insets, each paragraph's margin, each run's size and style), broken with the one line breaker
of :mod:`compose.linebreak`; the preview side is where the painter puts each piece of text
at five widths, grouped into lines as a reader sees them (pieces that continue one another
on one baseline). Both must give the same lines on every slide of both bundled packs, on
the 16:9 and 4:3 templates and a user's template.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu
from PySide6.QtWidgets import QApplication

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.geometry import EMU_PER_POINT, TemplateGeometry
from briefing_builder.compose.linebreak import line_text
from briefing_builder.compose.measure import line_breaks
from briefing_builder.compose.preview_scene import build_scene
from briefing_builder.compose.textstyle import BULLET_CHARS
from briefing_builder.markup import Run
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import open_template
from briefing_builder.store import Catalog, load_store
from briefing_builder.ui.preview.painter import PaintedText, ScenePainter
from briefing_builder.ui.preview.worker import TemplateCache
from tests.fixtures import make_templates as mk

WIDTHS = (240, 480, 800, 1200, 1600)
DEFAULT_INSET = 91440
#: A painted line may run this much past its measured length (Qt rounds advances at small sizes).
OVERRUN = 0.06


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def _runs(p: etree._Element) -> tuple[tuple[Run, ...], float]:
    runs, size = [], None
    for child in p:
        if child.tag not in (qn("a:r"), qn("a:fld")):
            continue
        rpr = child.find(qn("a:rPr"))
        text = "".join(t.text or "" for t in child.iter(qn("a:t")))
        bold = rpr is not None and rpr.get("b") in ("1", "true")
        italic = rpr is not None and rpr.get("i") in ("1", "true")
        runs.append(Run(text, bold=bold, italic=italic))
        if size is None and rpr is not None and rpr.get("sz"):
            size = int(rpr.get("sz")) / 100
    return tuple(runs), size or 18.0


def _frame_lines(tx_body: etree._Element, width_emu: int, family: str, default_inset: int) -> list[str]:
    """The lines of one text body in a shape ``width_emu`` wide, as the deck's measurement breaks them."""
    body_pr = tx_body.find(qn("a:bodyPr"))
    insets = [int(body_pr.get(k, default_inset)) if body_pr is not None else default_inset for k in ("lIns", "rIns")]
    lines = []
    for p in tx_body.findall(qn("a:p")):
        runs, size = _runs(p)
        if not "".join(r.text for r in runs).strip():
            continue
        ppr = p.find(qn("a:pPr"))
        margin = int(ppr.get("marL", 0)) if ppr is not None else 0
        width = (width_emu - sum(insets) - margin) / EMU_PER_POINT
        lines += [line_text(line).strip() for line in line_breaks(runs, family, size, width)]
    return lines


def _cell_margin(cell: etree._Element) -> int:
    tc_pr = cell.find(qn("a:tcPr"))
    return int(tc_pr.get("marL", DEFAULT_INSET)) if tc_pr is not None else DEFAULT_INSET


def deck_lines(shapes, geometry: TemplateGeometry) -> tuple[list[str], list[tuple[float, float, float, float]]]:  # noqa: ANN001
    """Every text line of a written slide, and the boxes (points) of its native charts."""
    lines: list[str] = []
    charts: list[tuple[float, float, float, float]] = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:  # the timeline
            found, inner = deck_lines(shape.shapes, geometry)
            lines += found
            charts += inner
            continue
        if getattr(shape, "has_chart", False) and shape.has_chart:
            charts.append(tuple(v / EMU_PER_POINT for v in (shape.left, shape.top, shape.width, shape.height)))
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            columns = [Emu(c.width) for c in shape.table.columns]
            for row in shape.table.rows:
                for cell, width in zip(row.cells, columns):
                    tc = cell._tc
                    lines += _frame_lines(tc.find(qn("a:txBody")), width - 2 * _cell_margin(tc) + 2 * DEFAULT_INSET,
                                          geometry.body_font, DEFAULT_INSET)
            continue
        if not shape.has_text_frame:
            continue
        heading = shape.is_placeholder and shape.placeholder_format.type in (
            PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        family = geometry.heading_font if heading else geometry.body_font
        lines += _frame_lines(shape.text_frame._txBody, shape.width - 2 * _corner_inset(shape), family, DEFAULT_INSET)
    return lines, charts


def _corner_inset(shape) -> int:  # noqa: ANN001
    """How far a rounded rectangle's text rectangle lies inside its sides (EMU): renderers set its text inside
    the corners, by the corner radius times 1 - sqrt(1/2) (the timeline's cards)."""
    geometry = shape._element.find(f".//{qn('a:prstGeom')}")
    if geometry is None or geometry.get("prst") != "roundRect":
        return 0
    guide = geometry.find(f"{qn('a:avLst')}/{qn('a:gd')}")
    adjust = int(guide.get("fmla", "val 16667").split()[-1]) if guide is not None else 16667
    return int(adjust / 100_000 * min(shape.width, shape.height) * (1 - 0.5 ** 0.5))


def painted_lines(painted: list[PaintedText],
                  charts: list[tuple[float, float, float, float]]) -> list[list[PaintedText]]:
    """Painted pieces grouped into lines: a piece starting where the previous one ends, on its baseline."""
    def in_chart(item: PaintedText) -> bool:
        return any(x <= item.op.x <= x + w and y <= item.op.top <= y + h for x, y, w, h in charts)

    lines: list[list[PaintedText]] = []
    for item in painted:
        if in_chart(item) or item.op.text in BULLET_CHARS:
            continue
        last = lines[-1][-1] if lines else None
        if last is not None and abs(last.baseline - item.baseline) < 0.01 \
                and abs(last.x + last.advance - item.x) < 0.01:
            lines[-1].append(item)
        else:
            lines.append([item])
    return lines


def _templates(folder: Path) -> list[Path]:
    return [templates_dir() / "briefing-16x9.pptx", templates_dir() / "briefing-4x3.pptx", mk.make_french(folder)]


def test_the_preview_breaks_every_line_where_the_deck_does(
        catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    painter, cache, compared = ScenePainter(), TemplateCache(), 0
    for path in _templates(tmp_path):
        geometry, look = cache.get(path)
        for pack in catalog.packs.values():
            plan = plan_deck(pack, catalog, geometry)
            deck = Presentation(io.BytesIO(deck_bytes(plan, open_template(path))))
            for spec, slide in zip(plan.slides, deck.slides):
                expected, charts = deck_lines(slide.shapes, geometry)
                scene = build_scene(spec, geometry, look)
                for width in WIDTHS:
                    lines = painted_lines(painter.text_layout(scene, width), charts)
                    got = ["".join(p.op.text for p in line).strip() for line in lines]
                    where = f"{path.name} {pack.id} slide {spec.number} at {width} px"
                    assert Counter(got) == Counter(expected), where
                    for line in lines:  # the painted line keeps to its measured length
                        measured = (line[-1].op.x - line[0].op.x) * width / scene.width
                        painted = line[-1].x - line[0].x
                        assert painted <= measured * (1 + OVERRUN) + 2, (where, line[0].op.text)
                    compared += len(got)
    assert compared > 5000


def _word_spans(line: list[PaintedText], painter: ScenePainter, scale: float) -> list[tuple[float, float, float]]:
    """(left, right, space advance) in pixels of every word painted on ``line`` (words may span runs)."""
    spans: list[tuple[float, float, float]] = []
    joined = False  # the last piece ended inside a word
    for item in line:
        _font, metrics = painter._font(item.op, item.op.size * scale)
        space, text, start = metrics.horizontalAdvance(" "), item.op.text, 0
        for index, word in enumerate(text.split(" ")):
            if word:
                left = item.x + metrics.horizontalAdvance(text[:start])
                right = left + metrics.horizontalAdvance(word)
                if index == 0 and joined and spans:
                    spans[-1] = (spans[-1][0], right, spans[-1][2])
                else:
                    spans.append((left, right, space))
            start += len(word) + 1
        joined = not text.endswith(" ")
    return spans


def test_words_never_run_together_at_any_zoom(catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    """Between two words on a painted line there is at least half a space of the painted font."""
    painter, cache, gaps = ScenePainter(), TemplateCache(), 0
    for path in _templates(tmp_path)[:2]:
        geometry, look = cache.get(path)
        for pack in catalog.packs.values():
            for spec in plan_deck(pack, catalog, geometry).slides:
                scene = build_scene(spec, geometry, look)
                for width in WIDTHS:
                    scale = width / scene.width
                    for line in painted_lines(painter.text_layout(scene, width), []):
                        spans = _word_spans(line, painter, scale)
                        for (_l, right, space), (left, _r, _s) in itertools.pairwise(spans):
                            assert left - right >= space / 2, (path.name, spec.number, width, line[0].op.text)
                            gaps += 1
    assert gaps > 10_000


def test_the_template_s_character_spacing_is_painted_as_measured(
        catalog: Catalog, qapp: QApplication, tmp_path: Path) -> None:
    from briefing_builder.compose.measure import text_width
    from tests.fixtures.templates import traits

    painter = ScenePainter()
    geometry, look = TemplateCache().get(traits.make_wide_spacing(tmp_path))
    spec = next(s for s in plan_deck(catalog.packs["jha-counsellors-2026-01-12"], catalog, geometry).slides
                if s.role == "content")
    scene = build_scene(spec, geometry, look)
    width = 1600
    scale = width / scene.width
    spaced = [p for p in painter.text_layout(scene, width) if p.op.spacing and len(p.op.text) > 20]
    assert spaced and {p.op.spacing for p in spaced} == {3.0}
    for item in spaced:
        op = item.op
        measured = text_width(op.text, op.family, op.size, op.bold, op.italic, spacing=op.spacing) * scale
        assert abs(item.advance - measured) <= 0.03 * measured, op.text
