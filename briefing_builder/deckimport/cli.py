"""The ``deck import`` command: report a deck's edits per record; ``--apply`` writes the chosen ones."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from briefing_builder.annex.changes import Choice, FieldChange
from briefing_builder.deckimport.apply import DeckApplyReport, apply_deck
from briefing_builder.deckimport.changes import CopyEdit, DeckChanges
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.deckimport.structure import StructureChange
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.writer import refuse_read_only


def add_deck_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``deck import`` to the CLI's subcommands."""
    deck = sub.add_parser("deck", help="read edits made in a deck back into the library").add_subparsers(
        dest="deck_command")
    imp = deck.add_parser("import", help="report what a deck's edits change in the library")
    imp.add_argument("deck", type=Path, help="the .pptx deck (edited in PowerPoint or LibreOffice)")
    imp.add_argument("--store", type=Path, default=None, help="store folder (default: the bundled sample store)")
    imp.add_argument("--accept", action="append", metavar="ID[:FIELD]",
                     help="apply this edit or conflict (repeatable; a record id alone: all its fields; "
                          "ID:FIELD@slide N: the text of that copy of a slide, when copies differ), "
                          "or the new, removed or pack text change new:N, remove:ID, pack:N:FIELD, pack:meeting:FIELD")
    imp.add_argument("--reject", action="append", metavar="ID[:FIELD]", help="do not apply this one (repeatable)")
    imp.add_argument("--apply", action="store_true", help="write the chosen edits to the store's YAML files")


def run_deck(args: argparse.Namespace, load: Callable[[Path | None], Catalog], error: Callable[[str], None]) -> int:
    """Run ``deck import``; 0 when read (and applied), 2 when a choice names nothing. A deck that cannot be
    imported or a store that cannot be written raises :class:`~briefing_builder.errors.BriefingError`
    (``NotImportable``, ``DeckFileError``, ``StoreWriteError``), which the CLI reports."""
    if getattr(args, "deck_command", None) != "import":
        error("say what to do: 'deck import DECK.pptx [--apply]'")
        return 2
    catalog = load(args.store)
    if args.apply:
        refuse_read_only(catalog.root)  # before reading: the bundled store takes no edits
    changes = read_changes(args.deck, catalog)
    for line in changes.lines():
        print(line)
    choice = Choice(tuple(args.accept or ()), tuple(args.reject or ()))
    unknown = [f"{option} {spec}" for option, specs in (("--accept", choice.accept), ("--reject", choice.reject))
               for spec in specs if not any(e.named_by(spec) or (isinstance(e, CopyEdit) and e.names_field(spec))
                                            for e in changes.edits)
               and not any(c.named_by(spec) for c in changes.structure)]
    copies = _copy_choice_problem(changes, choice)
    if copies:
        error(copies + " Nothing was written.")
        return 2
    if unknown:
        error(f"{'; '.join(unknown)}: names no edit, new or removed record of this deck (see the list above: "
              "ID[:FIELD], new:N, remove:ID, pack:N:FIELD or pack:meeting:FIELD). Nothing was written.")
        return 2
    chosen, why = changes.chosen(choice)
    structure = changes.chosen_structure(choice)
    if not args.apply:
        if chosen or structure:
            print(f"Nothing written. Run again with --apply to write the {len(chosen) + len(structure)} chosen "
                  "edit(s) to the store.")
        elif why:
            print(why)
        return 0
    if why and not structure:
        print(why)
    report = apply_deck(changes, chosen, structure)
    for line in report.lines():
        print(line)
    if not report.written:
        print("Nothing written: " + _why_nothing(changes, chosen, structure, why, report))
    return 0


def _copy_choice_problem(changes: DeckChanges, choice: Choice) -> str:
    """Why ``choice`` cannot pick among copies edited differently: an ``--accept`` of their field that
    says no copy, or that takes two copies of one field ("" when it can)."""
    copies = [e for e in changes.edits if isinstance(e, CopyEdit)]
    for spec in choice.accept:
        alike = [e for e in copies if e.names_field(spec)]
        if alike:
            return (f"--accept {spec}: copies of this text were edited differently; say which copy: "
                    + " or ".join(e.how_to_take() for e in alike) + ".")
    taken = [e for e in copies if any(e.named_by(spec) for spec in choice.accept)]
    for edit in taken:
        twins = [e.where for e in taken if (e.record_id, e.field) == (edit.record_id, edit.field)]
        if len(twins) > 1:
            return f"{edit.record_id}:{edit.field} is taken from {' and '.join(twins)}: accept one copy only."
    return ""


def _why_nothing(changes: DeckChanges, chosen: list[FieldChange], structure: list[StructureChange], why: str,
                 report: DeckApplyReport) -> str:
    """Why an ``--apply`` wrote no file, in words."""
    if chosen or structure:
        return ("every chosen edit was refused (see “Not applied” above)." if report.fields.refused or report.refused
                else "the store already says what the chosen edits say.")
    if why:
        return "the conflicts above need a choice first."
    if any(isinstance(e, CopyEdit) for e in changes.edits):
        return ("copies of one text were edited differently: take one with --accept ID:FIELD@slide N (see the "
                "edits above).")
    waiting = [e for e in changes.removals if e.applicable]
    if waiting:
        return ("the edits that remove sub-points are applied only when named: "
                + ", ".join(f"--accept {e.record_id}:{e.field}" for e in waiting) + ".")
    if any(c.applicable for c in changes.structure):
        return "new and removed records are written only when named (--accept new:N or remove:ID)."
    return "the deck has no edit that can be applied (see the reasons above)."
