"""The store's record types, validated with pydantic.

Every record has a stable ``id`` (a slug) that packs, cross-references and annex rows use.
Text fields marked *markup* accept the inline markup described in ``docs/store-format.md``
(``**bold**``, ``*italic*``, ``~~struck~~``, ``[links](https://…)`` and cross-references
``[slide {n}](#record-id)``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from briefing_builder.markup import clean_text
from briefing_builder.store.localised import LANGUAGES, LOCALISED, language_code, language_code_problem
from briefing_builder.store.markings import MarkingSettings


def _clean(value: Any) -> Any:
    """Control characters removed, tabs and line breaks as spaces (as markup text is read):
    no slide, sheet or font can show them."""
    if isinstance(value, str) and not value.isprintable():  # isprintable: a fast "nothing to clean"
        return clean_text(value)
    return value


def _visible(value: Any) -> Any:
    """Refuse a text of only spaces and invisible characters (no-break and em spaces, zero-width
    spaces, joiners): it passes "not empty" but shows nothing."""
    if _visible_empty(value):
        raise ValueError("this text is empty (only spaces or invisible characters); write the text, "
                         "or delete the line")
    return value


def _visible_empty(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and all(
        ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc") for ch in value)


def _not_yes_no(value: Any) -> Any:
    """Refuse ``true``/``yes``/``false``/``no`` where a number is expected (pydantic reads them as 1 and 0)."""
    if isinstance(value, bool):
        raise ValueError(f"a number is expected here, but this was read as the answer '{'yes' if value else 'no'}' "
                         f"({str(value).lower()}) — YAML reads an unquoted yes/no, on/off or true/false as a "
                         "yes-or-no answer; write the number, e.g. 12")
    return value


Number = Annotated[int, BeforeValidator(_not_yes_no)]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
#: Every text type below may also be written as a mapping of languages (see store/localised.py).
Markup = Annotated[str, StringConstraints(min_length=1, max_length=20_000), *LOCALISED]
#: A short text (title, name, label): cleaned, trimmed, not empty, at most 500 characters.
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True),
                     BeforeValidator(_clean), BeforeValidator(_visible), *LOCALISED]
#: Any other plain (not markup) text, cleaned like :data:`NonEmpty`.
Text = Annotated[str, BeforeValidator(_clean), *LOCALISED]
#: A setting's plain text (a name, a path, a version): one text, not one per language.
Setting = Annotated[str, BeforeValidator(_clean)]


def _language_tag(value: Any) -> Any:
    """A pack's or store's language: a code the store knows (``fr``) or a tag of one (``fr-BE``);
    written in lower case, never empty (:func:`~.localised.language_code_problem`)."""
    problem = language_code_problem(value)
    if problem:
        raise ValueError(problem)
    if isinstance(value, str) and language_code(value) not in LANGUAGES:
        raise ValueError(f"'{value}' is not a language this app writes; write a two-letter code such as en or fr "
                         f"(or a tag such as fr-BE): {', '.join(sorted(LANGUAGES))}")
    return value


#: A language code or tag (``en``, ``fr``, ``fr-BE``).
Language = Annotated[str, BeforeValidator(_clean), BeforeValidator(_language_tag)]

_PERIOD = re.compile(r"^([1-9]\d{3})(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?(\s*[–-]\s*([1-9]\d{3}))?$")


class Record(BaseModel):
    """Base for every store record: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


#: Figures and chart values beyond this size (or closer to zero, but not zero) are typing slips.
MAX_FIGURE = 1e12
MIN_FIGURE = 1e-6
_NUMBER_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")
_NOT_A_NUMBER_TEXT = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def _finite(value: Any) -> Any:
    """Refuse NaN and infinities (``.nan``, ``.inf``, ``1.0e+999``, ``NaN``, ``"inf"``) and numbers
    no chart can show next to others (beyond a million millions, or nearer zero than a millionth)."""
    if isinstance(value, str) and value.strip().lower() in _NOT_A_NUMBER_TEXT:
        value = float(value.strip())
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("this is not a number a slide can show (it reads as 'not a number' or 'infinite': "
                         "YAML reads .nan, .inf, NaN, Infinity and numbers too large for a computer so); "
                         "write a number such as 12.5, or a text such as \"n/a\"")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0 \
            and not MIN_FIGURE <= abs(value) <= MAX_FIGURE:
        raise ValueError(f"the number {value:g} is outside what a slide or chart can show next to other figures "
                         f"(between {MIN_FIGURE:g} and {MAX_FIGURE:g}, or 0); check for a typing slip, or give "
                         "the figure in a larger unit (e.g. millions)")
    return value


