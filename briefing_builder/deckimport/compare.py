"""Compare a deck with what was exported and with the store now (three-way), record by record.

Shapes and paragraphs are matched to what was exported by :mod:`.match`, so moved slides,
copied slides and re-saved decks report nothing. A paragraph whose source is empty was made
by the app (agenda numbers, "(cont.)" titles, footers, slide numbers, the marking) and is
never an edit. New paragraphs, text boxes and slides become the new measures and sections of
:mod:`.structure`, and a deleted measure its removal — each offered, never applied unasked;
deleted slides are reported and the library keeps them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from briefing_builder.annex.changes import FieldChange, in_shown_language
from briefing_builder.annex.merge import Verdict
from briefing_builder.compose.drafts import PACK_TEXT
from briefing_builder.compose.provenance import (
    LIST_FIELDS,
    RecordIndex,
    field_value,
    owner,
    record,
    record_index,
    split,
)
from briefing_builder.deckimport.baseline_copy import find_baseline
from briefing_builder.deckimport.changes import (
    FIELD_NAMES,
    NOT_MADE,
    RENAMED,
    STRIPPED,
    DeckChanges,
    NotImportable,
    field_name,
)
from briefing_builder.deckimport.copies import copies_disagree, other_versions
from briefing_builder.deckimport.deck_file import DeckContent, DeckShape, read_deck
from briefing_builder.deckimport.field_lines import field_lines
from briefing_builder.deckimport.lists import describe_list, list_value, moves, reorder
from briefing_builder.deckimport.match import (
    TITLES,
    align,
    match_shapes,
    sent_texts,
    shape_texts,
    unlike,
)
from briefing_builder.deckimport.meeting import meeting_texts
from briefing_builder.deckimport.relink import REFUSED, has_links, relink
from briefing_builder.deckimport.slides import pack_texts, place_loose, slide_sections, without_foreign_slides
from briefing_builder.deckimport.structure import Planner, Point, StructureChange, missing
from briefing_builder.deckimport.tables import cell_fields, edited_cell, sourced_value, table_rows
from briefing_builder.errors import Do, Hint, Location
from briefing_builder.markup import parse_markup, plain_text, to_markup
from briefing_builder.render.deck_provenance import (
    DECK_PROPERTY,
    Baseline,
    Block,
    ReadParagraph,
    normalise,
)
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.localise import localised
from briefing_builder.store.schema import Area
from briefing_builder.store.writer import (
    FieldEdit,
    Reorder,
    check_edit,
    file_hash,
    record_line,
)


def read_changes(path: Path, catalog: Catalog) -> DeckChanges:
    """What the deck at ``path`` changed (see module doc); :class:`NotImportable` or DeckFileError."""
    deck = read_deck(path)
    found = find_baseline(deck.properties, catalog)
    baseline = found.baseline
    keyed = any(shape.key for slide in deck.slides for shape in slide.shapes)
    if baseline is None:
        raise NotImportable(f"{path} " + (STRIPPED if keyed or DECK_PROPERTY in deck.properties else NOT_MADE))
    if baseline.pack_id not in catalog.packs:
        raise NotImportable(f"this deck was exported for the pack '{baseline.pack_id}', which the store "
                            f"{catalog.root} does not have, so its edits cannot be read back here;",
                            Location(Path(path)),
                            Hint("use the store it was exported from.", Do.CHOOSE_STORE,
                                 (("pack", baseline.pack_id),)))
    changes = compare(deck, baseline, catalog)
    changes.baseline = f"Compared with what was exported (the baseline in {found.source})."
    return changes


def compare(deck: DeckContent, baseline: Baseline, catalog: Catalog) -> DeckChanges:
    """The change set of ``deck`` against ``baseline`` and the store ``catalog``."""
    changes = DeckChanges(deck.path, baseline.pack_id, store=catalog.root)
    pack = catalog.packs.get(baseline.pack_id)
    language = pack.meeting.language if pack is not None else catalog.meta.language
    shown = localised(catalog, language).catalog  # the deck shows the store in the pack's language
    index = record_index(shown)
    planner = Planner(catalog, index, baseline.pack_id)
    deck = without_foreign_slides(deck, baseline, changes)
    found, loose, homes = match_shapes(deck, baseline)
    slides_seen = {block.slide for block in baseline.blocks if block.key in found}
    titles = {block.slide: block.title for block in baseline.blocks}
    for number in sorted(set(titles) - slides_seen):
        changes.deleted.append(f"slide {number} “{titles[number]}” is not in the deck")
    rows = table_rows(baseline)
    sections = slide_sections(baseline, catalog, index)
    for block in baseline.blocks:
        if block.key not in found or block.slide not in slides_seen:
            continue
        if block.key in rows:
            cell = edited_cell(found[block.key], block)
            if cell is not None:
                number, markup = cell
                exported = " ".join(p[0] for p in block.paragraphs)
                for part in cell_fields(block, rows[block.key], markup, index):  # each field shown as a value
                    old, new = (exported, markup) if part.reason else (_shown(part.sent), _shown(part.value))
                    _edit(changes, catalog, index, baseline, part.source, old, new, part.value, f"slide {number}",
                          reason=part.reason, sent=part.sent)
            continue
        candidates = found[block.key]
        edited = [c for c in candidates if shape_texts(c[1]) != sent_texts(block, c[1].placeholder in TITLES)]
        if len(edited) < len(candidates):  # the original is intact: a copy retyped with other text is new text
            retyped = [c for c in edited if unlike(block, c[1])]
            loose.extend(retyped)
            edited = [c for c in edited if c not in retyped]
            candidates = [c for c in candidates if c not in retyped]
        number, shape = (edited or candidates)[0]
        if meeting_texts(block, number, shape, planner, changes):
            continue
        count = len(changes.edits)
        _compare_block(block, number, shape, baseline, catalog, index, changes, planner)
        others = []
        for other_number, other in other_versions(edited):  # the field edits of each other way a copy reads
            scratch = DeckChanges(deck.path, baseline.pack_id, store=catalog.root)
            _compare_block(block, other_number, other, baseline, catalog, index, scratch,
                           Planner(catalog, index, baseline.pack_id))
            others.append((scratch.edits, scratch.removals))
        if others:
            copies_disagree(changes, count, others)
        pack_texts(block, number, shape, sections.get(block.slide, -1), planner, changes)
    place_loose(deck, baseline, loose, homes, index, planner)
    changes.structure = planner.finished({p.markup() for slide in deck.slides for shape in slide.shapes
                                          for p in shape.paragraphs})
    changes.moved = planner.moved
    keys = {block.key for block in baseline.blocks}
    shapes = [shape for slide in deck.slides for shape in slide.shapes if shape.paragraphs]
    unkeyed = sum(shape.key not in keys for shape in shapes)
    if baseline.blocks and shapes and 2 * unkeyed > len(shapes):
        changes.notes.append(RENAMED.format(unkeyed, len(shapes)))
    for diagnostic in catalog.errors:
        if diagnostic.message.startswith("YAML syntax error"):
            changes.notes.append(f"Note: {diagnostic.path}:{diagnostic.line}: {diagnostic.message} — fix it "
                                 "first: the records of that file could not be compared.")
    field_lines(changes.edits)
    paths = {e.path for e in changes.edits} | {c.path for c in changes.structure}
    if any(c.section >= 0 for c in changes.structure):
        paths.add(catalog.pack_path(baseline.pack_id))
    for path_ in paths:
        if path_ is not None:
            changes.file_hashes[path_] = file_hash(path_)
    return changes


def _compare_block(block: Block, number: int, shape: DeckShape, baseline: Baseline, catalog: Catalog,
                   index: RecordIndex, changes: DeckChanges, planner: Planner) -> None:
    where = f"slide {number}"
    title = shape.placeholder in TITLES
    points: dict[str, list[tuple[int, str]]] = {}  # list source → the deck's items, in deck order
    after: str | None = None  # where a paragraph added after the previous one belongs (a list source)
    owner_level = 0
    last_record: str | None = None  # the record of the last paragraph the app wrote
    leading: list[Point] = []  # paragraphs typed before the shape's first record
    added: StructureChange | None = None  # the new measure deeper new paragraphs belong to
    pairs = align(block, shape)
    for at, (bi, di) in enumerate(pairs):
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
            if read is not None and read.level != base[1]:
                _level_changed(changes, where, record_id, name, base, read.level)
            if leading and last_record is None and _place_leading(planner, where, leading, record_id):
                leading = []
            last_record, added = record_id, None
            if name in LIST_FIELDS:
                points.setdefault(source, [])
                if read is not None:
                    points[source].append((read.level, read.markup()))
                    after = source
            elif read is None and name == "text" and record_id in planner.area_of:
                changed = _as_read(field_value(index, source)) != _as_read(baseline.values.get(source))
                planner.remove_measure(where, record_id, _skip(base[0], base[3]), changed)
            elif read is None:
                changes.deleted.append(f"{where}: the bullet “{_skip(base[0], base[3])}” ({record_id} · "
                                       f"{FIELD_NAMES.get(name, name)}) was deleted")
            else:
                lead = _lead(base[0], base[3], read)
                old, new = _skip(base[0], base[3]), read.markup(lead)
                if title:
                    old, new = normalise(plain_text(parse_markup(old))), normalise(read.text[lead:])
                if old != new:
                    _edit(changes, catalog, index, baseline, source, old, new, sourced_value(name, new), where)
            if read is not None and name not in LIST_FIELDS:
                has_points = name == "text" and hasattr(record(index, record_id), "sub_points")
                after, owner_level = (f"{record_id}:sub_points" if has_points else None), read.level
        elif base is None and read is not None and last_record is None:
            leading.append((read.level, read.markup()))  # before the shape's first record: placed by the next
        elif base is None and read is not None:
            heads = _list_ahead(block, pairs, at, read.level) if not after else None
            if after and (after.endswith(":cooperation_areas") or read.level > owner_level):
                points.setdefault(after, []).append((read.level, read.markup()))
            elif heads is not None:  # moved or typed above a list's first item (under its label): that list's
                points.setdefault(heads, []).append((read.level, read.markup()))
            elif added is not None and read.level > owner_level:
                added.points.append((read.level, read.markup()))
            else:
                added = _new_measure(planner, index, where, read.markup(), last_record)
                if added is None and read.markup() in planner.measure_texts:
                    planner.pasted(where, read.markup())
                elif added is None:
                    changes.new_content.append(f"{where}: {read.markup()}")
                after = None
        elif base is not None and read is not None:
            after = None  # a paragraph the app made (a label, a heading) ends the list before it
    for _level, text in leading:  # no record followed them
        if text in planner.measure_texts:
            planner.pasted(where, text)
        else:
            changes.new_content.append(f"{where}: {text}")
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
        value, unplaced = list_value([t for _, t in before], [t for _, t in deck_points], raw)
        names = FIELD_NAMES.get(split(source)[1], "items")
        order = reorder(before, deck_points) if len(before) == len(baseline.values.get(source) or []) else None
        if order is not None:  # only moved (the whole list is on this slide): the store's items are moved
            _edit(changes, catalog, index, baseline, source, " | ".join(t for _, t in before),
                  " | ".join(t for _, t in deck_points), Reorder(order), where, f"{names}: {moves(order, names)}",
                  reads=value)
            continue
        reason = "" if all(lvl == base_level for lvl, _ in deck_points) else \
            "the sub-points now have sub-points of their own; edit them in the library"
        reason = reason or (REFUSED.format(", ".join(f"“{t}”" for t in unplaced)) if unplaced else "")
        old = " | ".join(t for _, t in before)
        new = " | ".join(t for _, t in deck_points)
        label, dropped = describe_list(before, deck_points, names)
        count = len(changes.edits)
        _edit(changes, catalog, index, baseline, source, old, new, value, where, label, reason)
        if len(changes.edits) > count and dropped:
            changes.removals.append(changes.edits[-1])  # a sub-point deleted: accepted by name


def _list_ahead(block: Block, pairs: list[tuple[int | None, int | None]], at: int, level: int) -> str | None:
    """The list source (``record:cooperation_areas``) whose first exported item comes next after the
    paragraph at ``at`` of ``pairs``, at ``level``: a paragraph put right above a list's first item."""
    following = next((block.paragraphs[bi] for bi, _di in pairs[at + 1:] if bi is not None), None)
    if following is None or split(following[2])[1] not in LIST_FIELDS or following[1] != level:
        return None
    first = next(p for p in block.paragraphs if p[2] == following[2])
    return following[2] if first is following else None


