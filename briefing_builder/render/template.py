"""Open a user's PowerPoint template safely and describe it for the planner.

:func:`open_template` accepts .pptx and .potx files, refuses macro-enabled ones and XML with
a DOCTYPE, guards against damaged files and zip bombs, removes the template's own sample
slides cleanly and what must not travel into decks (see :mod:`.template_hygiene`),
finds a layout for every slide role (see :mod:`briefing_builder.render.template_roles`)
and returns the plain :class:`~briefing_builder.compose.geometry.TemplateGeometry`.
Every problem a user can cause is a :class:`TemplateError` whose message says which file,
what is wrong and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout

from briefing_builder.compose.footer_room import clear_footer
from briefing_builder.compose.geometry import EMU_PER_POINT, SLIDE_ROLES, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.text_scale import HOUSE_BODY_MAX_PT, HOUSE_BODY_MIN_PT, template_text_scale
from briefing_builder.errors import BriefingError
from briefing_builder.ooxml.namespaces import REL_STRICT_DOCUMENT, qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree, slide_id_list
from briefing_builder.ooxml.xml import UnsafeXml, parse_part
from briefing_builder.ooxml.zip_reader import LIMITS, ZipRefused, read_zip
from briefing_builder.paths import templates_dir
from briefing_builder.render.furniture_boxes import flat_furniture_warnings, furniture_kind, furniture_place
from briefing_builder.render.number_fit import number_box_warnings
from briefing_builder.render.template_frame import Frame
from briefing_builder.render.template_graphics import clear_bodies, graphic_notes
from briefing_builder.render.template_hygiene import clean_template
from briefing_builder.render.template_layouts import NS_P, LayoutInfo, inspect_layouts
from briefing_builder.render.template_roles import RolePlaceholders, detect_roles
from briefing_builder.render.template_values import correct_values
from briefing_builder.render.text_styles import TextStyle, level_weights, resolve_style, title_inset
from briefing_builder.render.theme import read_theme
from briefing_builder.store.diagnostics import plain_reason
from briefing_builder.store.yaml_source import YamlError, read_yaml

_MAIN_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_SHOW_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"


class TemplateError(BriefingError):
    """A template cannot be used; the message is meant for the user."""


@dataclass
class OpenedTemplate:
    """A template ready to add slides to, with its roles mapped and measured."""

    presentation: PresentationType
    layouts: dict[str, SlideLayout]
    geometry: TemplateGeometry
    path: Path
    #: Which placeholder (by position on a new slide) receives each box of each role.
    placeholders: dict[str, RolePlaceholders] = field(default_factory=dict)


def _fail(path: Path, problem: str, action: str) -> TemplateError:
    return TemplateError(f"Template '{path.name}' {problem}. {action}.")


def _read_package(path: Path) -> bytes:
    """Read ``path`` after checking its type, size and zip structure; fix up .potx."""
    suffix = path.suffix.lower()
    if suffix in (".pptm", ".potm", ".ppsm"):
        raise _fail(path, "is macro-enabled", "Macros would be lost in the briefings; save "
                    "the template as a .potx or .pptx (without macros) and choose that file")
    if suffix in (".ppt", ".pot", ".pps"):
        raise _fail(path, "is in the old binary PowerPoint format", "Open it in PowerPoint "
                    "and save it as a .potx or .pptx template")
    if suffix not in (".pptx", ".potx"):
        raise _fail(path, "is not a PowerPoint template", "Choose a .potx or .pptx file")
    try:
        size = path.stat().st_size
        if size > LIMITS.max_file_bytes:
            raise _fail(path, f"is too large ({size // 2**20} MB)",
                        f"Use a template under {LIMITS.max_file_bytes // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, f"was not found at {path}", "Check the path in the settings") from None
    except IsADirectoryError:
        raise _fail(path, "is a folder, not a file", "Choose a .potx or .pptx file") from None
    except PermissionError:
        raise _fail(path, "cannot be read (permission denied)",
                    "Check the file permissions or copy the template somewhere readable") from None
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _fail(path, "is in the old binary PowerPoint format (or is encrypted)",
                    "Open it in PowerPoint, remove any password and save it as a .potx "
                    "or .pptx template")
    if data[:2] != b"PK":
        raise _fail(path, "is not a PowerPoint file (it is not a zip package)",
                    "Choose a .potx or .pptx file saved by PowerPoint")
    try:
        package = read_zip(data, "template")
    except ZipRefused as exc:
        raise _fail(path, exc.problem, _ZIP_ACTIONS.get(exc.kind, "Use a template saved by PowerPoint")) from None
    parts = package.parts
    if "[Content_Types].xml" not in parts:
        raise _fail(path, "is a zip file but not a PowerPoint package",
                    "Choose a .potx or .pptx file saved by PowerPoint")
    for name in sorted(parts):
        # PowerPoint offers to "repair" a package with broken XML, and so would every
        # deck made from it: refuse it here rather than pass the damage on.
        if name.lower().endswith((".xml", ".rels")):
            try:
                parse_part(parts[name])
            except UnsafeXml as exc:
                if exc.doctype:
                    raise _fail(path, f"has a DOCTYPE declaration in part '{name}' (line {exc.line}); "
                                "PowerPoint never writes one and its entities could smuggle content "
                                "into every briefing", "Open the template in PowerPoint, save it again "
                                "and retry") from None
                raise _fail(path, f"is damaged (part '{name}' {exc.problem})",
                            "Open it in PowerPoint, save it again and retry") from None
    content_types = parts["[Content_Types].xml"].decode("utf-8", "replace")
    if "macroEnabled" in content_types or any(n.lower().endswith("vbaproject.bin") for n in parts):
        raise _fail(path, "contains macros", "Macros would be lost in the "
                    "briefings; save it as a .potx or .pptx without macros")
    if _is_strict_open_xml(parts):
        raise _fail(path, "is saved as Strict Open XML, which the app cannot read",
                    "In PowerPoint choose File → Save As → PowerPoint Presentation (.pptx) or PowerPoint "
                    "Template (.potx), not Strict Open XML Presentation, and choose that file")
    other = _other_document(parts)
    if other:
        raise _fail(path, f"is {other} with a PowerPoint file name",
                    "Choose a .potx or .pptx file saved by PowerPoint")
    if _MAIN_CT in content_types:
        return data
    if _TEMPLATE_CT not in content_types and _SHOW_CT not in content_types:
        raise _fail(path, "is a zip file but not a PowerPoint presentation or "
                    "template", "Choose a .potx or .pptx file saved by PowerPoint")
    fixed = content_types.replace(_TEMPLATE_CT, _MAIN_CT).replace(_SHOW_CT, _MAIN_CT)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in package.infos:
            body = fixed.encode("utf-8") if info.filename == "[Content_Types].xml" \
                else parts.get(info.filename, b"")
            dst.writestr(info, body)
    return out.getvalue()


#: What to do about each refusal of :func:`~briefing_builder.ooxml.zip_reader.read_zip`.
_ZIP_ACTIONS = {
    "damaged": "It may have been truncated while copying; copy it again or open it in PowerPoint and "
               "save it again",
    "overrun": "It may have been truncated while copying; copy it again or open it in PowerPoint and "
               "save it again",
    "entries": "Delete unused layouts and masters in PowerPoint (View → Slide Master) and save it again, "
               "or use another template",
    "duplicate": "Open it in PowerPoint, save it again and retry",
    "encrypted": "Remove the password in PowerPoint and save it again",
}


_OTHER_KINDS = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook"}


def _is_strict_open_xml(parts: dict[str, bytes]) -> bool:
    """Whether the package's main part is linked by Strict Open XML's (ISO) relationship type."""
    try:
        rels = parse_part(parts["_rels/.rels"])
    except (KeyError, UnsafeXml):
        return False
    return any(r.get("Type") == REL_STRICT_DOCUMENT for r in rels)


def _other_document(parts: dict[str, bytes]) -> str | None:
    """'a Word document' (or workbook) when the package's main part is one, whatever its name."""
    try:
        rels = parse_part(parts["_rels/.rels"])
        types = parse_part(parts["[Content_Types].xml"])
    except (KeyError, UnsafeXml):
        return None
    main = next((r.get("Target", "") for r in rels if r.get("Type", "").endswith("/officeDocument")), "")
    part = "/" + main.lstrip("/")
    kind = next((o.get("ContentType", "") for o in types if o.get("PartName") == part), "")
    return next((name for key, name in _OTHER_KINDS.items() if key in kind), None)


