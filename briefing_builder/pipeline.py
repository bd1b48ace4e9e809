"""One call from a pack to files: load, plan, render, write — used by the CLI and the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_builder.brand import BrandError, brand_settings
from briefing_builder.compose.change_list import ChangeList
from briefing_builder.compose.deck_planner import marking_choice, plan_deck
from briefing_builder.compose.marking_checks import accredited_message
from briefing_builder.compose.plan import DeckPlan, NoteKind, PlanNote
from briefing_builder.errors import BriefingError
from briefing_builder.paths import templates_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.diagnostics import Diagnostic, plain_reason
from briefing_builder.store.links import real_path
from briefing_builder.store.schema import Pack

if TYPE_CHECKING:  # pragma: no cover — dulwich loads only when a history is used
    from briefing_builder.annex.changed_since import ChangedSince
    from briefing_builder.annex.plan import AnnexPlan
    from briefing_builder.history.exports import Export

Progress = Callable[[str, int, int], None]
DEFAULT_TEMPLATE = "briefing-16x9"


class BuildError(BriefingError):
    """A build could not be done; the message is for the user."""


@dataclass
class BuildResult:
    """What a build wrote and what it noticed."""

    deck: Path
    annex: Path | None
    plan: DeckPlan
    template: Path  # the template file the deck was drawn on
    notes: list[PlanNote] = field(default_factory=list)
    #: The export as recorded in the store's history (``None``: not recorded).
    export: Export | None = None
    #: Why the export was not recorded, when it should have been.
    history_problem: str | None = None


def resolve_template(name: str | None, catalog: Catalog | None = None, *, from_store: bool = False) -> Path:
    """Find a template by path or by bundled name (``briefing-16x9``); then the store's default.

    ``name`` is the user's own choice (``--template``, a file picked in the app) unless
    ``from_store`` says it was read from the store (a pack's ``meeting.template``). A
    relative path read from the store — ``name`` then, and ``store.yaml``'s
    ``default_template`` always — is resolved against the store folder and must stay
    inside it: a pack cannot reach files elsewhere with ``../../``. Absolute paths (the
    app writes one when the user picks a template file) and bundled names are allowed.
    """
    candidates = [(name, from_store), (catalog.meta.default_template if catalog else None, True),
                  (DEFAULT_TEMPLATE, False)]
    for candidate, stored in candidates:
        if not candidate:
            continue
        if "/" not in candidate and "\\" not in candidate and not candidate.startswith("."):
            for suffix in (".pptx", ".potx"):
                bundled = templates_dir() / f"{candidate}{suffix}"
                if bundled.exists():
                    return bundled
        path = Path(candidate).expanduser()
        if path.suffix or "/" in candidate or "\\" in candidate:
            # A file: open_template says what is wrong with one of another type (.ppt, .pptm…).
            return _template_file(path, catalog, stored)
        if candidate == name or stored:
            where = "" if candidate == name else " (the default_template of store.yaml)"
            raise BuildError(f"No template named '{candidate}'{where}. Bundled templates: "
                             + ", ".join(_bundled_names()))
    raise BuildError("No template found: the bundled templates are missing from this installation.")


def _bundled_names() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.pptx"))


def _template_file(path: Path, catalog: Catalog | None, stored: bool) -> Path:
    if path.is_absolute():
        _refuse_loop(path, path)
        if path.exists():
            return path
        raise BuildError(f"Template {path} does not exist. Check the path or pick a bundled template.")
    if stored and catalog is not None:
        _refuse_loop(catalog.root / path, path)
        root = catalog.root.resolve()
        target = (catalog.root / path).resolve()
        if not target.is_relative_to(root):
            raise BuildError(f"Template '{path}' named in the store points outside the store folder {catalog.root}; "
                             "a store may only use templates inside its own folder, bundled templates "
                             "or an absolute path. Move the template into the store (e.g. templates/) "
                             "or choose it again in the app.")
        if target.exists():
            return catalog.root / path
        raise BuildError(f"Template '{path}' named in the store does not exist in the store folder "
                         f"{catalog.root}. Check the path or pick a bundled template.")
    _refuse_loop(path, path)
    if path.exists():
        return path
    if catalog is not None:  # a user's relative path may also be meant inside the store
        inside = catalog.root / path
        _refuse_loop(inside, path)
        if inside.resolve().is_relative_to(catalog.root.resolve()) and inside.exists():
            return inside
    raise BuildError(f"Template {path} does not exist. Check the path or pick a bundled template.")


def _refuse_loop(where: Path, path: Path) -> None:
    """Raise :class:`BuildError` when ``where`` (the template ``path``) is a link in a loop of links."""
    if real_path(where) is None:
        raise BuildError(f"Template '{path}' is a link in a loop of links that leads back to itself "
                         f"({where}). Delete the link or point it at a .pptx file, or pick a bundled template.")


def build_pack(pack: Pack, catalog: Catalog, out_dir: Path, template: str | None = None,
               progress: Progress | None = None, annex: bool = True,
               generated_on: dt.date | None = None, history: str = "off",
               changes: dict[int, ChangeList] | None = None, annex_changes: ChangedSince | None = None,
               also: tuple[str, ...] = ()) -> BuildResult:
    """Plan and write ``<out>/<pack-id>.pptx`` (and the annex); raise :class:`BuildError`.

    The deck and the annex are written as a pair (:func:`~briefing_builder.render.output.write_together`):
    both replace the previous ones or neither does, and two builds into one folder never mix.
    ``history``: ``"off"`` (record nothing), ``"record"`` (record the export when the store
    keeps a history) or ``"start"`` (record it, starting a history if need be — the user
    agreed). ``changes``: the lists of the ``type: changes`` sections, ``annex_changes`` the
    annex's "Changed since" column (both by default worked out from the store's history).
    ``also``: the names of other files the caller writes into ``out_dir`` after the build (the PDFs):
    every output path is checked before anything is written, so a PDF that cannot be written
    never leaves a new deck beside an old PDF.
    """
    from briefing_builder.ooxml.atomic_files import refuse_unwritable
    from briefing_builder.render.deck_writer import checked_deck_bytes
    from briefing_builder.render.marking_surfaces import read_surfaces
    from briefing_builder.render.output import OutputError, write_together
    from briefing_builder.render.template import TemplateError, open_template

    report = progress or (lambda step, done, total: None)
    total = 4 if annex else 3
    report("Opening the template", 0, total)
    try:
        brand_settings()  # the house style's sizes and colours: a broken brand.yaml is said before any work
    except BrandError as exc:
        raise BuildError(f"{exc} Nothing was written.") from None
    template_path = (resolve_template(template, catalog) if template
                     else resolve_template(pack.meeting.template, catalog, from_store=True))
    try:
        opened = open_template(template_path)
    except TemplateError as exc:
        raise BuildError(str(exc)) from None
    deck_path = Path(out_dir) / f"{pack.id}.pptx"
    outputs = [deck_path, *([Path(out_dir) / f"{pack.id}-annex.xlsx"] if annex else []),
               *(Path(out_dir) / name for name in also)]
    try:
        for output in outputs:
            refuse_unwritable(output)
    except OutputError as exc:
        raise BuildError(f"{exc} Nothing was written.") from None
    choice = marking_choice(pack, catalog)
    if choice.unknown or choice.conflicts:
        raise BuildError(f"Pack '{pack.id}': " + " ".join((*choice.conflicts, *(
            [choice.unknown_message()] if choice.unknown else []))) + " Nothing was written.")
    try:
        report("Planning the slides", 1, total)
        if changes is None:
            changes = _section_changes(pack, catalog)
        plan = plan_deck(pack, catalog, opened.geometry, read_surfaces(opened), changes)
        report("Writing the deck", 2, total)
        files = [(deck_path, checked_deck_bytes(plan, opened, deck_path))]
    except OutputError as exc:
        raise BuildError(str(exc)) from None
    except Exception as exc:
        # python-pptx reads most of a template lazily: a damaged value in a layout (an
        # empty number, an unknown placeholder type) only fails when a slide uses it.
        if _is_bundled(template_path):
            raise  # a bug in the app, not in the user's file
        raise BuildError(f"Template '{template_path.name}' has a part the app cannot use "
                         f"({plain_reason(exc)}). Nothing was written. Open it in PowerPoint, "
                         "save it again and retry, or choose a bundled template.") from None
    annex_path = annex_plan = None
    if annex:
        report("Writing the annex", 3, total)
        annex_path = Path(out_dir) / f"{pack.id}-annex.xlsx"
        annex_plan, annex_file = _annex_part(pack, catalog, generated_on or dt.date.today(), annex_changes)
        files.append((annex_path, annex_file))
    try:
        write_together(files)
        from briefing_builder.deckimport.baseline_copy import keep_baseline
        keep_baseline(files[0][1], catalog)  # before the export's save point, so the history keeps it too
        if annex_plan is not None:
            from briefing_builder.annex.service import keep_sent
            keep_sent(annex_plan, catalog)
    except OutputError as exc:
        raise BuildError(str(exc)) from None
    notes = [note if note.kind is not NoteKind.ACCREDITED else
             PlanNote(NoteKind.ACCREDITED, accredited_message(choice, tuple(p for p in (deck_path, annex_path) if p)))
             for note in plan.warnings]
    result = BuildResult(deck_path, annex_path, plan, template_path, notes)
    if history != "off":
        report("Recording the export in the store's history", total, total)
        _record(result, pack, catalog, generated_on or dt.date.today(), annex, history == "start")
    report("Done", total, total)
    return result


def _section_changes(pack: Pack, catalog: Catalog) -> dict[int, ChangeList]:
    if not any(section.type == "changes" for section in pack.sections):
        return {}
    from briefing_builder.history.service import section_changes
    return section_changes(catalog, pack)


def _record(result: BuildResult, pack: Pack, catalog: Catalog, generated_on: dt.date, annex: bool,
            start: bool) -> None:
    """Record the export in the store's history; a failure is told, the files stay."""
    from briefing_builder.history.service import HistoryError, export_recorded, open_conflicts_note
    from briefing_builder.store.writer import StoreWriteError

    try:
        result.export = export_recorded(catalog, pack, generated_on, annex, start)
        result.history_problem = open_conflicts_note(catalog.root)
    except (HistoryError, StoreWriteError, OSError) as exc:
        result.history_problem = ("The deck and annex are written, but the export was not recorded in the "
                                  f"store's history: {exc}")


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == templates_dir().resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False


