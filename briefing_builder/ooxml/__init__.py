"""The OOXML toolkit shared by the deck, the annex, the store writer and the app.

* :mod:`.namespaces` — the one namespace map and :func:`~.namespaces.qn`;
* :mod:`.xml` — the one hardened lxml parser (no DTD, no entities, no network);
* :mod:`.zip_reader` — the one zip reader with one set of safety limits;
* :mod:`.atomic_files` — the one atomic file write (fsync, stale temporary files swept);
* :mod:`.builder` and :mod:`.package_parts` — XML parts built from lxml elements (content
  types, relationships, document properties), never from strings;
* :mod:`.pptx_internals` — every python-pptx private attribute the writers need, documented.

Nothing here imports Qt; the package sits below ``store`` (which uses its atomic write),
``render`` and ``annex``.
"""
