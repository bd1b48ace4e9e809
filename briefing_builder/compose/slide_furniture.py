"""A slide's furniture: the markings, the footer and the app's own slide number, and the notes about them.

The deck planner lays out the slides' content; this module says, per layout role, where the
markings go (``marking_layout``), which size and box the footer gets on its row (``footer_fit``),
whether the footer shows at all, and which layouts get the app's own slide number because they
show none. ``furnished`` puts all of it on a planned slide.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_builder.brand import brand_settings
from briefing_builder.compose import textstyle
from briefing_builder.compose.footer_fit import FooterFit, fit_footer
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.marking_layout import MarkingSurfaces, Placed, place_marks, surface_from_geometry
from briefing_builder.compose.measure import text_width
from briefing_builder.compose.plan import NoteKind, PlanNote, SlideSpec
from briefing_builder.store.markings import MarkingChoice


def footer_line(reference: str | None, body: str, date_text: str) -> str:
    """The footer every slide shows: the meeting's reference (if any), its body and its date."""
    return " — ".join(p for p in ((reference or "").strip(), f"{body}, {date_text}") if p)


def shortened_footers(reference: str | None, body: str, date_text: str) -> tuple[tuple[str, str], ...]:
    """The footer with the meeting body cut after fewer and fewer of its words (the reference and the date
    kept), longest first, each with the words it leaves out; a cut never leaves a bracket open nor ends on a
    short lower-case word ("and", "of", "de")."""
    words = body.split()
    found = []
    for count in range(len(words) - 1, 0, -1):
        kept = " ".join(words[:count]).rstrip(" ,;:/–—-")
        last = kept.rsplit(" ", 1)[-1]
        if not kept or kept.count("(") > kept.count(")") or (last.islower() and len(last) <= 3):
            continue
        found.append((footer_line(reference, f"{kept}…", date_text), " ".join(words[count:])))
    return tuple(dict.fromkeys(found))


def footer_sizes(geometry: TemplateGeometry) -> tuple[float, ...]:
    """brand.yaml's footer sizes, largest first, in proportion to the template's slide."""
    return geometry.text_scale.steps(brand_settings().footer_sizes)


def footer_width(footer: str, geometry: TemplateGeometry) -> int:
    """The width (EMU) the footer takes on one line at the smallest footer size, with its box's insets."""
    one_line = text_width(footer, geometry.body_font, footer_sizes(geometry)[-1])
    return int(one_line * EMU_PER_POINT) + 2 * textstyle.INSET_X


def place_markings(choice: MarkingChoice, geometry: TemplateGeometry, surfaces: MarkingSurfaces,
                   areas: dict[str, Box], notes: list[PlanNote], footer: str, reference: str) -> dict[str, Placed]:
    """Where the markings (and the app's own slide number) go on each role's slides and on the notes pages
    (key ``"notes"``); ``areas``: each role's content area."""
    placed: dict[str, Placed] = {}
    width = footer_width(footer, geometry)
    for role, geo in geometry.roles.items():
        surface = replace(surfaces.slides.get(role) or surface_from_geometry(geo, geometry), content=areas[role])
        if not choice.markings and surface.has_number:  # the title may still give way to the template's own logo
            placed[role] = Placed(title=surface.title if surface.title != geo.title else None)
            continue
        done = place_marks(choice.markings, surface, geometry.body_font,
                           f"{role.replace('_', ' ').capitalize()} slides", number=True,
                           footer_width=width, reference=reference, text_scale=geometry.text_scale.factor)
        placed[role] = done if done.title or surface.title == geo.title else replace(done, title=surface.title)
    placed["notes"] = (place_marks(choice.markings, surfaces.notes, geometry.body_font, "Notes pages")
                       if surfaces.notes is not None and choice.markings else Placed())
    notes.extend(PlanNote(NoteKind.MARKING_PLACE, problem)
                 for problem in dict.fromkeys(p for item in placed.values() for p in item.problems))
    return placed