def _annex_part(pack: Pack, catalog: Catalog, generated_on: dt.date,
                changed: ChangedSince | None) -> tuple[AnnexPlan, bytes]:
    from briefing_builder.annex.changed_since import annex_changes
    from briefing_builder.annex.service import planned_export

    return planned_export(pack, catalog, generated_on, changed or annex_changes(catalog, pack))


def template_diagnostics(catalog: Catalog) -> list[Diagnostic]:
    """What `build` would refuse about the templates the store names, as `validate` reports it.

    ``store.yaml``'s ``default_template`` (used by every pack that names none) and each pack's
    ``meeting.template`` are found and opened the way :func:`build_pack` does; a problem is
    located at the value naming the template.
    """
    named: list[tuple[str, Path, tuple[str, ...]]] = []
    if catalog.meta.default_template:
        named.append((catalog.meta.default_template, catalog.root / "store.yaml", ("default_template",)))
    for pack in catalog.packs.values():
        path = catalog.pack_path(pack.id)
        if pack.meeting.template and path is not None:
            named.append((pack.meeting.template, path, ("meeting", "template")))
    problems: dict[str, str | None] = {}
    out: list[Diagnostic] = []
    for name, file, key in named:
        if name not in problems:
            problems[name] = _template_problem(name, catalog)
        problem = problems[name]
        if problem is not None:
            out.append(Diagnostic(file, *_locate(file, key), problem))
    return out


