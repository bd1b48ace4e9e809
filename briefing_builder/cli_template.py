"""The ``template`` commands: ``template inspect FILE`` says which layout each slide role uses and why."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def add_template_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``template inspect`` on the main parser's subcommands."""
    template = sub.add_parser("template", help="inspect a PowerPoint template").add_subparsers(dest="template_command")
    inspect = template.add_parser("inspect", help="roles → layouts with their scores, body boxes, fonts, warnings")
    inspect.add_argument("file", type=Path, help="a .pptx or .potx template")


def run_template(args: argparse.Namespace, error: Callable[[str], None]) -> int:
    """Run a ``template`` command; exit status 0, or 2 for usage (a template that cannot be used raises
    ``TemplateError``, which the CLI's ``main`` reports with status 1)."""
    from briefing_builder.render.template_report import format_report, inspect_template

    if args.template_command != "inspect":
        error("usage: briefing-builder template inspect FILE")
        return 2
    print(format_report(inspect_template(args.file)))
    return 0
