"""A word diff of two marked-up texts that knows the markup.

Both texts are parsed into styled runs first (:func:`briefing_builder.markup.parse_markup`)
and compared word by word, a word being its text *and* its style: ``**Return**`` →
``Return`` is a change (bold lost), while the markup's own characters never show up as
words. The result is a list of :class:`Piece` (kept, deleted or inserted runs), shown as
``[-old-]{+new+}`` on the command line and as struck deletions on slides.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from briefing_builder.markup import Run, parse_markup, to_markup

_WORD = re.compile(r"\s*\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """A stretch of the diff: ``op`` is ``equal``, ``delete`` or ``insert``."""

    op: str
    runs: tuple[Run, ...]


def _tokens(runs: tuple[Run, ...]) -> list[Run]:
    return [replace(run, text=word) for run in runs for word in _WORD.findall(run.text)]


def _key(run: Run) -> tuple[object, ...]:
    return (run.text.strip(), run.bold, run.italic, run.strike, run.link, run.ref)


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """The word diff of markup ``old`` → ``new`` (no pieces when they read the same)."""
    a, b = _tokens(parse_markup(old)), _tokens(parse_markup(new))
    keys_a, keys_b = [_key(t) for t in a], [_key(t) for t in b]
    if keys_a == keys_b:
        return ()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", _merged(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("delete", _merged(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("insert", _merged(b[j1:j2])))
    return tuple(pieces)


def _merged(tokens: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for token in tokens:
        if out and _key(out[-1])[1:] == _key(token)[1:]:
            out[-1] = replace(out[-1], text=out[-1].text + token.text)
        else:
            out.append(token)
    return tuple(out)


def diff_text(pieces: tuple[Piece, ...]) -> str:
    """The diff as one line of markup with ``[-deleted-]`` and ``{+inserted+}`` marks."""
    out = []
    for piece in pieces:
        text = to_markup(tuple(_trimmed(piece.runs))) if piece.op != "equal" else to_markup(piece.runs)
        if piece.op == "equal":
            out.append(text)
            continue
        lead = " " if piece.runs and piece.runs[0].text[:1].isspace() and not (out and out[-1].endswith(" ")) else ""
        mark = ("[-", "-]") if piece.op == "delete" else ("{+", "+}")
        trail = " " if piece.runs and piece.runs[-1].text[-1:].isspace() else ""
        out.append(f"{lead}{mark[0]}{text}{mark[1]}{trail}")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _trimmed(runs: tuple[Run, ...]) -> list[Run]:
    items = list(runs)
    if items:
        items[0] = replace(items[0], text=items[0].text.lstrip())
        items[-1] = replace(items[-1], text=items[-1].text.rstrip())
    return [r for r in items if r.text]


def slide_runs(pieces: tuple[Piece, ...]) -> tuple[Run, ...]:
    """The diff for a slide: the new text, with what was deleted struck through."""
    out: list[Run] = []
    for piece in pieces:
        if out and piece.op == "insert" and piece.runs and not (out[-1].text[-1:].isspace()
                                                                 or piece.runs[0].text[:1].isspace()):
            out.append(Run(" "))  # "~~return~~ returns", not "~~return~~returns"
        out.extend(replace(run, strike=True) if piece.op == "delete" else run for run in piece.runs)
    return tuple(out)