def _neighbours(role: RoleGeometry, surfaces: MarkingSurfaces) -> tuple[Box, ...]:
    """What a footer widened along its row must keep clear of: the template's own shapes, the text boxes."""
    surface = surfaces.slides.get(role.role)
    own = surface.obstacles if surface is not None else ()
    return (*own, *(box for box in (role.title, role.subtitle, *role.bodies) if box is not None))


def fit_footers(footer: str, geometry: TemplateGeometry, placed: dict[str, Placed], surfaces: MarkingSurfaces,
                shorter: tuple[tuple[str, str], ...] = ()) -> dict[str, FooterFit]:
    """The footer fitted on each role's slides, clear of its markings and of what else lies on its row;
    ``shorter``: its shortened forms (``shortened_footers``) for slides where no room holds it whole."""
    page = Box(0, 0, geometry.slide_width, geometry.slide_height)
    return {role: fit_footer(footer, placed[role].footer or geo.footer, geo.footer_font or geometry.body_font,
                             footer_sizes(geometry), page, tuple(mark.box for mark in placed[role].marks),
                             _neighbours(geo, surfaces), geo.footer_bold, shorter)
            for role, geo in geometry.roles.items()}


def footer_notes(pages: list[SlideSpec], fitted: dict[str, FooterFit], geometry: TemplateGeometry) -> list[PlanNote]:
    """One note per footer problem on the roles the deck's slides use, naming the layouts it concerns."""
    layouts: dict[str, dict[str, None]] = {}
    for spec in pages:
        problem = fitted[spec.role].problem
        if problem:
            layouts.setdefault(problem, {})[f"'{geometry.role(spec.role).layout_name}'"] = None
    return [PlanNote(NoteKind.TEMPLATE, f"Layout{'s' if len(names) > 1 else ''} {', '.join(names)}: "
                     f"{problem[0].lower()}{problem[1:]}") for problem, names in layouts.items()]


def _footer_text(footer: str, role: RoleGeometry, fitted: FooterFit) -> str:
    """The footer the role's slides show: none when its box lay over the text and had nowhere to go, or when
    it fits nowhere without running into other text."""
    return "" if (role.footer_moved and role.footer is None) or fitted.left_off else footer


def _footer_box(placed: Placed, role: RoleGeometry, fitted: FooterFit) -> Box | None:
    """The footer's own position on the role's slides: grown to hold its lines, given way to a marking,
    or moved off the text area (None: the layout's)."""
    return fitted.box or placed.footer or (role.footer if role.footer_moved else None)


def furnished(slide: SlideSpec, footer: str, role: RoleGeometry, placed: Placed, fitted: FooterFit) -> SlideSpec:
    """``slide`` with its role's footer (text, shortened where it had to be, size, box) and markings."""
    return replace(slide, footer=_footer_text(fitted.text or footer, role, fitted), footer_font_size=fitted.size,
                   footer_box=_footer_box(placed, role, fitted), marks=placed.marks)


def own_number_notes(pages: list[SlideSpec], placed: dict[str, Placed], geometry: TemplateGeometry,
                     marked: bool) -> list[PlanNote]:
    """A note naming the layouts that show no slide number, on which the app writes its own (a marking's
    own number is said with the marking)."""
    if marked:
        return []
    layouts = dict.fromkeys(f"'{geometry.role(s.role).layout_name}'" for s in pages
                            if any(mark.slide_number for mark in placed[s.role].marks))
    if not layouts:
        return []
    return [PlanNote(NoteKind.TEMPLATE, f"Layout{'s' if len(layouts) > 1 else ''} {', '.join(layouts)} "
                     f"show{'' if len(layouts) > 1 else 's'} no slide number; the app writes its own at the bottom "
                     "right, so that “see slide N” can be followed. Add a slide-number placeholder in View → Slide "
                     "Master to place it yourself.")]
