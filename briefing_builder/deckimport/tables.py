"""Table cells the app made from several fields of one list item (a key figure's value and unit, its
source and date): found in the baseline, and their edits reported with the fields they come from."""

from __future__ import annotations

from briefing_builder.annex.changes import FieldChange
from briefing_builder.compose.provenance import split
from briefing_builder.deckimport.changes import DeckChanges, field_name
from briefing_builder.deckimport.match import Placed
from briefing_builder.deckimport.structure import missing
from briefing_builder.markup import parse_markup, plain_text
from briefing_builder.render.deck_provenance import Baseline, Block, normalise
from briefing_builder.store.catalog import Catalog


def table_rows(baseline: Baseline) -> dict[str, tuple[str, str]]:
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



def generated_cell(block: Block, candidates: list[Placed], row: tuple[str, str], catalog: Catalog,
                    changes: DeckChanges) -> None:
    """A cell made from several fields (see :func:`table_rows`) edited: reported, with the fields to
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
        column = f"{field_name(name)} · {header}"
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
