"""Property: any pack made from the bundled store's sections, with any of its packs' meetings, on any template
(bundled, trait, and every corpus template present) plans and writes a sound deck without raising, and no
text the app writes runs out of its box: every body frame, subtitle and title fits its box (inside the
slide) at its size, measured as the planner measures it, unless the build names that very box as too
small."""

from __future__ import annotations

import tempfile
from functools import cache, lru_cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefing_builder.compose.deck_planner import plan_deck, title_runs
from briefing_builder.compose.fitting import fits
from briefing_builder.compose.geometry import Box, TemplateGeometry
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, bundled_template, sample_catalog
from tests.fixtures.templates import corpus, traits

TRAITS = (traits.make_libreoffice, traits.make_header_strip, traits.make_title_only_with_picture,
          traits.make_small_body_with_room, traits.make_master_styles, traits.make_title_without_subtitle,
          traits.make_cramped, traits.make_masters_sharing_layout_boxes, traits.make_tiny_subtitle,
          traits.make_cramped_slide_number)


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


@example(picks=[0, 1], which=2 + TRAITS.index(traits.make_tiny_subtitle),
         meeting=list(sample_catalog().packs).index(DEMO_PACK))  # the demo's venue and presenter in a 16 pt box
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=st.lists(st.integers(0, len(SECTIONS) - 1), min_size=1, max_size=12),
       which=st.integers(0, 10_000), meeting=st.integers(0, 100))
def test_random_pack_on_random_template_is_sound_and_fits(picks: list[int], which: int, meeting: int) -> None:
    catalog = sample_catalog()
    packs = list(catalog.packs.values())
    base = packs[meeting % len(packs)]  # its meeting: venue, presenter, marking, language
    pack = base.model_copy(update={"sections": [SECTIONS[i] for i in picks]})
    path = templates()[which % len(templates())]
    geo = geometry(path)
    plan = plan_deck(pack, catalog, geo)
    said = " ".join(n.message for n in plan.warnings)
    for slide in plan.slides:
        where = (path.name, slide.number, slide.title)
        role = geo.role(slide.role)
        for frame in slide.bodies:
            assert _on_slide(frame.box, geo), where
            assert fits(frame.paragraphs, frame.box, geo.body_font, frame.font_size, geo.body_spacing_pt), where
        box = slide.subtitle_box or role.subtitle or (role.bodies[0] if role.bodies else None)
        alone = len(slide.subtitle) == 1 and f"“{slide.subtitle[0]}” does not fit the subtitle box" in said
        if slide.subtitle and box is not None and not alone:  # a lone line that fits nowhere is said
            lines = [Paragraph((Run(line),), bullet=False) for line in slide.subtitle]
            assert fits(lines, box, geo.body_font, slide.subtitle_font_size or 18.0, geo.body_spacing_pt), where
        title_box = slide.title_box or role.title
        named = f"Layout '{role.layout_name}': its title box" in said
        if title_box is not None and slide.title_font_size and not named:
            title = [Paragraph(title_runs(slide.title, geo), bullet=False)]
            assert fits(title, title_box, geo.heading_font, slide.title_font_size, geo.heading_spacing_pt), where
    assert check_package(deck_bytes(plan, open_template(path))) == []


def _on_slide(box: Box, geo: TemplateGeometry) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= geo.slide_width and box.bottom <= geo.slide_height
