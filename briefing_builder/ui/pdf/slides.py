"""The deck as a PDF: one page per planned slide at the slide's size, drawn like the preview.

Text is real, embedded text (Qt embeds subsets of the bundled fonts); "see slide N"
cross-references and hyperlinks become clickable areas over the words the painter placed;
each slide's title is a bookmark; title, subject, author, keywords (the marking) and the
language are the deck's properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from briefing_builder.compose.plan import DeckPlan
from briefing_builder.compose.preview_scene import SlideScene
from briefing_builder.render.pdf_finish import PdfExtras, PdfLink, finish_pdf
from briefing_builder.ui.pdf.canvas import PdfCanvas, page_size
from briefing_builder.ui.preview.painter import ScenePainter

LINE_HEIGHT_EM = 1.2  # a link's clickable height, from its line's top


def slides_pdf(plan: DeckPlan, scenes: Sequence[SlideScene], painter: ScenePainter | None = None) -> bytes:
    """The PDF of ``plan`` whose slides are drawn as ``scenes`` (one per slide, in order)."""
    if not scenes:
        raise ValueError("a PDF needs at least one slide")
    painter = painter or ScenePainter()
    canvas = PdfCanvas(page_size(scenes[0].width, scenes[0].height), plan.properties.title)
    links: list[PdfLink] = []
    for index, scene in enumerate(scenes):
        if index:
            canvas.new_page()
        target = canvas.rect(0, 0, scene.width, scene.height)
        painter.paint(canvas.painter, scene, target)
        links.extend(_links(plan, scene, index, canvas, painter, round(target.width())))
    data = canvas.finish()
    return finish_pdf(data, PdfExtras.of_deck(plan, tuple(links)))


def _links(plan: DeckPlan, scene: SlideScene, page: int, canvas: PdfCanvas, painter: ScenePainter,
           width_px: int) -> Iterable[PdfLink]:
    """The clickable areas of one slide: a cross-reference jumps to its slide, a hyperlink opens."""
    scale = width_px / scene.width
    for placed in painter.text_layout(scene, width_px):
        op = placed.op
        if not (op.ref or op.link) or not op.text.strip():
            continue
        rect = canvas.pdf_rect(placed.x, op.top * scale, placed.advance, op.size * LINE_HEIGHT_EM * scale)
        target = plan.slide_for(op.ref) if op.ref else None
        if target is not None:
            yield PdfLink(page, rect, target_page=target - 1)
        elif op.link:
            yield PdfLink(page, rect, url=op.link)
