"""Planning with markings: what placing them (free bands, contrast) adds to a plan.

The preview replans the whole deck on every edit, so the reference pack is planned with
RESTREINT UE + LIMITE and without a marking, in the same run: first with the placement
cache cleared (a new template or marking), then as the preview replans (cache kept).
"""

from __future__ import annotations

from benchmarks.timing import median_time
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.marking_layout import clear_placement_cache
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store

PACK = "jha-counsellors-2026-01-12"


def marking_figures() -> dict[str, tuple[float, str]]:
    """Median plan times (ms) with and without markings and their ratios."""
    catalog = load_store(sample_store_dir())
    opened = open_template(templates_dir() / "briefing-16x9.pptx")
    surfaces = read_surfaces(opened)
    base = catalog.packs[PACK]
    marked = base.model_copy(update={"meeting": base.meeting.model_copy(update={"marking": "RESTREINT UE + LIMITE"})})

    def plan(pack):  # noqa: ANN001, ANN202
        return lambda: plan_deck(pack, catalog, opened.geometry, surfaces)

    def cold(pack):  # noqa: ANN001, ANN202
        return lambda: (clear_placement_cache(), plan_deck(pack, catalog, opened.geometry, surfaces))

    plan(marked)()
    plain_ms = median_time(plan(base), 9) * 1000
    cold_ms = median_time(cold(marked), 9) * 1000
    warm_ms = median_time(plan(marked), 9) * 1000
    return {
        "markings_read_surfaces_ms": (median_time(lambda: read_surfaces(opened), 5) * 1000,
                                      "marking surfaces of the 16:9 template (ms, median of 5)"),
        "plan_unmarked_ms": (plain_ms, "reference pack plan, no marking (ms, median of 9)"),
        "plan_marked_cold_ms": (cold_ms, "  with RESTREINT UE + LIMITE, placement not cached (ms)"),
        "plan_marked_cold_ratio": (cold_ms / plain_ms, "  ratio to the unmarked plan"),
        "plan_marked_warm_ms": (warm_ms, "  with RESTREINT UE + LIMITE, as the preview replans (ms)"),
        "plan_marked_warm_ratio": (warm_ms / plain_ms, "  ratio to the unmarked plan"),
    }