def remove_sample_slides(prs: PresentationType) -> int:
    """Remove every slide of ``prs`` cleanly; returns how many were removed.

    Drops each slide's ``sldId`` and its relationship, removes references from custom
    shows and sections, and renames any slide part still reachable from elsewhere so a
    later ``add_slide`` never writes a duplicate zip entry (python-pptx #67, #670).
    """
    id_list = slide_id_list(prs)
    removed = 0
    slide_ids = set()
    for sld_id in list(id_list):
        rid = sld_id.rId
        slide_ids.add(sld_id.get("id"))
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
        removed += 1
    root = element_of(prs.part)
    for show in root.iter(f"{{{NS_P}}}custShow"):
        show.getparent().remove(show)
    for lst in root.iter(f"{{{NS_P}}}custShowLst"):
        lst.getparent().remove(lst)
    for el in list(root.iter()):
        if etree.QName(el).localname == "sldId" and el.get("id") in slide_ids \
                and el.getparent() is not id_list:
            el.getparent().remove(el)
    clash = re.compile(r"^/ppt/slides/slide\d+\.xml$")
    for n, part in enumerate(list(prs.part.package.iter_parts()), start=1):
        if clash.match(str(part.partname)):
            part.partname = PackURI(f"/ppt/slides/retained-slide{n}.xml")
    return removed


