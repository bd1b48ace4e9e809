"""Sections whose records failed to load, and the store problem most likely to blame."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_builder.pack.missing_records import likely_causes, missing_sections, missing_text
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.schema import AreaSection

PACK = "jha-counsellors-2026-01-12"


def _store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    return root


def test_a_broken_area_file_is_named_for_the_section_that_loses_its_slide(tmp_path: Path) -> None:
    root = _store(tmp_path)
    area_file = root / "areas" / "04-return-readmission.yaml"
    area_file.write_text(area_file.read_text(encoding="utf-8").replace("number: 4", "number: four"), encoding="utf-8")
    catalog = load_store(root)
    assert "return-readmission" not in catalog.areas
    missing = missing_sections(catalog.packs[PACK], catalog)
    assert len(missing) == 1
    (section,) = missing
    lost = catalog.packs[PACK].sections[section.position]
    assert isinstance(lost, AreaSection) and lost.area == "return-readmission"
    assert section.causes and all(cause.startswith("areas/04-return-readmission.yaml:") for cause in section.causes)
    text = missing_text(missing)
    assert text.startswith("1 section(s) of this pack point at records that are not in the store")
    assert f"(section {section.position + 1})" in text and section.causes[0] in text


def test_a_clean_store_has_no_missing_sections() -> None:
    catalog = load_store(sample_store_dir())
    assert missing_sections(catalog.packs[PACK], catalog) == []


def test_causes_prefer_the_records_own_file_then_its_folder_then_any_mention(tmp_path: Path) -> None:
    root = tmp_path
    own = Diagnostic(root / "areas" / "04-return.yaml", 3, 1, "number: not a number")
    other = Diagnostic(root / "areas" / "09-other.yaml", 2, 1, "title: missing")
    consequence = Diagnostic(root / "packs" / "p.yaml", 7, 3, "unknown area id 'return'")
    warning = Diagnostic(root / "areas" / "04-return.yaml", 1, 1, "odd", Severity.WARNING)
    every = [warning, consequence, other, own]
    assert likely_causes("return", "areas", every, root) == (own.format(root),)
    assert likely_causes("return", "areas", [other, consequence], root) == (other.format(root),)
    assert likely_causes("return", "areas", [consequence], root) == (consequence.format(root),)
    assert likely_causes("return", "areas", [warning], root) == ()
