"""The pack file's own record of its exports: an ``exports:`` list, newest last.

Written by the export just before its commit, so the commit (and its tag) holds the pack
file that names it. The edit goes through the store writer's round-trip machinery: the
pack's comments, key order, quoting, line endings and encoding stay as they were.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from briefing_builder.store.writer import (
    StoreWriteError,
    dump_yaml,
    read_text_file,
    round_trip_yaml,
    splice_edits,
    write_bytes_atomically,
)


def record_export(pack_file: Path, tag: str, on: dt.date) -> None:
    """Append ``{tag, date}`` to the ``exports:`` list of ``pack_file`` (creating the list)."""
    source = read_text_file(pack_file)
    yaml = round_trip_yaml(source.text)
    try:
        doc = yaml.load(source.text)
    except YAMLError as exc:
        raise StoreWriteError(f"{pack_file}: not valid YAML ({str(exc).splitlines()[0]}); fix it first.") from None
    if not isinstance(doc, CommentedMap):
        raise StoreWriteError(f"{pack_file}: not a pack (expected a mapping).")
    baseline = dump_yaml(yaml, doc)
    entry = CommentedMap()
    entry["tag"] = tag
    entry["date"] = on
    exports = doc.get("exports")
    if isinstance(exports, CommentedSeq):
        exports.append(entry)
    else:
        doc["exports"] = CommentedSeq([entry])
    text = splice_edits(source.text, baseline, dump_yaml(yaml, doc), pack_file)
    if not text.endswith("\n"):
        text += "\n"
    write_bytes_atomically(pack_file, source.encode(text))
