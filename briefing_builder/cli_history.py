"""The history commands: ``changes``, ``history`` and ``build --as-of`` (see the README).

Every failure a user can cause ends with a clear message and exit status 1 or 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_builder.paths import is_sample_store
from briefing_builder.store.catalog import Catalog

if TYPE_CHECKING:  # pragma: no cover — dulwich loads only when a history command runs
    from briefing_builder.history.changes import ChangeReport
    from briefing_builder.history.record_merge import Conflict

Load = Callable[[Path | None], Catalog]
Error = Callable[[str], None]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                 with_store: Callable[[argparse.ArgumentParser], argparse.ArgumentParser]) -> None:
    """Register ``changes`` and ``history`` on the CLI's sub-command parser."""
    changes = with_store(sub.add_parser("changes", help="what changed in a pack's records since an export"))
    changes.add_argument("pack", help="a pack id in the store")
    changes.add_argument("--since", default=None, metavar="EXPORT|DATE|REF",
                         help="an export's tag, a date (2026-01-12) or a commit (default: the pack's last export)")
    history = with_store(sub.add_parser("history", help="the store's exports and save points"))
    history.add_argument("--limit", type=int, default=50, help="show at most this many entries (default 50)")
    save = with_store(sub.add_parser("save", help="record a save point of the store in its history"))
    save.add_argument("-m", "--message", default="Save point", help="what the save point is for")
    sync = with_store(sub.add_parser("sync", help="sync the store with the team's shared store"))
    sync.add_argument("--remote", default=None, metavar="URL",
                      help="the shared store: a folder's full path or a Git server URL; remembered")
    sync.add_argument("--create", action="store_true",
                      help="make a new shared store in the --remote folder (which must be new or empty)")
    sync.add_argument("--take", nargs=2, metavar=("mine|theirs", "RECORD"), default=None,
                      help="resolve the conflicts of RECORD (an id, ID:FIELD for one field, or a file for a whole "
                           "file) with one side")
    clone = sub.add_parser("clone", help="make a local copy of the team's shared store")
    clone.add_argument("url", help="the shared store: a folder or a Git server URL")
    clone.add_argument("folder", type=Path, help="the new local store folder")


def run(args: argparse.Namespace, load: Load, error: Error) -> int:
    """Run ``changes``, ``history``, ``save``, ``sync`` or ``clone``; a ``HistoryError`` is reported by the CLI's
    ``main``."""
    if args.command == "changes":
        return _changes(args, load, error)
    if args.command == "history":
        return _history(args, load)
    if args.command == "sync":
        return _sync(args, load, error)
    if args.command == "clone":
        return _clone(args)
    return _save(args, load)


def _changes(args: argparse.Namespace, load: Load, error: Error) -> int:
    from briefing_builder.history.service import changes_in_folder, changes_since

    quick = changes_in_folder(args.store, args.pack, args.since) if args.store is not None else None
    if quick is not None:  # from the few files the pack depends on
        print(format_report(quick[0]))
        return 0
    catalog = load(args.store)
    pack = catalog.packs.get(args.pack)
    if pack is None:
        error(f"no pack '{args.pack}' in the store {catalog.root} (packs: {', '.join(catalog.packs) or 'none'}).")
        return 2
    report, _ = changes_since(catalog, pack, args.since)
    print(format_report(report))
    return 0


