"""What the app makes of a template: roles → layouts and scores, body boxes, fonts, warnings (plain data).

Used by ``briefing-builder template inspect FILE`` and meant for the app's template picker:
:func:`inspect_template` opens the template as a build would and :func:`format_report`
turns the result into the text a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_builder.compose.geometry import EMU_PER_POINT, SLIDE_ROLES, Box
from briefing_builder.compose.measure import font_face
from briefing_builder.compose.text_contrast import template_colours
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from briefing_builder.render.template_roles import ROLE_WORDS


@dataclass(frozen=True)
class RoleReport:
    """One role: the layout used for it, how well it scored, and where its text goes."""

    role: str
    layout: str
    master: int
    score: float
    title: Box | None
    subtitle: Box | None
    bodies: tuple[Box, ...]
    in_placeholders: tuple[bool, ...]
    fallback: bool


@dataclass(frozen=True)
class TemplateReport:
    """Everything ``template inspect`` prints."""

    name: str
    slide_size_pt: tuple[float, float]
    masters: int
    layouts: int
    heading_font: str
    body_font: str
    unknown_fonts: tuple[str, ...]
    roles: tuple[RoleReport, ...]
    warnings: tuple[str, ...]


def inspect_template(path: Path) -> TemplateReport:
    """Open ``path`` as a build would and describe the mapping; raises ``TemplateError`` for bad files.

    The warnings are the template's own as a build reports them, with the text colours that
    are unreadable on some role's background (a build reports those for the roles it uses).
    """
    opened = open_template(path)
    geometry = opened.geometry
    masters = list(opened.presentation.slide_masters)
    master_of = {id(layout): n for n, master in enumerate(masters, start=1) for layout in master.slide_layouts}
    roles = []
    for role in SLIDE_ROLES:
        geo, placeholders = geometry.role(role), opened.placeholders[role]
        layout = opened.layouts[role]
        roles.append(RoleReport(role, geo.layout_name, master_of.get(id(layout), 1), geo.score, geo.title,
                                geo.subtitle, geo.bodies, tuple(p is not None for p in placeholders.bodies),
                                geo.fallback))
    fonts = tuple(dict.fromkeys((geometry.heading_font, geometry.body_font)))
    _colours, colour_problems = template_colours(geometry, read_surfaces(opened).slides, SLIDE_ROLES)
    return TemplateReport(
        name=path.name, slide_size_pt=(geometry.slide_width / EMU_PER_POINT, geometry.slide_height / EMU_PER_POINT),
        masters=len(masters), layouts=sum(len(m.slide_layouts) for m in masters),
        heading_font=geometry.heading_font, body_font=geometry.body_font,
        unknown_fonts=tuple(f for f in fonts if not font_face(f).known), roles=tuple(roles),
        warnings=geometry.warnings + colour_problems)


def box_text(box: Box | None) -> str:
    """A box as a person reads it: "648×356 pt at (36, 126)", or "—"."""
    if box is None:
        return "—"
    p = EMU_PER_POINT
    return f"{box.width / p:.0f}×{box.height / p:.0f} pt at ({box.left / p:.0f}, {box.top / p:.0f})"


def format_report(report: TemplateReport) -> str:
    """The report as text: one block per role, then fonts and warnings."""
    width, height = report.slide_size_pt
    lines = [(f"Template {report.name}: {width:.0f}×{height:.0f} pt, {report.masters} master(s), "
              f"{report.layouts} layout(s)"), "", "Roles:"]
    for role in report.roles:
        lines.append(f"  {ROLE_WORDS[role.role]:<34} '{role.layout}' (master {role.master}), score {role.score:g}"
                     + ("  [fallback]" if role.fallback else ""))
        lines.append(f"      title: {box_text(role.title)}")
        if role.subtitle is not None:
            lines.append(f"      subtitle: {box_text(role.subtitle)}")
        for body, placeholder in zip(role.bodies, role.in_placeholders):
            lines.append(f"      body:  {box_text(body)}" + ("" if placeholder else "  (text box added by the app)"))
    lines += ["", f"Fonts: headings {report.heading_font}, body {report.body_font}"]
    for font in report.unknown_fonts:
        lines.append(f"  '{font}' has no metric-compatible stand-in: measured conservatively")
    lines.append("")
    lines.append("Warnings:" if report.warnings else "Warnings: none")
    lines += [f"  - {warning}" for warning in report.warnings]
    return "\n".join(lines)
