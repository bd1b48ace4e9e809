"""Fit paragraphs into a box: shrink down to the brand's minimum size, then split.

Policy: the largest size from ``max_pt`` down to ``min_pt`` (half-point steps) at which all
paragraphs fit wins. If even ``min_pt`` is too big, the paragraphs are split across as few
pages as they need at ``min_pt`` (each page becomes a "(cont.)" slide), never separating a
bullet from its sub-points (a *group*), and balanced: the pages are filled as evenly as that
page count allows, and each page then gets the largest size at which it fits. A group
taller than a whole page is split between paragraphs as a last resort. Heights are measured
with the same paragraph geometry the writer sets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing_builder.compose import textstyle
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines, line_breaks, line_height_em, text_width
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

#: Widths are measured slightly narrower than the box, to absorb renderer differences.
WIDTH_SAFETY = 0.96
#: Heights likewise.
HEIGHT_SAFETY = 0.97

Group = tuple[Paragraph, ...]


@dataclass(frozen=True)
class FitResult:
    """The chosen size and the paragraphs of each page (one page when everything fits).

    ``sizes`` gives each page its own size when the text was split (``font_size`` is the
    smallest of them).
    """

    font_size: float
    pages: tuple[tuple[Paragraph, ...], ...]
    sizes: tuple[float, ...] = ()

    def size_of(self, page: int) -> float:
        """The size of page ``page``."""
        return self.sizes[page] if self.sizes else self.font_size


def column_width(inner_width_pt: float, level: int, bullet: bool) -> float:
    """The width (points) of a paragraph's lines in a frame ``inner_width_pt`` wide inside its insets.

    Lines are painted broken at this width, as PowerPoint breaks them; the fitter counts
    them at :data:`WIDTH_SAFETY` times it, so a slightly wider renderer still fits.
    """
    return inner_width_pt - textstyle.margin(level, bullet) / EMU_PER_POINT


def paragraph_height(paragraph: Paragraph, family: str, size: float, box_width_pt: float,
                     first: bool, spacing: float = 0.0) -> float:
    """Height in points of one paragraph (including its space before unless first)."""
    lsize = textstyle.level_size(size, paragraph.level)
    width = column_width(box_width_pt, paragraph.level, paragraph.bullet) * WIDTH_SAFETY
    lines = count_lines(paragraph.runs, family, lsize, width, spacing)
    height = lines * lsize * line_height_em(paragraph.runs, family) * textstyle.LINE_SPACING_PCT / 100
    if not first:
        height += textstyle.space_before(size, paragraph.level)
    return height


def inner_width(box: Box) -> float:
    """Width in points inside the frame's left and right insets."""
    return (box.width - 2 * textstyle.INSET_X) / EMU_PER_POINT


def _inner(box: Box) -> tuple[float, float]:
    width = inner_width(box)
    height = (box.height - 2 * textstyle.INSET_Y) / EMU_PER_POINT * HEIGHT_SAFETY
    return width, height


def text_height(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str,
                size: float, spacing: float = 0.0) -> float:
    """Total height in points of ``paragraphs`` set at ``size`` in ``box`` (``spacing``: character spacing, pt)."""
    width, _ = _inner(box)
    return sum(paragraph_height(p, family, size, width, i == 0, spacing) for i, p in enumerate(paragraphs))


def words_fit(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str, size: float,
              spacing: float = 0.0) -> bool:
    """True when every word of the paragraphs is narrower than its line in ``box`` at ``size``.

    A word wider than its line is broken between its letters ("Agend / a"), which the height alone does not
    show: a tall narrow box holds the broken word's lines.
    """
    width = inner_width(box)
    for paragraph in paragraphs:
        line = column_width(width, paragraph.level, paragraph.bullet) * WIDTH_SAFETY
        lsize = textstyle.level_size(size, paragraph.level)
        for run in paragraph.runs:
            if any(text_width(word, family, lsize, run.bold, run.italic, spacing) > line
                   for word in run.text.split()):
                return False
    return True


def fits(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str, size: float,
         spacing: float = 0.0, whole_words: bool = False) -> bool:
    """True when the paragraphs fit in ``box`` at ``size`` (``whole_words``: and no word is broken)."""
    return (text_height(paragraphs, box, family, size, spacing) <= _inner(box)[1]
            and (not whole_words or words_fit(paragraphs, box, family, size, spacing)))


def _sizes(max_pt: float, min_pt: float) -> list[float]:
    sizes = []
    size = max_pt
    while size >= min_pt - 1e-9:
        sizes.append(round(size, 1))
        size -= 0.5
    return sizes or [min_pt]


def largest_fitting_size(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str,
                         max_pt: float, min_pt: float, spacing: float = 0.0, whole_words: bool = False) -> float:
    """The largest half-point size from ``max_pt`` down to ``min_pt`` at which ``paragraphs`` fit (else ``min_pt``);
    ``whole_words``: fit without breaking a word between its letters."""
    sizes = _sizes(max_pt, min_pt)  # largest first; fitting is monotonic in the size
    if fits(paragraphs, box, family, sizes[0], spacing, whole_words):
        return sizes[0]
    if not fits(paragraphs, box, family, sizes[-1], spacing, whole_words):
        return min_pt
    return _search(paragraphs, box, family, sizes, spacing, whole_words)


