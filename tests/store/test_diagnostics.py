"""A diagnostic's one line (``path:line:column: severity: message``) and an exception's plain reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_builder.store.diagnostics import Diagnostic, Severity, plain_reason


def test_the_line_names_the_file_relative_to_the_store_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "areas" / "01-borders.yaml"
    problem = Diagnostic(path, 12, 7, "unknown field 'titel'")
    assert problem.format(tmp_path) == f"{Path('areas') / '01-borders.yaml'}:12:7: error: unknown field 'titel'"
    assert str(problem) == f"{path}:12:7: error: unknown field 'titel'"


def test_unknown_line_or_column_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "store.yaml"
    assert Diagnostic(path, 3, 0, "m", Severity.WARNING).format(tmp_path) == "store.yaml:3: warning: m"
    assert Diagnostic(path, 0, 5, "m").format(tmp_path) == "store.yaml: error: m"


def test_a_file_outside_the_store_keeps_its_full_path(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "notes.yaml"
    assert Diagnostic(outside, 1, 1, "m").format(tmp_path / "store") == f"{outside}:1:1: error: m"


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_link_is_named_as_the_link_not_where_it_leads(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "areas").mkdir(parents=True)
    (tmp_path / "real.yaml").write_text("x: 1\n", encoding="utf-8")
    link = store / "areas" / "02-link.yaml"
    link.symlink_to(tmp_path / "real.yaml")
    assert Diagnostic(link, 0, 0, "m").format(store) == f"{Path('areas') / '02-link.yaml'}: error: m"
    # a store opened through a linked folder still gives paths inside it
    alias = tmp_path / "alias"
    alias.symlink_to(store, target_is_directory=True)
    assert Diagnostic(store / "store.yaml", 1, 0, "m").format(alias) == "store.yaml:1: error: m"


class _Part:
    pass


@pytest.mark.parametrize("error, reason", [
    (KeyError("no relationship of type 'slideMaster' in collection"),
     "no relationship of type 'slideMaster' in collection"),
    (ValueError(f"cannot read {_Part()}: bad header"), "cannot read the file: bad header"),
    (TypeError(f"expected {int}, got {str}"), "expected the file, got the file"),
    (ValueError(""), "a part of the file is damaged"),
    (KeyError("no relationship with key 'rId2'"), "no relationship with key 'rId2'"),
], ids=["key error quotes", "object repr", "class repr", "empty", "quoted word at the end"])
def test_plain_reason_hides_pythons_internals(error: BaseException, reason: str) -> None:
    assert plain_reason(error) == reason
