"""A deck's shapes matched to what was exported, and their paragraphs aligned.

Shapes are matched to the exported ones (*blocks*) by the key in their name, else — after
LibreOffice renamed them — by their text, else to the one block of the same exported slide
still unmatched; paragraphs within a shape are aligned by text (by likeness where a run of
them changed length, so a paragraph typed next to a reworded one does not take its place).
"""

from __future__ import annotations

import difflib
from collections import Counter

from briefing_builder.deckimport.deck_file import DeckContent, DeckShape, DeckSlide
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.render.deck_provenance import Baseline, Block, normalise

TITLES = ("title", "ctrTitle")
#: Placeholders the app fills on every slide (footer, slide number, date).
FURNITURE = ("ftr", "sldNum", "dt")


def shape_texts(shape: DeckShape) -> list[str]:
    """How a shape's paragraphs compare: markup, but plain text in a title (LibreOffice writes the
    layout's bold into every title run; a title field holds no markup)."""
    if shape.placeholder in TITLES:
        return [normalise(p.text) for p in shape.paragraphs]
    return [p.markup() for p in shape.paragraphs]


def sent_texts(block: Block, title: bool) -> list[str]:
    return [normalise(plain_text(parse_markup(p[0]))) if title else p[0] for p in block.paragraphs]


def is_generated(shape: DeckShape, baseline: Baseline) -> bool:
    texts = {normalise(t) for t in baseline.generated}
    return shape.placeholder in FURNITURE or all(
        normalise(p.text) in texts or normalise(p.text).isdigit() for p in shape.paragraphs)


Placed = tuple[int, DeckShape]  # (slide number in the deck, shape)


def match_shapes(deck: DeckContent, baseline: Baseline) -> tuple[dict[str, list[Placed]], list[Placed], dict[int, int]]:
    """Deck shapes per block key, the shapes that match no block, and each deck slide's exported
    slide (the one most of its shapes came from; none for a new slide).

    A shape is matched by the key in its name; else by its text (most of its paragraphs
    are a block's); else — a title or a body reworded after LibreOffice renamed it — to
    the one block of the same exported slide still unmatched.
    """
    by_key = {block.key: block for block in baseline.blocks}
    by_slide: dict[int, list[Block]] = {}
    for block in baseline.blocks:
        by_slide.setdefault(block.slide, []).append(block)
    owners: dict[str, list[str]] = {}  # a paragraph's text → the blocks that have it (made when first needed)
    found: dict[str, list[Placed]] = {}
    loose: list[Placed] = []
    slide_homes: dict[int, int] = {}
    for slide in deck.slides:
        homes: Counter[int] = Counter()
        pending: list[DeckShape] = []
        for shape in slide.shapes:
            key = shape.key if shape.key in by_key else None
            if key is None and shape.placeholder in FURNITURE:
                continue  # an unnamed footer or slide number: the app's, and its text is also a subtitle's
            if key is None and shape.paragraphs:
                if not owners:
                    for block in baseline.blocks:
                        for text in set(sent_texts(block, False)) | set(sent_texts(block, True)):
                            owners.setdefault(text, []).append(block.key)
                texts = shape_texts(shape)
                votes = Counter(k for text in set(texts) for k in owners.get(text, ()))
                best = max(votes.items(), key=lambda kv: (kv[1], kv[0] not in found), default=None)
                key = best[0] if best is not None and 2 * best[1] >= len(texts) else None
            if key is not None:
                found.setdefault(key, []).append((slide.number, shape))
                homes[by_key[key].slide] += 1
            elif shape.paragraphs:
                pending.append(shape)
        home = homes.most_common(1)[0][0] if homes else None
        if home is not None:
            slide_homes[slide.number] = home
        for shape in pending:
            if is_generated(shape, baseline):
                continue
            title = shape.placeholder in TITLES
            left = [b for b in (by_slide.get(home, []) if home is not None else [])
                    if b.key not in found and any(p[2] for p in b.paragraphs) and is_title_block(b) == title]
            if not left and not title and home is not None:
                left = _unsourced_block(by_slide.get(home, []), found, slide)
            if len(left) == 1:
                found[left[0].key] = [(slide.number, shape)]
            else:
                loose.append((slide.number, shape))
    return found, loose, slide_homes