def _level_changed(changes: DeckChanges, where: str, record_id: str, name: str, base: tuple[str, int, str, int],
                   level: int) -> None:
    """Report a paragraph moved to another indent level (Tab, Shift+Tab): the library's structure is kept."""
    how = "deeper (Tab)" if level > base[1] else "shallower (Shift+Tab)"
    changes.levels.append(f"{where}: “{_skip(base[0], base[3])}” ({record_id} · {FIELD_NAMES.get(name, name)}) "
                          f"moved {abs(level - base[1])} level(s) {how}; not applied — the library keeps its "
                          "structure: make it a sub-point (or a measure) in the library")


def _place_leading(planner: Planner, where: str, leading: list[Point], record_id: str) -> bool:
    """Paragraphs typed at the top of a shape, before ``record_id``'s: new measures right before that
    measure (its area's first, when it is the area's own text), deeper ones their sub-points; False
    (nothing placed) when ``record_id`` is neither a measure nor an area."""
    area_id = planner.area_of.get(record_id)
    after: str | None = None
    if area_id is not None:
        ids = [m.id for m in planner.catalog.areas[area_id].measures]
        at = ids.index(record_id)
        after = ids[at - 1] if at > 0 else None
    elif isinstance(record(planner.index, record_id), Area):
        area_id = record_id
    if area_id is None:
        return False
    planner.new_measures(where, leading, area_id, after, record_id if area_id != record_id else None)
    return True


