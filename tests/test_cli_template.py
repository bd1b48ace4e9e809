"""``briefing-builder template inspect FILE`` as a person runs it: the report, usage, and a file it cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.cli import main
from tests.deck_helpers import bundled_template
from tests.zip_parts import rewrite_file


def test_inspect_prints_the_report_of_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "inspect", str(bundled_template())]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Template briefing-16x9.pptx: 960×540 pt, 1 master(s)") and "Roles:" in out


def test_template_without_a_command_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template"]) == 2
    assert "usage: briefing-builder template inspect FILE" in capsys.readouterr().err


def test_a_template_that_cannot_be_used_is_one_located_line_and_status_1(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    damaged = rewrite_file(bundled_template(), tmp_path / "damaged.pptx", {"ppt/presentation.xml": lambda x: x[:300]})
    assert main(["template", "inspect", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "damaged.pptx" in err and "Traceback" not in err
    assert main(["template", "inspect", str(tmp_path / "missing.pptx")]) == 1
    assert "missing.pptx" in capsys.readouterr().err
