"""Compare a deck with what was exported and with the store now (three-way), record by record.

Shapes and paragraphs are matched to what was exported by :mod:`.match`, so moved slides,
copied slides and re-saved decks report nothing. A paragraph whose source is empty was made
by the app (agenda numbers, "(cont.)" titles, footers, slide numbers, the marking) and is
never an edit. New paragraphs, text boxes and slides become the new measures and sections of
:mod:`.structure`, and a deleted measure its removal — each offered, never applied unasked;
deleted slides are reported and the library keeps them.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

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
from briefing_builder.deckimport.changes import FIELD_NAMES, NOT_MADE, RENAMED, STRIPPED, DeckChanges, NotImportable
from briefing_builder.deckimport.deck_file import DeckContent, DeckShape, read_deck
from briefing_builder.deckimport.match import (
    TITLES,
    Placed,
    align,
    match_shapes,
    sent_texts,
    shape_texts,
    unlike,
)
from briefing_builder.deckimport.relink import REFUSED, has_links, relink
from briefing_builder.deckimport.structure import Planner, Point, StructureChange, missing
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
    deck = _without_foreign_slides(deck, baseline, changes)
    found, loose, homes = match_shapes(deck, baseline)
    slides_seen = {block.slide for block in baseline.blocks if block.key in found}
    titles = {block.slide: block.title for block in baseline.blocks}
    for number in sorted(set(titles) - slides_seen):
        changes.deleted.append(f"slide {number} “{titles[number]}” is not in the deck")
    rows = _table_rows(baseline)
    sections = _slide_sections(baseline, catalog, index)
    for block in baseline.blocks:
        if block.key not in found or block.slide not in slides_seen:
            continue
        if block.key in rows:
            _generated_cell(block, found[block.key], rows[block.key], catalog, changes)
            continue
        candidates = found[block.key]
        edited = [c for c in candidates if shape_texts(c[1]) != sent_texts(block, c[1].placeholder in TITLES)]
        if len(edited) < len(candidates):  # the original is intact: a copy retyped with other text is new text
            retyped = [c for c in edited if unlike(block, c[1])]
            loose.extend(retyped)
            edited = [c for c in edited if c not in retyped]
            candidates = [c for c in candidates if c not in retyped]
        number, shape = (edited or candidates)[0]
        count = len(changes.edits)
        _compare_block(block, number, shape, baseline, catalog, index, changes, planner)
        _copies_disagree(edited, changes.edits[count:])
        _pack_texts(block, number, shape, sections.get(block.slide, -1), planner, changes)
    _place_loose(deck, baseline, loose, homes, index, planner)
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
    _field_lines(changes.edits)
    paths = {e.path for e in changes.edits} | {c.path for c in changes.structure}
    if any(c.section >= 0 for c in changes.structure):
        paths.add(catalog.pack_path(baseline.pack_id))
    for path_ in paths:
        if path_ is not None:
            changes.file_hashes[path_] = file_hash(path_)
    return changes


def _copies_disagree(edited: list[Placed], edits: list[FieldChange]) -> None:
    """Copies of one exported shape edited differently (a duplicated slide, both reworded): the edits read
    from the first are not applied, each saying which copies disagree and how to choose."""
    versions: dict[tuple[str, ...], list[int]] = {}
    for number, shape in edited:
        versions.setdefault(tuple(shape_texts(shape)), []).append(number)
    if len(versions) < 2:
        return
    slides = " and ".join(f"slide {', '.join(map(str, numbers))}" for numbers in versions.values())
    for edit in edits:
        others = [f"slide {number}: “{_field_text(shape, edit)}”" for number, shape in edited
                  if f"slide {number}" != edit.where]
        edit.reason = edit.reason or (
            f"copies of this text were edited differently ({slides}); this shows {edit.where}'s, "
            + "; ".join(others) + " — make the copies say the same (or delete the one you do not want) and "
            "import again")


def _field_text(shape: DeckShape, edit: FieldChange) -> str:
    """What a copy says where ``edit``'s copy says ``edit.new`` (its paragraph most like the old text)."""
    words = edit.old.split()
    texts = [p.markup() for p in shape.paragraphs]
    return max(texts, key=lambda t: difflib.SequenceMatcher(None, words, t.split(), autojunk=False).ratio(),
               default="")