def _search(paragraphs: tuple[Paragraph, ...] | list[Paragraph], box: Box, family: str, sizes: list[float],
            spacing: float = 0.0, whole_words: bool = False) -> float:
    """Binary search of ``sizes`` (largest first) where the last fits and the first does not."""
    low, high = 0, len(sizes) - 1  # sizes[high] fits, sizes[low] does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(paragraphs, box, family, sizes[middle], spacing, whole_words):
            high = middle
        else:
            low = middle
    return sizes[high]


def fit_groups(groups: list[Group], box: Box, family: str, max_pt: float, min_pt: float,
               spacing: float = 0.0) -> FitResult:
    """Choose a size for ``groups`` in ``box``; split into pages at ``min_pt`` if needed."""
    flat = [p for g in groups for p in g]
    if not flat:
        return FitResult(max_pt, ((),))
    sizes = _sizes(max_pt, min_pt)
    if fits(flat, box, family, sizes[0], spacing):
        return FitResult(sizes[0], (tuple(flat),))
    if not fits(flat, box, family, min_pt, spacing):
        groups = [tuple(q for p in g for q in _split_tall(p, box, family, min_pt, spacing)) for g in groups]
        pages = _balanced(groups, box, family, min_pt, spacing)
        page_sizes = tuple(largest_fitting_size(page, box, family, max_pt, min_pt, spacing) for page in pages)
        return FitResult(min(page_sizes), tuple(pages), page_sizes)
    return FitResult(_search(flat, box, family, sizes, spacing), (tuple(flat),))


def _split_tall(paragraph: Paragraph, box: Box, family: str, size: float, spacing: float) -> list[Paragraph]:
    """A paragraph taller than the whole box, cut between its lines into paragraphs that each fit."""
    width, available = _inner(box)
    if paragraph_height(paragraph, family, size, width, True, spacing) <= available:
        return [paragraph]
    lsize = textstyle.level_size(size, paragraph.level)
    wrap = column_width(width, paragraph.level, paragraph.bullet) * WIDTH_SAFETY
    per_line = lsize * line_height_em(paragraph.runs, family) * textstyle.LINE_SPACING_PCT / 100
    lines = line_breaks(paragraph.runs, family, lsize, wrap, spacing)
    fit = max(1, int(available // per_line))
    parts = []
    for start in range(0, len(lines), fit):
        runs: list[Run] = []
        for number, line in enumerate(lines[start:start + fit]):
            if number and runs:  # the space the line break swallowed
                runs[-1] = replace(runs[-1], text=runs[-1].text + " ")
            runs += [replace(piece.run, text=piece.text) for piece in line]
        parts.append(Paragraph(tuple(runs), paragraph.level, paragraph.bullet and start == 0))
    return parts


def _balanced(groups: list[Group], box: Box, family: str, size: float, spacing: float) -> list[tuple[Paragraph, ...]]:
    """As few pages as the groups need at ``size``, filled as evenly as that count allows.

    The groups are partitioned over the page count of a greedy fill so that the page
    heights are as even as possible (least sum of squares, by dynamic programming on group
    heights), every page within the box. A group taller than a page leaves the greedy fill
    as it is (it is split between paragraphs there).
    """
    width, available = _inner(box)
    fewest = _paginate(groups, box, family, size, available, spacing)
    count = len(fewest)
    tall = [sum(paragraph_height(p, family, size, width, False, spacing) for p in g) for g in groups]
    lead = [paragraph_height(g[0], family, size, width, False, spacing)
            - paragraph_height(g[0], family, size, width, True, spacing) for g in groups]
    if count < 2 or max(t - head for t, head in zip(tall, lead)) > available:
        return fewest
    prefix = [0.0]
    for height in tall:
        prefix.append(prefix[-1] + height)
    n = len(groups)
    cost = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(j - 1, k - 2, -1):
                height = prefix[j] - prefix[i] - lead[i]
                if height > available:
                    break  # longer ranges only get taller
                total = cost[k - 1][i] + height * height
                if total < cost[k][j]:
                    cost[k][j], cut[k][j] = total, i
    if cost[count][n] == float("inf"):
        return fewest
    bounds, j = [], n
    for k in range(count, 0, -1):
        bounds.append((cut[k][j], j))
        j = cut[k][j]
    return [tuple(p for g in groups[i:j] for p in g) for i, j in reversed(bounds)]


def _paginate(groups: list[Group], box: Box, family: str, size: float,
              capacity: float, spacing: float) -> list[tuple[Paragraph, ...]]:
    """Pages filled up to ``capacity`` points (a group that fits a page is never split)."""
    width, available = _inner(box)
    pages: list[list[Paragraph]] = [[]]
    used = 0.0
    for group in groups:
        height = sum(paragraph_height(p, family, size, width, i == 0 and not pages[-1], spacing)
                     for i, p in enumerate(group))
        if pages[-1] and used + height > capacity:
            pages.append([])
            used = 0.0
            height = sum(paragraph_height(p, family, size, width, i == 0, spacing) for i, p in enumerate(group))
        if height <= available:
            pages[-1].extend(group)
            used += height
            continue
        for paragraph in group:  # a single group taller than a page: split between paragraphs
            h = paragraph_height(paragraph, family, size, width, not pages[-1], spacing)
            if pages[-1] and used + h > capacity:
                pages.append([])
                used = 0.0
                h = paragraph_height(paragraph, family, size, width, True, spacing)
            pages[-1].append(paragraph)
            used += h
    return [tuple(page) for page in pages if page]
