"""The one line breaker: styled runs → lines of placed pieces, for the deck's measurement and the preview.

The fitter counts the lines it returns (:func:`compose.measure.count_lines`) and the preview
paints them (:func:`compose.measure.line_breaks`), so the preview breaks exactly where the
deck was measured to break. The algorithm is greedy, as PowerPoint's and LibreOffice's:
words break at spaces; a piece is the longest stretch of one run on one line, spaces
between its words included (the painter draws them at the font's own advance); spaces
where a line breaks hang and count for nothing; a word wider than the whole line starts a
line of its own and is cut between characters. Widths come from a callback, so this module knows nothing of fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from briefing_builder.markup import Run

#: Width in points of ``text`` set in the style of ``run``.
WidthOf = Callable[[Run, str], float]


@dataclass(frozen=True)
class Piece:
    """A piece of one run on one line: its text, its offset from the line's start and width (points)."""

    run: Run
    text: str
    x: float
    width: float


Line = tuple[Piece, ...]
_Word = list[tuple[Run, str]]


def words(runs: Iterable[Run]) -> list[_Word]:
    """Runs split into words (lists of styled pieces); each space is a word of its own."""
    out: list[_Word] = [[]]
    for run in runs:
        parts = run.text.split(" ")
        for index, part in enumerate(parts):
            if index > 0:
                out.append([(run, " ")])
                out.append([])
            if part:
                out[-1].append((run, part))
    return [w for w in out if w]


class _Lines:
    """The lines being filled, with the used width of the last one."""

    def __init__(self) -> None:
        self.lines: list[list[Piece]] = [[]]
        self.used = 0.0

    def new_line(self) -> None:
        self.lines.append([])
        self.used = 0.0

    def place(self, run: Run, text: str, width: float) -> None:
        last = self.lines[-1]
        if last and last[-1].run is run:
            previous = last[-1]
            last[-1] = Piece(run, previous.text + text, previous.x, previous.width + width)
        else:
            last.append(Piece(run, text, self.used, width))
        self.used += width


def break_lines(runs: Iterable[Run], width_of: WidthOf, width_pt: float) -> list[Line]:
    """Lines of placed pieces for ``runs`` in a column ``width_pt`` points wide (at least one line).

    A column of no width (``width_pt <= 0``) holds everything on one line.
    """
    out = _Lines()
    pending: list[tuple[Run, float]] = []
    for word in words(runs):
        if word[0][1] == " ":
            pending.append((word[0][0], width_of(word[0][0], " ")))
            continue
        widths = [width_of(run, text) for run, text in word]
        width = sum(widths)
        if out.used > 0:
            space = sum(w for _, w in pending)
            if width_pt > 0 and out.used + space + width > width_pt:
                out.new_line()
            else:
                for run, w in pending:
                    out.place(run, " ", w)
        pending = []
        if 0 < width_pt < width:
            _cut(out, word, width_of, width_pt)
            continue
        for (run, text), w in zip(word, widths):
            out.place(run, text, w)
    return [tuple(line) for line in out.lines]


def _cut(out: _Lines, word: _Word, width_of: WidthOf, width_pt: float) -> None:
    """A word wider than the column, on lines of its own, cut between characters."""
    if out.used > 0:
        out.new_line()
    for run, text in word:
        for char in text:
            w = width_of(run, char)
            if out.used > 0 and out.used + w > width_pt:
                out.new_line()
            out.place(run, char, w)


def line_width(line: Line) -> float:
    """Width in points from the line's start to the end of its last piece."""
    return line[-1].x + line[-1].width if line else 0.0


def line_text(line: Line) -> str:
    """The text of one line."""
    return "".join(piece.text for piece in line)
