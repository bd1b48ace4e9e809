"""Read one YAML file safely and remember where every value came from.

The file is decoded as strict UTF-8, parsed with PyYAML's C loader when available (about
seven times faster than the pure-Python one), checked for alias bombs before anything is
expanded, and returned together with a map from each value's path (``("measures", 3,
"text")``) to its 1-based line and column, so schema errors can be located precisely.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing_builder.store.diagnostics import Diagnostic

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

#: Files larger than this are refused (a store file is a few kilobytes).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A document that expands to more nodes than this through aliases is refused.
MAX_EXPANDED_NODES = 200_000

PathKey = tuple[Any, ...]


class YamlSource:
    """A parsed YAML document; the position of each value is worked out when first asked."""

    def __init__(self, path: Path, data: Any, node: yaml.Node | None):
        self.path = path
        self.data = data
        self._node = node
        self._positions: dict[PathKey, tuple[int, int]] | None = None
        self._key_positions: dict[PathKey, tuple[int, int]] = {}

    @property
    def positions(self) -> dict[PathKey, tuple[int, int]]:
        """Map from a value's path to its 1-based (line, column)."""
        if self._positions is None:
            self._positions = {(): (1, 1)}
            if self._node is not None:
                _collect_positions(self._node, (), self._positions, self._key_positions)
            self._node = None
        return self._positions

    def locate(self, key: PathKey) -> tuple[int, int]:
        """Line and column of the value at ``key``, or of its nearest located parent."""
        key = tuple(key)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return self.positions.get((), (1, 1))

    def locate_key(self, key: PathKey) -> tuple[int, int]:
        """Line and column of the mapping *key* at ``key`` (for unknown keys), else :meth:`locate`."""
        key = tuple(key)
        self.positions  # noqa: B018 - computes the key positions too
        return self._key_positions.get(key) or self.locate(key)


class YamlError(Exception):
    """A file could not be read as YAML; carries a located :class:`Diagnostic`."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def read_yaml(path: Path) -> YamlSource:
    """Read and parse ``path``; raise :class:`YamlError` with a located message on failure."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(Diagnostic(path, 0, 0, f"file is {size:,} bytes, more than the "
                                       f"{MAX_FILE_BYTES:,} a store file may have; split it"))
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(Diagnostic(path, 0, 0, f"cannot read the file: {exc.strerror or exc}")) from exc
    return parse_yaml(raw, path)


def parse_yaml(raw: bytes, path: Path) -> YamlSource:
    """Parse YAML bytes that claim to come from ``path`` (used for messages only)."""
    text = _decode(raw, path)
    loader = _SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            problem = exc.problem or exc.context or "invalid YAML"
            hint = _syntax_hint(problem, _char_at(text, line, col))
            raise YamlError(Diagnostic(path, line, col, f"YAML syntax error: {problem}{hint}")) from None
        except yaml.YAMLError as exc:
            raise YamlError(Diagnostic(path, 0, 0, f"YAML error: {exc}")) from None
        except RecursionError:
            raise YamlError(Diagnostic(path, 0, 0, "YAML is nested too deeply to read")) from None
        if node is None:
            return YamlSource(path, None, None)
        _check_expansion(node, path)
        try:
            data = loader.construct_document(node)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            raise YamlError(Diagnostic(path, line, col, f"YAML error: {exc.problem}")) from None
        except (yaml.YAMLError, TypeError, ValueError) as exc:
            raise YamlError(Diagnostic(path, node.start_mark.line + 1, 1, f"YAML error: {exc}")) from None
        except RecursionError:
            raise YamlError(Diagnostic(path, 0, 0, "YAML is nested too deeply to read")) from None
        return YamlSource(path, data, node)
    finally:
        loader.dispose()


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(Diagnostic(path, line, column,
                                   f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                   "save it as UTF-8 in your editor")) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlError(Diagnostic(path, line, 1, "the file contains a NUL byte: is it a binary file?"))
    return text


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column of ``text`` ('' when out of range)."""
    lines = text.split("\n")
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _syntax_hint(problem: str, char: str = "") -> str:
    # The C loader says "found character that cannot start any token" without naming the
    # character, so look at the text itself to recognise a tab.
    if "tab" in problem or "\\t" in problem or char == "\t":
        return " (indent with spaces, not tabs)"
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be quoted)"
    return ""


def _check_expansion(root: yaml.Node, path: Path) -> None:
    """Refuse documents whose aliases expand them beyond :data:`MAX_EXPANDED_NODES`."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if depth > 200:
            raise YamlError(Diagnostic(path, node.start_mark.line + 1, node.start_mark.column + 1,
                                       "YAML is nested more than 200 levels deep"))
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = MAX_EXPANDED_NODES + 1  # a cycle counts as infinite
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
                if total > MAX_EXPANDED_NODES:
                    break
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
                if total > MAX_EXPANDED_NODES:
                    break
        sizes[key] = total
        return total

    if size(root, 0) > MAX_EXPANDED_NODES:
        raise YamlError(Diagnostic(path, root.start_mark.line + 1, root.start_mark.column + 1,
                                   "the document expands to too many values through YAML aliases "
                                   "(an 'alias bomb'); remove the anchors (&) and aliases (*)"))


def _collect_positions(node: yaml.Node, key: PathKey, out: dict[PathKey, tuple[int, int]],
                       keys: dict[PathKey, tuple[int, int]]) -> None:
    if key in out and key:
        return
    out[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                keys.setdefault(key + (k.value,), (k.start_mark.line + 1, k.start_mark.column + 1))
                _collect_positions(v, key + (k.value,), out, keys)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_positions(item, key + (index,), out, keys)
