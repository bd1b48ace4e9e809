"""A pack's template file: relative inside the store, and a pre-flight note when it lies outside."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.pack.preflight import check
from briefing_builder.pack.template_place import template_outside_store, template_reference
from briefing_builder.store import load_store
from briefing_builder.store.schema import Pack


def _with_template(pack: Pack, name: str) -> Pack:
    return pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"template": name})})


def test_a_file_inside_the_store_is_named_relative_to_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert template_reference(store / "templates" / "house.pptx", store) == "templates/house.pptx"
    assert template_reference(tmp_path / "elsewhere.pptx", store) == str((tmp_path / "elsewhere.pptx").resolve())


def test_preflight_says_when_the_template_lies_outside_the_store(tmp_path: Path) -> None:
    import shutil

    from briefing_builder.paths import sample_store_dir

    store_copy = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store_copy)
    catalog = load_store(store_copy)
    pack = catalog.packs["jha-counsellors-2026-01-12"]
    outside = _with_template(pack, str(tmp_path / "merck-eu.pptx"))
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.render.template import open_template
    from tests.fixtures import make_templates as mk

    geometry = open_template(mk.DEFAULT).geometry
    plan = plan_deck(outside, catalog, geometry)
    [finding] = [f for f in check(outside, catalog, plan, geometry) if f.kind == "template-outside"]
    assert "outside the store" in finding.message and "merck-eu.pptx" in finding.message
    assert template_outside_store(_with_template(pack, "templates/house.pptx"), catalog) is None
    assert template_outside_store(_with_template(pack, str(store_copy / "t.pptx")), catalog) is None
    assert template_outside_store(_with_template(pack, "briefing-16x9"), catalog) is None
