"""Shared helpers for deck tests: build the bundled packs once per session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from briefing_builder.store import Catalog, load_store

REFERENCE_PACK = "jha-counsellors-2026-01-12"
DEMO_PACK = "strategy-partners-briefing"


@lru_cache(maxsize=1)
def sample_catalog() -> Catalog:
    """The bundled store, loaded once."""
    return load_store(sample_store_dir())


def bundled_template(name: str = "briefing-16x9") -> Path:
    """Path of a bundled template."""
    return templates_dir() / f"{name}.pptx"


def build(pack_id: str = REFERENCE_PACK, template: Path | None = None,
          catalog: Catalog | None = None) -> tuple[DeckPlan, bytes]:
    """Plan and render a pack of the bundled store on a template; return plan and bytes."""
    catalog = catalog or sample_catalog()
    opened = open_template(template or bundled_template())
    plan = plan_deck(catalog.packs[pack_id], catalog, opened.geometry, read_surfaces(opened))
    return plan, deck_bytes(plan, opened)