def format_report(report: ChangeReport) -> str:
    """A change report as the command line shows it."""
    from briefing_builder.history.word_diff import diff_text

    lines = [f"Changes in {report.pack_id} since {report.since}, to {report.until}:"]
    for record in report.records:
        where = f"  ({record.where})" if record.where else ""
        lines.append(f"  {record.kind:<8} {record.record} {record.id}: {record.title}{where}")
        for change in record.fields:
            name = f"figure '{change.label}'" if change.field == "figure" else change.field
            if change.words:
                lines.append(f"      {name}: {diff_text(change.words)}")
            elif change.old is None:
                lines.append(f"      {name} added: {change.new}")
            elif change.new is None:
                lines.append(f"      {name} removed: {change.old}")
            else:
                lines.append(f"      {name}: {change.old} -> {change.new}")
    counts = report.counts()
    if not report.records:
        lines.append("  nothing has changed in the records this pack shows.")
    lines.append(f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed.")
    return "\n".join(lines)


def _history(args: argparse.Namespace, load: Load) -> int:
    from briefing_builder.history.log import history_entries
    from briefing_builder.history.service import HistoryError, history_for

    catalog = load(args.store)
    history = history_for(catalog.root)
    if history is None:
        raise HistoryError(_no_history(catalog.root))
    for entry in history_entries(history, args.limit):
        kind = "export" if entry.tags else "save"
        print(f"{entry.commit.when:%Y-%m-%d %H:%M}  {kind:<6} {entry.commit.id[:10]}  {entry.commit.summary}")
        print(f"      by {entry.commit.author}" + (f"; tag {', '.join(entry.tags)}" if entry.tags else ""))
        for path in entry.files:
            print(f"      {path}")
    return 0


def _save(args: argparse.Namespace, load: Load) -> int:
    from briefing_builder.history.service import HistoryError, history_for

    catalog = load(args.store)
    started = history_for(catalog.root) is None
    history = history_for(catalog.root, start=True)
    if history is None:
        raise HistoryError(_no_history(catalog.root))
    if started:
        print(f"Started the store's history (a git repository in {catalog.root / '.git'}); its first save "
              "point holds the store as it is now.")
        return 0
    commit = history.save_point(args.message)
    print(f"Save point {commit.decode()[:10]}: {args.message}" if commit else
          "Nothing changed since the last save point.")
    return 0


def _sync(args: argparse.Namespace, load: Load, error: Error) -> int:
    from briefing_builder.history.remote import check_reachable
    from briefing_builder.history.service import HistoryError, history_for
    from briefing_builder.history.sync import sync, take

    catalog = load(args.store)
    if args.take:
        side, record = args.take
        if side not in ("mine", "theirs"):
            error("--take needs 'mine' or 'theirs' then the record id, e.g. --take theirs egypt")
            return 2
        history = history_for(catalog.root)
        if history is None:
            raise HistoryError("There is no conflict to resolve: this store has never been synced.")
        left, report = take(history, side, record)
        print(f"Kept {'your' if side == 'mine' else 'their'} value(s) for {record}.")
        _print_conflicts(left)
        if report is not None:
            print("All conflicts resolved; the merge is saved" + (" and sent." if report.pushed else
                                                                 f" here, not sent: {report.not_sent}."))
        return 0
    if args.remote and history_for(catalog.root) is None and not is_sample_store(catalog.root):
        check_reachable(args.remote, args.create)  # a history starts only for a shared store that answers
    history = history_for(catalog.root, start=bool(args.remote))
    if history is None:
        raise HistoryError(_no_history(catalog.root) if is_sample_store(catalog.root) else
                           "This store has no shared store to sync with yet: give one with --remote URL (a folder "
                           "on a network share, e.g. //server/team/jha-store.git, or an https:// Git server).")
    report = sync(history, args.remote, args.create)
    print(report.message)
    _print_conflicts(list(report.conflicts))
    return 1 if report.conflicts or report.not_sent else 0


def _no_history(root: Path) -> str:
    if is_sample_store(root):
        return ("The bundled sample store is read-only and keeps no history; copy it to a folder of your own "
                "(or clone your team's shared store) first.")
    return (f"The store {root} keeps no history yet: it starts with its first export (build without "
            "--no-history) or 'briefing-builder save'.")


def _print_conflicts(conflicts: list[Conflict]) -> None:
    for c in conflicts:
        print(f"  conflict in {c.path}: {c.record or '(file)'} · {c.field}")
        print("      mine:   " + c.mine.replace("\n", "\n              "))
        print("      theirs: " + c.theirs.replace("\n", "\n              "))
    if conflicts:
        records = sorted({c.record or c.path for c in conflicts})
        print(f"Choose with: briefing-builder sync --take mine|theirs RECORD  (open: {', '.join(records)})")


def _clone(args: argparse.Namespace) -> int:
    from briefing_builder.history.sync import clone

    folder = clone(args.url, args.folder)
    print(f"Cloned the shared store into {folder}; open it with --store {folder} (sync with 'briefing-builder sync "
          f"--store {folder}').")
    return 0


def build_as_of(args: argparse.Namespace, load: Load, error: Error) -> int:
    """``build PACK --as-of EXPORT|DATE``: the deck and annex from the store as it was then."""
    from briefing_builder.annex.changed_since import annex_changes
    from briefing_builder.history.service import as_of, section_changes
    from briefing_builder.pipeline import build_pack

    catalog = load(args.store)
    with as_of(catalog.root, args.pack, args.as_of) as then:
        changes = section_changes(then.catalog, then.pack, then.point, store=catalog.root)
        changed = annex_changes(then.catalog, then.pack, then.point, store=catalog.root)
        result = build_pack(then.pack, then.catalog, args.out, template=args.template, annex=not args.no_annex,
                            generated_on=then.generated_on, changes=changes, annex_changes=changed)
        print(f"Built from {then.point.label} (commit {then.point.commit[:10]}), as it was then.")
    print(f"Deck:  {result.deck}  ({len(result.plan.slides)} slides)")
    if result.annex:
        print(f"Annex: {result.annex}")
    return 0

