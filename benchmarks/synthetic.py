"""Generate synthetic stores and packs of a given size for the benchmarks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

_TEXT = ("Strengthen **cooperation** with partner countries on ~~return~~ readmission, border management "
         "and legal pathways, with a focus on the whole-of-route approach")


def make_store(root: Path, records: int) -> Path:
    """Write a store of about ``records`` records (areas, measures, countries, milestones)."""
    areas = max(1, records // 50)
    return make_store_of(root, areas, 30, max(1, records - areas * 31 - records // 25), records // 25)


def make_store_of(root: Path, areas: int, measures_per_area: int, countries: int, milestones: int) -> Path:
    """Write a store with exactly these numbers of areas, measures per area, cards and milestones."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "store.yaml").write_text("name: Synthetic store\nlanguage: en\n", encoding="utf-8")
    for folder in ("areas", "countries", "packs"):
        (root / folder).mkdir(exist_ok=True)
    for a in range(areas):
        area = {"id": f"area-{a}", "number": a % 99 + 1, "title": f"Priority area {a}",
                "measures": [{"id": f"m-{a}-{m}", "text": f"{_TEXT} ({a}.{m}).",
                              "sub_points": [f"Sub-point {s} of measure {m}" for s in range(2)],
                              "status": "ongoing", "timeline": "2026", "countries": [f"country-{m % countries}"],
                              "sources": ["Synthetic source"]}
                             for m in range(measures_per_area)]}
        (root / "areas" / f"area-{a:04d}.yaml").write_text(yaml.safe_dump(area, sort_keys=False), encoding="utf-8")
    for c in range(countries):
        card = {"id": f"country-{c}", "iso_code": "TN", "name": f"Country {c}", "region": "Region",
                "relationship": "Strategic and comprehensive partnership",
                "cooperation_areas": ["Return and readmission", "Border management", "Legal pathways"],
                "key_figures": [{"label": "Illustrative arrivals (thousands)", "value": 12, "unit": "thousand",
                                 "period": "2025", "source": "Illustrative", "as_of": dt.date(2026, 1, 12),
                                 "illustrative": True,
                                 "series": [{"label": str(y), "value": (y * 7 + c) % 40} for y in range(2021, 2026)]}]}
        (root / "countries" / f"country-{c:05d}.yaml").write_text(yaml.safe_dump(card, sort_keys=False),
                                                                  encoding="utf-8")
    items = [{"id": f"ms-{i}", "title": f"Milestone {i}", "period": str(2026 + i % 9), "areas": [f"area-{i % areas}"]}
             for i in range(milestones)]
    (root / "milestones.yaml").write_text(yaml.safe_dump({"milestones": items}, sort_keys=False), encoding="utf-8")
    return root


def make_pack(root: Path, sections: int) -> str:
    """Write a pack of ``sections`` sections alternating areas and country cards; return its id."""
    body = []
    areas = max(1, len(list((root / "areas").glob("*.yaml"))))
    for i in range(sections):
        if i % 2 == 0:
            area = (i // 2) % areas
            body.append({"type": "area", "area": f"area-{area}", "measures": [f"m-{area}-{m}" for m in range(4)]})
        else:
            body.append({"type": "country", "country": f"country-{i // 2}"})
    pack_id = f"synthetic-{sections}"
    pack = {"id": pack_id, "meeting": {"title": "Synthetic briefing", "body": "Working Party", "date": "2026-03-17",
                                       "marking": "LIMITE"},
            "sections": [{"type": "title"}, *body, {"type": "closing"}]}
    (root / "packs" / f"{pack_id}.yaml").write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")
    return pack_id
