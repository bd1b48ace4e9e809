"""``briefing-builder check``: the app's pre-flight findings from the command line, located, with exit statuses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_builder.pack.preflight import check
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from tests.store.conftest import StoreCopy

LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<severity>warning|error): "
                     r"(?P<message>.+)$")

PROBLEMS = """id: problems
meeting:
  title: Problems on purpose
  body: Working Party
  date: 2026-01-12
sections:
  - type: title
  - type: text
    title: Refs
    bullets:
      - text: "See [slide {n}](#nowhere) for more."
  - type: area
    area: no-such-area
  - type: country
    country: egypt
  - type: closing
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "briefing_builder", "check", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture
def store(tmp_path: Path) -> StoreCopy:
    root = tmp_path / "store"
    shutil.copytree(sample_store_dir(), root)
    return StoreCopy(root)


def _findings(out: str) -> list[re.Match[str]]:
    lines = out.splitlines()
    matches = [LOCATED.match(line) for line in lines[:-1]]
    assert all(matches), out
    return [m for m in matches if m is not None]


def test_findings_are_the_apps_one_a_line_at_the_line_they_are_about(store: StoreCopy) -> None:
    from briefing_builder.ui.preview.worker import TemplateCache, compute_preview

    store.write("packs/problems.yaml", PROBLEMS)
    result = _cli("problems", "--store", str(store.root), cwd=store.root)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    found = _findings(result.stdout)
    # the app's dock: the pack planned by the preview worker, then the pre-flight check
    catalog = load_store(store.root)
    pack = catalog.packs["problems"]
    preview = compute_preview(pack, catalog, TemplateCache())
    expected = check(pack, catalog, preview.plan, preview.geometry)
    assert [m["message"] for m in found] == [f"{f.heading}: {f.message}" if f.diagnostic_index is None
                                             else catalog.diagnostics[f.diagnostic_index].message for f in expected]
    assert result.stdout.splitlines()[-1] == f"Pack 'problems': {len(expected)} things to check before export."
    lines = store.path("packs/problems.yaml").read_text(encoding="utf-8").splitlines()
    by_heading = {m["message"].split(":")[0]: m for m in found}
    assert set(by_heading) >= {"No marking", "Missing records", "Unresolved cross-references"}
    assert "no-such-area" in lines[int(by_heading["Missing records"]["line"])]  # the line after "- type: area"
    assert "type: area" in lines[int(by_heading["Missing records"]["line"]) - 1]
    assert "type: text" in lines[int(by_heading["Unresolved cross-references"]["line"]) - 1]
    assert lines[int(by_heading["No marking"]["line"]) - 1].startswith("  title:")  # no marking: the meeting
    assert all(m["path"] == "packs/problems.yaml" for m in found)


def test_store_problems_point_at_the_store_file(store: StoreCopy) -> None:
    store.write("countries/zz.yaml", 'id: zz\niso_code: ZZ\nname: "Z"\nrelationship: "r"\n')
    result = _cli("jha-counsellors-2026-01-12", "--store", str(store.root), cwd=store.root)
    assert result.returncode == 1
    assert "countries/zz.yaml:1:1: error: missing required field 'region' — add it" in result.stdout.splitlines()


def test_a_clean_pack_exits_0(store: StoreCopy, tmp_path: Path) -> None:
    clean = tmp_path / "clean.yaml"
    clean.write_text("id: clean\nmeeting:\n  title: T\n  body: B\n  date: 2026-01-12\n  marking: LIMITE\n"
                     "sections:\n  - type: title\n  - type: closing\n", encoding="utf-8")
    result = _cli(str(clean), "--store", str(store.root), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Pack 'clean': nothing to check before export.\n", "")


def test_a_pack_file_outside_the_store_is_located_in_that_file(store: StoreCopy, tmp_path: Path) -> None:
    outside = tmp_path / "mine.yaml"
    outside.write_text(PROBLEMS, encoding="utf-8")
    result = _cli("mine.yaml", "--store", str(store.root), cwd=tmp_path)
    assert result.returncode == 1
    assert {m["path"] for m in _findings(result.stdout)} == {"mine.yaml"}


def test_template_option_and_age_change_the_findings(store: StoreCopy, tmp_path: Path) -> None:
    from tests.fixtures import make_templates as mk

    store.write("packs/problems.yaml", PROBLEMS)
    plain = _cli("problems", "--store", str(store.root), cwd=store.root)
    on_template = _cli("problems", "--store", str(store.root), "--template", str(mk.make_no_body(tmp_path)),
                       cwd=store.root)
    assert on_template.returncode == 1
    assert "Layout fallbacks:" in on_template.stdout and "Layout fallbacks:" not in plain.stdout
    egypt = store.path("countries/egypt.yaml")
    egypt.write_text(egypt.read_text(encoding="utf-8").replace("as_of: 2026-01-12", "as_of: 2025-06-01"),
                     encoding="utf-8")
    plain = _cli("problems", "--store", str(store.root), cwd=store.root)  # 7 months old: within the default 12
    young = _cli("problems", "--store", str(store.root), "--max-age", "6", cwd=store.root)
    assert "Old figures:" in young.stdout and "Old figures:" not in plain.stdout


@pytest.mark.parametrize(("args", "says"), [
    (("no-such-pack",), "no pack 'no-such-pack'"),
    (("jha-counsellors-2026-01-12", "--template", "no-such-template"), "no-such-template"),
    (("jha-counsellors-2026-01-12", "--max-age", "-1"), "--max-age"),
])
def test_what_cannot_be_checked_exits_2_with_a_message(store: StoreCopy, args: tuple[str, ...], says: str) -> None:
    result = _cli(*args, "--store", str(store.root), cwd=store.root)
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_broken_template_or_pack_file_exits_2(store: StoreCopy, tmp_path: Path) -> None:
    fake = tmp_path / "fake.pptx"
    fake.write_bytes(b"not a zip")
    result = _cli("jha-counsellors-2026-01-12", "--store", str(store.root), "--template", str(fake), cwd=tmp_path)
    assert result.returncode == 2 and "fake.pptx" in result.stderr and "Traceback" not in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nmeeting: [oops\n", encoding="utf-8")
    result = _cli(str(broken), "--store", str(store.root), cwd=tmp_path)
    assert result.returncode == 2 and "broken.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_a_store_pack_that_did_not_load_says_why(store: StoreCopy) -> None:
    store.replace("packs/jha-counsellors-2026-01-12.yaml", "date: 2026-01-12", "date: 2026-13-45")
    result = _cli("jha-counsellors-2026-01-12", "--store", str(store.root), cwd=store.root)
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("packs/jha-counsellors-2026-01-12.yaml:") and "2026-13-45" in first


def test_a_packs_damaged_template_is_located_at_the_line_naming_it(store: StoreCopy, tmp_path: Path) -> None:
    """As ``validate`` does: the pack file's ``meeting: template:`` line, then what is wrong."""
    damaged = store.root / "templates" / "damaged.pptx"
    damaged.parent.mkdir(exist_ok=True)
    damaged.write_bytes(b"not a zip")
    store.write("packs/problems.yaml", PROBLEMS.replace("  date: 2026-01-12\n",
                                                        "  date: 2026-01-12\n  template: templates/damaged.pptx\n"))
    result = _cli("problems", "--store", str(store.root), cwd=store.root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    found = LOCATED.match(result.stderr.splitlines()[0])
    assert found is not None, result.stderr
    assert (found["path"], found["line"], found["severity"]) == ("packs/problems.yaml", "6", "error")
    assert "damaged.pptx" in found["message"]
