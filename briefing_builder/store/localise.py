"""A catalog in one language: every text in the pack's language, English where it has none.

:func:`localised` turns each text field that may be written in several languages (see
``store/localised.py``) into the plain string of one language and notes, per record, the fields
that fell back: a :class:`LocalText` without that language, or a plain string when the store
is written in another language (``store.yaml``'s ``language``). The planners call it first, so
the deck, the annex, the preview and the PDF all show the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from briefing_builder.store.catalog import Catalog, Origin
from briefing_builder.store.localised import BASE_LANGUAGE, LANGUAGES, LOCALISED, LocalText, language_code, text_in
from briefing_builder.store.schema import Pack


@dataclass(frozen=True)
class Fallback:
    """A record shown in another language (its base text: English, usually) because it has no
    text in the pack's language."""

    record_id: str
    kind: str
    fields: tuple[str, ...]
    #: Where the record was read (its line is worked out only when asked: most are never shown).
    origin: Origin | None = field(default=None, compare=False, repr=False)
    #: The store folder, for naming the file relative to it.
    root: Path | None = field(default=None, compare=False, repr=False)
    #: The language codes of the texts shown instead (``("en",)`` for English).
    shown_in: tuple[str, ...] = ("en",)
    #: ``origin`` is the record's owner's (a theme's consultation): the record's own line is looked up.
    inside_owner: bool = field(default=False, compare=False, repr=False)

    @property
    def path(self) -> Path | None:
        """The record's file, relative to the store folder when inside it."""
        if self.origin is None:
            return None
        path = self.origin.path
        return path.relative_to(self.root) if self.root is not None and path.is_relative_to(self.root) else path

    @property
    def line(self) -> int:
        """The record's line in its file (0 when unknown)."""
        if self.origin is None:
            return 0
        if self.inside_owner:
            from briefing_builder.store.writer import record_line

            return record_line(self.origin.path, self.record_id) or self.origin.line
        return self.origin.line

    def message(self, language: str) -> str:
        """One line naming the record, its file and line, and what to add."""
        name = LANGUAGES.get(language_code(language), language)
        where = f" ({self.path.as_posix()}:{self.line})" if self.path else ""
        code = language_code(language)
        fields = ", ".join(self.fields)
        shown = " and ".join(LANGUAGES.get(c, c) for c in self.shown_in)
        other = next((c for c in self.shown_in if c != code), "fr" if code == "en" else "en")
        return (f"{self.kind} '{self.record_id}'{where} has no {name} text ({fields}): shown in {shown} — "
                f"write each as {{{other}: …, {code}: …}} to translate it")


@dataclass(frozen=True)
class LocalisedCatalog:
    """The catalog with every text in one language, and the records that fell back."""

    catalog: Catalog
    fallbacks: dict[str, Fallback]


_KINDS = {"Area": "priority area", "Measure": "measure", "CountryCard": "country card", "Consultation": "consultation",
          "Theme": "MS input theme", "Milestone": "milestone"}


def localised(catalog: Catalog, language: str) -> LocalisedCatalog:
    """``catalog`` with its texts in ``language`` (plain strings), and the records that fell back.

    Each record is walked once per language: records are immutable, so the result is kept by
    record and reused while the record is (the preview plans again on every edit; a reload or
    an edit makes new records).
    """
    code = language_code(language)
    walker = _Walker(catalog, code, code == language_code(catalog.meta.language))
    if walker.plain_ok and not catalog.translated:
        return LocalisedCatalog(catalog, {})  # every text is a plain string in the pack's language
    kept = _KEPT.setdefault((code, walker.plain_ok), {})
    records = (catalog.areas, catalog.countries, catalog.consultations, catalog.milestones)
    if len(kept) > 4 * sum(len(group) for group in records):
        kept.clear()  # mostly records of earlier stores or earlier versions
    fallbacks: dict[str, Fallback] = {}

    def pick(record: Any) -> Any:
        entry = kept.get(id(record))
        if entry is None or entry[0] is not record:
            walker.fallbacks = {}
            entry = kept[id(record)] = (record, walker.record(record), tuple(walker.fallbacks.values()))
        fallbacks.update((f.record_id, f) for f in entry[2])
        return entry[1]

    copy = replace(catalog, areas={k: pick(v) for k, v in catalog.areas.items()},
                   countries={k: pick(v) for k, v in catalog.countries.items()},
                   consultations={k: pick(v) for k, v in catalog.consultations.items()},
                   milestones={k: pick(v) for k, v in catalog.milestones.items()})
    return LocalisedCatalog(copy, fallbacks)


