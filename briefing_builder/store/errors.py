"""Turn pydantic validation errors into located, human-readable diagnostics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing_builder.store.diagnostics import Diagnostic
from briefing_builder.store.yaml_source import YamlSource


def validation_diagnostics(
    exc: ValidationError, source: YamlSource, prefix: tuple[Any, ...] = (), model: type[BaseModel] | None = None
) -> list[Diagnostic]:
    """One diagnostic per schema error, located at the offending value in ``source``."""
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = _clean_loc(tuple(err.get("loc", ())))
        full = prefix + loc
        # an unknown key is shown where the key is written, not where its value starts
        locate = source.locate_key if err.get("type") == "extra_forbidden" else source.locate
        line, column = locate(full)
        message = _unquoted_message(err, loc, source.plain_text(full)) or _message(err, loc, model)
        out.append(Diagnostic(source.path, line, column, message))
    return out


def error_message(err: Mapping[str, Any], model: type[BaseModel] | None = None) -> str:
    """The located sentence ``validate`` prints for one pydantic error (``where: what is wrong``)."""
    loc = _clean_loc(tuple(err.get("loc", ())))
    return _message(err, loc, model)


def field_message(err: Mapping[str, Any], model: type[BaseModel] | None = None) -> str:
    """:func:`error_message` without its leading ``field:`` (shown beside the field itself, as in a form)."""
    loc = _clean_loc(tuple(err.get("loc", ())))
    message = _message(err, loc, model)
    return message.removeprefix(f"{_where(loc)}: ") if loc else message


#: How a person names the number a field wants (pydantic says "a valid integer").
_NUMBER_WORDS = {"int_type": "a whole number (e.g. 9)", "int_parsing": "a whole number (e.g. 9)",
                 "float_type": "a number (e.g. 2.5)", "float_parsing": "a number (e.g. 2.5)"}


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's union/discriminator tags so the path matches the YAML."""
    cleaned: list[Any] = []
    for part in loc:
        if isinstance(part, str) and (part.endswith("]") or part in {"str", "int", "float", "function-after",
                                                                      "function-before", "function-wrap"}):
            continue
        if isinstance(part, str) and part in {"title", "agenda", "section", "consultation", "area", "country",
                                              "milestones", "text", "closing"} and cleaned and isinstance(
                                                  cleaned[-1], int) and cleaned[-2:-1] == ["sections"]:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return names[-1] if names else "document"


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


def _message(err: Mapping[str, Any], loc: tuple[Any, ...], model: type[BaseModel] | None) -> str:
    kind = err.get("type", "")
    name = _field_name(loc)
    where = _where(loc)
    value = err.get("input")
    if kind == "invalid_key":
        key = loc[-1] if loc else None
        shown = ("nothing (~ or null)" if key in (None, "None")
                 else f"the number {key}" if isinstance(key, (int, float)) else f"'{key}'")
        inside = f" (in {_where(tuple(loc[:-1]))})" if len(loc) > 1 else ""
        return (f"a key was read as {shown}{inside}: keys are names such as 'title' or 'id' — write the name "
                "before the colon, or quote the key")
    if kind == "missing":
        return f"missing required field '{name}' — add it" + (f" (in {_where(loc[:-1])})" if len(loc) > 1 else "")
    if kind == "extra_forbidden":
        hint = ""
        if model is not None and len(loc) == 1:
            hint = f"; known fields: {', '.join(model.model_fields)}"
        return f"unknown field '{name}' — check its spelling or remove it{hint}"
    if kind == "string_pattern_mismatch":
        if name in {"id", "area", "country", "consultation"} or where.endswith(("areas", "countries", "measures")):
            return (f"'{value}' is not a valid id in {where}: use lower-case letters, digits and hyphens "
                    "(e.g. 'return-readmission')")
        if name == "iso_code":
            return f"'{value}' is not an ISO 3166 alpha-2 code (two capital letters, e.g. 'TN')"
        return f"{where}: '{value}' does not have the expected form"
    if kind == "union_tag_invalid":
        return (f"unknown section type '{err.get('ctx', {}).get('tag')}' in {where}; use one of "
                "title, agenda, section, consultation, area, country, milestones, text, closing")
    if kind == "union_tag_not_found":
        return f"{where}: every section needs a 'type' (title, agenda, area, country, milestones, text, closing…)"
    if kind == "enum":
        return f"{where}: '{value}' is not allowed; {err.get('msg', '').replace('Input should be', 'use')}"
    if kind == "date_from_datetime_inexact" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f"{where}: {value} was read as a number, not a date — write the date as YYYY-MM-DD "
                "with hyphens (e.g. 2026-01-12)")
    if kind == "date_from_datetime_inexact":
        return f"{where}: '{value}' has a time of day; write only the date, as YYYY-MM-DD (e.g. 2026-01-12)"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"{where}: '{value}' is not a date; write it as YYYY-MM-DD (e.g. 2026-01-12)"
    if kind in {"string_type", "int_type", "int_parsing", "float_type", "float_parsing", "bool_type",
                "bool_parsing", "list_type", "model_type", "dict_type"}:
        expected = err.get("msg", "").replace("Input should be ", "")
        if kind in {"model_type", "dict_type"}:  # pydantic names the record class here
            expected = "a mapping of fields (key: value)"
        expected = _NUMBER_WORDS.get(kind, expected)
        return f"{where}: expected {expected}, got {describe_value(value)}"
    if kind == "string_too_short":
        return f"{where}: must not be empty"
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


#: Errors where a text (or one of a fixed set of words) was expected.
_TEXT_EXPECTED = {"string_type", "enum", "string_pattern_mismatch", "literal_error"}


def _unquoted_message(err: Mapping[str, Any], loc: tuple[Any, ...], written: str | None) -> str | None:
    """Explain a text YAML read as something else because it was not quoted (the "Norway
    problem": ``iso_code: NO`` is read as false), with the fix; ``None`` for other errors."""
    value = err.get("input")
    if not written or err.get("type") not in _TEXT_EXPECTED or isinstance(value, str):
        return None
    if err.get("type") == "enum":  # quoting would not help: name the value as written
        return f"{_where(loc)}: '{written}' is not allowed; {err.get('msg', '').replace('Input should be', 'use')}"
    if isinstance(value, bool):
        what = ("the answer 'yes' (true)" if value else "the answer 'no' (false)")
        why = "YAML reads an unquoted yes/no, on/off or true/false as a yes-or-no answer"
    elif isinstance(value, (int, float)):
        what, why = f"the number {value:g}" if isinstance(value, float) else f"the number {value}", \
            "YAML reads unquoted digits as a number"
    elif isinstance(value, (dt.date, dt.datetime)):
        what, why = "a date", "YAML reads an unquoted YYYY-MM-DD as a date"
    elif value is None:
        what, why = "nothing (an empty value)", "YAML reads an unquoted null or ~ as no value"
    else:
        return None
    return f"{_where(loc)}: {written} was read as {what} — {why}; write it in quotes: \"{written}\""


def describe_value(value: Any) -> str:
    """A value as a person would name it ("a list", "the number 12", "the date 2026-01-12")."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if isinstance(value, int):
        return f"the number {value}"
    text = repr(value) if isinstance(value, str) else "a value of another kind"
    return text if len(text) <= 60 else text[:57] + "..."
