"""PDF documents drawn by the app from the deck plan: the slides, handouts and printing.

Pages are painted by the preview's :class:`~briefing_builder.ui.preview.painter.ScenePainter`
from the same scenes the preview shows, so the PDF's lines are the deck's measured lines.
"""
