"""Three-way comparison of one cell of our columns: sent (baseline) × returned × store now.

* :func:`loose` is the text a person reads: formatting (bold, strike), whitespace, line
  endings, non-breaking spaces and the smart quotes a viewer may add are ignored, so a
  workbook re-saved by a tool that drops rich text shows no edits; while a returned cell
  still carries rich text, :func:`same_for_reader` compares its markup too (an added
  strike-through is an edit).
* :func:`classify` says what a cell is (:class:`Verdict`): unchanged, changed in the store
  only (the update writes it), changed by the delegation only (a *proposal*), changed by
  both to different texts (a *conflict*), or — when no baseline says what was sent —
  *unverified* (a difference nobody can attribute; never applied or overwritten silently).
* :func:`row_identities` checks that each returned row still holds the content of the
  record its ID names (sorted ID columns, duplicated IDs, an ID typed over another row's).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from briefing_builder.annex.headers import status_value
from briefing_builder.annex.workbook import Comparable, plain
from briefing_builder.compose import wording
from briefing_builder.store.schema import Status

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00a0": " ", "\u202f": " ", "\u2007": " "})
#: A value shared by more rows than this says nothing about which record a row is.
_COMMON = 20


class Verdict(StrEnum):
    """What happened to one cell between the export and now."""

    SAME = "same"
    STORE = "store change"
    PROPOSAL = "proposal"
    CONFLICT = "conflict"
    UNVERIFIED = "unverified"


@lru_cache(maxsize=1 << 17)
def loose(value: Comparable) -> str:
    """The text of ``value`` as a reader sees it (see module doc)."""
    text = unicodedata.normalize("NFC", plain(value)).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 17)
def _marked(value: Comparable) -> tuple[tuple[tuple[bool, ...], str], ...]:
    """``value``'s fragments as a reader sees them: text as :func:`loose` reads it, each with its style
    (a piece of blank text takes no style of its own; neighbours of one style are merged)."""
    out: list[tuple[tuple[bool, ...], str]] = []
    style: tuple[bool, ...]
    for style, text in value if isinstance(value, tuple) else ():
        text = _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES))
        if not text.strip() and out:
            style = out[-1][0]
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return tuple(piece for piece in out if piece[1])


def same_for_reader(returned: Comparable, other: Comparable) -> bool:
    """True when the returned cell says what ``other`` says.

    While the returned cell still carries rich text (pieces of several styles), its markup
    counts: a strike or bold a delegation added or removed is an edit. A cell that lost its
    formatting (one style throughout, as openpyxl and some viewers leave it) is compared by
    its text alone.
    """
    if isinstance(returned, tuple) and len(_marked(returned)) > 1:
        return _marked(returned) == _marked(other)
    return loose(returned) == loose(other)


def as_status(value: Comparable) -> Comparable:
    """A status cell's value as the store's word, whichever catalogue's language it was typed in
    (``en cours``, ``Ongoing`` → ``ongoing``); any other value as it is."""
    status = status_value(loose(value))
    return (((False, False, False, False), status),) if status in {s.value for s in Status} else value


def classify(sent: Comparable, returned: Comparable, now: Comparable, has_sent: bool = True,
             status: bool = False) -> Verdict:
    """The :class:`Verdict` of one cell; ``has_sent`` is False when no baseline knows the cell; a
    ``status`` cell compares its values as statuses (:func:`as_status`)."""
    if status:
        sent, returned, now = as_status(sent), as_status(returned), as_status(now)
    if same_for_reader(returned, now):
        return Verdict.SAME if (not has_sent or now == sent or not same_for_reader(returned, sent)) \
            else Verdict.STORE
    if not has_sent:
        return Verdict.UNVERIFIED
    if same_for_reader(returned, sent):
        return Verdict.STORE
    return Verdict.PROPOSAL if now == sent else Verdict.CONFLICT


def fingerprint(values: Mapping[str, Comparable]) -> str:
    """A short hash of a row's content as read (:func:`loose`), in column-key order."""
    text = "\x1f".join(f"{key}\x1e{loose(values[key])}" for key in sorted(values))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RowProblem:
    """Why a returned row's ID cannot be trusted: the catalogue label ``annex_why_<kind>`` and its fields.

    ``str()`` is the English sentence (the import's report); :meth:`words` says it in an annex's language.
    """

    kind: str
    record_id: str
    rows: str = ""
    other: str = ""

    def words(self, language: str = "en") -> str:
        """The sentence in ``language`` (English where it has no label)."""
        return wording.label(f"annex_why_{self.kind}", language).format(id=self.record_id, rows=self.rows,
                                                                        other=self.other)

    def __str__(self) -> str:
        return self.words()


def row_identities(rows: Sequence[tuple[int, str, Mapping[str, Comparable]]],
                   reference: Mapping[str, Mapping[str, Comparable]]) -> dict[int, RowProblem]:
    """Problems of the rows whose ID cannot be trusted: ``{row number: why}``.

    ``rows`` are ``(row number, record id, our cells)`` as returned; ``reference`` is what
    each id's row held when sent (or, without a baseline, what the store gives now). A row
    is refused when its ID appears on several rows, or when its content matches another
    record better than its own (an ID column sorted alone, an ID typed over another's).
    """
    problems: dict[int, RowProblem] = {}
    counts = Counter(rid for _, rid, _ in rows if rid)
    where: dict[str, list[int]] = {}
    for r, rid, _ in rows:
        where.setdefault(rid, []).append(r)
    for r, rid, _ in rows:
        if rid and counts[rid] > 1:
            others = ", ".join(str(n) for n in where[rid] if n != r)
            problems[r] = RowProblem("duplicate_id", rid, rows=others)
    index: dict[tuple[str, str], list[str]] = {}
    for rid, values in reference.items():
        for key, value in values.items():
            text = loose(value)
            if text:
                index.setdefault((key, text), []).append(rid)
    claimed: dict[str, list[int]] = {}  # an id → the rows that hold its content under another id
    for r, rid, values in rows:
        if r in problems or rid not in reference:
            continue
        own = reference[rid]
        same = sum(1 for key, value in own.items() if loose(values.get(key)) == loose(value))
        if same == len(own) and all(not loose(v) for k, v in values.items() if k not in own):
            continue  # the row holds exactly what was sent for its ID
        votes: Counter[str] = Counter()
        for key, value in values.items():
            owners = index.get((key, loose(value)), ())
            if 0 < len(owners) <= _COMMON:
                votes.update(owners)
        best, score = votes.most_common(1)[0] if votes else ("", 0)
        mine = votes.get(rid, 0)
        if score > mine and best != rid:
            problems[r] = RowProblem("other_content", rid, other=best)
            claimed.setdefault(best, []).append(r)
        elif same == 0 and any(loose(v) for v in values.values()):
            problems[r] = RowProblem("no_content", rid)
    for r, rid, _ in rows:  # the row carrying an id whose content sits on a refused row is in the same mix-up
        if r not in problems and rid in claimed:
            holders = ", ".join(str(n) for n in claimed[rid])
            problems[r] = RowProblem("swapped", rid, rows=holders)
    return problems
