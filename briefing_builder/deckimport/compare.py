"""Compare a deck with what was exported and with the store now (three-way), record by record.

Shapes are matched to the exported ones (*blocks*) by the key in their name, else — after
LibreOffice renamed them — by their text; paragraphs within a shape are aligned by text,
so moved slides, copied slides and re-saved decks report nothing. A paragraph whose
source is empty was made by the app (agenda numbers, "(cont.)" titles, footers, slide
numbers, the marking) and is never an edit. Deleted slides and bullets are reported and
never removed from the store; text in new shapes or slides is listed as new content.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_builder.annex.changes import ChangeSet, FieldChange, in_shown_language
from briefing_builder.annex.merge import Verdict
from briefing_builder.compose.drafts import PACK_TEXT
from briefing_builder.compose.provenance import (
    LIST_FIELDS, RecordIndex, field_value, owner, record, record_index, split,
)
from briefing_builder.deckimport.deck_file import DeckContent, DeckShape, read_deck
from briefing_builder.markup import parse_markup, plain_text, to_markup
from briefing_builder.render.deck_provenance import (
    DECK_PROPERTY, Baseline, Block, baseline_from_properties, normalise,
)
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import localised
from briefing_builder.store.writer import file_hash, record_line

NOT_MADE = ("was not made by Briefing Builder (it carries none of the app's provenance), so there is nothing "
            "to import; edit the library in the app instead.")
STRIPPED = ("was made by Briefing Builder, but its provenance was stripped (the record each paragraph came from "
            "is no longer in the file), so its edits cannot be read back; edit the library in the app instead.")
_FIELD_NAMES = {"text": "text", "sub_points": "sub-points", "main_goals": "main goals", "title": "title",
                "slide_title": "slide title", "cooperation_areas": "cooperation areas", "summary": "summary",
                "intro": "introduction", "relationship": "relationship", "notes": "notes"}


class NotImportable(Exception):
    """The deck cannot be compared (not the app's, or its provenance is gone); the message says which."""


@dataclass
class DeckChanges(ChangeSet):
    """A deck's change set: the edits (proposals, conflicts), and what is reported only."""

    deleted: list[str] = field(default_factory=list)
    new_content: list[str] = field(default_factory=list)

    def lines(self, base: Path | None = None) -> list[str]:
        """A readable report of the import."""
        out = [f"Deck {self.annex} (pack {self.pack_id})",
               f"Edits: {len(self.proposals)} ({sum(e.applicable for e in self.proposals)} can be applied); "
               f"conflicts with the store: {len(self.conflicts)}"]
        for edit in self.proposals + self.conflicts:
            where = (edit.path.name + (f":{edit.line}" if edit.line else "")) if edit.path else "?"
            out.append(f"  {edit.kind.value}: {edit.record_id} · {edit.column} ({edit.where}; {where})")
            if edit.kind is Verdict.CONFLICT:
                out.append(f"    exported: {edit.sent}")
                out.append(f"    store:    {edit.old}")
                out.append(f"    deck:     {edit.new}")
            else:
                out.append(f"    {word_diff(edit.old, edit.new)}")
            if edit.reason:
                out.append(f"    not applied: {edit.reason}")
        out.append(f"Deleted in the deck (the library keeps them): {len(self.deleted)}")
        out.extend(f"  {line}" for line in self.deleted)
        out.append(f"New content, not in the library: {len(self.new_content)}")
        out.extend(f"  {line}" for line in self.new_content)
        return out


def word_diff(old: str, new: str) -> str:
    """``old`` → ``new`` word by word: ``[-removed-]`` and ``{+added+}``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def read_changes(path: Path, catalog: Catalog) -> DeckChanges:
    """What the deck at ``path`` changed (see module doc); :class:`NotImportable` or DeckFileError."""
    deck = read_deck(path)
    baseline = baseline_from_properties(deck.properties)
    keyed = any(shape.key for slide in deck.slides for shape in slide.shapes)
    if baseline is None:
        raise NotImportable(f"{path} " + (STRIPPED if keyed or DECK_PROPERTY in deck.properties else NOT_MADE))
    return compare(deck, baseline, catalog)


_TITLES = ("title", "ctrTitle")


def _texts(shape: DeckShape) -> list[str]:
    """How a shape's paragraphs compare: markup, but plain text in a title (LibreOffice writes the
    layout's bold into every title run; a title field holds no markup)."""
    if shape.placeholder in _TITLES:
        return [normalise(p.text) for p in shape.paragraphs]
    return [p.markup() for p in shape.paragraphs]


def _sent(block: Block, title: bool) -> list[str]:
    return [normalise(plain_text(parse_markup(p[0]))) if title else p[0] for p in block.paragraphs]


def _generated(shape: DeckShape, baseline: Baseline) -> bool:
    texts = {normalise(t) for t in baseline.generated}
    return shape.placeholder in ("ftr", "sldNum", "dt") or all(
        normalise(p.text) in texts or normalise(p.text).isdigit() for p in shape.paragraphs)


Placed = tuple[int, DeckShape]  # (slide number in the deck, shape)


def _match(deck: DeckContent, baseline: Baseline) -> tuple[dict[str, list[Placed]], list[Placed]]:
    """Deck shapes per block key, and the shapes that match no block.

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
    for slide in deck.slides:
        homes: Counter[int] = Counter()
        pending: list[DeckShape] = []
        for shape in slide.shapes:
            key = shape.key if shape.key in by_key else None
            if key is None and shape.paragraphs:
                if not owners:
                    for block in baseline.blocks:
                        for text in set(_sent(block, False)) | set(_sent(block, True)):
                            owners.setdefault(text, []).append(block.key)
                texts = _texts(shape)
                votes = Counter(k for text in set(texts) for k in owners.get(text, ()))
                best = max(votes.items(), key=lambda kv: (kv[1], kv[0] not in found), default=None)
                key = best[0] if best is not None and 2 * best[1] >= len(texts) else None
            if key is not None:
                found.setdefault(key, []).append((slide.number, shape))
                homes[by_key[key].slide] += 1
            elif shape.paragraphs:
                pending.append(shape)
        home = homes.most_common(1)[0][0] if homes else None
        for shape in pending:
            if _generated(shape, baseline):
                continue
            title = shape.placeholder in _TITLES
            left = [b for b in by_slide.get(home, []) if b.key not in found and any(p[2] for p in b.paragraphs)
                    and _is_title(b) == title]
            if len(left) == 1:
                found[left[0].key] = [(slide.number, shape)]
            else:
                loose.append((slide.number, shape))
    return found, loose


def _is_title(block: Block) -> bool:
    return len(block.paragraphs) == 1 and normalise(plain_text(parse_markup(block.paragraphs[0][0]))) == \
        normalise(block.title)


def compare(deck: DeckContent, baseline: Baseline, catalog: Catalog) -> DeckChanges:
    """The change set of ``deck`` against ``baseline`` and the store ``catalog``."""
    changes = DeckChanges(deck.path, baseline.pack_id)
    pack = catalog.packs.get(baseline.pack_id)
    language = pack.meeting.language if pack is not None else catalog.meta.language
    shown = localised(catalog, language).catalog  # the deck shows the store in the pack's language
    index = record_index(shown)
    found, loose = _match(deck, baseline)
    slides_seen = {block.slide for block in baseline.blocks if block.key in found}
    titles = {block.slide: block.title for block in baseline.blocks}
    for number in sorted(set(titles) - slides_seen):
        changes.deleted.append(f"slide {number} “{titles[number]}” is not in the deck")
    for block in baseline.blocks:
        if block.key not in found or block.slide not in slides_seen:
            continue
        candidates = found[block.key]
        edited = [c for c in candidates if _texts(c[1]) != _sent(block, c[1].placeholder in _TITLES)]
        number, shape = (edited or candidates)[0]
        _compare_block(block, number, shape, baseline, catalog, index, changes)
    for number, shape in loose:
        for paragraph in shape.paragraphs:
            changes.new_content.append(f"slide {number}: {paragraph.markup()}")
    for path_ in {e.path for e in changes.edits if e.path is not None}:
        changes.file_hashes[path_] = file_hash(path_)
    return changes


def _align(block: Block, shape: DeckShape) -> list[tuple[int | None, int | None]]:
    a = _sent(block, shape.placeholder in _TITLES)
    b = _texts(shape)
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal" or op == "replace":
            n = min(i2 - i1, j2 - j1)
            pairs.extend((i1 + k, j1 + k) for k in range(n))
            pairs.extend((i, None) for i in range(i1 + n, i2))
            pairs.extend((None, j) for j in range(j1 + n, j2))
        elif op == "delete":
            pairs.extend((i, None) for i in range(i1, i2))
        else:
            pairs.extend((None, j) for j in range(j1, j2))
    return pairs


def _compare_block(block: Block, number: int, shape: DeckShape, baseline: Baseline, catalog: Catalog,
                   index: RecordIndex, changes: DeckChanges) -> None:
    where = f"slide {number}"
    title = shape.placeholder in _TITLES
    points: dict[str, list[tuple[int, str]]] = {}  # list source → the deck's items, in deck order
    after: str | None = None  # where a paragraph added after the previous one belongs (a list source)
    owner_level = 0
    for bi, di in _align(block, shape):
        base = block.paragraphs[bi] if bi is not None else None
        read = shape.paragraphs[di] if di is not None else None
        source = base[2] if base else ""
        if source.startswith(PACK_TEXT + ":"):
            if read is None or read.markup() != base[0]:  # type: ignore[index]
                what = "deleted" if read is None else f"now “{read.markup()}”"
                changes.new_content.append(f"{where}: the pack's own text (section {split(source)[1]}; edit it in "
                                           f"the pack, not the library): “{base[0]}” {what}")  # type: ignore[index]
            continue
        if base is not None and source:
            record_id, name = split(source)
            if name in LIST_FIELDS:
                points.setdefault(source, [])
                if read is not None:
                    points[source].append((read.level, read.markup()))
                    after = source
            elif read is None:
                changes.deleted.append(f"{where}: the bullet “{_skip(base[0], base[3])}” ({record_id} · "
                                       f"{_FIELD_NAMES.get(name, name)}) was deleted")
            else:
                old, new = _skip(base[0], base[3]), read.markup(base[3])
                if title:
                    old, new = normalise(plain_text(parse_markup(old))), normalise(read.text[base[3]:])
                if old != new:
                    _edit(changes, catalog, index, baseline, source, old, new, new, where)
            if read is not None and name not in LIST_FIELDS:
                has_points = name == "text" and hasattr(record(index, record_id), "sub_points")
                after, owner_level = (f"{record_id}:sub_points" if has_points else None), read.level
        elif base is None and read is not None:
            if after and (after.endswith(":cooperation_areas") or read.level > owner_level):
                points.setdefault(after, []).append((read.level, read.markup()))
            else:
                changes.new_content.append(f"{where}: {read.markup()}")
                after = None
        elif base is not None and read is not None:
            after = None  # a paragraph the app made (a label, a heading) ends the list before it
    sent_points: dict[str, list[tuple[int, str]]] = {p[2]: [] for p in block.paragraphs
                                                     if split(p[2])[1] in LIST_FIELDS}
    for p in block.paragraphs:
        if p[2] in sent_points:
            sent_points[p[2]].append((p[1], p[0]))
    for source, deck_points in points.items():
        before = sent_points.get(source, [])
        if deck_points == before:
            continue
        base_level = min((lvl for lvl, _ in before + deck_points), default=0)
        raw = {markup: item[1] for (_, markup), item in zip(before, baseline.values.get(source) or [])
               if isinstance(item, list)}
        value = [raw.get(text, text) for _, text in deck_points]  # unchanged items keep their store text
        reason = "" if all(lvl == base_level for lvl, _ in deck_points) else \
            "the sub-points now have sub-points of their own; edit them in the library"
        old = " | ".join(t for _, t in before)
        new = " | ".join(t for _, t in deck_points)
        label = _describe(before, deck_points, _FIELD_NAMES.get(split(source)[1], "items"))
        _edit(changes, catalog, index, baseline, source, old, new, value, where, label, reason)


def _describe(before: list[tuple[int, str]], after: list[tuple[int, str]], label: str) -> str:
    old, new = [t for _, t in before], [t for _, t in after]
    parts = []
    added = [t for t in new if t not in old]
    removed = [t for t in old if t not in new]
    if added:
        parts.append(f"{len(added)} added")
    if removed:
        parts.append(f"{len(removed)} removed or reworded")
    if not added and not removed:
        parts.append("reordered" if sorted(old) == sorted(new) else "levels changed")
    return f"{label} " + ", ".join(parts)


def _skip(markup: str, lead: int) -> str:
    runs = parse_markup(markup)
    from briefing_builder.render.deck_provenance import ReadParagraph

    return ReadParagraph(runs, 0).markup(lead)


def _edit(changes: DeckChanges, catalog: Catalog, index: RecordIndex, baseline: Baseline, source: str, old: str,
          new: str, value: Any, where: str, column: str = "", reason: str = "") -> None:
    record_id, name = split(source)
    now = field_value(index, source)
    if _as_read(now) == _as_read(value):
        return  # the store already says what the deck says (applied before, or edited alike)
    found, file_owner = owner(index, record_id)
    change = FieldChange(record_id, where, column or _FIELD_NAMES.get(name, name), old, new, field=name,
                         value=value, reason=reason, model=found)
    pack = catalog.packs.get(baseline.pack_id)
    if pack is not None:  # the record as stored: an edit of its French text goes to its French text
        change.model = owner(record_index(catalog), record_id)[0] if found is not None else None
        in_shown_language(change, pack.meeting.language)
        change.model = found
    sent = baseline.values.get(source)
    change.sent = _shown(sent)
    origin = catalog.origins.get(file_owner)
    if found is None or origin is None:
        change.reason = change.reason or f"'{record_id}' is no longer in the store"
    else:
        change.path = origin.path
        change.line = origin.line if file_owner == record_id else record_line(origin.path, record_id)
    if "." in name:
        change.reason = change.reason or (f"a table cell made from {name.split('.')[0]}; edit it in "
                                          f"{change.path.name if change.path else 'the store'} by hand")
    if now != sent:
        change.kind = Verdict.CONFLICT
        change.old = _shown(now)
        change.reason = change.reason or "the store changed this field since the deck was exported"
    elif isinstance(sent, str) and any(r.ref is not None or r.link for r in parse_markup(sent)):
        change.reason = change.reason or ("the text has cross-references or links, which the deck shows as "
                                          "slide numbers and names; edit it in the library")
    if isinstance(value, str) and not value and name in ("text", "title"):
        change.reason = change.reason or "this field cannot be empty"
    changes.edits.append(change)


def _as_read(value: Any) -> Any:
    """A store value (or a deck's proposed value) as the deck reads it: markup normalised."""
    if isinstance(value, list):
        return [_as_read(item[1] if isinstance(item, list) else item) for item in value]
    return normalise(to_markup(parse_markup(value))) if isinstance(value, str) else value


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(str(item[1]) if isinstance(item, list) else str(item) for item in value)
    return "" if value is None else str(value)
