"""Table cells the app made from several fields of one list item (a key figure's value and unit, its
source and date): found in the baseline, and read back into the fields they come from.

A key figure's cells are read the way the app wrote them (``12,500 people`` is the value 12500 and
the unit "people"; ``Eurostat, 2025-06-30`` the source and its as-of date; "—" no period), so each
field the deck changed is an edit of its own (``key_figures.N.value``), three-way like any other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from briefing_builder.compose.provenance import RecordIndex, record, split
from briefing_builder.deckimport.match import Placed
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.render.deck_provenance import Baseline, Block, normalise


def table_rows(baseline: Baseline) -> dict[str, tuple[str, str]]:
    """Each table cell the app made from several fields (a key figure's value and unit, its source and
    date: no source of its own), by key → (the row's list item ``record:field.N``, the column's header)."""
    blocks = {block.key: block for block in baseline.blocks}
    out: dict[str, tuple[str, str]] = {}
    for key, block in blocks.items():
        parts = key.split(".")
        if len(parts) != 4 or parts[2] == "0" or any(p[2] for p in block.paragraphs):
            continue
        row = ".".join(parts[:3])
        sources = [p[2] for k, b in blocks.items() if k.startswith(row + ".") for p in b.paragraphs if p[2]]
        item = next((s.rsplit(".", 1)[0] for s in sources if s.count(".") >= 2), None)
        header = blocks.get(".".join([*parts[:2], "0", parts[3]]))
        if item is not None:
            out[key] = (item, normalise(plain_text(parse_markup(header.paragraphs[0][0]))) if header and
                        header.paragraphs else f"column {int(parts[3]) + 1}")
    return out



@dataclass(frozen=True)
class CellField:
    """One field of a list item a cell made from several fields now says something else in the deck."""

    source: str  # ``record:key_figures.N.field``
    sent: Any  # its value at export, as :func:`~compose.provenance.field_value` gives it (None: it had none)
    value: Any  # its value in the deck (None: removed)
    reason: str = ""  # why it cannot be applied ("" = it can)


#: A key-figure table's columns (see compose/drafts.py): 1 value and unit, 2 period, 3 "source, as of".
VALUE, PERIOD, SOURCE = 1, 2, 3
_SPACES = " \u00a0\u202f"  # a space, a no-break space and a narrow one: thousands separators as typed
_HEAD = re.compile(rf"^(.*?[+-]?\d(?:[\d,.{_SPACES}]*\d)?)\s*(\D.*)?$")
_GROUPED = re.compile(rf"[+-]?\d{{1,3}}(?:[,{_SPACES}]\d{{3}})+(?:\.\d+)?")  # 12,500 · 12 500 · 1,234.5
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")  # 21,5: a decimal comma (not three digits after it)
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_MARK = re.compile(r"\s*\*\([^)]*\)\*\s*$")  # the italic "(illustrative)" after a value
_NONE = ("", "—", "-", "–")
_PERIOD = re.compile(r"key_figures\.\d+\.period")


def edited_cell(candidates: list[Placed], block: Block) -> tuple[int, str] | None:
    """The first copy of a cell made from several fields that the deck changed: (slide, its markup)."""
    exported = _exported(block)
    for number, shape in candidates:
        now = " ".join(p.markup() for p in shape.paragraphs)
        if normalise(now) != exported:
            return number, now
    return None


def _exported(block: Block) -> str:
    return " ".join(normalise(p[0]) for p in block.paragraphs)


def cell_fields(block: Block, row: tuple[str, str], deck: str, index: RecordIndex) -> list[CellField]:
    """The fields a key figure's Value, Period or "Source, as of" cell (see :func:`table_rows`) now says
    otherwise in the deck (``deck``: the cell's markup), each with its value at export — read back from
    the exported cell the way the app wrote it; any other such cell is reported, to be edited by hand."""
    item, header = row
    record_id, name = split(item)
    list_name, _, position = name.rpartition(".")
    column = int(block.key.split(".")[3])
    exported = _exported(block)
    items = getattr(record(index, record_id), list_name, None)
    now = items[int(position)] if isinstance(items, list) and int(position) < len(items) else None
    if list_name == "key_figures" and column == VALUE:
        return _value_fields(item, exported, deck, now)
    if list_name == "key_figures" and column == PERIOD:
        period = normalise(plain_text(parse_markup(deck)))
        return [] if period in _NONE else [CellField(f"{item}.period", _text(getattr(now, "period", None)), period)]
    if list_name == "key_figures" and column == SOURCE:
        return _source_fields(item, exported, deck, now)
    return [CellField(f"{item}.{header}", exported, deck,
                      f"the cell “{header}” is made from several fields of the record ({list_name} item "
                      f"{int(position) + 1}); edit them in the store by hand")]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _alike(sent: Any, now: Any) -> bool:
    """True when a value read back from the exported cell is the store's value now (numbers as numbers)."""
    if isinstance(sent, int | float) and isinstance(now, int | float):
        return float(sent) == float(now)
    return normalise(str(sent)) == normalise(str(now)) if sent is not None and now is not None else sent == now


def _changed(source: str, sent: Any, value: Any, now: Any, reason: str = "") -> list[CellField]:
    """The field ``source`` if the deck's ``value`` is not what was exported (``sent``); its value at export
    given as the store's value ``now`` when the two are alike (so that only a real store edit conflicts)."""
    if _alike(value, sent):
        return []
    return [CellField(source, _text(now) if _alike(sent, now) else _text(sent), value, reason)]


def figure_value(text: str) -> tuple[Any, str | None]:
    """A Value cell's plain text as (value, unit): "21.5 thousand people" → (21.5, "thousand people"),
    "about 20 %" → ("about 20", "%"), "n/a" → ("n/a", None); the inverse of the app's ``12,500 people``.
    Thousands may be grouped with commas or spaces ("12 500"); a comma before other than three digits
    is a decimal comma ("21,5" is 21.5)."""
    match = _HEAD.match(text.strip())
    if match is None:
        return text.strip(), None
    head, unit = match.group(1).strip(), (match.group(2) or "").strip() or None
    if _GROUPED.fullmatch(head):
        digits = re.sub(rf"[,{_SPACES}]", "", head)
    elif _DECIMAL_COMMA.fullmatch(head):
        digits = head.replace(",", ".")
    elif _PLAIN.fullmatch(head):
        digits = head
    else:
        return head, unit
    return (float(digits) if "." in digits else int(digits)), unit


def sourced_value(name: str, value: Any) -> Any:
    """The store value of a key figure's own cell as typed: a period set to "—" (what the app shows for
    none) is no period."""
    if _PERIOD.fullmatch(name) and isinstance(value, str) and normalise(value) in _NONE:
        return None
    return value


def _value_fields(item: str, exported: str, deck: str, now: Any) -> list[CellField]:
    if not normalise(plain_text(parse_markup(_MARK.sub("", deck)))):  # emptied: neither value nor unit changes
        return [CellField(f"{item}.value", _text(getattr(now, "value", None)), "",
                          "the Value cell is empty; a key figure needs a value (delete the figure in the store "
                          "if it should go)")]
    sent_value, sent_unit = figure_value(plain_text(parse_markup(_MARK.sub("", exported))))
    value, unit = figure_value(normalise(plain_text(parse_markup(_MARK.sub("", deck)))))
    marked = bool(_MARK.search(deck)) != bool(_MARK.search(exported))
    out = _changed(f"{item}.value", sent_value, value, getattr(now, "value", None))
    out += _changed(f"{item}.unit", sent_unit, unit, getattr(now, "unit", None))
    if marked:
        out.append(CellField(f"{item}.illustrative", _text(getattr(now, "illustrative", None)), None,
                             "the “(illustrative)” mark follows the figure's illustrative flag; change it in "
                             "the store"))
    return out


def _source_fields(item: str, exported: str, deck: str, now: Any) -> list[CellField]:
    sent_source, _, sent_date = plain_text(parse_markup(exported)).rpartition(", ")
    text = normalise(plain_text(parse_markup(deck)))
    source, comma, date_text = text.rpartition(", ")
    try:
        as_of: dt.date | None = dt.date.fromisoformat(date_text.strip())
    except ValueError:
        as_of = None
    if not comma or as_of is None:
        return [CellField(f"{item}.source", _text(getattr(now, "source", None)), text,
                          "the date after the source's last comma (YYYY-MM-DD, as exported: "
                          f"“{sent_source}, {sent_date}”) is gone or not a date; type it back")]
    out = _changed(f"{item}.source", sent_source, source.strip(), getattr(now, "source", None))
    return out + _changed(f"{item}.as_of", dt.date.fromisoformat(sent_date) if sent_date else None, as_of,
                          getattr(now, "as_of", None))
