"""Where the bundled store, templates, labels and fonts are, and what counts as inside the bundled store."""

from __future__ import annotations

import os
from pathlib import Path

from briefing_builder.paths import (
    REFERENCE_PACK,
    fonts_dir,
    is_sample_store,
    labels_dir,
    sample_store_dir,
    templates_dir,
)


def test_the_bundled_resources_are_where_the_app_looks_for_them() -> None:
    assert (sample_store_dir() / "store.yaml").is_file()
    assert (sample_store_dir() / "packs" / f"{REFERENCE_PACK}.yaml").is_file()
    assert (templates_dir() / "briefing-16x9.pptx").is_file() and (labels_dir() / "en.yaml").is_file()
    assert any(fonts_dir().glob("*.ttf")) or any(fonts_dir().rglob("*.ttf"))


def test_the_bundled_store_and_everything_in_it_is_the_sample_store(tmp_path: Path) -> None:
    bundled = sample_store_dir()
    assert is_sample_store(bundled) and is_sample_store(bundled / "packs" / f"{REFERENCE_PACK}.yaml")
    assert is_sample_store(bundled / "packs" / "not-yet-written.yaml")  # a file the app might create there
    assert is_sample_store(Path(os.path.relpath(bundled)))  # however the path is spelt
    assert not is_sample_store(tmp_path) and not is_sample_store(bundled.parent)
    assert not is_sample_store(bundled.with_name(bundled.name + "-copy"))  # a sibling that only starts alike


def test_a_link_into_the_bundled_store_counts_as_inside_it_and_a_loop_as_outside(tmp_path: Path) -> None:
    link = tmp_path / "my-store"
    link.symlink_to(sample_store_dir(), target_is_directory=True)
    assert is_sample_store(link) and is_sample_store(link / "areas")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert is_sample_store(loop / "x") is False  # an answer, not an error
