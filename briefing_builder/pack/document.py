"""The editable state of one pack: plain Python, no Qt.

A :class:`PackDocument` holds an immutable :class:`Pack` and the file it belongs to. Every
edit is a pure function ``Pack -> Pack`` (built with ``model_copy`` and validated where the
user typed something), so undo commands only swap whole values and tests need no widgets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from briefing_builder.errors import BriefingError
from briefing_builder.markup import clean_text, parse_markup, plain_text
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import load_pack_file
from briefing_builder.store.schema import (
    AgendaSection,
    AreaSection,
    ChangesSection,
    ClosingSection,
    ConsultationSection,
    CountrySection,
    Meeting,
    MilestonesSection,
    Pack,
    Section,
    SectionHeaderSection,
    TextSection,
    TitleSection,
)

SECTION_LABELS: dict[str, str] = {
    "title": "Title", "agenda": "Agenda", "section": "Section", "consultation": "MS input", "area": "Area",
    "country": "Country", "milestones": "Milestones", "text": "Text", "changes": "Changes", "closing": "Closing",
}
SECTION_CLASSES: dict[str, type[BaseModel]] = {
    "title": TitleSection, "agenda": AgendaSection, "section": SectionHeaderSection,
    "consultation": ConsultationSection, "area": AreaSection, "country": CountrySection,
    "milestones": MilestonesSection, "text": TextSection, "changes": ChangesSection, "closing": ClosingSection,
}
_SECTION: TypeAdapter[Section] = TypeAdapter(Section)


class PackEditError(BriefingError):
    """An edit that cannot be made; the message is for the user."""


class PackFileError(BriefingError):
    """A pack file that cannot be read or written; the message is for the user."""


@dataclass
class PackDocument:
    """One open pack and the file it was read from (``None`` until saved).

    ``id_from_meeting``: a new pack, whose id follows its title and date until the user sets one."""

    pack: Pack
    path: Path | None = None
    id_from_meeting: bool = False

    @property
    def display_name(self) -> str:
        """The name shown in the window title."""
        return self.path.name if self.path else f"{self.pack.id} (unsaved)"


@dataclass(frozen=True)
class SectionInfo:
    """How a section appears in the outline; ``problem`` is set for dangling references."""

    label: str
    problem: str | None = None


def markup_plain(text: str | None, limit: int = 0) -> str:
    """Markup as one line of plain text (optionally cut to ``limit`` characters)."""
    if not text:
        return ""
    try:
        result = plain_text(parse_markup(text))
    except Exception:  # markup never stops browsing
        result = clean_text(text)
    result = " ".join(result.split())
    if limit and len(result) > limit:
        result = result[: limit - 1].rstrip() + "…"
    return result


# ----------------------------------------------------------------------------- creation


def new_pack(catalog: Catalog | None = None, today: dt.date | None = None) -> Pack:
    """A fresh pack: title, agenda and closing slides, dated today; its id derived from title and date."""
    meeting = Meeting(title="New briefing", body="Working Party", date=today or dt.date.today(),
                      marking=catalog.meta.default_marking if catalog else None,
                      template=catalog.meta.default_template if catalog else None)
    return Pack(id=derived_id(meeting), meeting=meeting,
                sections=[TitleSection(type="title"), AgendaSection(type="agenda"), ClosingSection(type="closing")])


def blank_section(kind: str) -> Section:
    """A section of ``kind`` that needs no store record (title, agenda, text…)."""
    defaults: dict[str, dict[str, Any]] = {
        "section": {"title": "New section"}, "text": {"title": "New slide", "bullets": ["First point"]},
    }
    if kind not in SECTION_CLASSES or kind in {"area", "country", "consultation"}:
        raise PackEditError(f"A '{kind}' section is added from the library.")
    return _SECTION.validate_python({"type": kind, **defaults.get(kind, {})})


def section_for_record(kind: str, record_id: str, catalog: Catalog) -> Section:
    """The section that shows a library record (area, measure, country, milestone, MS input)."""
    if kind == "area":
        return AreaSection(type="area", area=record_id)
    if kind == "measure":
        area_id = catalog.measure_area().get(record_id)
        if area_id is None:
            raise PackEditError(f"The measure '{record_id}' is no longer in the store.")
        return AreaSection(type="area", area=area_id, measures=[record_id])
    if kind == "country":
        return CountrySection(type="country", country=record_id)
    if kind == "milestone":
        milestone = catalog.milestones.get(record_id)
        areas = list(milestone.areas) if milestone and milestone.areas else None
        return MilestonesSection(type="milestones", areas=areas)
    if kind in {"consultation", "theme"}:
        consultation = record_id if kind == "consultation" else _theme_consultation(record_id, catalog)
        return ConsultationSection(type="consultation", consultation=consultation)
    raise PackEditError(f"Cannot add a '{kind}' to a pack.")


def _theme_consultation(theme_id: str, catalog: Catalog) -> str:
    for consultation in catalog.consultations.values():
        if any(theme.id == theme_id for theme in consultation.themes):
            return consultation.id
    raise PackEditError(f"The theme '{theme_id}' is no longer in the store.")


# ----------------------------------------------------------------------------- edits


def insert_sections(pack: Pack, index: int, sections: list[Section]) -> Pack:
    """``pack`` with ``sections`` inserted before position ``index`` (clamped)."""
    items = list(pack.sections)
    index = max(0, min(index, len(items)))
    items[index:index] = sections
    return pack.model_copy(update={"sections": items})


def remove_section(pack: Pack, index: int) -> Pack:
    """``pack`` without the section at ``index``; a pack keeps at least one section."""
    if len(pack.sections) <= 1:
        raise PackEditError("A pack needs at least one section; add another before removing this one.")
    items = list(pack.sections)
    del items[index]
    return pack.model_copy(update={"sections": items})


def move_section(pack: Pack, source: int, target: int) -> Pack:
    """``pack`` with the section at ``source`` moved to position ``target`` (clamped)."""
    items = list(pack.sections)
    target = max(0, min(target, len(items) - 1))
    items.insert(target, items.pop(source))
    return pack.model_copy(update={"sections": items})


def update_section(pack: Pack, index: int, **changes: Any) -> Pack:
    """``pack`` with fields of one section changed, validated (``PackEditError`` if invalid)."""
    section = pack.sections[index]
    data = {**section.model_dump(), **changes}
    try:
        new = type(section).model_validate(data)
    except ValidationError as exc:
        raise PackEditError(_first_error(exc)) from None
    items = list(pack.sections)
    items[index] = new
    return pack.model_copy(update={"sections": items})


NEW_PACK_ID = "new-briefing"


def slug(text: str, limit: int = 60) -> str:
    """``text`` as an id: lower-case ASCII words joined by hyphens ("" when nothing is left)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return "-".join(words)[:limit].strip("-")


