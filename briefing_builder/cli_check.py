"""The ``check`` command: the app's pre-flight check of a pack, one located finding per line.

``briefing-builder check PACK [--store DIR] [--template T] [--max-age MONTHS]`` prints what the
app's pre-flight dock lists — text shrunk or continued, unresolved cross-references, missing
records, layout fallbacks, marking problems, figures without alt text, old or illustrative
figures, store problems — as ``file:line:column: warning: heading: message``. Exit status 0
when there is nothing to check, 1 when something is listed, 2 when the check could not run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from briefing_builder.store import Catalog


def add_check_command(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                      with_store: Callable[[argparse.ArgumentParser], argparse.ArgumentParser]) -> None:
    """Register ``check`` on the main parser's subcommands."""
    from briefing_builder.pack.preflight import DEFAULT_MAX_AGE_MONTHS

    check = with_store(sub.add_parser("check", help="what to check before exporting a pack (the app's pre-flight)"))
    check.add_argument("pack", help="a pack id in the store, or a path to a pack file")
    check.add_argument("--template", default=None, help="a .pptx/.potx file or a bundled template name")
    check.add_argument("--max-age", type=int, default=DEFAULT_MAX_AGE_MONTHS, metavar="MONTHS",
                       help=f"country figures older than this before the meeting are listed "
                            f"(default: {DEFAULT_MAX_AGE_MONTHS})")


def run_check(args: argparse.Namespace, load: Callable[[Path | None], Catalog],
              error: Callable[[str], None]) -> int:
    """Run ``check``: 0 nothing to check, 1 findings listed, 2 the pack or its template cannot be checked."""
    from briefing_builder.annex.cli import find_pack
    from briefing_builder.errors import BriefingError
    from briefing_builder.pack.pack_check import check_pack, locate_findings, pack_path
    from briefing_builder.pipeline import BuildError, template_problem_at
    from briefing_builder.render.template import TemplateError

    if args.max_age < 0:
        error(f"--max-age must be a number of months, 0 or more (not {args.max_age}).")
        return 2
    catalog = load(args.store)
    if args.pack not in catalog.packs:  # a pack of the store that did not load: say why first
        for diagnostic in catalog.diagnostics:
            if diagnostic.path.parent.name == "packs" and diagnostic.path.stem == args.pack:
                print(diagnostic.format(Path.cwd()), file=sys.stderr)
    pack, _status = find_pack(args.pack, catalog, error)
    if pack is None:
        return 2
    try:
        findings = check_pack(pack, catalog, args.template, args.max_age)
    except BriefingError as exc:  # the pack cannot be checked: exit 2, not the CLI's general 1
        about_template = isinstance(exc, (BuildError, TemplateError)) and not args.template
        located = template_problem_at(pack, catalog, str(exc)) if about_template else None
        if located is None:
            error(str(exc))
        else:  # the pack's own template: at the line naming it, as `validate` says it
            print(located.format(Path.cwd()), file=sys.stderr)
        return 2
    given = Path(args.pack)
    path = given if args.pack not in catalog.packs else pack_path(pack, catalog)
    for diagnostic in locate_findings(findings, catalog, path):
        print(diagnostic.format(Path.cwd()))
    if not findings:
        print(f"Pack '{pack.id}': nothing to check before export.")
        return 0
    print(f"Pack '{pack.id}': {len(findings)} thing{'s' if len(findings) != 1 else ''} to check before export.")
    return 1