def _without_foreign_slides(deck: DeckContent, baseline: Baseline, changes: DeckChanges) -> DeckContent:
    """``deck`` without the slides pasted from another deck the app made: their shapes carry keys this
    export never wrote, or a footer other than this export's over text unlike this export's. Each is
    told, with its text (never compared with this deck's records: their keys name another deck's
    shapes). A footer edited on this deck's own slide is not enough: the slide's text must also be
    unlike what was exported there."""
    blocks = {block.key: block for block in baseline.blocks}
    kept = []
    for slide in deck.slides:
        keyed = [shape for shape in slide.shapes if shape.key and shape.paragraphs]
        keys = [shape.key or "" for shape in keyed]
        sourced = [(blocks[key], shape) for key, shape in zip(keys, keyed)
                   if key in blocks and any(p[2] for p in blocks[key].paragraphs)]
        foreign = any(key not in blocks for key in keys) or (bool(sourced) and all(
            unlike(block, shape) for block, shape in sourced) and any(
            shape.placeholder == "ftr" and key in blocks and shape_texts(shape) != sent_texts(blocks[key], False)
            for key, shape in zip(keys, keyed)))
        if not foreign:
            kept.append(slide)
            continue
        text = " | ".join(p.markup() for shape in slide.shapes if shape.placeholder not in ("ftr", "sldNum")
                          and shape.key in blocks for p in shape.paragraphs)
        changes.new_content.append(f"slide {slide.number} comes from another deck (its shapes carry the keys of "
                                   "another export), so it is not compared with this pack; add what it says in the "
                                   f"library if it should stay: “{text}”")
    return DeckContent(deck.path, tuple(kept), deck.properties)


def _pack_texts(block: Block, number: int, shape: DeckShape, section: int, planner: Planner,
                changes: DeckChanges) -> None:
    """The pack's own text on a slide (an agenda's note, a closing slide's title: the pack section's
    ``title``, ``note``…, written without a record source) edited or deleted: offered as ``pack:N:FIELD``."""
    pack = planner.pack
    if pack is None or not 0 <= section < len(pack.sections):
        return
    fields = {normalise(plain_text(parse_markup(value))): name
              for name, value in pack.sections[section].model_dump().items() if isinstance(value, str) and value}
    read = {normalise(p.text) for p in shape.paragraphs}
    for paragraph in block.paragraphs:
        if paragraph[2]:
            continue
        text = normalise(plain_text(parse_markup(paragraph[0])))
        name = fields.get(text)
        if name is None or text in read:
            continue
        now = next((p.text for p in shape.paragraphs if not any(normalise(p.text) == normalise(
            plain_text(parse_markup(b[0]))) for b in block.paragraphs)), None)
        planner.pack_text(f"slide {number}", section, name, text, normalise(now) if now is not None else None)


def _field_name(name: str) -> str:
    """A field in words: "relationship", "key figure 1 · period" (for ``key_figures.0.period``)."""
    parts = name.split(".")
    words = [FIELD_NAMES.get(parts[0], parts[0].replace("_", " "))]
    words += [f"{int(p) + 1}" if p.isdigit() else f"· {p.replace('_', ' ')}" for p in parts[1:]]
    return " ".join(words)


def _table_rows(baseline: Baseline) -> dict[str, tuple[str, str]]:
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


def _generated_cell(block: Block, candidates: list[Placed], row: tuple[str, str], catalog: Catalog,
                    changes: DeckChanges) -> None:
    """A cell made from several fields (see :func:`_table_rows`) edited: reported, with the fields to
    edit by hand (the cell's text cannot be split back into them)."""
    exported = " ".join(normalise(p[0]) for p in block.paragraphs)
    for number, shape in candidates:
        now = " ".join(p.markup() for p in shape.paragraphs)
        if normalise(now) == exported:
            continue
        item, header = row
        record_id, name = split(item)
        list_name, _, position = name.rpartition(".")
        origin = catalog.origins.get(record_id)
        column = f"{_field_name(name)} · {header}"
        change = FieldChange(record_id, f"slide {number}", column, exported, now, field=f"{name}.{header}")
        change.sent = exported
        if origin is None:
            change.reason = missing(catalog, f"'{record_id}'")
        else:
            change.path, change.line = origin.path, origin.line
        change.reason = change.reason or (f"the cell “{header}” is made from several fields of the record "
                                          f"({list_name} item {int(position) + 1}); edit them in "
                                          f"{change.path.name if change.path else 'the store'} by hand")
        changes.edits.append(change)
        return