def derived_id(meeting: Meeting) -> str:
    """The id a pack gets from its meeting: ``<title slug>-<date>`` (e.g. ``jha-counsellors-2026-01-12``)."""
    return f"{slug(meeting.title) or 'briefing'}-{meeting.date.isoformat()}"


def pack_ids_elsewhere(catalog: Catalog, path: Path) -> set[str]:
    """The ids of the store's packs that live in another file than ``path`` (a save there must not reuse them)."""
    target = Path(path).resolve()
    return {pack_id for pack_id in catalog.packs
            if (origin := catalog.pack_path(pack_id)) is None or origin.resolve() != target}


def id_for_file(pack: Pack, path: Path, taken: set[str], copy: bool) -> str:
    """The id ``pack`` takes when saved to ``path``: its own, unless it is a copy (Save as another file)
    or another pack of the store has it; then the file's name as an id, made unique among ``taken``."""
    if not copy and pack.id not in taken:
        return pack.id
    stem = slug(Path(path).stem, 70) or pack.id
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def id_follows_meeting(pack: Pack) -> bool:
    """True while the pack's id was never set by the user (new, or still derived from title and date)."""
    return pack.id in (NEW_PACK_ID, derived_id(pack.meeting))


def update_meeting(pack: Pack, follow_id: bool = False, **changes: Any) -> Pack:
    """``pack`` with meeting fields changed, validated (``PackEditError`` if invalid).

    With ``follow_id``, a pack whose id the user has not set follows its title and date
    (:func:`derived_id`), so two new packs exported to one folder do not overwrite each other."""
    try:
        meeting = Meeting.model_validate({**pack.meeting.model_dump(), **changes})
    except ValidationError as exc:
        raise PackEditError(_first_error(exc)) from None
    update: dict[str, Any] = {"meeting": meeting}
    if follow_id and id_follows_meeting(pack) and {"title", "date"} & set(changes):
        update["id"] = derived_id(meeting)
    return pack.model_copy(update=update)


def rename_pack(pack: Pack, pack_id: str) -> Pack:
    """``pack`` with a new id (a slug)."""
    try:
        return Pack.model_validate({**pack.model_dump(), "id": pack_id})
    except ValidationError as exc:
        raise PackEditError(_first_error(exc)) from None


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid value')}" if where else str(error.get("msg"))


# ----------------------------------------------------------------------------- describing


def describe_sections(pack: Pack, catalog: Catalog) -> list[SectionInfo]:
    """Outline labels of every section in the pack's language, as the deck shows them (English where a
    record has no text in it); areas carry the number the deck will give them (pack order)."""
    from briefing_builder.store.localise import localised, localised_pack

    catalog, pack = localised(catalog, pack.meeting.language).catalog, localised_pack(pack)
    infos, areas = [], 0
    for section in pack.sections:
        if isinstance(section, AreaSection):
            areas += 1
        infos.append(describe_section(section, catalog, pack, areas if isinstance(section, AreaSection) else None))
    return infos