def _footer_style(layout: SlideLayout) -> tuple[bool, str]:
    """Whether the layout's footer placeholder (else the master's) sets its text bold, and the typeface
    it sets ("" for the theme's): the first run or level style that says."""
    bold: bool | None = None
    face = ""
    for owner in (layout, layout.slide_master):
        for sp in shape_tree(owner).iterchildren(qn("p:sp")):
            if furniture_kind(sp) != "ftr":
                continue
            for props in sp.iter(qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr")):
                if bold is None and props.get("b") is not None:
                    bold = props.get("b") in ("1", "true")
                latin = props.find(qn("a:latin"))
                typeface = latin.get("typeface", "") if latin is not None else ""
                if not face and typeface and not typeface.startswith("+"):
                    face = typeface
    return bool(bold), face


def _finished_role(geo: RoleGeometry, info: LayoutInfo, placeholders: RolePlaceholders, width: int, height: int,
                   moved: dict[str, list[str]]) -> RoleGeometry:
    """The role's geometry with its layout's footer (moved off the text area), the title margin and indent
    the template keeps and whether the subtitle is set in capitals; ``moved`` gathers the layouts' names by
    what happened to their footer."""
    element = info.title.element if info.title else None
    inset = title_inset(info.layout, element, geo.title.width) if geo.title is not None else (0, 0)
    master = info.layout.slide_master
    numbers = tuple(Box(*place.box) for sp in shape_tree(info.layout).iterchildren(qn("p:sp"))
                    if furniture_kind(sp) == "sldNum" and (place := furniture_place(sp, master)).box)
    bold, face = _footer_style(info.layout)
    finished, warning = clear_footer(replace(geo, footer=info.footer, title_inset=inset, footer_bold=bold,
                                             footer_font=face, body_weights=_body_weights(info, placeholders),
                                             subtitle_caps=_subtitle_caps(info, placeholders)),
                                     width, height, numbers)
    if warning and f"'{info.name}'" not in moved.setdefault(warning, []):
        moved[warning].append(f"'{info.name}'")
    return finished


def _content_styles(info: LayoutInfo, placeholders: RolePlaceholders) -> tuple[TextStyle, TextStyle]:
    """The title and body text styles of the text slides' layout (fonts set at any level)."""
    _colors, major, minor = read_theme(info.layout.slide_master.part)
    theme = (major, minor)
    body = next((b for b in info.bodies if b.order is not None and b.order in placeholders.bodies), None)
    return (resolve_style(info.layout, info.title.element if info.title else None, "title", theme),
            resolve_style(info.layout, body.element if body else None, "body", theme))


def _body_weights(info: LayoutInfo, placeholders: RolePlaceholders) -> tuple[tuple[bool, bool], ...]:
    """The weight and slant per level of the placeholder the role's first body goes in (none: a text box)."""
    order = (placeholders.bodies or (None,))[0]
    holder = next((b for b in info.bodies if order is not None and b.order == order), None)
    return level_weights(info.layout, holder.element, "body") if holder is not None else ()


def _subtitle_caps(info: LayoutInfo, placeholders: RolePlaceholders) -> bool:
    """The placeholder the role's subtitle lines go in sets its text in capitals."""
    order = placeholders.subtitle if placeholders.subtitle is not None else (placeholders.bodies or (None,))[0]
    holder = next((p for p in (info.subtitle, *info.bodies) if p is not None and p.order == order), None)
    if order is None or holder is None:
        return False
    _colors, major, minor = read_theme(info.layout.slide_master.part)
    return resolve_style(info.layout, holder.element, "body", (major, minor)).caps


def _load_sidecar(path: Path, infos: list[LayoutInfo], warnings: list[str]
                  ) -> tuple[dict[str, LayoutInfo], dict[str, float]]:
    side = path.with_suffix(".yaml")
    if not side.is_file():
        return {}, {}
    try:
        # The store's reader: size limit, alias-bomb guard, located messages. A template
        # folder may come from anywhere; yaml.safe_load would expand a "billion laughs"
        # sidecar as soon as a value is turned into text.
        data = read_yaml(side).data or {}
    except YamlError as exc:
        where = f":{exc.diagnostic.line}" if exc.diagnostic.line else ""
        raise TemplateError(f"The settings file '{side.name}{where}' next to template '{path.name}' "
                            f"cannot be read: {exc.diagnostic.message}. Fix it or delete it.") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(key) or {}, dict) for key in ("roles", "text")):
        raise TemplateError(f"The settings file '{side.name}' next to template '{path.name}' "
                            "must be a mapping with 'roles' and 'text' mappings. Fix it or delete it.")
    pool = infos
    master = data.get("master")
    if master is not None:
        n_masters = max(i.master_index for i in infos) + 1
        if isinstance(master, int) and 1 <= master <= n_masters:
            pool = [i for i in infos if i.master_index == master - 1]
        else:
            warnings.append(f"'{side.name}': master {master!r} does not exist (the template "
                            f"has {n_masters} slide master(s), numbered from 1); using all.")
    pins: dict[str, LayoutInfo] = {}
    for role, name in (data.get("roles") or {}).items():
        if role not in SLIDE_ROLES:
            warnings.append(f"'{side.name}': unknown role '{role}' ignored (roles are "
                            f"{', '.join(SLIDE_ROLES)}).")
            continue
        match = next((i for i in pool if i.name == str(name)), None) or next(
            (i for i in pool if i.name.strip().casefold() == str(name).strip().casefold()),
            None)
        if match is None:
            names = ", ".join(f"'{i.name}'" for i in pool)
            warnings.append(f"'{side.name}' pins {role} to layout '{name}', but template "
                            f"'{path.name}' has no layout of that name (it has {names}); "
                            "detecting a layout instead.")
        else:
            pins[role] = match
    text: dict[str, float] = {}
    for key in ("body_max_pt", "body_min_pt"):
        value = (data.get("text") or {}).get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 6 <= value <= 96:
            text[key] = float(value)
        else:
            warnings.append(f"'{side.name}': text.{key} must be a number of points between "
                            f"6 and 96 (got {value!r}); using the default.")
    if text.get("body_min_pt", 0) > text.get("body_max_pt", 1e9):
        warnings.append(f"'{side.name}': text.body_min_pt is larger than body_max_pt; "
                        "using the defaults.")
        text = {}
    return pins, text


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == templates_dir().resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False


