"""The OOXML toolkit shared by the deck, the annex, the store writer and the app.

* :mod:`.namespaces` — the one namespace map and :func:`~.namespaces.qn`;
* :mod:`.xml` — the one hardened lxml parser (no DTD, no entities, no network);
* :mod:`.zip_reader` — the one zip reader with one set of safety limits;
* :mod:`.atomic_write` — the one atomic file write (fsync, stale temporary files swept);
* :mod:`.pptx_internals` — every python-pptx private attribute the writers need, documented.

Nothing here imports Qt; the package sits below ``render`` and ``annex`` and beside ``store``.
"""
