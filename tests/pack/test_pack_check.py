"""The pre-flight check outside the app: planned on the pack's template, each finding at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.pack.pack_check import check_pack, locate_findings, pack_path
from briefing_builder.pack.preflight import Finding
from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import BuildError
from briefing_builder.store import load_store
from briefing_builder.store.diagnostics import Severity
from tests.test_cli_check import PROBLEMS


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    (root / "packs" / "problems.yaml").write_text(PROBLEMS, encoding="utf-8")
    return root


def test_each_finding_points_at_its_section_or_the_meeting(store: Path) -> None:
    catalog = load_store(store)
    pack = catalog.packs["problems"]
    path = pack_path(pack, catalog)
    assert path == store / "packs" / "problems.yaml"
    findings = check_pack(pack, catalog)
    located = locate_findings(findings, catalog, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(located) == len(findings)
    for finding, diagnostic in zip(findings, located):
        if finding.diagnostic_index is not None:
            assert diagnostic is catalog.diagnostics[finding.diagnostic_index]
        elif finding.section_index is not None:
            assert diagnostic.severity is Severity.WARNING and diagnostic.path == path
            assert lines[diagnostic.line - 1].lstrip().startswith("- type:")
            assert pack.sections[finding.section_index].type in lines[diagnostic.line - 1]
            assert diagnostic.message == f"{finding.heading}: {finding.message}"


def test_without_a_readable_pack_file_the_findings_name_the_file_alone(tmp_path: Path) -> None:
    catalog = load_store(sample_store_dir())
    gone = tmp_path / "gone.yaml"
    (diagnostic,) = locate_findings([Finding("continued", "“X” continues over 2 slides.", 2)], catalog, gone)
    assert (diagnostic.path, diagnostic.line, diagnostic.column) == (gone, 0, 0)
    assert diagnostic.format(tmp_path) == "gone.yaml: warning: Text continued: “X” continues over 2 slides."


def test_an_unknown_template_is_refused(store: Path) -> None:
    catalog = load_store(store)
    with pytest.raises(BuildError):
        check_pack(catalog.packs["problems"], catalog, "no-such-template")
