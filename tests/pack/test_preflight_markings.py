"""Pre-flight entries about the marking: unknown, classified without reference, accredited systems."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import MarkingSurfaces
from briefing_builder.pack.preflight import check
from briefing_builder.paths import templates_dir
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from briefing_builder.store.schema import Pack
from tests.deck_helpers import sample_catalog


def _pack(marking: str | None, reference: str | None = None) -> Pack:
    meeting = {"title": "T", "body": "Working Party", "date": "2026-01-12", "marking": marking,
               "reference": reference}
    return Pack.model_validate({"id": "marked", "meeting": {k: v for k, v in meeting.items() if v},
                                "sections": [{"type": "title"}, {"type": "closing"}]})


def _kinds(pack: Pack, with_plan: bool = True) -> dict[str, str]:
    catalog = sample_catalog()
    opened = open_template(templates_dir() / "briefing-16x9.pptx")
    plan = plan_deck(pack, catalog, opened.geometry, read_surfaces(opened)) if with_plan else None
    return {f.kind: f.message for f in check(pack, catalog, plan, opened.geometry)
            if f.kind in ("no-marking", "unknown-marking", "no-reference", "accredited", "marking-place")}


@pytest.mark.parametrize("with_plan", [True, False])
def test_marking_entries(with_plan: bool) -> None:
    assert set(_kinds(_pack(None), with_plan)) == {"no-marking"}
    unknown = _kinds(_pack("RESTRAINT UE"), with_plan)
    assert set(unknown) == {"unknown-marking"} and "RESTREINT UE/EU RESTRICTED" in unknown["unknown-marking"]
    assert set(_kinds(_pack("RESTREINT UE"), with_plan)) == {"no-reference"}
    assert _kinds(_pack("RESTREINT UE", "WK 1234/2026 INIT"), with_plan) == {}
    secret = _kinds(_pack("SECRET UE", "ST 5123/26"), with_plan)
    assert set(secret) == {"accredited"} and "accredited" in secret["accredited"]
    assert _kinds(_pack("LIMITE"), with_plan) == {}


def test_a_template_with_no_room_for_the_marking_is_an_entry(tmp_path: Path) -> None:
    from tests.fixtures.marking_templates import make_busy_light_master

    opened = open_template(make_busy_light_master(tmp_path))
    surfaces = read_surfaces(opened)
    crowded = {role: dataclasses.replace(s, obstacles=(*s.obstacles, Box(0, 0, s.width, s.height)))
               for role, s in surfaces.slides.items()}  # shapes everywhere: nowhere left for a marking
    plan = plan_deck(_pack("LIMITE"), sample_catalog(), opened.geometry, MarkingSurfaces(crowded, surfaces.notes))
    findings = [f for f in check(_pack("LIMITE"), sample_catalog(), plan, opened.geometry) if f.kind == "marking-place"]
    assert findings and "LIMITE" in findings[0].message
