"""Line breaking for the preview, with the deck writer's measurements (no Qt here).

:func:`wrap_lines` breaks runs into lines exactly where :func:`compose.measure.count_lines`
counts the breaks — the same greedy algorithm, the same per-word widths
(:func:`compose.measure.text_width`, real font metrics of the bundled fonts) — so the
preview shows the lines the fitter measured. :func:`lay_out_paragraphs` places paragraphs
in a box with the paragraph geometry of :mod:`compose.textstyle` (margins, hanging bullets,
space before, line height), as the writer sets it on every paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing_builder.compose import textstyle
from briefing_builder.compose.fitting import WIDTH_SAFETY
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import font_face, text_width
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

#: Bullet glyphs per level, as the writer writes them in free text boxes.
BULLET_CHARS = ("•", "–", "·", "–")


@dataclass(frozen=True)
class Piece:
    """A piece of one run on one line: its text, offset from the line's start and width (points)."""

    run: Run
    text: str
    x: float
    width: float


def _words(runs: tuple[Run, ...] | list[Run]) -> list[list[tuple[Run, str]]]:
    """Runs split into words (lists of styled pieces); each space is a word of its own."""
    words: list[list[tuple[Run, str]]] = [[]]
    for run in runs:
        parts = run.text.split(" ")
        for index, part in enumerate(parts):
            if index > 0:
                words.append([(run, " ")])
                words.append([])
            if part:
                words[-1].append((run, part))
    return [w for w in words if w]


def _width(run: Run, text: str, family: str, size: float) -> float:
    return text_width(text, family, size, run.bold, run.italic)


def _split_long(word: list[tuple[Run, str]], family: str, size: float, width_pt: float,
                extra: int) -> list[list[tuple[Run, str, float]]]:
    """A word wider than the line cut into ``extra + 1`` chunks at multiples of ``width_pt``."""
    chunks: list[list[tuple[Run, str, float]]] = [[] for _ in range(extra + 1)]
    start = 0.0
    for run, text in word:
        for char in text:
            w = _width(run, char, family, size)
            line = min(extra, max(0, int((start + w / 2) // width_pt)))
            chunk = chunks[line]
            if chunk and chunk[-1][0] is run:
                chunk[-1] = (run, chunk[-1][1] + char, chunk[-1][2] + w)
            else:
                chunk.append((run, char, w))
            start += w
    return chunks


def layout_lines(runs: tuple[Run, ...] | list[Run], family: str, size: float, width_pt: float) -> list[list[Piece]]:
    """Lines of placed pieces: the greedy break of ``count_lines``, spaces at line ends dropped."""
    lines: list[list[Piece]] = [[]]
    used = 0.0
    pending: list[tuple[Run, float]] = []
    if width_pt <= 0:
        return [[Piece(r, r.text, 0.0, _width(r, r.text, family, size)) for r in runs if r.text]]
    for word in _words(runs):
        if word[0][1] == " ":
            pending.append((word[0][0], _width(word[0][0], " ", family, size)))
            continue
        widths = [_width(run, text, family, size) for run, text in word]
        width = sum(widths)
        space = sum(w for _, w in pending)
        if used > 0 and used + space + width > width_pt:
            lines.append([])
            used = 0.0
        elif used > 0:
            for run, w in pending:
                lines[-1].append(Piece(run, " ", used, w))
                used += w
        pending = []
        if width > width_pt:  # longer than a line: cut anywhere, as count_lines counts it
            if used > 0:
                lines.append([])
            extra = int(width // width_pt)
            chunks = _split_long(word, family, size, width_pt, extra)
            for index, chunk in enumerate(chunks):
                if index:
                    lines.append([])
                x = 0.0
                for run, text, w in chunk:
                    lines[-1].append(Piece(run, text, x, w))
                    x += w
            used = width - extra * width_pt
            continue
        x = used
        for (run, text), w in zip(word, widths):
            lines[-1].append(Piece(run, text, x, w))
            x += w
        used += width
    return lines


def wrap_lines(runs: tuple[Run, ...] | list[Run], family: str, size: float, width: float) -> list[list[Run]]:
    """The runs of each line ``runs`` wrap to in a column ``width`` points wide.

    Breaks where :func:`compose.measure.count_lines` counts them, so
    ``len(wrap_lines(...)) == count_lines(...)`` for the same arguments.
    """
    out: list[list[Run]] = []
    for line in layout_lines(runs, family, size, width):
        merged: list[Run] = []
        last: Run | None = None
        for piece in line:
            if merged and piece.run is last:
                merged[-1] = replace(merged[-1], text=merged[-1].text + piece.text)
            else:
                merged.append(replace(piece.run, text=piece.text))
            last = piece.run
        out.append(merged)
    return out


@dataclass(frozen=True)
class PlacedLine:
    """One line of a laid-out text block, in points from the slide's top-left corner."""

    x: float
    top: float
    height: float
    size: float
    pieces: tuple[Piece, ...]
    bullet: str = ""
    bullet_x: float = 0.0


def text_column(box: Box, level: int, bullet: bool) -> tuple[float, float]:
    """Left edge and wrapping width (points) of a paragraph's text in ``box``, as the fitter measures."""
    inner = (box.width - 2 * textstyle.INSET_X) / EMU_PER_POINT
    margin = textstyle.margin(level, bullet) / EMU_PER_POINT
    return (box.left + textstyle.INSET_X) / EMU_PER_POINT + margin, (inner - margin) * WIDTH_SAFETY


def lay_out_paragraphs(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str,
                       size: float, bullets: bool = True, line_spacing: float = 1.0) -> list[PlacedLine]:
    """Place ``paragraphs`` at ``size`` in ``box`` from the top, with the writer's paragraph geometry."""
    line_em = font_face(family).line_height_em * textstyle.LINE_SPACING_PCT / 100 * line_spacing
    top = (box.top + textstyle.INSET_Y) / EMU_PER_POINT
    placed: list[PlacedLine] = []
    for index, paragraph in enumerate(paragraphs):
        lsize = textstyle.level_size(size, paragraph.level)
        if index:
            top += textstyle.space_before(size, paragraph.level)
        x, width = text_column(box, paragraph.level, paragraph.bullet)
        glyph = ""
        if bullets and paragraph.bullet:
            glyph = BULLET_CHARS[min(paragraph.level, len(BULLET_CHARS) - 1)]
        bullet_x = x + textstyle.indent(paragraph.bullet) / EMU_PER_POINT
        for number, line in enumerate(layout_lines(paragraph.runs, family, lsize, width)):
            placed.append(PlacedLine(x, top, lsize * line_em, lsize, tuple(line),
                                     glyph if number == 0 else "", bullet_x))
            top += lsize * line_em
    return placed


def block_height(lines: list[PlacedLine]) -> float:
    """Height in points from the first line's top to the last line's bottom."""
    return (lines[-1].top + lines[-1].height - lines[0].top) if lines else 0.0