def _figure_value(value: Any) -> Any:
    """A key figure's value: a number, or a text that is not empty; ``1e308`` written bare
    (YAML 1.1 reads it as text) is read as the number it is."""
    _not_yes_no(value)
    if value is None:
        raise ValueError("a figure needs a value: write a number such as 12.5, or a text in quotes such as \"n/a\"")
    if isinstance(value, str):
        if not value.strip() or _visible_empty(value):
            raise ValueError("the value is empty; write a number such as 12.5, or a text in quotes such as \"n/a\"")
        if _NUMBER_TEXT.match(value.strip()):
            return _finite(float(value))
    return _finite(value)


def _as_list(value: Any) -> Any:
    """Accept a single string where a list of strings is expected."""
    if isinstance(value, str):
        return [value]
    return value


class Status(StrEnum):
    """Where a measure or milestone stands."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    ONGOING = "ongoing"
    ADOPTED = "adopted"
    IMPLEMENTED = "implemented"


class StoreMeta(Record):
    """``store.yaml``: what the store is and its defaults."""

    name: NonEmpty
    version: Setting | None = None
    language: Language = "en"
    description: Text | None = None
    default_template: Setting | None = None
    default_marking: Setting | None = None
    #: Read files through symbolic links that lead outside the store folder (off: refused).
    allow_links_outside: bool = False
    #: The marking catalogue: the bundled one with this store's changes (see store/markings.py).
    markings: MarkingSettings = Field(default_factory=MarkingSettings)


class SubPoint(Record):
    """A sub-point under a measure; may carry its own sub-points."""

    text: Markup
    sub_points: list[SubPoint] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        """A bare text (``- "…"``), or a bare text in several languages (``- en: …`` / ``fr: …``)."""
        # {en: …, fre: …} or {EN: …}: a mapping of languages, its wrong code said by the text's check
        languages = isinstance(value, dict) and value and not {"text", "sub_points"} & set(value) \
            and any(isinstance(k, str) and k.lower() in LANGUAGES for k in value)
        return {"text": value} if isinstance(value, str) or languages else value


#: The longest marking or document reference: both share a printed page footer of 255 characters.
MAX_MARKING_CHARS = 100

#: What one Excel cell holds; the annex puts all sub-points of a measure in one.
MAX_CELL_CHARS = 32_767


def _text_length(points: list[SubPoint]) -> int:
    """Characters of ``points`` and their sub-points, one line (with its dash and indent) each."""
    return sum(len(p.text) + 8 + _text_length(p.sub_points) for p in points)


class Measure(Record):
    """One measure under a priority area."""

    id: Slug
    text: Markup
    sub_points: list[SubPoint] = Field(default_factory=list)
    #: A group heading: its sub-points are shown as bullets of the same level under it.
    heading: bool = False
    status: Status | None = None
    lead: list[NonEmpty] = Field(default_factory=list)
    timeline: Text | None = None
    countries: list[Slug] = Field(default_factory=list)
    tags: list[NonEmpty] = Field(default_factory=list)
    sources: list[NonEmpty] = Field(default_factory=list)

    _lists = field_validator("lead", "tags", "sources", "countries", mode="before")(_as_list)

    @field_validator("timeline", mode="before")
    @classmethod
    def _timeline_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("sub_points")
    @classmethod
    def _sub_points_fit_one_cell(cls, value: list[SubPoint]) -> list[SubPoint]:
        total = _text_length(value)
        if total > MAX_CELL_CHARS:
            raise ValueError(f"the sub-points of this measure hold {total:,} characters together; the annex "
                             f"gives them one Excel cell, which holds at most {MAX_CELL_CHARS:,} — split the "
                             "measure in two")
        return value


class Area(Record):
    """A priority area of the strategy, one file each under ``areas/``."""

    id: Slug
    number: Number = Field(ge=1, le=99)
    title: NonEmpty
    slide_title: NonEmpty | None = None
    short_title: NonEmpty | None = None
    main_goals: Markup | None = None
    measures: list[Measure] = Field(default_factory=list)
    sources: list[NonEmpty] = Field(default_factory=list)

    _lists = field_validator("sources", mode="before")(_as_list)

    @property
    def display_title(self) -> str:
        """The title shown on the area's own slide."""
        return self.slide_title or self.title


