"""Edits made in a deck (PowerPoint, LibreOffice) read back into the library, reviewed.

* :mod:`.deck_file` — a .pptx read as slides of shapes of paragraphs, and its properties;
* :mod:`.match` — the deck's shapes matched to what was exported, paragraphs aligned;
* :mod:`.compare` — the deck × what was exported (the baseline kept in the deck, see
  :mod:`render.deck_provenance`, else :mod:`.baseline_copy`) × the store now: a change set
  of edits, conflicts, deletions and new content (:mod:`.changes`: the change set and its report);
* :mod:`.structure` — new measures and sections, and removed measures, with where each goes;
* :mod:`.relink` — a reworded paragraph's cross-references and links kept (the store's markup put back);
* :mod:`.apply` — what was accepted, written (field edits, then new and removed records);
* :mod:`.baseline_copy` — the baseline kept next to the pack and in the store's history;
* :mod:`.cli` — the ``deck import`` command.
"""
