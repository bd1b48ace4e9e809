"""From a pack to its files: which template a build uses, and what a build writes and returns.

On copies of the bundled store, with templates named the ways users name them (a bundled name,
a file inside the store, an absolute path) and store defaults that point nowhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.pipeline import DEFAULT_TEMPLATE, BuildError, build_pack, resolve_template, template_diagnostics
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_store

PACK = "jha-counsellors-2026-01-12"


def _store(tmp_path: Path, default: str | None = None) -> Catalog:
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    if default is not None:
        meta = root / "store.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace('default_template: "briefing-16x9"',
                                                                 f'default_template: "{default}"'), encoding="utf-8")
    return load_store(root)


def test_the_users_choice_wins_then_the_stores_default_then_the_bundled_one(tmp_path: Path) -> None:
    catalog = _store(tmp_path, default="briefing-4x3")
    assert resolve_template("briefing-16x9", catalog) == templates_dir() / "briefing-16x9.pptx"
    assert resolve_template(None, catalog) == templates_dir() / "briefing-4x3.pptx"
    assert resolve_template(None, None) == templates_dir() / f"{DEFAULT_TEMPLATE}.pptx"


def test_a_template_file_inside_the_store_is_found_from_the_store_folder(tmp_path: Path) -> None:
    catalog = _store(tmp_path, default="templates/house.pptx")
    (catalog.root / "templates").mkdir()
    shutil.copyfile(templates_dir() / "briefing-4x3.pptx", catalog.root / "templates" / "house.pptx")
    assert resolve_template(None, catalog) == catalog.root / "templates" / "house.pptx"
    assert resolve_template("templates/house.pptx", catalog) == catalog.root / "templates" / "house.pptx"
    absolute = (catalog.root / "templates" / "house.pptx").resolve()
    assert resolve_template(str(absolute), catalog) == absolute


def test_a_store_default_that_names_no_template_says_so_and_where(tmp_path: Path) -> None:
    catalog = _store(tmp_path, default="house-style")
    with pytest.raises(BuildError, match=r"No template named 'house-style' \(the default_template of store\.yaml\)\. "
                                         r"Bundled templates: briefing-16x9, briefing-4x3"):
        resolve_template(None, catalog)
    (problem,) = [d for d in template_diagnostics(catalog) if d.path.name == "store.yaml"]
    assert problem.line > 0 and "house-style" in problem.message


def test_a_build_writes_the_deck_and_its_annex_and_says_what_it_used(tmp_path: Path) -> None:
    catalog = _store(tmp_path)
    out = tmp_path / "out"
    result = build_pack(catalog.packs[PACK], catalog, out)
    assert result.deck == out / f"{PACK}.pptx" and result.annex == out / f"{PACK}-annex.xlsx"
    assert result.deck.stat().st_size > 0 and result.annex.stat().st_size > 0
    assert result.template == templates_dir() / "briefing-16x9.pptx" and len(result.plan.slides) == 10
    assert sorted(p.name for p in out.iterdir()) == [f"{PACK}-annex.xlsx", f"{PACK}.pptx"]  # nothing left over
    deck_only = build_pack(catalog.packs[PACK], catalog, tmp_path / "deck-only", template="briefing-4x3",
                           annex=False)
    assert deck_only.annex is None and deck_only.template.name == "briefing-4x3.pptx"
    assert [p.name for p in (tmp_path / "deck-only").iterdir()] == [f"{PACK}.pptx"]
