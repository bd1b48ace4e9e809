"""The handout: the deck's slides on A4 pages, 3 a page with their speaker notes beside, or 6 without.

Each page carries the pack's markings where the marking catalogue's placement rules put them
(the rules the slides follow: most markings centred at the top and bottom), the pack's title at
the top and "Page n of N" (in the pack's language) at the bottom. Slides are drawn from the
preview's scenes; the page's own text (header, notes, footer) is a scene too, broken into lines
by the deck's line breaker, so it is real text in the deck's fonts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefing_builder.compose import wording
from briefing_builder.compose.measure import font_face, line_breaks, text_width
from briefing_builder.compose.plan import DeckPlan, SlideSpec
from briefing_builder.compose.preview_scene import Op, RectOp, SlideScene, TextOp
from briefing_builder.markup import Run
from briefing_builder.render.pdf_finish import PdfExtras, finish_pdf
from briefing_builder.ui.pdf.canvas import PdfCanvas, page_size
from briefing_builder.ui.preview.painter import ScenePainter

A4_PT = (595.28, 841.89)
MARGIN = 40.0
HEADER_TOP, FOOTER_TOP = 20.0, 812.0
BODY_TOP, BODY_BOTTOM = 48.0, 800.0
GAP = 16.0
NOTES_PT, SMALLEST_NOTES_PT, FURNITURE_PT = 9.5, 7.0, 9.0
INK, FRAME = "333333", "BFBFBF"
LAYOUTS = (3, 6)


@dataclass(frozen=True)
class Cell:
    """Where one slide goes on a handout page (points), and its notes' box (width 0: no notes)."""

    x: float
    y: float
    w: float
    h: float
    notes_x: float = 0.0
    notes_w: float = 0.0
    notes_h: float = 0.0


def cells(per_page: int, aspect: float) -> list[Cell]:
    """The slide places of a page: 3 rows with notes to the right, or 2 columns x 3 rows."""
    width = A4_PT[0] - 2 * MARGIN
    row = (BODY_BOTTOM - BODY_TOP) / 3
    if per_page == 3:
        w = min(width * 0.5, (row - GAP) * aspect)
        notes_x = MARGIN + w + GAP
        return [Cell(MARGIN, BODY_TOP + r * row, w, w / aspect, notes_x, width - w - GAP, row - GAP)
                for r in range(3)]
    w = min((width - GAP) / 2, (row - GAP) * aspect)
    return [Cell(MARGIN + c * (w + GAP), BODY_TOP + r * row, w, w / aspect) for r in range(3) for c in range(2)]


def handout_pdf(plan: DeckPlan, scenes: Sequence[SlideScene], per_page: int = 3,
                painter: ScenePainter | None = None, family: str = "Liberation Sans") -> bytes:
    """The handout of ``plan`` (slides drawn as ``scenes``), ``per_page`` (3 or 6) slides an A4 page."""
    if per_page not in LAYOUTS:
        raise ValueError(f"a handout has 3 or 6 slides a page, not {per_page}")
    if not scenes:
        raise ValueError("a handout needs at least one slide")
    painter = painter or ScenePainter()
    canvas = PdfCanvas(page_size(*A4_PT), plan.properties.title)
    places = cells(per_page, scenes[0].width / scenes[0].height)
    total = math.ceil(len(scenes) / per_page)
    language = plan.properties.language
    for page in range(total):
        if page:
            canvas.new_page()
        chunk = list(zip(plan.slides, scenes))[page * per_page:(page + 1) * per_page]
        ops: list[Op] = _furniture(plan, page + 1, total, family, language)
        for (spec, _scene), cell in zip(chunk, places):
            ops.append(RectOp(cell.x - 0.5, cell.y - 0.5, cell.w + 1, cell.h + 1, line=FRAME, line_width=0.75))
            if cell.notes_w:
                ops.extend(_notes(spec, cell, family))
        paper = SlideScene(page + 1, A4_PT[0], A4_PT[1], "FFFFFF", tuple(ops))
        painter.paint(canvas.painter, paper, canvas.rect(0, 0, *A4_PT))
        for (_spec, scene), cell in zip(chunk, places):
            painter.paint(canvas.painter, scene, canvas.rect(cell.x, cell.y, cell.w, cell.h))
    return finish_pdf(canvas.finish(), PdfExtras.of_deck(plan, per_page=per_page))


