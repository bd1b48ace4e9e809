"""``template inspect`` lists the template problems a build and ``check`` report."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.cli import main
from briefing_builder.render.template_report import inspect_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def test_inspect_lists_the_colour_problems_a_build_reports(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    for path in (traits.make_busy_picture(tmp_path), traits.make_dark_background(tmp_path)):
        plan, _data = build(REFERENCE_PACK, path)
        from_build = {n.message for n in plan.warnings if "against" in n.message and "Layout '" in n.message}
        assert from_build, path.name
        assert from_build <= set(inspect_template(path).warnings), path.name
        assert main(["template", "inspect", str(path)]) == 0
        printed = capsys.readouterr().out
        assert all(message in printed for message in from_build), path.name