def _field_lines(edits: list[FieldChange]) -> None:
    """Point each edit at its field's line in its file (not the record's id line), each file composed
    once (PyYAML's nodes carry their lines; no round-trip load is needed to read them)."""
    by_path: dict[Path, list[FieldChange]] = {}
    for edit in edits:
        if edit.path is not None:
            by_path.setdefault(edit.path, []).append(edit)
    for path, found in by_path.items():
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        for edit in found:
            node = _record_node(root, edit.record_id)
            for part in (edit.field or "").split(".") if node is not None else ():
                child = _child(node, part)
                if child is None:
                    break
                edit.line, node = child[0].start_mark.line + 1, child[1]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _child(node: Any, part: str) -> tuple[Any, Any] | None:
    """The (key node, value node) of mapping key ``part``, or (item, item) of list index ``part``."""
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
    if isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
        item = node.value[int(part)]
        return item, item
    return None


def _record_node(root: Any, record_id: str) -> Any:
    """The mapping node whose ``id`` is ``record_id`` anywhere under ``root`` (None: not there)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            if any(isinstance(k, yaml.ScalarNode) and k.value == "id" and getattr(v, "value", None) == record_id
                   for k, v in node.value):
                return node
            stack.extend(v for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _slide_sections(baseline: Baseline, catalog: Catalog, index: RecordIndex) -> dict[int, int]:
    """Each exported slide's pack section (0-based): by the records its text came from, else by
    its title, else the section of the slide before it."""
    pack = catalog.packs.get(baseline.pack_id)
    sections = pack.sections if pack else []
    by_record: dict[str, int] = {}
    for number, section in enumerate(sections):
        for name in ("area", "country", "consultation"):
            value = getattr(section, name, None)
            if isinstance(value, str):
                by_record.setdefault(value, number)
    titles = {normalise(str(getattr(s, "title", "") or "")): n for n, s in enumerate(sections)
              if getattr(s, "title", None)}
    out: dict[int, int] = {}
    for block in sorted(baseline.blocks, key=lambda b: b.slide):
        for paragraph in block.paragraphs:
            source = paragraph[2]
            if source.startswith(PACK_TEXT + ":"):
                out.setdefault(block.slide, int(split(source)[1]) - 1)
            elif source:
                record_id = split(source)[0]
                holder = owner(index, record_id)[1] or record_id
                for rid in (record_id, holder):
                    if rid in by_record:
                        out.setdefault(block.slide, by_record[rid])
        if block.slide not in out and normalise(block.title) in titles:
            out[block.slide] = titles[normalise(block.title)]
    last = -1
    for slide in range(1, max((b.slide for b in baseline.blocks), default=0) + 1):
        last = out.setdefault(slide, last)
    return out


def _place_loose(deck: DeckContent, baseline: Baseline, loose: list[Placed], homes: dict[int, int],
                 index: RecordIndex, planner: Planner) -> None:
    """Text in shapes of no record, per deck slide: new measures on an area's slide, else a new section."""
    sections = _slide_sections(baseline, planner.catalog, index)
    pack = planner.pack
    by_slide: dict[int, list[DeckShape]] = {}
    for number, shape in loose:
        by_slide.setdefault(number, []).append(shape)
    follows = -1
    for slide in deck.slides:
        home = homes.get(slide.number)
        if home is not None:
            follows = sections.get(home, follows)
        shapes = by_slide.get(slide.number)
        if not shapes:
            continue
        where = f"slide {slide.number}"
        titles = [p.text for shape in shapes if shape.placeholder in TITLES for p in shape.paragraphs]
        points: list[Point] = [(p.level, p.markup()) for shape in shapes if shape.placeholder not in TITLES
                               for p in shape.paragraphs]
        section = pack.sections[follows] if pack is not None and 0 <= follows < len(pack.sections) else None
        area_id = getattr(section, "area", None) if home is not None else None
        if area_id and points and not titles:
            planner.place_paragraphs(where, points, area_id, follows, "")
            continue
        title = normalise(" ".join(titles)) or (slide.title if home is not None else "")
        if not title and points:
            title = normalise(plain_text(parse_markup(points.pop(0)[1])))
        planner.new_section(where, title or f"Slide {slide.number}", points, follows)


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
    for bi, di in align(block, shape):
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
                    _edit(changes, catalog, index, baseline, source, old, new, new, where)
            if read is not None and name not in LIST_FIELDS:
                has_points = name == "text" and hasattr(record(index, record_id), "sub_points")
                after, owner_level = (f"{record_id}:sub_points" if has_points else None), read.level
        elif base is None and read is not None and last_record is None:
            leading.append((read.level, read.markup()))  # before the shape's first record: placed by the next
        elif base is None and read is not None:
            if after and (after.endswith(":cooperation_areas") or read.level > owner_level):
                points.setdefault(after, []).append((read.level, read.markup()))
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
        value, unplaced = _list_value([t for _, t in before], [t for _, t in deck_points], raw)
        reason = "" if all(lvl == base_level for lvl, _ in deck_points) else \
            "the sub-points now have sub-points of their own; edit them in the library"
        reason = reason or (REFUSED.format(", ".join(f"“{t}”" for t in unplaced)) if unplaced else "")
        old = " | ".join(t for _, t in before)
        new = " | ".join(t for _, t in deck_points)
        label, dropped = _describe(before, deck_points, FIELD_NAMES.get(split(source)[1], "items"))
        count = len(changes.edits)
        _edit(changes, catalog, index, baseline, source, old, new, value, where, label, reason)
        if len(changes.edits) > count and dropped:
            changes.removals.append(changes.edits[-1])  # a sub-point deleted: accepted by name


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


