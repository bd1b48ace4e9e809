"""Which store paths are read when links are in play: inside yes, outside only when allowed, broken ones said."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.links import ALLOW_SETTING, LinkPolicy, real_path

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    (root / "areas").mkdir(parents=True)
    (root / "areas" / "01-borders.yaml").write_text("id: borders\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.yaml").write_text("id: notes\n", encoding="utf-8")
    return root


def _read(policy: LinkPolicy, path: Path) -> tuple[bool, list[Diagnostic]]:
    said: list[Diagnostic] = []
    return policy.readable(path, said), said


def test_plain_files_and_links_inside_the_store_are_read(store: Path) -> None:
    link = store / "areas" / "02-copy.yaml"
    link.symlink_to(store / "areas" / "01-borders.yaml")
    policy = LinkPolicy(store)
    assert _read(policy, store / "areas" / "01-borders.yaml") == (True, [])
    assert _read(policy, link) == (True, [])


def test_a_link_outside_the_store_is_refused_with_the_setting_to_allow_it(store: Path) -> None:
    outside = store.parent / "elsewhere" / "notes.yaml"
    link = store / "areas" / "03-notes.yaml"
    link.symlink_to(outside)
    readable, said = _read(LinkPolicy(store), link)
    assert not readable and len(said) == 1
    assert said[0].path == link and said[0].severity is Severity.ERROR
    assert said[0].message == (f"this file is a link to {outside}, outside the store folder; copy it into the store, "
                               f"or allow links that lead outside with '{ALLOW_SETTING}: true' in store.yaml")
    assert _read(LinkPolicy(store, allow_outside=True), link) == (True, [])


def test_a_file_inside_a_linked_folder_outside_is_refused_as_a_folder_link(store: Path) -> None:
    (store / "countries").symlink_to(store.parent / "elsewhere", target_is_directory=True)
    readable, said = _read(LinkPolicy(store), store / "countries" / "notes.yaml")
    assert not readable and "outside the store folder" in said[0].message
    readable, said = _read(LinkPolicy(store), store / "countries")
    assert not readable and said[0].message.startswith("this folder is a link to ")


def test_a_dangling_link_names_its_target_as_a_warning(store: Path) -> None:
    link = store / "areas" / "04-moved.yaml"
    link.symlink_to(store / "areas" / "moved-away.yaml")
    readable, said = _read(LinkPolicy(store), link)
    assert not readable and said[0].severity is Severity.WARNING
    assert said[0].message == (f"this is a link to '{store / 'areas' / 'moved-away.yaml'}', which does not exist; "
                               "restore the file it points to, or delete the link")


def test_a_loop_of_links_is_a_warning_not_a_hang(store: Path) -> None:
    first, second = store / "areas" / "05-a.yaml", store / "areas" / "06-b.yaml"
    first.symlink_to(second)
    second.symlink_to(first)
    assert real_path(first) is None
    readable, said = _read(LinkPolicy(store), first)
    assert not readable and said[0].severity is Severity.WARNING and "loop of links" in said[0].message
