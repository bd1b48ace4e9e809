"""Slide-level reading of a deck: the pack section each slide shows, slides pasted from another deck,
the pack's own text on a slide, and text in shapes of no record placed as new measures or sections."""

from __future__ import annotations

from briefing_builder.compose.drafts import PACK_TEXT
from briefing_builder.compose.provenance import RecordIndex, owner, split
from briefing_builder.deckimport.changes import DeckChanges
from briefing_builder.deckimport.deck_file import DeckContent, DeckShape
from briefing_builder.deckimport.match import TITLES, Placed, sent_texts, shape_texts, unlike
from briefing_builder.deckimport.structure import Planner, Point
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.render.deck_provenance import Baseline, Block, normalise
from briefing_builder.store.catalog import Catalog


def slide_sections(baseline: Baseline, catalog: Catalog, index: RecordIndex) -> dict[int, int]:
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



def without_foreign_slides(deck: DeckContent, baseline: Baseline, changes: DeckChanges) -> DeckContent:
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



def pack_texts(block: Block, number: int, shape: DeckShape, section: int, planner: Planner,
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



def place_loose(deck: DeckContent, baseline: Baseline, loose: list[Placed], homes: dict[int, int],
                 index: RecordIndex, planner: Planner) -> None:
    """Text in shapes of no record, per deck slide: new measures on an area's slide, else a new section."""
    sections = slide_sections(baseline, planner.catalog, index)
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