@lru_cache(maxsize=1)
def bundled_geometry() -> TemplateGeometry:
    """The default bundled template's geometry (what other templates' decks are compared with)."""
    return open_template(templates_dir() / "briefing-16x9.pptx").geometry


def open_template(path: Path) -> OpenedTemplate:
    """Open a .pptx/.potx template, remove its sample slides and map every slide role.

    Raises :class:`TemplateError` (with a user-facing message) for macro-enabled, damaged,
    truncated, oversized or non-PowerPoint files, and for templates without layouts.
    """
    path = Path(path)
    data = _read_package(path)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx / lxml raise many types for broken parts
        raise _fail(path, f"could not be read as a PowerPoint file ({plain_reason(exc)})",
                    "Open it in PowerPoint, save it again and retry") from None
    try:
        remove_sample_slides(prs)
        hygiene = clean_template(prs, path.name) + correct_values(prs, path.name)
        width, height = int(prs.slide_width or 9144000), int(prs.slide_height or 6858000)
        infos = inspect_layouts(list(prs.slide_masters), width, height)
    except Exception as exc:
        raise _fail(path, f"has a structure the app cannot read ({plain_reason(exc)})",
                    "Open it in PowerPoint, save it again and retry") from None
    if not infos:
        raise _fail(path, "has no slide layouts", "Use a template with at least a title "
                    "layout and a title-and-content layout")
    try:
        opened = _mapped(path, prs, infos, list(hygiene), width, height)
        roles, moved = clear_bodies(opened.layouts, opened.geometry.roles, width, height)
        notes = moved + graphic_notes(opened.layouts, roles, width, height)
        return replace(opened, geometry=replace(opened.geometry, roles=roles,
                                                warnings=opened.geometry.warnings + tuple(notes)))
    except TemplateError:
        raise
    except Exception as exc:  # a part python-pptx reads lazily is damaged (a layout without its master…)
        if _is_bundled(path):
            raise  # a fault in the app, not in the user's file
        raise _fail(path, f"has a damaged part the app cannot read ({plain_reason(exc)})",
                    "Open it in PowerPoint, save it again and retry") from None