def describe_section(section: Section, catalog: Catalog, pack: Pack | None = None,
                     number: int | None = None) -> SectionInfo:
    """The outline label of ``section`` (``number``: its agenda number) and, if dangling, what is wrong."""
    kind = SECTION_LABELS.get(section.type, section.type)
    if isinstance(section, AreaSection):
        area = catalog.areas.get(section.area)
        if area is None:
            return SectionInfo(f"{kind} · {section.area}", f"No priority area '{section.area}' in the store; "
                               "this slide will be left out until the area is back.")
        label = f"{kind} · {section.title or f'{number or area.number}. {area.display_title}'}"
        if section.measures is not None:
            known = {m.id for m in area.measures}
            missing = [m for m in section.measures if m not in known]
            label += f" ({len(section.measures) - len(missing)} of {len(area.measures)} measures)"
            if missing:
                return SectionInfo(label, "Measures no longer in this area: " + ", ".join(missing))
        return SectionInfo(label)
    if isinstance(section, CountrySection):
        card = catalog.countries.get(section.country)
        if card is None:
            return SectionInfo(f"{kind} · {section.country}", f"No country card '{section.country}' in the store; "
                               "this slide will be left out until the card is back.")
        return SectionInfo(f"{kind} · {card.name}")
    if isinstance(section, ConsultationSection):
        consultation = catalog.consultations.get(section.consultation)
        if consultation is None:
            return SectionInfo(f"{kind} · {section.consultation}",
                               f"No consultation '{section.consultation}' in the store; this slide will be left out.")
        return SectionInfo(f"{kind} · {section.title or consultation.title}")
    if isinstance(section, MilestonesSection):
        missing = [a for a in section.areas or [] if a not in catalog.areas]
        label = f"{kind} · {_title(section, pack)} {section.from_year}–{section.to_year}"
        return SectionInfo(label, ("Unknown areas: " + ", ".join(missing)) if missing else None)
    if isinstance(section, TitleSection):
        return SectionInfo(f"{kind} · {section.subtitle or (pack.meeting.title if pack else '')}".rstrip(" ·"))
    title = _title(section, pack) if isinstance(section, AgendaSection | ClosingSection) else \
        getattr(section, "title", "") or ""
    return SectionInfo(f"{kind} · {title}" if title else kind)


def _title(section: AgendaSection | MilestonesSection | ClosingSection, pack: Pack | None) -> str:
    """The title the deck gives ``section``: its own, or the default in the pack's language ("Merci")."""
    from briefing_builder.compose.drafts import default_title

    return default_title(section, section.type, pack.meeting.language if pack is not None else "en")


def dangling_count(pack: Pack, catalog: Catalog) -> int:
    """How many sections of ``pack`` name records the store does not have."""
    return sum(1 for info in describe_sections(pack, catalog) if info.problem)


# ----------------------------------------------------------------------------- files


def dump_pack(pack: Pack) -> str:
    """The YAML text of ``pack`` (defaults left out, keys in schema order)."""
    text: str = yaml.safe_dump(pack.model_dump(mode="json", exclude_defaults=True), sort_keys=False,
                               allow_unicode=True, width=100)
    return text


def save_pack(pack: Pack, path: Path) -> None:
    """Write ``pack`` to ``path`` atomically; raise :class:`PackFileError` with a clear message
    (also for a file in the bundled sample store, which is never written).

    Exports recorded in the file meanwhile (an export writes its ``exports:`` entry there)
    are kept, even when ``pack`` was read before them."""
    from briefing_builder.render.output import OutputError, atomic_write
    from briefing_builder.store.writer import StoreReadOnly, refuse_read_only

    try:
        refuse_read_only(Path(path))  # a pack saved into the bundled sample store
    except StoreReadOnly as exc:
        raise PackFileError(exc.message, exc.location, exc.hint) from None
    pack = with_recorded_exports(pack, Path(path))
    try:
        atomic_write(Path(path), dump_pack(pack).encode("utf-8"))
    except OutputError as exc:
        raise PackFileError(str(exc)) from None


def with_recorded_exports(pack: Pack, path: Path) -> Pack:
    """``pack`` with the export entries the file at ``path`` has and ``pack`` lacks (oldest first)."""
    if not path.is_file():
        return pack
    on_disk, _ = load_pack_file(path)
    if on_disk is None or on_disk.id != pack.id:
        return pack
    known = {e.tag for e in pack.exports}
    extra = [e for e in on_disk.exports if e.tag not in known]
    return pack.model_copy(update={"exports": [*pack.exports, *extra]}) if extra else pack


def read_pack(path: Path) -> Pack:
    """Read a pack file; raise :class:`PackFileError` listing its problems."""
    path = Path(path)
    if not path.is_file():
        raise PackFileError(f"{path} does not exist any more.")
    pack, problems = load_pack_file(path)
    if pack is None:
        listed = "\n".join(p.format() for p in problems[:10]) or "the file could not be read"
        raise PackFileError(f"{path.name} is not a valid pack:\n{listed}")
    return pack