def template_problem_at(pack: Pack, catalog: Catalog, problem: str) -> Diagnostic | None:
    """``problem`` (why ``pack``'s own template cannot be used) located at the value naming that
    template — the pack file's ``meeting: template:`` or ``store.yaml``'s ``default_template`` —
    as :func:`template_diagnostics` locates it; None when neither names one."""
    path = catalog.pack_path(pack.id)
    if pack.meeting.template and path is not None:
        return Diagnostic(path, *_locate(path, ("meeting", "template")), problem)
    if not pack.meeting.template and catalog.meta.default_template:
        store_file = catalog.root / "store.yaml"
        return Diagnostic(store_file, *_locate(store_file, ("default_template",)), problem)
    return None


def _template_problem(name: str, catalog: Catalog) -> str | None:
    from briefing_builder.render.template import TemplateError, open_template

    try:
        open_template(resolve_template(name, catalog, from_store=True))  # a name never falls back
    except (BuildError, TemplateError) as exc:
        return str(exc)
    return None


def _locate(path: Path | None, key: tuple[str, ...]) -> tuple[int, int]:
    from briefing_builder.store.yaml_source import YamlError, read_yaml

    if path is None:
        return (0, 0)
    try:
        return read_yaml(path).locate(key)
    except YamlError:
        return (0, 0)
