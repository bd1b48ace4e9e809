"""Hypothesis strategies for schema-valid stores: every record type, every optional field.

:func:`stores` draws a whole store as ``{relative path: YAML bytes}``: ``store.yaml``,
areas with measures and nested sub-points, country cards with key figures and chart series,
consultations, milestones with every date and period form, and packs whose sections name
the drawn records (cross-references included). Texts are any Unicode (control characters
too: YAML's double-quoted escapes carry them), numbers go to the limits the schema allows
(20-digit integers, the largest and smallest finite floats), dates from year 1 to 9999.
The YAML is written by PyYAML's dumper, so quoting is always right: what is drawn is valid.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import yaml
from hypothesis import strategies as st

from briefing_builder.markup import clean_text
from briefing_builder.store.schema import MAX_FIGURE, MIN_FIGURE, SECTION_TYPES, Status

# ----------------------------------------------------------------------------- building blocks

#: Any character but surrogates (which cannot be written as UTF-8).
_CHARS = st.characters(exclude_categories=("Cs",))
_WORDS = st.sampled_from(["Return", "readmission", "Tunisie", "Ελλάδα", "Україна", "中文", "🇪🇺", "—", "“quoted”",
                          "NO", "yes", "on", "null", "~", "2026-01-12", "1.10", "#", ": ", "- ", "&a", "*b", "!x",
                          "%", "@", "`", "'", '"', "\\", "{n}", "[x]", "|", ">", "\t", " ", "\u00a0", "\u200b"])


def _text(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text mixing any characters with words YAML or the markup treat specially."""
    pieces = st.lists(st.one_of(st.text(_CHARS, min_size=1, max_size=8), _WORDS), min_size=min_size,
                      max_size=max(min_size, max_size // 6))
    return pieces.map("".join).map(lambda s: s[:max_size])


def short_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """A short text field (title, name, label): not blank, at most 500 characters once trimmed."""
    return _text(1, max_size).filter(_visible)


def _visible(text: str) -> bool:
    """True when ``text`` shows something: not only spaces and invisible (zero-width) characters."""
    return any(not (ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc")) for ch in clean_text(text))


def markup(ids: list[str]) -> st.SearchStrategy[str]:
    """A markup text: plain text with bold, italic, struck, links and cross-references to ``ids``."""
    marks = [st.builds(lambda t: f"**{t}**", short_text(20)), st.builds(lambda t: f"*{t}*", short_text(20)),
             st.builds(lambda t: f"~~{t}~~", short_text(20)),
             st.builds(lambda t: f"[{t}](https://example.org/{t.strip()[:3]})", short_text(12))]
    if ids:
        marks.append(st.builds(lambda i, w: f"[{w}](#{i})", st.sampled_from(ids),
                               st.sampled_from(["slide {n}", "", "see {n}", "diapositive {n}"])))
    text = st.lists(st.one_of(_text(1, 30), *marks), min_size=1, max_size=6).map(" ".join)
    long = st.builds(lambda t, n: (t + " ") * n, short_text(40), st.integers(20, 120))  # continues on more slides
    return st.one_of(text, text, text, long).filter(lambda s: s.strip() != "")


#: Slugs (ids): lower-case letters, digits and hyphens, up to 80 characters.
slug = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z", fullmatch=True) | st.just("x" * 80)
dates = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2036, 12, 31)))
#: Numbers a figure can have: small, negative, up to a million millions, the extremes allowed.
numbers = st.one_of(st.integers(-1000, 100_000), st.integers(-(10**12), 10**12),
                    st.floats(-MAX_FIGURE, MAX_FIGURE).filter(lambda v: v == 0 or abs(v) >= MIN_FIGURE),
                    st.sampled_from([0.0, -0.0, MIN_FIGURE, MAX_FIGURE, -MAX_FIGURE, 0.1, 1e11]))
#: Markings of the bundled catalogue (a pack's marking must be one of the store's catalogue).
CATALOGUE_MARKINGS = ["LIMITE", "SENSITIVE", "RESTREINT UE/EU RESTRICTED", "limite"]
statuses = st.sampled_from([s.value for s in Status])


def _optional(draw: st.DrawFn, record: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Set ``record[key]`` from ``strategy`` (or leave it out) at random."""
    if draw(st.booleans()):
        record[key] = draw(strategy)


def _one_or_list(values: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """A list of strings, or a single string (accepted as a one-item list)."""
    return st.one_of(st.lists(values, max_size=3), values)


@st.composite
def periods(draw: st.DrawFn) -> str | int:
    """Every period form: year, quarter, half, month, range (hyphen or en dash), or a bare year number."""
    year = draw(st.integers(1000, 9999))
    form = draw(st.sampled_from(["year", "int", "quarter", "half", "month", "range"]))
    if form == "int":
        return year
    if form == "quarter":
        return f"{year}-Q{draw(st.integers(1, 4))}"
    if form == "half":
        return f"{year}-H{draw(st.integers(1, 2))}"
    if form == "month":
        return f"{year}-{draw(st.integers(1, 12)):02d}"
    if form == "range":
        end = draw(st.integers(year, 9999))
        return f"{year}{draw(st.sampled_from(['–', '-', ' – ', ' - ']))}{end}"
    return str(year)


# ----------------------------------------------------------------------------- records


@st.composite
def sub_points(draw: st.DrawFn, ids: list[str], depth: int = 0) -> list[Any]:
    """Sub-points as strings or ``{text, sub_points}`` mappings, nested up to three levels."""
    items: list[Any] = []
    for _ in range(draw(st.integers(0, 3 if depth < 2 else 0))):
        text = draw(markup(ids))
        if draw(st.booleans()):
            items.append(text)
        else:
            item: dict[str, Any] = {"text": text}
            _optional(draw, item, "sub_points", sub_points(ids, depth + 1))
            items.append(item)
    return items


@st.composite
def measure(draw: st.DrawFn, measure_id: str, ids: list[str], countries: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": measure_id, "text": draw(markup(ids))}
    _optional(draw, record, "sub_points", sub_points(ids))
    _optional(draw, record, "heading", st.booleans())
    _optional(draw, record, "status", statuses)
    _optional(draw, record, "lead", _one_or_list(short_text(12)))
    _optional(draw, record, "timeline", st.one_of(short_text(12), st.integers(1900, 2200), periods()))
    if countries:
        _optional(draw, record, "countries", _one_or_list(st.sampled_from(countries)))
    _optional(draw, record, "tags", _one_or_list(short_text(12)))
    _optional(draw, record, "sources", _one_or_list(short_text(30)))
    return record


@st.composite
def area(draw: st.DrawFn, area_id: str, measure_ids: list[str], ids: list[str],
         countries: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": area_id, "number": draw(st.integers(1, 99)), "title": draw(short_text())}
    _optional(draw, record, "slide_title", short_text())
    _optional(draw, record, "short_title", short_text(20))
    _optional(draw, record, "main_goals", markup(ids))
    record["measures"] = [draw(measure(m, ids, countries)) for m in measure_ids]
    _optional(draw, record, "sources", _one_or_list(short_text(30)))
    return record


@st.composite
def key_figure(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {"label": draw(short_text()), "value": draw(st.one_of(numbers, short_text(12))),
                              "source": draw(short_text(30)), "as_of": draw(dates)}
    _optional(draw, record, "unit", _text(0, 16))
    _optional(draw, record, "period", _text(0, 12))
    _optional(draw, record, "illustrative", st.booleans())
    _optional(draw, record, "series", st.lists(
        st.fixed_dictionaries({"label": st.one_of(short_text(10), st.integers(1900, 2100), numbers),
                               "value": numbers}), max_size=8))
    return record


@st.composite
def country(draw: st.DrawFn, country_id: str, ids: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": country_id, "iso_code": draw(st.from_regex(r"\A[A-Z]{2}\Z", fullmatch=True)),
                              "name": draw(short_text(30)), "region": draw(short_text(30)),
                              "relationship": draw(short_text())}
    _optional(draw, record, "cooperation_areas", st.lists(markup(ids), max_size=4))
    _optional(draw, record, "instruments", st.lists(st.builds(
        lambda name, status, note: {k: v for k, v in (("name", name), ("status", status), ("note", note)) if v},
        short_text(30), st.none() | short_text(20), st.none() | markup(ids)), max_size=3))
    _optional(draw, record, "key_figures", st.lists(key_figure(), max_size=4))
    _optional(draw, record, "notes", markup(ids))
    _optional(draw, record, "last_reviewed", dates)
    _optional(draw, record, "sources", _one_or_list(short_text(30)))
    return record


@st.composite
def consultation(draw: st.DrawFn, consultation_id: str, theme_ids: list[str], ids: list[str],
                 areas: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": consultation_id, "title": draw(short_text()), "ms_count": draw(st.integers(0, 27))}
    _optional(draw, record, "received_by", dates)
    _optional(draw, record, "intro", markup(ids))
    themes = []
    for theme_id in theme_ids:
        theme: dict[str, Any] = {"id": theme_id, "title": draw(short_text()), "summary": draw(markup(ids))}
        if areas:
            _optional(draw, theme, "area", st.sampled_from(areas))
        themes.append(theme)
    record["themes"] = themes
    _optional(draw, record, "sources", _one_or_list(short_text(30)))
    return record


@st.composite
def milestone(draw: st.DrawFn, milestone_id: str, areas: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": milestone_id, "title": draw(short_text())}
    when = draw(st.sampled_from(["date", "period", "both"]))
    if when in ("date", "both"):
        record["date"] = draw(dates)
    if when in ("period", "both"):
        record["period"] = draw(periods())
    if areas:
        _optional(draw, record, "areas", _one_or_list(st.sampled_from(areas)))
    _optional(draw, record, "body", short_text(20))
    _optional(draw, record, "status", statuses)
    return record


@st.composite
def section(draw: st.DrawFn, kind: str, store: dict[str, Any], ids: list[str],
            section_id: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {"type": kind}
    if section_id:
        record["id"] = section_id
    if kind in ("title", "section", "closing"):
        if kind == "section":
            record["title"] = draw(short_text())
        elif kind == "closing":
            _optional(draw, record, "title", short_text())
        _optional(draw, record, "subtitle", _text(0, 40))
    elif kind == "agenda":
        _optional(draw, record, "title", short_text())
        _optional(draw, record, "note", markup(ids))
    elif kind == "consultation":
        record["consultation"] = draw(st.sampled_from(sorted(store["consultations"])))
        _optional(draw, record, "title", short_text())
    elif kind == "area":
        area_id = draw(st.sampled_from(sorted(store["areas"])))
        record["area"] = area_id
        measures = [m["id"] for m in store["areas"][area_id]["measures"]]
        _optional(draw, record, "measures", st.lists(st.sampled_from(measures), unique=True) if measures
                  else st.just([]))
        _optional(draw, record, "show_main_goals", st.booleans())
        _optional(draw, record, "title", short_text())
    elif kind == "country":
        record["country"] = draw(st.sampled_from(sorted(store["countries"])))
        _optional(draw, record, "figures", st.booleans())
        _optional(draw, record, "chart", st.booleans())
    elif kind == "milestones":
        _optional(draw, record, "title", short_text())
        if store["areas"]:
            _optional(draw, record, "areas", st.lists(st.sampled_from(sorted(store["areas"])), max_size=3))
        start = draw(st.integers(1900, 2200))
        if draw(st.booleans()):
            record["from_year"] = start
            record["to_year"] = draw(st.integers(start, min(2200, start + draw(st.sampled_from([0, 8, 40, 300])))))
    elif kind == "text":
        record["title"] = draw(short_text())
        _optional(draw, record, "bullets", sub_points(ids))
    return record


@st.composite
def pack(draw: st.DrawFn, pack_id: str, store: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    meeting: dict[str, Any] = {"title": draw(short_text()), "body": draw(short_text()), "date": draw(dates)}
    _optional(draw, meeting, "venue", _text(0, 30))
    _optional(draw, meeting, "marking", st.sampled_from(CATALOGUE_MARKINGS))
    _optional(draw, meeting, "presenter", _text(0, 30))
    # a language the app writes (a lower-case code or a tag of one; left out: English): any other, a code in
    # capitals or an empty one is refused where written (tests/store/test_localised.py)
    _optional(draw, meeting, "language", st.sampled_from(["en", "fr", "de", "es", "pl", "el", "fr-BE", "pt_PT", "fr-be",
                                                          "sv"]))
    _optional(draw, meeting, "template", st.sampled_from(["briefing-16x9", "briefing-4x3"]))
    kinds = [k for k in SECTION_TYPES if not (k == "area" and not store["areas"]) and not (
        k == "country" and not store["countries"]) and not (k == "consultation" and not store["consultations"])]
    chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=7))
    section_ids = draw(st.lists(slug.filter(lambda i: i not in ids), min_size=len(chosen), max_size=len(chosen),
                                unique=True))  # ids of sections and records share one namespace
    sections = [draw(section(kind, store, ids + section_ids, sid if draw(st.booleans()) else None))
                for kind, sid in zip(chosen, section_ids)]
    # cross-references to a section id must name a section that has that id
    named = {s["id"] for s in sections if "id" in s}
    sections = [_drop_refs(s, set(section_ids) - named) for s in sections]
    return {"id": pack_id, "meeting": meeting, "sections": sections}


def _drop_refs(value: Any, gone: set[str]) -> Any:
    if isinstance(value, str):
        for ref in gone:
            value = value.replace(f"(#{ref})", "(https://example.org)")
        return value
    if isinstance(value, list):
        return [_drop_refs(v, gone) for v in value]
    if isinstance(value, dict):
        return {k: _drop_refs(v, gone) for k, v in value.items()}
    return value


# ----------------------------------------------------------------------------- whole stores


def _dump(data: Any, draw: st.DrawFn) -> bytes:
    flow = draw(st.sampled_from([False, None]))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, default_flow_style=flow,
                          width=draw(st.sampled_from([80, 10_000])))
    return text.encode("utf-8")


@st.composite
def stores(draw: st.DrawFn) -> dict[str, bytes]:
    """A whole schema-valid store as ``{relative path: bytes}``; every pack names existing records."""
    pool = draw(st.lists(slug, min_size=40, max_size=40, unique=True))
    take = iter(pool)
    area_ids = [next(take) for _ in range(draw(st.integers(0, 3)))]
    measure_ids = {a: [next(take) for _ in range(draw(st.integers(0, 4)))] for a in area_ids}
    country_ids = [next(take) for _ in range(draw(st.integers(0, 3)))]
    consultation_ids = [next(take) for _ in range(draw(st.integers(0, 2)))]
    theme_ids = {c: [next(take) for _ in range(draw(st.integers(0, 3)))] for c in consultation_ids}
    milestone_ids = [next(take) for _ in range(draw(st.integers(0, 5)))]
    ids = area_ids + [m for ms in measure_ids.values() for m in ms] + country_ids + consultation_ids + milestone_ids

    meta: dict[str, Any] = {"name": draw(short_text())}
    _optional(draw, meta, "version", _text(0, 10))
    _optional(draw, meta, "language", st.sampled_from(["en", "fr", "de"]))
    _optional(draw, meta, "description", _text(0, 60))
    _optional(draw, meta, "default_template", st.sampled_from(["briefing-16x9", "briefing-4x3"]))
    _optional(draw, meta, "default_marking", st.sampled_from(CATALOGUE_MARKINGS))
    store: dict[str, Any] = {
        "areas": {a: draw(area(a, measure_ids[a], ids, country_ids)) for a in area_ids},
        "countries": {c: draw(country(c, ids)) for c in country_ids},
        "consultations": {c: draw(consultation(c, theme_ids[c], ids, area_ids)) for c in consultation_ids},
    }
    files = {"store.yaml": _dump(meta, draw)}
    for folder in ("areas", "countries", "consultations"):
        for record_id, record in store[folder].items():
            files[f"{folder}/{record_id}.yaml"] = _dump(record, draw)
    if milestone_ids or draw(st.booleans()):
        files["milestones.yaml"] = _dump({"milestones": [draw(milestone(m, area_ids)) for m in milestone_ids]}, draw)
    for pack_id in [next(take) for _ in range(draw(st.integers(1, 2)))]:
        files[f"packs/{pack_id}.yaml"] = _dump(draw(pack(pack_id, store, ids)), draw)
    return files
