"""Property: any pack made from the bundled store's sections, on any template (bundled, trait, corpus),
plans and writes a sound deck whose every text frame fits its box at its size."""

from __future__ import annotations

import tempfile
from functools import cache, lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.fitting import fits
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import open_template
from tests.deck_helpers import bundled_template, sample_catalog
from tests.fixtures.templates import corpus, traits

TRAITS = (traits.make_libreoffice, traits.make_header_strip, traits.make_title_only_with_picture,
          traits.make_small_body_with_room, traits.make_master_styles, traits.make_title_without_subtitle,
          traits.make_cramped)


@lru_cache(maxsize=1)
def templates() -> tuple[Path, ...]:
    """Bundled templates, every trait template, and the corpus templates present."""
    folder = Path(tempfile.mkdtemp(prefix="bb-traits-"))
    made = tuple(make(folder) for make in TRAITS)
    fetched = tuple(e.path for e in corpus.present() if not e.refuse)
    return (bundled_template(), bundled_template("briefing-4x3"), *made, *fetched)


@cache
def geometry(path: Path):  # noqa: ANN201
    return open_template(path).geometry


SECTIONS = [section for pack in sample_catalog().packs.values() for section in pack.sections]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=st.lists(st.integers(0, len(SECTIONS) - 1), min_size=1, max_size=12),
       which=st.integers(0, 10_000))
def test_random_pack_on_random_template_is_sound_and_fits(picks: list[int], which: int) -> None:
    catalog = sample_catalog()
    base = next(iter(catalog.packs.values()))
    pack = base.model_copy(update={"sections": [SECTIONS[i] for i in picks]})
    path = templates()[which % len(templates())]
    plan = plan_deck(pack, catalog, geometry(path))
    for slide in plan.slides:
        for frame in slide.bodies:
            body_font = geometry(path).body_font
            assert fits(frame.paragraphs, frame.box, body_font, frame.font_size), (path.name, slide.title)
    assert check_package(deck_bytes(plan, open_template(path))) == []