def _mapped(path: Path, prs: PresentationType, infos: list[LayoutInfo], warnings: list[str],
            width: int, height: int) -> OpenedTemplate:
    """The opened template: every role mapped to a layout, the geometry the planner reads."""
    pins, text = _load_sidecar(path, infos, warnings)
    results, chosen, role_warnings = detect_roles(infos, Frame(width, height), path.name, pins)
    warnings += role_warnings
    warnings += flat_furniture_warnings([chosen[role].layout for role in SLIDE_ROLES])
    title_style, body_style = _content_styles(chosen["content"], results["content"][1])
    warnings += number_box_warnings({role: chosen[role].layout for role in SLIDE_ROLES},
                                    (title_style.font or "Calibri", body_style.font or "Calibri"), path.name,
                                    width, height)
    moved: dict[str, list[str]] = {}
    roles = {role: _finished_role(results[role][0], chosen[role], results[role][1], width, height, moved)
             for role in SLIDE_ROLES}
    warnings += [f"Layout{'s' if len(names) > 1 else ''} {', '.join(names)}: {warning}"
                 for warning, names in moved.items()]
    scale = template_text_scale(width / EMU_PER_POINT, height / EMU_PER_POINT)
    body_max, body_min = scale.body_range(HOUSE_BODY_MAX_PT, HOUSE_BODY_MIN_PT)
    geometry = TemplateGeometry(
        name=path.name, slide_width=width, slide_height=height, roles=roles,
        body_font=body_style.font or "Calibri", heading_font=title_style.font or body_style.font or "Calibri",
        heading_bold=title_style.bold, heading_italic=title_style.italic, heading_caps=title_style.caps,
        body_spacing_pt=body_style.spacing_pt, heading_spacing_pt=title_style.spacing_pt,
        theme_colors=read_theme(chosen["content"].layout.slide_master.part)[0],
        body_max_pt=text.get("body_max_pt", body_max), body_min_pt=text.get("body_min_pt", body_min),
        text_scale=scale,
        warnings=tuple(warnings), reference=None if _is_bundled(path) else bundled_geometry(),
    )
    return OpenedTemplate(
        presentation=prs,
        layouts={role: chosen[role].layout for role in SLIDE_ROLES},
        geometry=geometry, path=path,
        placeholders={role: results[role][1] for role in SLIDE_ROLES},
    )
