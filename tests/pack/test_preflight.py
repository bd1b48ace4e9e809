"""Pre-flight check: each problem kind on purpose-built packs, the configurable age, a clean pack."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.plan import NoteKind
from briefing_builder.pack.preflight import KINDS, Finding, check, count_text, months_before
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.render.template import open_template
from briefing_builder.store import Catalog, load_store
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.schema import Pack
from tests.deck_helpers import bundled_template
from tests.fixtures import make_templates as mk


def problem_catalog() -> Catalog:
    """The sample store with one stale figure and one store problem added."""
    base = load_store(sample_store_dir())
    egypt = base.countries["egypt"]
    stale = egypt.key_figures[0].model_copy(update={"as_of": dt.date(2024, 3, 1), "illustrative": False})
    countries = {**base.countries, "egypt": egypt.model_copy(update={"key_figures": [stale]})}
    problem = Diagnostic(base.root / "countries" / "broken.yaml", 4, 3, "iso_code: must be two capital letters",
                         Severity.ERROR)
    return dataclasses.replace(base, countries=countries, diagnostics=[problem])


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The problem catalog, loaded once for the module."""
    return problem_catalog()


def problem_pack() -> Pack:
    """A pack with one of every problem the plan can show."""
    long_text = [{"text": f"Point {n}: " + "a long sentence that keeps going " * 4} for n in range(40)]
    return Pack.model_validate({
        "id": "preflight-problems",
        "meeting": {"title": "Problems on purpose", "body": "Working Party", "date": "2026-01-12"},
        "sections": [
            {"type": "title"},
            {"type": "text", "title": "Refs", "bullets": [{"text": "See [slide {n}](#nowhere) for more."}]},
            {"type": "text", "title": "Very long", "bullets": long_text},
            {"type": "area", "area": "no-such-area"},
            {"type": "country", "country": "tunisia"},
            {"type": "country", "country": "egypt"},
            {"type": "closing"},
        ],
    })


def _geometry(path: Path):  # noqa: ANN202
    return open_template(path).geometry


def test_each_problem_kind_is_listed(catalog: Catalog, tmp_path: Path) -> None:
    pack = problem_pack()
    geometry = _geometry(mk.make_no_body(tmp_path))  # a template without content layouts: fallbacks
    plan = plan_deck(pack, catalog, geometry)
    chart_slide = next(i for i, s in enumerate(plan.slides) if s.chart is not None)
    slides = list(plan.slides)
    slides[chart_slide] = dataclasses.replace(slides[chart_slide], chart=dataclasses.replace(
        slides[chart_slide].chart, alt_text=""))  # the planner always writes alt text: remove one
    plan = dataclasses.replace(plan, slides=tuple(slides))
    findings = check(pack, catalog, plan, geometry)
    kinds = {f.kind for f in findings}
    # The marking kinds other than "no marking" need a marked pack: tests/pack/test_preflight_markings.py.
    # fields that do not read come from the window's forms (field_findings), not from check()
    # empty slides: tests/compose/test_deck_planner.py; records shown in English need a pack in
    # another language: test_a_french_pack_lists_what_is_shown_in_english; text colours:
    # test_pre_flight_lists_the_unreadable_text; a template that cannot be used comes from the
    # window's preview (no plan), not from check(); a template outside the store:
    # tests/pack/test_template_place.py
    assert kinds == set(KINDS) - {"unknown-marking", "no-reference", "accredited", "marking-place", "invalid-field",
                                  "empty", "language", "contrast", "damaged-template",
                                  "template-outside"}, set(KINDS) - kinds
    by_kind = {kind: [f for f in findings if f.kind == kind] for kind in KINDS}
    assert by_kind["unresolved-ref"][0].section_index == 1 and "nowhere" in by_kind["unresolved-ref"][0].message
    assert by_kind["continued"][0].section_index == 2
    assert by_kind["missing-record"][0].section_index == 3
    assert {f.section_index for f in by_kind["illustrative-figure"]} == {4}
    assert by_kind["old-figure"][0].section_index == 5 and "2024-03-01" in by_kind["old-figure"][0].message
    assert by_kind["missing-alt-text"][0].section_index == plan.slides[chart_slide].section_index
    assert by_kind["record-error"][0].diagnostic_index == 0 and "broken.yaml:4:3" in by_kind["record-error"][0].message
    assert by_kind["layout-fallback"]
    assert [f.kind for f in findings] == sorted((f.kind for f in findings), key=list(KINDS).index)


def test_age_is_configurable_and_a_clean_pack_has_nothing(catalog: Catalog) -> None:
    pack = problem_pack()
    geometry = _geometry(templates_dir() / "briefing-16x9.pptx")
    plan = plan_deck(pack, catalog, geometry)
    assert any(f.kind == "old-figure" for f in check(pack, catalog, plan, geometry, max_age_months=12))
    assert not any(f.kind == "old-figure" for f in check(pack, catalog, plan, geometry, max_age_months=24))
    clean = Pack.model_validate({"id": "clean", "meeting": {"title": "T", "body": "B", "date": "2026-01-12",
                                                            "marking": "LIMITE"},
                                 "sections": [{"type": "title"}, {"type": "closing"}]})
    clean_catalog = dataclasses.replace(catalog, diagnostics=[])
    assert check(clean, clean_catalog, plan_deck(clean, clean_catalog, geometry), geometry) == []
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 12), 12) == dt.date(2025, 1, 12)
    assert count_text(3) == "3 things to check before export" and count_text(1) == "1 thing to check before export"


def test_every_kind_of_plan_note_has_a_heading() -> None:
    # template notes are listed as layout fallbacks; every other kind under its own heading
    assert {kind.value for kind in NoteKind} - {"template"} <= set(KINDS)
    empty = Finding("empty", "Slide 3 “X” has nothing on it but its title.", 2)
    assert empty.heading == "Empty slides"
    assert Finding("damaged-template", "Template 'x.pptx' is damaged").heading == "Template cannot be used"


def test_pre_flight_lists_the_unreadable_text(tmp_path: Path) -> None:
    from tests.deck_helpers import REFERENCE_PACK, build, sample_catalog
    from tests.fixtures.templates import traits

    catalog = sample_catalog()
    plan, _data = build(REFERENCE_PACK, traits.make_busy_picture(tmp_path), catalog)
    found = check(catalog.packs[REFERENCE_PACK], catalog, plan)
    listed = [f for f in found if "no colour of the template's theme" in f.message]
    assert listed and listed[0].heading == KINDS["contrast"] == "Text colours"
    assert not [f for f in found if "against" in f.message and f.heading == KINDS["layout-fallback"]]


def test_a_french_pack_lists_what_is_shown_in_english(catalog: Catalog, tmp_path: Path) -> None:
    pack = catalog.packs["jha-counsellors-2026-01-12-fr"]
    geometry = _geometry(bundled_template())
    findings = [f for f in check(pack, catalog, plan_deck(pack, catalog, geometry), geometry) if f.kind == "language"]
    assert findings and all("has no French text" in f.message and ".yaml:" in f.message for f in findings)
    assert findings[0].heading.startswith("Shown in English")
