"""The marking catalogue: which security and distribution markings a pack may carry.

Every store starts from the bundled catalogue (``default_markings.yaml`` beside this
module: LIMITE, the four EU classification levels, SENSITIVE). ``store.yaml`` may add
markings or change a bundled one by naming its id again, under ``markings:``::

    markings:
      allow_custom: false          # true: unknown text is printed, with a warning
      catalogue:
        - id: restreint-ue         # a bundled marking: only the keys given change
          label: {id: "…", name: "EU RESTRICTED", site_id: "…"}
        - id: internal             # a new one needs kind and text
          kind: handling
          text: {en: "INTERNAL", fr: "INTERNE"}

A pack names its marking by id or by its wording in any language (``meeting.marking:
"RESTREINT UE/EU RESTRICTED"``); a classification and a distribution marking may be
combined with ``+`` or given as a list. :func:`resolve_marking` turns what a pack says
into the canonical markings in the pack's language, and says what it could not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

DEFAULT_CATALOGUE = Path(__file__).with_name("default_markings.yaml")

Kind = Literal["classification", "distribution", "handling"]
Placement = Literal["top-left", "top-centre", "top-right", "bottom-left", "bottom-centre", "bottom-right"]
PLACEMENTS: tuple[str, ...] = ("top-left", "top-centre", "top-right", "bottom-left", "bottom-centre", "bottom-right")
#: Classification level from which material may be handled only on accredited systems.
ACCREDITED_LEVEL = 2
_KIND_ORDER = {"classification": 0, "distribution": 1, "handling": 2}
_HEX = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{6}$")]
_GUID = Annotated[str, StringConstraints(pattern=r"^\{?[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?$")]
_SPACES = re.compile(r"\s+")
#: Longest custom marking text (it must fit on one line at the top of a page).
MAX_CUSTOM = 60


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SensitivityLabel(_Strict):
    """The organisation's Microsoft sensitivity label for a marking (``MSIP_Label_<id>_*``)."""

    id: _GUID
    name: str | None = None
    site_id: _GUID | None = None

    @property
    def guid(self) -> str:
        """The label id without braces, lower case (as Office writes it in property names)."""
        return self.id.strip("{}").lower()


class MarkingEntry(_Strict):
    """One catalogue entry as written: a new marking, or changes to a bundled one."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    kind: Kind | None = None
    level: int | None = Field(default=None, ge=1, le=4)
    text: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=120)]] | None = None
    aliases: list[str] | None = None
    placement: list[Placement] | None = None
    colour: _HEX | None = None
    label: SensitivityLabel | None = None

    @model_validator(mode="after")
    def _new_ones_complete(self) -> MarkingEntry:
        if self.id not in _bundled_ids():
            if self.kind is None or not self.text:
                raise ValueError(f"marking '{self.id}' is new: give it a kind (classification, distribution "
                                 "or handling) and a text (e.g. text: {en: \"…\", fr: \"…\"})")
            if self.kind == "classification" and self.level is None:
                raise ValueError(f"marking '{self.id}' is a classification: give it a level (1 RESTREINT UE "
                                 "… 4 TRÈS SECRET UE)")
        return self

    @field_validator("placement", mode="before")
    @classmethod
    def _spelling(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            return [v.replace("center", "centre") if isinstance(v, str) else v for v in value]
        return value


@dataclass(frozen=True)
class MarkingDef:
    """A complete catalogue marking."""

    id: str
    kind: str
    text: dict[str, str]
    placement: tuple[str, ...]
    level: int | None = None
    aliases: tuple[str, ...] = ()
    colour: str | None = None
    label: SensitivityLabel | None = None

    def wording(self, language: str) -> str:
        """The canonical text in ``language`` (English when the catalogue has none for it)."""
        return self.text.get(language) or self.text.get("en") or next(iter(self.text.values()))

    def names(self) -> set[str]:
        """Every normalised spelling that names this marking."""
        return {_normal(n) for n in (self.id, *self.text.values(), *self.aliases)}


class MarkingSettings(_Strict):
    """``store.yaml``'s ``markings:`` block."""

    allow_custom: bool = False
    catalogue: list[MarkingEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> MarkingSettings:
        self.definitions()  # raises ValueError with the entry named
        return self

    def definitions(self) -> tuple[MarkingDef, ...]:
        """The bundled catalogue with this store's additions and changes applied."""
        return _merged(tuple(self.catalogue))


@lru_cache(maxsize=1)
def _bundled_data() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))["catalogue"])


@lru_cache(maxsize=1)
def _bundled_ids() -> frozenset[str]:
    return frozenset(item["id"] for item in _bundled_data())


@lru_cache(maxsize=1)
def _bundled() -> tuple[MarkingEntry, ...]:
    return tuple(MarkingEntry.model_validate(item) for item in _bundled_data())


def _merged(changes: tuple[MarkingEntry, ...]) -> tuple[MarkingDef, ...]:
    merged: dict[str, dict[str, Any]] = {}
    for entry in (*_bundled(), *changes):
        merged.setdefault(entry.id, {}).update(entry.model_dump(exclude_none=True))
    out = []
    for values in merged.values():
        if values["kind"] == "classification" and values.get("level") is None:
            raise ValueError(f"marking '{values['id']}' is a classification: give it a level (1 RESTREINT UE "
                             "… 4 TRÈS SECRET UE)")
        default = ("top-centre", "bottom-centre") if values["kind"] == "classification" else ("top-right",)
        label = values.get("label")
        out.append(MarkingDef(id=values["id"], kind=values["kind"], text=dict(values["text"]),
                              placement=tuple(values.get("placement") or default), level=values.get("level"),
                              aliases=tuple(values.get("aliases") or ()), colour=values.get("colour"),
                              label=SensitivityLabel.model_validate(label) if label else None))
    return tuple(out)


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace(" / ", "/")).strip().casefold()


