"""Command line: ``briefing-builder [run|build|check|validate|list|annex|template] …`` (no arguments opens the app).

Every failure a user can cause ends with a clear message and exit status 1 or 2 — never a
traceback: commands let their :class:`~briefing_builder.errors.BriefingError` out, and
:func:`main` catches them in one place (:func:`~briefing_builder.cli_errors.failure_status`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_builder import __version__
from briefing_builder.cli_errors import failure_status
from briefing_builder.paths import REFERENCE_PACK, sample_store_dir, templates_dir
from briefing_builder.store import Catalog, load_store

if TYPE_CHECKING:  # the pipeline loads only when a build runs
    from briefing_builder.pipeline import BuildResult


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-builder",
                                     description="Build EU meeting briefings (deck + annex) from a YAML store.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", type=Path, default=None, help="store folder (default: the bundled sample store)")
        return p

    run = with_store(sub.add_parser("run", help="open the desktop app (no display: build the sample pack)"))
    run.add_argument("--out", type=Path, default=Path("out"), help="output folder when no display (default: out)")
    build = with_store(sub.add_parser("build", help="build a pack's deck and annex"))
    build.add_argument("pack", help="a pack id in the store, or a path to a pack file")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: ./out)")
    build.add_argument("--template", default=None, help="a .pptx/.potx file or a bundled template name")
    build.add_argument("--no-annex", action="store_true", help="build the deck only")
    build.add_argument("--no-history", action="store_true",
                       help="do not record this export in the store's history (nor start one)")
    build.add_argument("--as-of", default=None, metavar="EXPORT|DATE",
                       help="build from the store as it was at an export or on a date")
    build.add_argument("--pdf", nargs="?", const="app", choices=("app", "office"), default=None,
                       help="also write <pack-id>.pdf, drawn by the app (or by LibreOffice: --pdf=office)")
    build.add_argument("--handout", nargs="?", const=3, type=int, choices=(3, 6), default=None,
                       help="also write <pack-id>-handout.pdf: 3 slides a page with notes (or 6: --handout=6)")
    with_store(sub.add_parser("validate", help="check every record and pack; list problems as path:line:col"))
    with_store(sub.add_parser("list", help="list packs, records and templates"))
    annex = sub.add_parser("annex", help="update, import back or compile Excel annexes").add_subparsers(
        dest="annex_command")
    update = with_store(annex.add_parser("update", help="update an annex (a delegation's copy too) from the store"))
    update.add_argument("annex", type=Path, help="the .xlsx (or .xlsm) annex to update")
    update.add_argument("--pack", required=True, help="a pack id in the store, or a path to a pack file")
    update.add_argument("--out", type=Path, default=None, help="write here (default: update ANNEX in place)")
    update.add_argument("--force-pack", action="store_true", help="use --pack even if the annex was made for another")
    imp = with_store(annex.add_parser("import", help="report what a returned annex changed and said"))
    imp.add_argument("annex", type=Path, help="the returned .xlsx annex")
    imp.add_argument("--pack", default=None, help="the pack id (default: the one the annex was made for)")
    imp.add_argument("--accept", action="append", metavar="ID[:FIELD]",
                     help="apply this proposal or conflict (repeatable; a record id alone: all its cells)")
    imp.add_argument("--reject", action="append", metavar="ID[:FIELD]", help="do not apply this one (repeatable)")
    imp.add_argument("--apply", action="store_true", help="write the applicable store-field edits to the YAML files")
    imp.add_argument("--delegation", default=None, help="who returned it (default: from the file or its name)")
    imp.add_argument("--force-pack", action="store_true", help="use --pack even if the annex was made for another")
    comp = with_store(annex.add_parser("compile", help="read all returns of a meeting; write a compilation"))
    comp.add_argument("pack", help="a pack id in the store, or a path to a pack file")
    comp.add_argument("files", type=Path, nargs="+", help="the returned .xlsx annexes")
    comp.add_argument("--out", type=Path, default=None, help="the compilation (default: <pack-id>-comments.xlsx)")
    from briefing_builder.cli_template import add_template_commands
    add_template_commands(sub)
    from briefing_builder.cli_history import add_commands
    add_commands(sub, with_store)
    from briefing_builder.deckimport.cli import add_deck_commands
    add_deck_commands(sub)
    from briefing_builder.cli_check import add_check_command
    add_check_command(sub, with_store)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``briefing-builder`` console script."""
    args = _parser().parse_args(argv)
    command = args.command or "run"
    try:
        if command == "run":
            return _run(getattr(args, "store", None), getattr(args, "out", Path("out")))
        if command == "build":
            return _build(args)
        if command == "validate":
            return _validate(args.store)
        if command == "list":
            return _list(args.store)
        if command == "annex":
            from briefing_builder.annex.cli import run_annex
            return run_annex(args, _store, _error)
        if command == "deck":
            from briefing_builder.deckimport.cli import run_deck
            return run_deck(args, _store, _error)
        if command == "template":
            from briefing_builder.cli_template import run_template
            return run_template(args, _error)
        if command == "check":
            from briefing_builder.cli_check import run_check
            return run_check(args, _store, _error)
        if command in ("changes", "history", "save", "sync", "clone"):
            from briefing_builder.cli_history import run as run_history
            return run_history(args, _store, _error)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # the output was piped into a reader that stopped early (``| head``)
        _quiet_closed_stdout()
        return 141  # as a shell reports a command ended by SIGPIPE
    except Exception as exc:  # the one catch: every command's failures end here, said without a traceback
        return failure_status(exc)
    return 2


def _quiet_closed_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _error(message: str) -> None:
    print(f"briefing-builder: {message}", file=sys.stderr)


