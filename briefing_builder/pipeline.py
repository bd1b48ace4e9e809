"""One call from a pack to files: load, plan, render, write — used by the CLI and the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from briefing_builder.compose.deck_planner import PlanNote, plan_deck
from briefing_builder.compose.plan import DeckPlan
from briefing_builder.paths import templates_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack

Progress = Callable[[str, int, int], None]
DEFAULT_TEMPLATE = "briefing-16x9"


class BuildError(Exception):
    """A build could not be done; the message is for the user."""


@dataclass
class BuildResult:
    """What a build wrote and what it noticed."""

    deck: Path
    annex: Path | None
    plan: DeckPlan
    notes: list[PlanNote] = field(default_factory=list)


def resolve_template(name: str | None, catalog: Catalog | None = None) -> Path:
    """Find a template by path or by bundled name (``briefing-16x9``), store default first."""
    candidates = [name, catalog.meta.default_template if catalog else None, DEFAULT_TEMPLATE]
    for candidate in candidates:
        if not candidate:
            continue
        path = Path(candidate).expanduser()
        if path.suffix.lower() in {".pptx", ".potx", ".pptm", ".potm"}:
            if catalog is not None and not path.is_absolute() and (catalog.root / path).exists():
                return catalog.root / path
            if path.exists():
                return path
            raise BuildError(f"Template {path} does not exist. Check the path or pick a bundled template.")
        for suffix in (".pptx", ".potx"):
            bundled = templates_dir() / f"{candidate}{suffix}"
            if bundled.exists():
                return bundled
        if candidate == name:
            raise BuildError(f"No template named '{name}'. Bundled templates: "
                             + ", ".join(sorted(p.stem for p in templates_dir().glob("*.pptx"))))
    raise BuildError("No template found: the bundled templates are missing from this installation.")


def build_pack(pack: Pack, catalog: Catalog, out_dir: Path, template: str | None = None,
               progress: Progress | None = None, annex: bool = True,
               generated_on: dt.date | None = None) -> BuildResult:
    """Plan and write ``<out>/<pack-id>.pptx`` (and the annex); raise :class:`BuildError`."""
    from briefing_builder.render.deck_writer import write_deck
    from briefing_builder.render.output import OutputError
    from briefing_builder.render.template import TemplateError, open_template

    report = progress or (lambda step, done, total: None)
    total = 4 if annex else 3
    report("Opening the template", 0, total)
    template_path = resolve_template(template or pack.meeting.template, catalog)
    try:
        opened = open_template(template_path)
    except TemplateError as exc:
        raise BuildError(str(exc)) from None
    report("Planning the slides", 1, total)
    plan = plan_deck(pack, catalog, opened.geometry)
    deck_path = Path(out_dir) / f"{pack.id}.pptx"
    report("Writing the deck", 2, total)
    try:
        write_deck(plan, opened, deck_path)
    except OutputError as exc:
        raise BuildError(str(exc)) from None
    annex_path = None
    if annex:
        report("Writing the annex", 3, total)
        annex_path = _write_annex(pack, catalog, Path(out_dir), generated_on or dt.date.today())
    report("Done", total, total)
    return BuildResult(deck_path, annex_path, plan, list(plan.warnings))  # type: ignore[arg-type]


def _write_annex(pack: Pack, catalog: Catalog, out_dir: Path, generated_on: dt.date) -> Path | None:
    try:
        from briefing_builder.compose.annex_planner import plan_annex
        from briefing_builder.render.annex_writer import write_annex
    except ImportError:  # the annex modules are optional while they are being built
        return None
    from briefing_builder.render.output import OutputError

    path = out_dir / f"{pack.id}-annex.xlsx"
    try:
        write_annex(plan_annex(pack, catalog, generated_on), path)
    except OutputError as exc:
        raise BuildError(str(exc)) from None
    return path
