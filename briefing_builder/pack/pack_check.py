"""The pre-flight check of a pack outside the app: planned on its template, each finding located.

:func:`check_pack` plans the pack on its template as the app's preview does and returns the
findings of :func:`briefing_builder.pack.preflight.check` — the very list the app's pre-flight
dock shows. :func:`locate_findings` turns each into a :class:`Diagnostic` that points at the
pack file's line (the section, or the meeting's marking) or, for a store problem, at
the store file's line, for ``briefing-builder check``.
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.pack.preflight import DEFAULT_MAX_AGE_MONTHS, Finding, check
from briefing_builder.pipeline import resolve_template
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.schema import Pack
from briefing_builder.store.yaml_source import YamlError, YamlSource, read_yaml

#: Findings about the meeting's marking point at the pack's ``meeting: marking:`` (or ``meeting:``).
MEETING_KINDS = frozenset({"unknown-marking", "no-marking", "no-reference", "accredited"})


def check_pack(pack: Pack, catalog: Catalog, template: str | None = None,
               max_age_months: int = DEFAULT_MAX_AGE_MONTHS) -> list[Finding]:
    """Every pre-flight finding for ``pack`` planned on ``template`` (default: the pack's own).

    Raises :class:`~briefing_builder.pipeline.BuildError` when the template cannot be found
    and :class:`~briefing_builder.render.template.TemplateError` when it cannot be opened.
    """
    from briefing_builder.render.marking_surfaces import read_surfaces
    from briefing_builder.render.template import open_template

    path = (resolve_template(template, catalog) if template
            else resolve_template(pack.meeting.template, catalog, from_store=True))
    opened = open_template(path)
    plan = plan_deck(pack, catalog, opened.geometry, read_surfaces(opened))
    return check(pack, catalog, plan, opened.geometry, max_age_months)


def pack_path(pack: Pack, catalog: Catalog) -> Path | None:
    """The file ``pack`` was read from, when the store read it."""
    origin = catalog.origins.get(f"pack:{pack.id}")
    return origin.path if origin is not None else None


def locate_findings(findings: list[Finding], catalog: Catalog, path: Path | None) -> list[Diagnostic]:
    """Each finding as a located warning: store problems as the store reported them, the rest
    at the line of the pack file ``path`` they are about (the file alone when no line fits)."""
    source = _source(path)
    located = []
    for finding in findings:
        if finding.diagnostic_index is not None:
            located.append(catalog.diagnostics[finding.diagnostic_index])
            continue
        key: tuple[str | int, ...] = ()
        if finding.section_index is not None:
            key = ("sections", finding.section_index)
        elif finding.kind in MEETING_KINDS:
            key = ("meeting", "marking")
        line, column = source.locate(key) if source is not None and key else (0, 0)
        located.append(Diagnostic(path or catalog.root, line, column, f"{finding.heading}: {finding.message}",
                                  Severity.WARNING))
    return located


def _source(path: Path | None) -> YamlSource | None:
    if path is None:
        return None
    try:
        return read_yaml(path)
    except (YamlError, OSError):
        return None
