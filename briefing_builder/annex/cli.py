"""``briefing-builder annex update|import`` — the annex round trip on the command line (through :mod:`.service`).

Exit status: 0 done, 1 the file or the store could not be used, or ``--apply`` wrote nothing
because conflicts need a choice (the message says why and what to do), 2 usage errors (unknown
pack, an ``--accept``/``--reject`` naming no edit, no sub-command). Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from briefing_builder.store import Catalog, load_pack_file
from briefing_builder.store.schema import Pack
from briefing_builder.store.writer import refuse_read_only


def find_pack(name: str, catalog: Catalog, error: Callable[[str], None]) -> tuple[Pack | None, int]:
    """The pack named by id in ``catalog`` or by path to a pack file; on failure ``(None, exit status)``
    after telling the user why (1: the pack file has errors, 2: no such pack)."""
    candidate = Path(name)
    if name in catalog.packs:
        return catalog.packs[name], 0
    if candidate.suffix in {".yaml", ".yml"} and candidate.is_file():
        pack, problems = load_pack_file(candidate)
        for problem in problems:
            print(problem.format(Path.cwd()), file=sys.stderr)
        if pack is None:
            error(f"the pack {candidate} has errors (listed above); fix them and build again.")
            return None, 1
        return pack, 0
    error(f"no pack '{name}' in the store {catalog.root} (packs: {', '.join(catalog.packs) or 'none'}); "
          "give a pack id or the path to a pack .yaml file.")
    return None, 2


def run_annex(args: argparse.Namespace, load: Callable[[Path | None], Catalog],
              error: Callable[[str], None]) -> int:
    """Run ``annex update``, ``import`` or ``compile`` (``args`` from the CLI parser); failures are
    :class:`~briefing_builder.errors.BriefingError`, which the CLI's ``main`` reports."""
    if args.annex_command not in ("update", "import", "compile"):
        error("say what to do with the annex: 'annex update ANNEX --pack PACK', 'annex import ANNEX [--apply]' "
              "or 'annex compile PACK FILES…'.")
        return 2
    catalog = load(args.store)
    if args.annex_command == "update":
        return _update(args, catalog, error)
    if args.annex_command == "compile":
        return _compile(args, catalog, error)
    return _import(args, catalog, error)


def _update(args: argparse.Namespace, catalog: Catalog, error: Callable[[str], None]) -> int:
    from briefing_builder.annex import service

    pack, status = find_pack(args.pack, catalog, error)
    if pack is None:
        return status
    report = service.update_file(args.annex, pack, catalog, args.out, dt.date.today(), force_pack=args.force_pack)
    for line in report.lines():
        print(line)
    print(f"Updated annex: {args.out or args.annex}")
    return 0


def _import(args: argparse.Namespace, catalog: Catalog, error: Callable[[str], None]) -> int:
    from briefing_builder.annex import service

    if args.apply:
        refuse_read_only(catalog.root)  # before reading: the bundled store takes no edits
    if args.pack is not None and args.pack not in catalog.packs:
        error(f"no pack '{args.pack}' in the store {catalog.root} (packs: {', '.join(catalog.packs) or 'none'}).")
        return 2
    changes = service.read_return(args.annex, catalog, args.pack, force_pack=args.force_pack)
    for line in changes.lines():
        print(line)
    if changes.inputs:
        kept = service.keep_feedback(changes, catalog, args.delegation)
        print(f"Delegation comments and positions kept in {kept} (records are not changed by it)." if kept else
              "Delegation comments and positions are not kept: the bundled sample store is never written to.")
    choice = service.Choice(tuple(args.accept or ()), tuple(args.reject or ()))
    unknown = changes.unknown_choices(choice)
    if unknown:
        for line in unknown:
            error(line)
        error("nothing was applied; name an ID (and column) listed above.")
        return 2
    if not args.apply:
        chosen, why = changes.chosen(choice)
        if why:
            print(why)
        elif chosen:
            print(f"Nothing written. Run again with --apply to write the {len(chosen)} chosen edit(s) to the store.")
        return 0
    report = service.apply_return(changes, choice)
    for line in report.lines():
        print(line)
    return 1 if report.nothing_because else 0  # conflicts left undecided: nothing written


def _compile(args: argparse.Namespace, catalog: Catalog, error: Callable[[str], None]) -> int:
    from briefing_builder.annex import service

    pack, status = find_pack(args.pack, catalog, error)
    if pack is None:
        return status
    out = args.out or Path(f"{pack.id}-comments.xlsx")
    compilation = service.compile_files(pack, catalog, list(args.files), out)
    for line in compilation.lines():
        print(line)
    print(f"Compilation: {out}")
    return 0