class SeriesPoint(Record):
    """One point of a key figure's series (for a chart)."""

    label: NonEmpty
    value: float

    _value = field_validator("value", mode="before")(lambda value: _finite(_not_yes_no(value)))
    _checked = field_validator("value")(_finite)

    @field_validator("label", mode="before")
    @classmethod
    def _label_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value


class KeyFigure(Record):
    """A figure on a country card; always sourced and dated."""

    label: NonEmpty
    value: float | int | Text
    unit: Text | None = None
    period: Text | None = None
    source: NonEmpty
    as_of: dt.date
    illustrative: bool = False
    series: list[SeriesPoint] = Field(default_factory=list)

    _value = field_validator("value", mode="before")(_figure_value)
    _checked = field_validator("value")(_finite)


class Instrument(Record):
    """An instrument or lever with a partner (readmission agreement, talent partnership…)."""

    name: NonEmpty
    status: NonEmpty | None = None
    note: Markup | None = None


class CountryCard(Record):
    """A third-country partner, one file each under ``countries/``."""

    id: Slug
    iso_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: NonEmpty
    region: NonEmpty
    relationship: NonEmpty
    cooperation_areas: list[Markup] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    notes: Markup | None = None
    last_reviewed: dt.date | None = None
    sources: list[NonEmpty] = Field(default_factory=list)

    _lists = field_validator("sources", mode="before")(_as_list)


class Milestone(Record):
    """A dated step of the strategy (``milestones.yaml``)."""

    id: Slug
    title: NonEmpty
    date: dt.date | None = None
    period: str | None = None
    areas: list[Slug] = Field(default_factory=list)
    body: NonEmpty | None = None
    status: Status | None = None

    _lists = field_validator("areas", mode="before")(_as_list)

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str):
            match = _PERIOD.match(value.strip())
            if not match:
                raise ValueError("period must look like 2026, 2026-Q2, 2026-H1, 2026-06 or 2028–2034")
            if match.group(5) and int(match.group(5)) < int(match.group(1)):
                raise ValueError(f"period '{value}' ends before it starts")
        return value

    @model_validator(mode="after")
    def _needs_when(self) -> Milestone:
        if self.date is None and self.period is None:
            raise ValueError("a milestone needs a 'date' (2026-03-31) or a 'period' (2026, 2028–2034)")
        return self

    def _period_parts(self) -> re.Match[str]:
        """The parts of ``period`` (the validator has checked it matches whenever ``date`` is not set)."""
        match = _PERIOD.match((self.period or "").strip())
        if match is None:
            raise ValueError(f"a milestone needs a 'date' or a 'period' such as 2026-Q3, not {self.period!r}")
        return match

    @property
    def start_year(self) -> int:
        """First year the milestone covers."""
        if self.date is not None:
            return self.date.year
        return int(self._period_parts().group(1))

    @property
    def end_year(self) -> int:
        """Last year the milestone covers."""
        if self.date is not None:
            return self.date.year
        match = self._period_parts()
        return int(match.group(5) or match.group(1))

    @property
    def starts(self) -> dt.date:
        """The first day the milestone covers: its date, else the first day of its period."""
        if self.date is not None:
            return self.date
        part = self._period_parts().group(3) or ""
        if part.startswith("Q"):
            month = 3 * int(part[1]) - 2
        elif part.startswith("H"):
            month = 6 * int(part[1]) - 5
        else:
            month = int(part or 1)
        return dt.date(self.start_year, month, 1)

    @property
    def when(self) -> str:
        """The date or period as written for people."""
        return self.date.isoformat() if self.date else str(self.period)


class Theme(Record):
    """One theme of the Member States' input, usually tied to a priority area."""

    id: Slug
    title: NonEmpty
    summary: Markup
    area: Slug | None = None


class Consultation(Record):
    """What Member States said in a consultation, one file each under ``consultations/``."""

    id: Slug
    title: NonEmpty
    ms_count: Number = Field(ge=0, le=27)
    received_by: dt.date | None = None
    intro: Markup | None = None
    themes: list[Theme] = Field(default_factory=list)
    sources: list[NonEmpty] = Field(default_factory=list)

    _lists = field_validator("sources", mode="before")(_as_list)


