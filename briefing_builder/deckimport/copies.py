"""Copies of one exported shape (a duplicated slide) edited differently: which copies, what each says."""

from __future__ import annotations

import difflib

from briefing_builder.annex.changes import FieldChange
from briefing_builder.deckimport.deck_file import DeckShape
from briefing_builder.deckimport.match import Placed, shape_texts


def copies_disagree(edited: list[Placed], edits: list[FieldChange]) -> None:
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