def _furniture(plan: DeckPlan, page: int, total: int, family: str, language: str) -> list[Op]:
    """The markings where their placement rules put them (as on the slides: centred at the top
    and bottom for most), the pack's title at the top left (cut with "…" to the page's width)
    and "Page n of N" at the bottom right, each moved one line inward when a marking would
    meet it."""
    marks = _marks(plan, family)
    title = _fitted(plan.properties.title, family, A4_PT[0] - 2 * MARGIN)
    title_end = MARGIN + text_width(title, family, FURNITURE_PT) + GAP
    top_taken = any(op.x < title_end for rule, op in marks.items() if rule.startswith("top-"))
    bottom_taken = "bottom-right" in marks
    line = FURNITURE_PT + 3
    ops: list[Op] = [TextOp(MARGIN, HEADER_TOP + (line if top_taken else 0), title, family, FURNITURE_PT, INK)]
    number = wording.label("page_of", language).format(n=page, total=total)
    ops.append(TextOp(A4_PT[0] - MARGIN - text_width(number, family, FURNITURE_PT),
                      FOOTER_TOP + (line if bottom_taken else 0), number, family, FURNITURE_PT, INK))
    return ops + list(marks.values())


def _fitted(text: str, family: str, width: float) -> str:
    """``text`` cut with "…" to fit ``width`` points at the furniture's size."""
    if text_width(text, family, FURNITURE_PT) <= width:
        return text
    while text and text_width(text + "…", family, FURNITURE_PT) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _marks(plan: DeckPlan, family: str) -> dict[str, TextOp]:
    """One text per placement a marking asks for (several markings there: joined by " · ")."""
    texts: dict[str, list[tuple[str, str]]] = {}
    for rule in plan.marking_rules:
        for placement in rule.placement:
            texts.setdefault(placement, []).append((rule.text, rule.colour))
    ops: dict[str, TextOp] = {}
    for placement, pieces in texts.items():
        text = " · ".join(t for t, _ in pieces)
        width = text_width(text, family, FURNITURE_PT, bold=True)
        where = placement.split("-")[1]
        x = {"left": MARGIN, "centre": (A4_PT[0] - width) / 2, "right": A4_PT[0] - MARGIN - width}[where]
        y = HEADER_TOP if placement.startswith("top-") else FOOTER_TOP
        ops[placement] = TextOp(x, y, text, family, FURNITURE_PT, pieces[0][1], bold=True)
    return ops


def _notes(spec: SlideSpec, cell: Cell, family: str) -> list[Op]:
    """The slide's speaker notes broken into the notes box, smaller when long, cut with "…" at worst."""
    paragraphs = [line for line in spec.notes.splitlines() if line.strip()]
    size = NOTES_PT
    while True:
        lines = [line for text in paragraphs for line in (line_breaks((Run(text),), family, size, cell.notes_w)
                                                           or [()])]
        height = size * font_face(family).line_height_em
        fits = int(cell.notes_h // height)
        if len(lines) <= fits or size <= SMALLEST_NOTES_PT:
            break
        size -= 0.5
    ops: list[Op] = []
    for row, line in enumerate(lines[:fits]):
        last = row == fits - 1 and len(lines) > fits
        for number, piece in enumerate(line):
            text = piece.text + (" …" if last and number == len(line) - 1 else "")
            ops.append(TextOp(cell.notes_x + piece.x, cell.y + row * height, text, family, size, INK,
                              follows=number > 0))
    return ops