# ----------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class Marking:
    """A marking as printed on one pack's documents (the wording in the pack's language)."""

    id: str
    kind: str
    text: str
    placement: tuple[str, ...]
    level: int | None = None
    colour: str | None = None
    label: SensitivityLabel | None = None
    custom: bool = False


@dataclass(frozen=True)
class MarkingChoice:
    """What a pack's ``marking`` resolves to: the markings to print and what did not match."""

    markings: tuple[Marking, ...] = ()
    unknown: tuple[str, ...] = ()
    custom: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    known: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Every marking's wording, classification first (for properties and one-line places)."""
        return " · ".join(m.text for m in self.markings)

    @property
    def classification(self) -> Marking | None:
        """The EU classification among the markings, if any."""
        return next((m for m in self.markings if m.kind == "classification"), None)

    @property
    def level(self) -> int:
        """The classification level (0 when unclassified)."""
        found = self.classification
        return found.level or 0 if found is not None else 0

    @property
    def label(self) -> SensitivityLabel | None:
        """The sensitivity label the store maps one of the markings to, if any."""
        return next((m.label for m in self.markings if m.label is not None), None)

    def label_properties(self, date_iso: str) -> dict[str, str]:
        """The label's ``MSIP_Label_<id>_*`` properties as the store gives them (empty without a label)."""
        label = self.label
        if label is None:
            return {}
        return label_properties(label.guid, label.name or "", (label.site_id or "").strip("{}").lower(), date_iso)

    def unknown_message(self) -> str:
        """Why the unknown markings were refused and what to choose instead."""
        names = ", ".join(f"'{u}'" for u in self.unknown)
        return (f"The marking {names} is not in the store's marking catalogue. Known markings: "
                + ", ".join(self.known) + ". Choose one of them (a classification and a distribution "
                "marking may be combined with '+'), or allow custom markings in store.yaml "
                "(markings: allow_custom: true).")


def split_marking(value: str | None) -> list[str]:
    """The parts of a pack's marking text (``"RESTREINT UE + LIMITE"`` → two parts)."""
    return [part.strip() for part in (value or "").split("+") if part.strip()]


def resolve_marking(value: str | None, settings: MarkingSettings, language: str = "en") -> MarkingChoice:
    """Match what a pack says against the catalogue, in the pack's ``language``."""
    definitions = settings.definitions()
    by_name = {name: d for d in definitions for name in d.names()}
    found: list[Marking] = []
    unknown: list[str] = []
    custom: list[str] = []
    conflicts: list[str] = []
    for part in split_marking(value):
        definition = by_name.get(_normal(part))
        if definition is not None:
            if all(m.id != definition.id for m in found):
                found.append(Marking(definition.id, definition.kind, definition.wording(language),
                                     definition.placement, definition.level, definition.colour, definition.label))
        elif settings.allow_custom and len(part) > MAX_CUSTOM:
            conflicts.append(f"The custom marking '{part[:40]}…' is longer than {MAX_CUSTOM} characters; "
                             "a marking must fit on one line at the top of every page.")
        elif settings.allow_custom:
            custom.append(part)
            found.append(Marking(_normal(part), "handling", part, ("top-right",), custom=True))
        else:
            unknown.append(part)
    found.sort(key=lambda m: _KIND_ORDER[m.kind])
    conflicts += [f"Only one {kind} marking may be given; the pack has "
                  + " and ".join(m.text for m in found if m.kind == kind) + "."
                  for kind in ("classification", "distribution") if sum(m.kind == kind for m in found) > 1]
    return MarkingChoice(tuple(found), tuple(unknown), tuple(custom), tuple(conflicts),
                         tuple(d.wording(language) for d in definitions))


def label_properties(label_id: str, name: str, site_id: str, date_iso: str) -> dict[str, str]:
    """The ``MSIP_Label_<id>_*`` custom properties Office reads a sensitivity label from.

    Only what the store says is written (id, name, tenant); the date is the document's.
    Office adds the action id itself when the label is next changed.
    """
    if not label_id:
        return {}
    prefix = f"MSIP_Label_{label_id}_"
    found = {"Enabled": "true", "SetDate": f"{date_iso}T00:00:00Z", "Method": "Standard"}
    if name:
        found["Name"] = name
    if site_id:
        found["SiteId"] = site_id
    found["ContentBits"] = "0"
    return {prefix + key: value for key, value in found.items()}


def marking_options(settings: MarkingSettings, language: str = "en") -> list[str]:
    """What a marking chooser offers: none, each catalogue marking, each classification with LIMITE-like ones."""
    definitions = settings.definitions()
    single = [d.wording(language) for d in definitions]
    combined = [f"{c.wording(language)} + {d.wording(language)}" for c in definitions if c.kind == "classification"
                for d in definitions if d.kind == "distribution"]
    return ["", *single, *combined]