def _list_value(old: list[str], new: list[str], raw: dict[str, str]) -> tuple[list[str], list[str]]:
    """The store value of a list the deck now shows as ``new`` (it showed ``old``; ``raw``: each shown
    item's store text): unchanged items keep their store text, a reworded item its links
    (:func:`.relink.relink`); and the reworded items whose links could not be kept."""
    value = [raw.get(text, text) for text in new]
    unplaced: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            stored = raw.get(old[i], old[i])
            if has_links(stored):
                kept = relink(stored, old[i], new[j])
                if kept is None:
                    unplaced.append(new[j])
                else:
                    value[j] = kept
    return value, unplaced


def _describe(before: list[tuple[int, str]], after: list[tuple[int, str]], label: str) -> tuple[str, int]:
    """What a list edit does, in words ("sub-points 1 reworded, 1 added"), and how many items it drops
    (a reworded item, one in place of one, is not dropped)."""
    old, new = [t for _, t in before], [t for _, t in after]
    counts = {"reworded": 0, "added": 0, "removed": 0}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "replace":
            counts["reworded"] += min(i2 - i1, j2 - j1)
            counts["added"] += max(0, (j2 - j1) - (i2 - i1))
            counts["removed"] += max(0, (i2 - i1) - (j2 - j1))
        elif op == "insert":
            counts["added"] += j2 - j1
        elif op == "delete":
            counts["removed"] += i2 - i1
    moved = sorted(old) == sorted(new) and old != new
    if moved:
        counts = {"reworded": 0, "added": 0, "removed": 0}
    parts = [f"{n} {what}" for what, n in counts.items() if n]
    if not parts:
        parts.append("reordered" if moved else "levels changed")
    return f"{label} " + ", ".join(parts), counts["removed"]


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


def _edit(changes: DeckChanges, catalog: Catalog, index: RecordIndex, baseline: Baseline, source: str, old: str,
          new: str, value: Any, where: str, column: str = "", reason: str = "") -> None:
    record_id, name = split(source)
    now = field_value(index, source)
    if _as_read(now) == _as_read(value):
        return  # the store already says what the deck says (applied before, or edited alike)
    found, file_owner = owner(index, record_id)
    change = FieldChange(record_id, where, column or _field_name(name), old, new, field=name,
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
        change.reason = change.reason or missing(catalog, f"'{record_id}'")
    else:
        change.path = origin.path
        change.line = origin.line if file_owner == record_id else record_line(origin.path, record_id)
    if "." in name:
        change.reason = change.reason or (f"a table cell made from {name.split('.')[0]}; edit it in "
                                          f"{change.path.name if change.path else 'the store'} by hand")
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
    return normalise(to_markup(parse_markup(value))) if isinstance(value, str) else value


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(str(item[1]) if isinstance(item, list) else str(item) for item in value)
    return "" if value is None else str(value)