#: Per (language, plain strings in it), per record id: the record, its localised copy, its fallbacks.
_KEPT: dict[tuple[str, bool], dict[int, tuple[Any, Any, tuple[Fallback, ...]]]] = {}


def localised_pack(pack: Pack) -> Pack:
    """``pack`` with its own texts (meeting title, section titles…) in its language: a plain
    string is in the pack's language; a mapping without it gives its base text."""
    walked: Pack = _Walker(None, language_code(pack.meeting.language), True).record(pack)
    return walked


class _Walker:
    """Walks records, picking one language and collecting what fell back, per record id."""

    def __init__(self, catalog: Catalog | None, code: str, plain_ok: bool) -> None:
        self.catalog = catalog
        self.code = code
        self.plain_ok = plain_ok
        self.fallbacks: dict[str, Fallback] = {}
        self.store_code = language_code(catalog.meta.language) if catalog is not None else code
        #: Per record being walked, the languages shown instead of the pack's.
        self.shown: list[set[str]] = []
        #: The ids of the records being walked, outermost first (a theme's consultation…).
        self.owners: list[str] = []

    def record(self, record: Any, outer: list[str] | None = None, part: str = "") -> Any:
        """``record`` in the chosen language; a record without an id counts as part of ``outer``'s."""
        own = getattr(record, "id", None)
        missing: list[str] = [] if isinstance(own, str) or outer is None else outer
        part = "" if isinstance(own, str) else part
        if isinstance(own, str):
            self.owners.append(own)
            self.shown.append(set())
        changes: dict[str, Any] = {}
        model: type[BaseModel] = type(record)
        texts = _localisable_fields(model)
        for name in model.model_fields:
            value = getattr(record, name)
            if name not in texts:
                continue
            new = self._value(value, missing, part or name)
            if new is not value:
                changes[name] = new
        if isinstance(own, str):
            shown = self.shown.pop()
            if missing:
                self._note(own, model.__name__, missing, tuple(sorted(shown)))
            self.owners.pop()
        return record.model_copy(update=changes) if changes else record

    def _value(self, value: Any, missing: list[str], name: str) -> Any:
        if isinstance(value, list):
            picked = [self._value(v, missing, name) for v in value]
            return value if all(a is b for a, b in zip(picked, value, strict=True)) else picked
        if isinstance(value, BaseModel):
            return self.record(value, missing, name)
        if not isinstance(value, str):
            return value
        text, found = text_in(value, self.code)
        if not found or (not isinstance(value, LocalText) and not self.plain_ok):
            if name not in missing:
                missing.append(name)
            if self.shown:
                self.shown[-1].add(_base_code(value) if isinstance(value, LocalText) else self.store_code)
        return text if isinstance(value, LocalText) else value

    def _note(self, record_id: str, kind: str, fields: list[str], shown_in: tuple[str, ...]) -> None:
        if self.catalog is None:  # a pack's own texts: it says which language it is written in
            return
        # a record kept inside another without an origin of its own (a theme) is located at its owner
        owner = next((rid for rid in reversed(self.owners) if rid in self.catalog.origins), None)
        origin = self.catalog.origins[owner] if owner is not None else None
        self.fallbacks[record_id] = Fallback(record_id, _KINDS.get(kind, kind.lower()), tuple(fields), origin,
                                             self.catalog.root, shown_in or ("en",), owner not in (None, record_id))


def _base_code(text: LocalText) -> str:
    return BASE_LANGUAGE if BASE_LANGUAGE in text.translations else next(iter(text.translations))


@cache
def _localisable_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` that may hold a text in several languages (or records that do)."""
    return frozenset(name for name, info in model.model_fields.items()
                     if any(m in LOCALISED for m in info.metadata) or _mentions_localised(info.annotation))


def _mentions_localised(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return any(m in LOCALISED for m in get_args(annotation)[1:]) or _mentions_localised(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True  # walked field by field (a record may nest itself: sub-points)
    return any(_mentions_localised(arg) for arg in _args(annotation))


def _args(annotation: Any) -> Iterable[Any]:
    return get_args(annotation) if get_origin(annotation) is not None else ()
