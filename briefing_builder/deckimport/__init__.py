"""Edits made in a deck (PowerPoint, LibreOffice) read back into the library, reviewed.

* :mod:`.deck_file` — a .pptx read as slides of shapes of paragraphs, and its properties;
* :mod:`.compare` — the deck × what was exported (the baseline kept in the deck, see
  :mod:`render.deck_provenance`) × the store now: a change set of edits, conflicts,
  deletions and new content; applied with the annex's safe apply (:mod:`annex.changes`);
* :mod:`.cli` — the ``deck import`` command.
"""
