"""The annex's sheet names, column headers and sheet notes in the pack's language, and the
one language-independent way to read a column back.

A column's header is looked up in the label catalogues (``assets/labels/<lang>.yaml``) under
``annex_col_<its English header, as a key>`` ("Delegation comments" →
``annex_col_delegation_comments``); sheets under ``annex_sheet_<table name>`` and their notes
under ``annex_note_<table name>``. Reading a workbook, :func:`canonical_header` turns a header
written in any catalogue's language into its English header, so a French annex, an English
one, and one sent before the annex was translated are all read the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from briefing_builder.annex.plan import ColumnSpec, SheetSpec
from briefing_builder.compose import wording

_NOT_KEY = re.compile(r"[^a-z0-9]+")
#: Column width (Excel's character units) a character of a bold header takes.
HEADER_CHAR_WIDTH = 1.1


def header_key(english: str) -> str:
    """The catalogue key of the column whose English header is ``english``."""
    return "annex_col_" + _NOT_KEY.sub("_", english.lower()).strip("_")


def column_header(english: str, language: str) -> str:
    """The header of the column ``english`` in ``language`` (as written when it has no label)."""
    return wording.optional_label(header_key(english), language) or english


def annex_label(key: str, language: str) -> str:
    """The annex label ``annex_<key>`` (a cover line, a note) in ``language``."""
    return wording.label(f"annex_{key}", language)


def sheet_label(table_name: str, kind: str, english: str, language: str) -> str:
    """The sheet name (``kind="sheet"``) or note (``"note"``) of table ``table_name`` in ``language``."""
    return wording.optional_label(f"annex_{kind}_{table_name.lower()}", language) or english


@cache
def _english_headers() -> dict[str, str]:
    """Every known header, in every catalogue's language (lower case) → its English header."""
    english = wording.catalogue("en")
    known: dict[str, str] = {}
    for language in wording.catalogue_languages():
        for key, text in wording.catalogue(language).items():
            if key.startswith("annex_col_") and key in english:
                known.setdefault(text.strip().lower(), english[key])
    return known


def canonical_header(text: str) -> str:
    """The English header of a header cell written in any catalogue's language (else ``text``)."""
    return _english_headers().get(text.strip().lower(), text)


def in_language(sheet: SheetSpec, language: str) -> SheetSpec:
    """``sheet`` with its name, note and column headers in ``language``; a column whose translated
    header has a word longer than the column is wide is widened to hold it (a wrapped header
    breaks between words, never inside "Responsable")."""
    return replace(sheet, name=sheet_label(sheet.table_name, "sheet", sheet.name, language),
                   description=sheet_label(sheet.table_name, "note", sheet.description, language),
                   columns=tuple(_translated(c, language) for c in sheet.columns))


def _translated(column: ColumnSpec, language: str) -> ColumnSpec:
    header = column_header(column.header, language)
    if header == column.header:
        return column
    longest = max((len(word) for word in header.split()), default=0)
    return replace(column, header=header, width=max(column.width, round(longest * HEADER_CHAR_WIDTH + 1.5, 1)))



def status_label(value: str, language: str) -> str:
    """A status (``adopted``) as the annex shows it in ``language`` (``adopté``)."""
    return wording.optional_label(f"status_{value}", language) or value


def status_labels(values: tuple[str, ...], language: str) -> tuple[str, ...]:
    """The status drop-down's values in ``language``."""
    return tuple(status_label(value, language) for value in values)


#: The "Delegation position" drop-down's entries: ``position_<key>`` in the label catalogues.
POSITION_KEYS = ("support", "scrutiny_reservation", "oppose", "no_position")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def folded(text: str) -> str:
    """``text`` as compared with a drop-down's values: case, spacing, apostrophes (’ '), œ/oe and
    accents' encoding (composed or not) aside."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).replace("œ", "oe").replace("Œ", "OE")
    return " ".join(text.split()).casefold()


@cache
def _catalogue_values(prefix: str, canonical: bool) -> dict[str, str]:
    """Every catalogue language's ``prefix…`` label (folded) → the key (or, ``canonical``, its English label)."""
    known: dict[str, str] = {}
    for language in ("en", *wording.catalogue_languages()):
        for key, text in wording.catalogue(language).items():
            if key.startswith(prefix):
                known.setdefault(folded(text), wording.label(key, "en") if canonical else key.removeprefix(prefix))
    return known


def status_value(text: str) -> str:
    """The store's status for a status typed in any catalogue's language (``adopté``, ``Mis en oeuvre``,
    ``ONGOING`` → ``adopted``, ``implemented``, ``ongoing``); other text as typed."""
    return _catalogue_values("status_", False).get(folded(text), text.strip())


def position_labels(language: str) -> tuple[str, ...]:
    """The "Delegation position" drop-down's values in ``language`` (English where not translated)."""
    return tuple(wording.label(f"position_{key}", language) for key in POSITION_KEYS)


def position_value(text: str) -> str:
    """A position typed or chosen in any catalogue's language (``soutien``, ``réserve d’examen``) as the one
    value it means (its English drop-down word, ``support``); the delegation's own words as typed."""
    return _catalogue_values("position_", True).get(folded(text), text.strip())


def position_label(value: str, language: str) -> str:
    """A kept position (``support``) as the drop-down of ``language`` says it (``soutien``); other words as they are."""
    for key in POSITION_KEYS:
        if wording.label(f"position_{key}", "en") == value:
            return wording.label(f"position_{key}", language)
    return value


def is_position_value(value: str) -> bool:
    """True for a value :func:`position_value` gives for one of the drop-down's entries."""
    return value in position_labels("en")