def _unsourced_block(blocks: list[Block], found: dict[str, list[Placed]], slide: DeckSlide) -> list[Block]:
    """The exported block of no source (a title slide's subtitle, made from the meeting) a reworded,
    renamed shape of ``slide`` stands for: the first of its slide's unmatched ones, when the others
    are as many as the slide's footers (the app writes footers after the slide's text)."""
    spare = sorted((b for b in blocks if b.key not in found and not any(p[2] for p in b.paragraphs)
                    and not is_title_block(b) and not all(normalise(p[0]).isdigit() for p in b.paragraphs)),
                   key=lambda b: [int(part) for part in b.key.split(".") if part.isdigit()])
    footers = sum(shape.placeholder in ("ftr", "dt") for shape in slide.shapes if shape.key is None)
    return spare[:1] if spare and len(spare) == footers + 1 else []


def is_title_block(block: Block) -> bool:
    return len(block.paragraphs) == 1 and normalise(plain_text(parse_markup(block.paragraphs[0][0]))) == \
        normalise(block.title)


def unlike(block: Block, shape: DeckShape) -> bool:
    """True when most of ``shape``'s paragraphs resemble none of ``block``'s (a copied shape retyped)."""
    sent = [text.split() for text in sent_texts(block, shape.placeholder in TITLES)]
    texts = shape_texts(shape)
    alike = sum(any(difflib.SequenceMatcher(None, words, text.split(), autojunk=False).ratio() >= SIMILAR
                    for words in sent) for text in texts)
    return 2 * alike < len(texts)


def align(block: Block, shape: DeckShape) -> list[tuple[int | None, int | None]]:
    a = sent_texts(block, shape.placeholder in TITLES)
    b = shape_texts(shape)
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 != j2 - j1:
            pairs.extend(pair_similar(a, b, i1, i2, j1, j2))
        elif op == "equal" or op == "replace":
            n = min(i2 - i1, j2 - j1)
            pairs.extend((i1 + k, j1 + k) for k in range(n))
            pairs.extend((i, None) for i in range(i1 + n, i2))
            pairs.extend((None, j) for j in range(j1 + n, j2))
        elif op == "delete":
            pairs.extend((i, None) for i in range(i1, i2))
        else:
            pairs.extend((None, j) for j in range(j1, j2))
    return pairs


SIMILAR = 0.5  # a reworded paragraph keeps at least half its words in order


def pair_similar(a: list[str], b: list[str], i1: int, i2: int, j1: int,
                  j2: int) -> list[tuple[int | None, int | None]]:
    """Exported paragraphs ``a[i1:i2]`` paired, in order, with the deck's ``b[j1:j2]`` they most resemble
    (a paragraph typed next to a reworded one must not take its place); the rest deleted or added,
    in deck order. Positional when nothing resembles anything."""
    matched: dict[int, int] = {}  # deck paragraph → exported paragraph
    start = j1
    for i in range(i1, i2):
        words = a[i].split()
        split = next((j for j in range(start, j2 - 1) if (b[j] + " " + b[j + 1]).split() == words), None)
        if split is not None:  # split in two with Enter: the first half keeps the record, the second is new
            matched[split] = i
            start = split + 2
            continue
        scores = [(difflib.SequenceMatcher(None, words, b[j].split(), autojunk=False).ratio(), -j, j)
                  for j in range(start, j2)]
        best = max(scores, default=None)
        if best is not None and best[0] >= SIMILAR:
            matched[best[2]] = i
            start = best[2] + 1
    if not matched:
        n = min(i2 - i1, j2 - j1)
        return [(i1 + k, j1 + k) for k in range(n)] + [(i, None) for i in range(i1 + n, i2)] + \
            [(None, j) for j in range(j1 + n, j2)]
    out: list[tuple[int | None, int | None]] = []
    next_i = i1
    for j in range(j1, j2):
        if j in matched:
            out.extend((i, None) for i in range(next_i, matched[j]))
            out.append((matched[j], j))
            next_i = matched[j] + 1
        else:
            out.append((None, j))
    return out + [(i, None) for i in range(next_i, i2)]
