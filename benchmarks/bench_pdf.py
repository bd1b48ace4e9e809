"""PDF benchmark: the deck's PDF and handout drawn in-process, and LibreOffice's PDF in the same run.

Targets: the reference pack's PDF under 0.5 s, its handout under 0.5 s, a 200-slide PDF under
5 s (each from its plan: scenes, painting, links and outline). LibreOffice (where installed)
converts the written deck; its time is quoted with the ratio to the app's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.synthetic import make_pack, make_store_of
from benchmarks.timing import median_time

PACK_ID = "jha-counsellors-2026-01-12"


def pdf_figures() -> dict[str, tuple[float, str]]:
    """Medians (s) of the reference PDF and handout, a 200-slide PDF, and LibreOffice's conversion."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from briefing_builder.paths import sample_store_dir
    from briefing_builder.pipeline import build_pack
    from briefing_builder.render.pdf_office import office_binary, office_pdf
    from briefing_builder.store import load_store
    from briefing_builder.ui.pdf.export import deck_scenes
    from briefing_builder.ui.pdf.handout import handout_pdf
    from briefing_builder.ui.pdf.slides import slides_pdf

    app = QApplication.instance() or QApplication([])  # noqa: F841 - fonts need an application
    figures: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        catalog = load_store(sample_store_dir())
        reference = build_pack(catalog.packs[PACK_ID], catalog, root / "ref", annex=False)
        plan, template = reference.plan, reference.template
        slides_pdf(plan, deck_scenes(plan, template))  # warm: fonts, template, pypdf imports
        app_s = median_time(lambda: slides_pdf(plan, deck_scenes(plan, template)), 5)
        figures["pdf_reference_s"] = (app_s, "PDF of the reference pack, drawn in-process (s, median of 5)")
        figures["pdf_handout_reference_s"] = (
            median_time(lambda: handout_pdf(plan, deck_scenes(plan, template), 3), 5),
            "handout (3 a page, notes) of the reference pack (s, median of 5)")
        big = make_store_of(root / "big", areas=40, measures_per_area=30, countries=800, milestones=40)
        pack_id = make_pack(big, 198)
        big_catalog = load_store(big)
        pack = big_catalog.packs[pack_id]
        large = build_pack(pack, big_catalog, root / "big-out", annex=False)
        figures["pdf_200_slides_s"] = (
            median_time(lambda: slides_pdf(large.plan, deck_scenes(large.plan, large.template)), 3),
            f"PDF of a {len(large.plan.slides)}-slide deck, drawn in-process (s, median of 3)")
        if office_binary():
            office_s = median_time(lambda: office_pdf(reference.deck), 3)
            figures["pdf_reference_office_s"] = (office_s, "PDF of the reference pack by LibreOffice (s, median of 3)")
            figures["pdf_office_to_app_ratio"] = (office_s / app_s, "  ratio LibreOffice / drawn in-process")
    return figures