def _new_measure(planner: Planner, index: RecordIndex, where: str, text: str,
                 last_record: str | None) -> StructureChange | None:
    """A paragraph typed at a measure's level: a new measure after that measure (first in an
    area when it follows the area's main goals); None when it follows no measure or area."""
    if last_record is None:
        return None
    area_id = planner.area_of.get(last_record)
    if area_id is not None:
        return planner.new_measure(where, text, area_id, last_record)
    if isinstance(record(index, last_record), Area):
        return planner.new_measure(where, text, last_record, None)
    return None


def _lead(markup: str, lead: int, read: ReadParagraph) -> int:
    """How many characters of the deck's paragraph ``read`` are the label the app wrote before the
    field's text (the first ``lead`` characters of the exported paragraph ``markup``): the label as typed
    now, with or without the spaces after it (a value retyped as "Label:value" keeps its first letter)."""
    if not lead:
        return 0
    label = ReadParagraph(parse_markup(markup), 0).text[:lead]
    text = read.text
    for candidate in (label, label.rstrip()):
        if candidate and text.startswith(candidate):
            return len(candidate)
    return lead


def _skip(markup: str, lead: int) -> str:
    return ReadParagraph(parse_markup(markup), 0).markup(lead)


_FROM_BASELINE = object()  # the value at export is the baseline's


