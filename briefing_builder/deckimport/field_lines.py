"""Each edit pointed at its field's line in its store file (not the record's id line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing_builder.annex.changes import FieldChange


def field_lines(edits: list[FieldChange]) -> None:
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
