"""Model-level checks of the store schema (no files involved)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from briefing_builder.store.schema import (
    AgendaSection,
    Area,
    KeyFigure,
    Measure,
    Milestone,
    MilestonesSection,
    Pack,
    SeriesPoint,
    Status,
    SubPoint,
    TextItem,
)


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple, str]]:
    return [(tuple(e["loc"]), e["type"]) for e in exc.value.errors()]


# ---------------------------------------------------------------------------- milestones


def test_milestone_needs_a_date_or_a_period() -> None:
    with pytest.raises(ValidationError, match=r"a milestone needs a 'date' \(2026-03-31\) or a 'period'"):
        Milestone(id="m", title="T")


def test_milestone_with_date_only() -> None:
    m = Milestone(id="m", title="T", date=dt.date(2026, 6, 12))
    assert (m.start_year, m.end_year, m.when) == (2026, 2026, "2026-06-12")


@pytest.mark.parametrize("period, start, end", [
    ("2026", 2026, 2026),
    (2027, 2027, 2027),
    ("2026-Q2", 2026, 2026),
    ("2026-H1", 2026, 2026),
    ("2026-06", 2026, 2026),
    ("2028–2034", 2028, 2034),   # en dash
    ("2028-2034", 2028, 2034),   # hyphen
    ("2028 – 2034", 2028, 2034),
])
def test_period_forms(period: object, start: int, end: int) -> None:
    m = Milestone(id="m", title="T", period=period)
    assert (m.start_year, m.end_year) == (start, end)
    assert m.when == str(period)


@pytest.mark.parametrize("period", ["26", "2026-Q5", "2026-H3", "2026-13", "2026-00", "Q2 2026", "soon",
                                    "2026/2027", "20266"])
def test_bad_periods_are_refused(period: str) -> None:
    expected = "period must look like 2026, 2026-Q2, 2026-H1, 2026-06 or 2028–2034"
    with pytest.raises(ValidationError, match=expected) as exc:
        Milestone(id="m", title="T", period=period)
    assert _errors(exc) == [(("period",), "value_error")]


def test_reversed_year_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="period '2034–2028' ends before it starts"):
        Milestone(id="m", title="T", period="2034–2028")


def test_date_decides_the_years_when_both_are_given() -> None:
    m = Milestone(id="m", title="T", date=dt.date(2029, 1, 1), period="2028–2034")
    assert (m.start_year, m.end_year, m.when) == (2029, 2029, "2029-01-01")


def test_milestone_areas_accept_a_single_string() -> None:
    assert Milestone(id="m", title="T", period="2026", areas="strong-borders").areas == ["strong-borders"]


def test_milestone_status_is_an_enum() -> None:
    assert Milestone(id="m", title="T", period="2026", status="planned").status is Status.PLANNED
    with pytest.raises(ValidationError) as exc:
        Milestone(id="m", title="T", period="2026", status="done")
    assert _errors(exc) == [(("status",), "enum")]


# ---------------------------------------------------------------------------- measures and areas


def test_sub_points_from_strings_and_mappings() -> None:
    m = Measure(id="x", text="t", sub_points=["a", {"text": "b", "sub_points": ["c", {"text": "d"}]}])
    assert m.sub_points == [
        SubPoint(text="a"),
        SubPoint(text="b", sub_points=[SubPoint(text="c"), SubPoint(text="d")]),
    ]
    assert m.sub_points[1].sub_points[0].sub_points == []


def test_sub_point_rejects_unknown_keys_and_empty_text() -> None:
    with pytest.raises(ValidationError) as exc:
        SubPoint.model_validate({"text": "a", "sub_point": []})
    assert _errors(exc) == [(("sub_point",), "extra_forbidden")]
    with pytest.raises(ValidationError) as exc:
        SubPoint.model_validate("")
    assert _errors(exc) == [(("text",), "string_too_short")]


def test_text_items_from_strings() -> None:
    assert TextItem.model_validate("x") == TextItem(text="x", sub_points=[])


def test_measure_lists_accept_a_single_string_and_timeline_a_year() -> None:
    m = Measure(id="x", text="t", lead="COM", tags="MFF", sources="Deck", countries="nigeria", timeline=2026)
    assert (m.lead, m.tags, m.sources, m.countries, m.timeline) == (["COM"], ["MFF"], ["Deck"], ["nigeria"], "2026")


@pytest.mark.parametrize("slug", ["Return", "return_readmission", "-lead", "with space", "é", "a" * 81, ""])
def test_bad_slugs(slug: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Measure(id=slug, text="t")
    assert [loc for loc, _ in _errors(exc)] == [("id",)]


@pytest.mark.parametrize("slug", ["a", "0", "ms-input-2026-01", "a" * 80, "a--b"])
def test_good_slugs(slug: str) -> None:
    assert Measure(id=slug, text="t").id == slug


def test_display_title_prefers_the_slide_title() -> None:
    plain = Area(id="a", number=1, title="Returns and readmission")
    assert plain.display_title == "Returns and readmission"
    worded = Area(id="a", number=4, title="Returns and readmission", slide_title="Return and readmission")
    assert worded.display_title == "Return and readmission"
    assert worded.title == "Returns and readmission"


def test_short_text_is_trimmed_and_limited() -> None:
    assert Area(id="a", number=1, title="  Spaced  ").title == "Spaced"
    with pytest.raises(ValidationError) as exc:
        Area(id="a", number=1, title="x" * 501)
    assert _errors(exc) == [(("title",), "string_too_long")]


@pytest.mark.parametrize("number", [0, 100, -1])
def test_area_number_range(number: int) -> None:
    with pytest.raises(ValidationError) as exc:
        Area(id="a", number=number, title="T")
    assert [loc for loc, _ in _errors(exc)] == [("number",)]


def test_records_are_frozen() -> None:
    area = Area(id="a", number=1, title="T")
    with pytest.raises(ValidationError):
        area.title = "U"  # type: ignore[misc]


# ---------------------------------------------------------------------------- packs


def _pack(*sections: dict) -> Pack:
    return Pack.model_validate({"id": "p", "meeting": {"title": "M", "body": "B", "date": "2026-01-12"},
                                "sections": list(sections)})


def test_pack_sections_by_type_and_defaults() -> None:
    pack = _pack({"type": "title"}, {"type": "agenda"}, {"type": "milestones"}, {"type": "closing"})
    agenda, milestones = pack.sections[1], pack.sections[2]
    assert isinstance(agenda, AgendaSection) and agenda.title == "Agenda"
    assert isinstance(milestones, MilestonesSection)
    assert (milestones.title, milestones.from_year, milestones.to_year) == ("Milestones", 2026, 2034)
    assert pack.sections[3].title == "Thank you"
    assert pack.meeting.date == dt.date(2026, 1, 12)


def test_pack_needs_at_least_one_section() -> None:
    with pytest.raises(ValidationError) as exc:
        _pack()
    assert _errors(exc) == [(("sections",), "too_short")]


def test_milestones_section_years_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="to_year must not be before from_year"):
        _pack({"type": "milestones", "from_year": 2030, "to_year": 2029})


def test_unknown_section_type() -> None:
    with pytest.raises(ValidationError) as exc:
        _pack({"type": "chart"})
    assert _errors(exc) == [(("sections", 0), "union_tag_invalid")]


@pytest.mark.parametrize("field", ["marking", "reference"])
def test_marking_and_reference_fit_the_annex_page_footer(field: str) -> None:
    meeting = {"title": "M", "body": "B", "date": "2026-01-12"}
    Pack.model_validate({"id": "p", "meeting": {**meeting, field: "x" * 100}, "sections": [{"type": "title"}]})
    with pytest.raises(ValidationError) as exc:
        Pack.model_validate({"id": "p", "meeting": {**meeting, field: "RESTREINT UE/EU RESTRICTED " * 15},
                             "sections": [{"type": "title"}]})
    assert exc.value.errors()[0]["loc"] == ("meeting", field)
    assert "255 characters" in str(exc.value) and "at most 100" in str(exc.value)


def _figure(value: object, **more: object) -> KeyFigure:
    return KeyFigure.model_validate({"label": "L", "value": value, "source": "S", "as_of": "2026-01-12", **more})


@pytest.mark.parametrize("value, expected", [
    (True, "answer 'yes'"), (False, "answer 'no'"), (float("nan"), "not a number"), ("NaN", "not a number"),
    ("nan", "not a number"), ("inf", "infinite"), ("Infinity", "infinite"), ("-inf", "infinite"),
    ("1e308", "outside what a slide or chart can show"), ("1e-300", "outside"), (1e308, "outside"),
    ("", "empty"), ("  ", "empty"), ("\u00a0\u2003\u200b", "empty"), (None, "needs a value"),
])
def test_figure_values_a_slide_cannot_show_are_refused_once(value: object, expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _figure(value)
    assert len(exc.value.errors()) == 1 and expected in str(exc.value)


@pytest.mark.parametrize("value, shown", [(12.5, 12.5), (0, 0), (-3, -3), ("1.2e+6", 1.2e6), ("n/a", "n/a"),
                                          ("12 %", "12 %")])
def test_figure_values_that_a_slide_can_show(value: object, shown: object) -> None:
    assert _figure(value).value == shown


@pytest.mark.parametrize("point, expected", [({"label": "", "value": 1}, "empty"),
                                             ({"label": "2021", "value": True}, "answer 'yes'"),
                                             ({"label": "2021", "value": "nan"}, "not a number"),
                                             ({"label": "2021", "value": 1e308}, "outside")])
def test_series_points_a_chart_cannot_show_are_refused(point: dict, expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        SeriesPoint.model_validate(point)
    assert expected in str(exc.value) or (expected == "empty" and "at least 1 character" in str(exc.value))


@pytest.mark.parametrize("number", [True, False])
def test_area_number_is_not_a_yes_or_no(number: bool) -> None:
    with pytest.raises(ValidationError, match="read as the answer"):
        Area.model_validate({"id": "a", "number": number, "title": "T"})


def test_invisible_title_is_empty() -> None:
    with pytest.raises(ValidationError, match="only spaces or invisible characters"):
        Area.model_validate({"id": "a", "number": 1, "title": "\u00a0\u2003\u200b"})
