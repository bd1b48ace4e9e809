"""Benchmark: ``deck import`` of a 200-slide deck (read, match, compare; the target is under 2 s)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import make_pack, make_store_of
from benchmarks.timing import median_time
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.paths import templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store


def _cold(run: Callable[[], object]) -> object:
    """``run`` with the markup caches emptied first, as in a fresh ``deck import`` process."""
    from briefing_builder.markup import parse_markup
    from briefing_builder.render import deck_provenance

    parse_markup.cache_clear()
    deck_provenance._markup.cache_clear()
    return run()


def deck_import_figures() -> dict[str, tuple[float, str]]:
    """The median import time of an unedited 200-slide deck, and its ratio to loading the store."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = make_store_of(root / "store", areas=40, measures_per_area=30, countries=800, milestones=40)
        pack_id = make_pack(store, 198)
        catalog = load_store(store)
        opened = open_template(templates_dir() / "briefing-16x9.pptx")
        plan = plan_deck(catalog.packs[pack_id], catalog, opened.geometry)
        deck = root / "deck.pptx"
        deck.write_bytes(deck_bytes(plan, opened))
        changes = read_changes(deck, catalog)
        assert not changes.edits and not changes.new_content and not changes.deleted and not changes.structure, \
            changes.lines()[:6]
        seconds = median_time(lambda: _cold(lambda: read_changes(deck, catalog)), 5)
        load = median_time(lambda: load_store(store), 3)
        return {
            "deck_import_200_slides_s": (seconds, (f"deck import, {len(plan.slides)}-slide deck, unedited, cold "
                                                   "(s, median of 5)")),
            "deck_import_to_store_load_ratio": (seconds / load, "  ratio to loading its store"),
        }


if __name__ == "__main__":
    for value, text in deck_import_figures().values():
        print(f"{text:<60} {value:10.4f}")