def _store(folder: Path | None) -> Catalog:
    return load_store(folder or sample_store_dir())


def _print_diagnostics(catalog: Catalog, limit: int | None = None) -> None:
    shown = catalog.diagnostics if limit is None else catalog.diagnostics[:limit]
    for diagnostic in shown:
        print(diagnostic.format(Path.cwd()), file=sys.stderr)
    if limit is not None and len(catalog.diagnostics) > limit:
        print(f"… and {len(catalog.diagnostics) - limit} more (run 'briefing-builder validate')", file=sys.stderr)


def _validate(folder: Path | None) -> int:
    from briefing_builder.pipeline import template_diagnostics

    catalog = _store(folder)
    catalog.diagnostics = sorted(catalog.diagnostics + template_diagnostics(catalog),
                                 key=lambda d: (str(d.path), d.line, d.column, d.message))
    _print_diagnostics(catalog)
    errors = len(catalog.errors)
    warnings = len(catalog.diagnostics) - errors
    counts = ", ".join(f"{n} {k}" for k, n in catalog.counts().items())
    files = len({d.path for d in catalog.diagnostics})
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) in {files} file(s); good records loaded: {counts}.")
        return 1
    print(f"Store '{catalog.meta.name}' is valid: {counts}" + (f" ({warnings} warning(s))." if warnings else "."))
    return 0


def _list(folder: Path | None) -> int:
    catalog = _store(folder)
    print(f"Store: {catalog.meta.name} ({catalog.root})")
    print("Packs:")
    for pack in catalog.packs.values():
        print(f"  {pack.id:<34} {pack.meeting.date}  {pack.meeting.body} — {pack.meeting.title}")
    print("Priority areas:")
    for area in catalog.areas.values():
        print(f"  {area.id:<34} {area.number}. {area.title} ({len(area.measures)} measures)")
    print("Country cards:")
    for card in catalog.countries.values():
        print(f"  {card.id:<34} {card.name} ({card.iso_code}, {card.region})")
    print("Consultations:")
    for consultation in catalog.consultations.values():
        print(f"  {consultation.id:<34} {consultation.title} ({consultation.ms_count} MS)")
    print(f"Milestones: {len(catalog.milestones)}")
    print("Templates: " + ", ".join(sorted(p.stem for p in templates_dir().glob("*.pptx"))))
    if catalog.diagnostics:
        print(f"{len(catalog.diagnostics)} problem(s) found; run 'briefing-builder validate' for details.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from briefing_builder.annex.cli import find_pack
    from briefing_builder.pipeline import build_pack

    if getattr(args, "as_of", None) is not None:
        from briefing_builder.cli_history import build_as_of
        return build_as_of(args, _store, _error)
    catalog = _store(args.store)
    pack, status = find_pack(args.pack, catalog, _error)
    if pack is None:
        return status
    if catalog.errors:
        print(f"Note: the store has {len(catalog.errors)} problem(s); building with the good records.",
              file=sys.stderr)
        _print_diagnostics(catalog, limit=10)
    had_history = (catalog.root / ".git").exists()
    pdfs = ((f"{pack.id}.pdf",) if getattr(args, "pdf", None) else ()) + \
        ((f"{pack.id}-handout.pdf",) if getattr(args, "handout", None) else ())
    result = build_pack(pack, catalog, args.out, template=args.template, annex=not args.no_annex,
                        history="off" if getattr(args, "no_history", False) else "start", also=pdfs)
    for note in result.notes:
        print(f"note: {note}")
    print(f"Deck:  {result.deck}  ({len(result.plan.slides)} slides)")
    if result.annex:
        print(f"Annex: {result.annex}")
    if result.export is not None and not had_history:
        print(f"History: started the store's history (a git repository in {catalog.root / '.git'}).")
    if result.export is not None:
        print(f"History: recorded as {result.export.tag} (commit {result.export.commit[:10]}); "
              "build with --no-history to skip")
    if result.history_problem:
        print(f"note: {result.history_problem}", file=sys.stderr)
    if getattr(args, "pdf", None) or getattr(args, "handout", None):
        return _build_pdfs(args, result)
    return 0


def _build_pdfs(args: argparse.Namespace, result: BuildResult) -> int:
    """The PDFs ``--pdf``/``--handout`` ask for, drawn from the build's plan (Qt, offscreen)."""
    from briefing_builder.ui.pdf.session import ensure_gui

    ensure_gui()
    from briefing_builder.ui.pdf.export import PdfRequest, write_pdfs

    written = write_pdfs(result.plan, result.template, result.deck, PdfRequest(args.pdf, args.handout))
    for path in written:
        print(f"PDF:   {path}")
    return 0


def has_display() -> bool:
    """True when a desktop session is available to open windows on."""
    if os.environ.get("QT_QPA_PLATFORM", "") in {"offscreen", "minimal"}:
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _run(store: Path | None, out: Path) -> int:
    if has_display():
        try:
            from briefing_builder.ui.platform_check import desktop_problem

            problem = desktop_problem()  # before Qt starts: a missing xcb library aborts the process
            if problem is None:
                from briefing_builder.ui.app import run_app
        except ImportError as exc:
            print(f"The desktop app cannot start here ({exc}); building the sample pack instead.")
        else:
            if problem is None:
                return run_app(store)
            print(f"{problem}\nBuilding the sample pack instead.", file=sys.stderr)
    else:
        print("No display available: building the sample pack instead of opening the app.")
    args = argparse.Namespace(pack=REFERENCE_PACK, store=store, out=out, template=None, no_annex=False,
                              no_history=True, pdf=None, handout=None)
    return _build(args)