def _edit(changes: DeckChanges, catalog: Catalog, index: RecordIndex, baseline: Baseline, source: str, old: str,
          new: str, value: Any, where: str, column: str = "", reason: str = "", sent: Any = _FROM_BASELINE,
          reads: Any = None) -> None:
    """The edit of ``source`` the deck makes (``value``; it showed ``old``, now ``new``), three-way: a
    conflict when the store changed it since the export (``sent``: its value then, from the baseline
    unless given). ``reads``: the value as the store would then read, when ``value`` is no value (a reorder)."""
    record_id, name = split(source)
    now = field_value(index, source)
    if _as_read(now) == _as_read(value if reads is None else reads):
        return  # the store already says what the deck says (applied before, or edited alike)
    found, file_owner = owner(index, record_id)
    change = FieldChange(record_id, where, column or field_name(name), old, new, field=name,
                         value=value, reason=reason, model=found)
    pack = catalog.packs.get(baseline.pack_id)
    if pack is not None:  # the record as stored: an edit of its French text goes to its French text
        change.model = owner(record_index(catalog), record_id)[0] if found is not None else None
        in_shown_language(change, pack.meeting.language, document="deck")
        change.model = found
    sent = baseline.values.get(source) if sent is _FROM_BASELINE else sent
    change.sent = _shown(sent)
    origin = catalog.origins.get(file_owner)
    if found is None or origin is None:
        change.reason = change.reason or missing(catalog, f"'{record_id}'")
    else:
        change.path = origin.path
        change.line = origin.line if file_owner == record_id else record_line(origin.path, record_id)
    if isinstance(sent, str) and has_links(sent) and isinstance(value, str):
        kept = relink(sent, old, value)
        if kept is None:
            change.reason = change.reason or REFUSED.format(f"“{new}”")
        else:
            change.value = kept
    if now != sent:  # both changed it: applied only when named with --accept (the deck's text then wins)
        change.kind = Verdict.CONFLICT
        change.old = _shown(now)
    if isinstance(value, str) and not value and name in ("text", "title"):
        change.reason = change.reason or "this field cannot be empty"
    if change.applicable and change.path is not None:  # applicable only when the schema takes it (a length limit…)
        change.reason = check_edit(change.path, FieldEdit(record_id, change.field or name, change.value,
                                                          change.language), change.model)
    changes.edits.append(change)


def _as_read(value: Any) -> Any:
    """A store value (or a deck's proposed value) as the deck reads it: markup normalised."""
    if isinstance(value, list):
        return [_as_read(item[1] if isinstance(item, list) else item) for item in value]
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        return str(value)  # a key figure's number or date, as the store's value reads (field_value)
    return normalise(to_markup(parse_markup(value))) if isinstance(value, str) else value


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(str(item[1]) if isinstance(item, list) else str(item) for item in value)
    return "" if value is None else str(value)
