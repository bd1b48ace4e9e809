"""Writing the PDFs of a built deck: ``<stem>.pdf`` (drawn here or by LibreOffice) and the handout.

Used by ``build --pdf/--handout`` and by the app's File → Export PDF… / Export handout….
Every file is written atomically (:func:`~briefing_builder.render.output.atomic_write`): a
failed export never leaves half a PDF over a good one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_builder.compose.plan import DeckPlan
from briefing_builder.compose.preview_scene import SlideScene, build_scene
from briefing_builder.errors import BriefingError
from briefing_builder.ui.pdf.handout import handout_pdf
from briefing_builder.ui.pdf.slides import slides_pdf
from briefing_builder.ui.preview.painter import ScenePainter
from briefing_builder.ui.preview.worker import TemplateCache

OFFICE = "office"
APP = "app"
TEMPLATES = TemplateCache()  # the templates opened for PDFs, kept between exports


class PdfError(BriefingError):
    """A PDF cannot be drawn for this pack; the message is for the user."""


@dataclass(frozen=True)
class PdfRequest:
    """Which PDFs to write for a deck: ``pdf`` is "app", "office" or None; ``handout`` 3, 6 or None."""

    pdf: str | None = APP
    handout: int | None = None


def deck_scenes(plan: DeckPlan, template: Path) -> tuple[SlideScene, ...]:
    """The scenes of ``plan``'s slides on ``template`` (as the preview draws them)."""
    geometry, look = TEMPLATES.get(template)
    return tuple(build_scene(spec, geometry, look) for spec in plan.slides)


def draw_pdf(plan: DeckPlan, template: Path, handout: int | None = None,
             scenes: tuple[SlideScene, ...] = (), painter: ScenePainter | None = None) -> bytes:
    """The PDF of ``plan`` on ``template``: the slides, or the handout of ``handout`` (3 or 6) slides a page."""
    if not plan.slides:
        raise PdfError("The pack has no slides, so no PDF was written. Add sections to the pack first.")
    scenes = scenes or deck_scenes(plan, template)
    if handout:
        return handout_pdf(plan, scenes, handout, painter, TEMPLATES.get(template)[1].body_font)
    return slides_pdf(plan, scenes, painter)


def write_pdfs(plan: DeckPlan, template: Path, deck: Path, request: PdfRequest) -> list[Path]:
    """Write the PDFs ``request`` asks for beside ``deck`` (the .pptx just built from ``plan``)."""
    from briefing_builder.render.output import atomic_write

    written: list[Path] = []
    scenes: tuple[SlideScene, ...] = ()
    painter = ScenePainter()
    if request.pdf == OFFICE:
        from briefing_builder.render.pdf_office import office_pdf

        written.append(office_pdf(deck))
    elif request.pdf:
        scenes = deck_scenes(plan, template)
        path = deck.with_suffix(".pdf")
        atomic_write(path, draw_pdf(plan, template, None, scenes, painter))
        written.append(path)
    if request.handout:
        path = deck.with_name(f"{deck.stem}-handout.pdf")
        atomic_write(path, draw_pdf(plan, template, request.handout, scenes, painter))
        written.append(path)
    return written