# ---------------------------------------------------------------------------- packs


class Meeting(Record):
    """The meeting a pack is for."""

    title: NonEmpty
    body: NonEmpty
    date: dt.date
    venue: Text | None = None
    #: Catalogue markings by id or wording; several are joined with " + " (a list is accepted).
    marking: Setting | None = None
    #: The document's registration number, e.g. "WK 1234/2026 INIT" or "ST 5123/26".
    reference: NonEmpty | None = None
    presenter: Text | None = None
    language: Language = "en"
    template: Setting | None = None

    @field_validator("marking", mode="before")
    @classmethod
    def _joined_marking(cls, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return " + ".join(value)
        return value

    @field_validator("marking", "reference")
    @classmethod
    def _fits_a_page_footer(cls, value: str | None) -> str | None:
        if value is not None and len(value) > MAX_MARKING_CHARS:
            raise ValueError(f"this text has {len(value)} characters; it is printed in the annex's page header and "
                             f"footer, which Excel limits to 255 characters in all — keep it to at most "
                             f"{MAX_MARKING_CHARS} characters (a marking's catalogue id, e.g. 'limite', is enough)")
        return value


class _Section(Record):
    id: Slug | None = None


class TitleSection(_Section):
    """The title slide: meeting title, body and date (subtitle overrides them)."""

    type: Literal["title"]
    subtitle: Text | None = None


class AgendaSection(_Section):
    """The agenda, numbered from the pack's area sections."""

    type: Literal["agenda"]
    title: NonEmpty = "Agenda"
    note: Markup | None = None


class SectionHeaderSection(_Section):
    """A section header slide."""

    type: Literal["section"]
    title: NonEmpty
    subtitle: Text | None = None


class ConsultationSection(_Section):
    """The summary of Member States' input."""

    type: Literal["consultation"]
    consultation: Slug
    title: NonEmpty | None = None


class AreaSection(_Section):
    """A priority area slide; ``measures`` lists the ids to show (all when absent)."""

    type: Literal["area"]
    area: Slug
    measures: list[Slug] | None = None
    show_main_goals: bool = True
    title: NonEmpty | None = None


class CountrySection(_Section):
    """A country card slide."""

    type: Literal["country"]
    country: Slug
    figures: bool = True
    chart: bool = True


class MilestonesSection(_Section):
    """A timeline of milestones."""

    type: Literal["milestones"]
    title: NonEmpty = "Milestones"
    areas: list[Slug] | None = None
    from_year: Number = Field(default=2026, ge=1900, le=2200)
    to_year: Number = Field(default=2034, ge=1900, le=2200)

    @model_validator(mode="after")
    def _ordered_years(self) -> MilestonesSection:
        if self.to_year < self.from_year:
            raise ValueError("to_year must not be before from_year")
        return self


#: A bullet of a free text slide has the same shape as a sub-point: text and sub-points.
TextItem = SubPoint


class TextSection(_Section):
    """A free text slide."""

    type: Literal["text"]
    title: NonEmpty
    bullets: list[TextItem] = Field(default_factory=list)


class ChangesSection(_Section):
    """What has changed in the pack's records since an earlier export (``since``: an export's
    tag, a date or a commit; default the pack's last export). ``title`` may use ``{date}``."""

    type: Literal["changes"]
    since: str | None = None
    title: NonEmpty | None = None


class ClosingSection(_Section):
    """The closing slide."""

    type: Literal["closing"]
    title: NonEmpty = "Thank you"
    subtitle: Text | None = None


Section = Annotated[
    TitleSection | AgendaSection | SectionHeaderSection | ConsultationSection | AreaSection | CountrySection
    | MilestonesSection | TextSection | ChangesSection | ClosingSection,
    Field(discriminator="type"),
]

SECTION_TYPES: tuple[str, ...] = (
    "title", "agenda", "section", "consultation", "area", "country", "milestones", "text", "changes", "closing",
)


class ExportEntry(Record):
    """One export of the pack, recorded by the store's history: its tag names the commit."""

    tag: NonEmpty
    date: dt.date


class Pack(Record):
    """What goes into one meeting's briefing, in order (``packs/<id>.yaml``)."""

    id: Slug
    meeting: Meeting
    sections: list[Section] = Field(min_length=1)
    #: Written by the export (newest last); see ``briefing_builder/history/exports.py``.
    exports: list[ExportEntry] = Field(default_factory=list)
