"""A pack as the user edits and checks it, without Qt.

``document.py`` (the editable pack state: pure edits ``Pack -> Pack``, reading and saving pack
files), ``preflight.py`` (what to check before exporting, for the app's dock and
``briefing-builder check``), ``library_data.py`` (the store's records as searchable trees),
``missing_records.py`` (sections whose records failed to load, and the likely causes),
``date_text.py`` (dates as people type them).
"""
