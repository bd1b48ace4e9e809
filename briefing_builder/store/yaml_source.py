"""Read one YAML file safely and remember where every value came from.

The file is decoded as strict UTF-8, parsed with PyYAML's C loader when available (about
seven times faster than the pure-Python one), checked for alias bombs before anything is
expanded, and returned together with a map from each value's path (``("measures", 3,
"text")``) to its 1-based line and column, so schema errors can be located precisely.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefing_builder.errors import BriefingError, Location
from briefing_builder.store.diagnostics import Diagnostic

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # the pure-Python twin of CSafeLoader

_TAG_CACHE: dict[str, str] = {}
#: PyYAML's own tag resolution (its stubs leave ``Resolver.resolve`` unannotated; it returns the tag).
_base_resolve: Callable[[Any, type, Any, Any], str] = _BaseLoader.resolve


class _SafeLoader(_BaseLoader):
    """PyYAML's safe loader with the implicit tags of short plain scalars (keys, ids,
    statuses) cached: resolving them is most of the Python-side cost of parsing."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """The tag of a scalar or collection node, from the cache for short plain scalars."""
        if kind is yaml.ScalarNode and implicit[0] and len(value) <= 40:
            tag = _TAG_CACHE.get(value)
            if tag is None:
                tag = _base_resolve(self, kind, value, implicit)
                if len(_TAG_CACHE) < 100_000:
                    _TAG_CACHE[value] = tag
            return tag
        return _base_resolve(self, kind, value, implicit)

#: Files larger than this are refused (a store file is a few kilobytes).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A document that expands to more nodes than this through aliases is refused.
MAX_EXPANDED_NODES = 200_000

PathKey = tuple[Any, ...]


class YamlSource:
    """A parsed YAML document that can say where each of its values was written.

    Positions are found by following a value's path through the node tree, which is
    parsed again only when a message needs a position: keeping every file's nodes alive
    would make loading a large store several times slower (garbage-collector work).
    """

    def __init__(self, path: Path, data: Any, text: str | None) -> None:
        self.path = path
        self.data = data
        self._text = text
        self._node: yaml.Node | None = None

    def _root(self) -> yaml.Node | None:
        if self._node is None and self._text:
            loader = _SafeLoader(self._text)
            try:
                self._node = loader.get_single_node()
            except yaml.YAMLError:  # pragma: no cover - it parsed once already
                self._text = None
            finally:
                loader.dispose()
        return self._node

    def _walk(self, key: PathKey) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """The deepest node along ``key``, its key node if the last step was a mapping key, and
        whether the whole of ``key`` was found."""
        node, key_node = self._root(), None
        for part in key:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value
                              if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
                if match is None:
                    return node, None, False
                key_node, node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node, key_node = node.value[part], None
            else:
                return node, None, False
        return node, key_node, True

    def locate(self, key: PathKey) -> tuple[int, int]:
        """Line and column of the value at ``key``, or of its nearest located parent."""
        return _mark(self._walk(tuple(key))[0])

    def plain_text(self, key: PathKey) -> str | None:
        """The text as written of the unquoted scalar at ``key`` (``NO`` for a value YAML read
        as false), or ``None`` when the value there is quoted, not a scalar or not found."""
        node, _, found = self._walk(tuple(key))
        if found and isinstance(node, yaml.ScalarNode) and not node.style:
            written: str = node.value
            return written
        return None

    def locate_key(self, key: PathKey) -> tuple[int, int]:
        """Line and column of the mapping *key* at ``key`` (for unknown keys), else :meth:`locate`."""
        node, key_node, _ = self._walk(tuple(key))
        return _mark(key_node if key_node is not None else node)


def _mark(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class YamlError(BriefingError):
    """A file could not be read as YAML; carries a located :class:`Diagnostic`."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(f"{diagnostic.severity.value}: {diagnostic.message}",
                         Location(diagnostic.path, diagnostic.line, diagnostic.column))
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


def yaml_problem(text: str, path: Path) -> str | None:
    """The located reason ``text`` (the content of ``path``) cannot be read as a store file, if any
    (for writers whose own YAML library reports it less clearly)."""
    try:
        parse_yaml(text.encode("utf-8"), path)
    except YamlError as exc:
        return str(exc.diagnostic)
    return None


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
        except yaml.reader.ReaderError as exc:
            raise YamlError(_reader_diagnostic(exc, text, path)) from None
        except yaml.YAMLError as exc:
            raise YamlError(Diagnostic(path, 0, 0, f"YAML error: {exc}")) from None
        except RecursionError:
            raise YamlError(Diagnostic(path, 0, 0, "YAML is nested too deeply to read")) from None
        if node is None:
            return YamlSource(path, None, None)
        if "&" in text and "*" in text:  # only documents with anchors and aliases can explode
            _check_expansion(node, path)
        try:
            if "<<" in text:
                _check_nodes(node, path)
                data = loader.construct_document(node)
            else:
                data = _construct(node, loader, path)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            raise YamlError(Diagnostic(path, line, col, f"YAML error: {exc.problem}")) from None
        except (yaml.YAMLError, TypeError, ValueError) as exc:
            raise YamlError(Diagnostic(path, node.start_mark.line + 1, 1, f"YAML error: {exc}")) from None
        except RecursionError:
            raise YamlError(Diagnostic(path, 0, 0, "YAML is nested too deeply to read")) from None
        return YamlSource(path, data, text)
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def _construct(node: yaml.Node, loader: Any, path: Path) -> Any:
    """Build Python values from nodes; plain strings, maps and lists without PyYAML's
    generic constructor (the slow part of loading), anything else through it. Documents
    with merge keys (``<<``) go through PyYAML's constructor instead (after
    :func:`_check_nodes`). A key given twice and an over-long number are refused here."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return node.value
        _check_number(node, path)
        try:
            return loader.construct_object(node, deep=True)
        except ValueError as exc:  # a date that does not exist (2026-02-30), a year 0
            line, column = _mark(node)
            raise YamlError(Diagnostic(path, line, column, f"'{node.value}' cannot be read: {exc}; "
                                       "write a real date as YYYY-MM-DD, or put the text in quotes")) from None
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        return [_construct(item, loader, path) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
        result = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, path)
            try:
                if key in result:
                    raise YamlError(_duplicate_key(path, node, key_node))
                result[key] = _construct(value_node, loader, path)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found an unhashable key",
                    key_node.start_mark) from None
        return result
    return loader.construct_object(node, deep=True)


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """The checks :func:`_construct` makes, for documents built by PyYAML's constructor."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR_TAG:
                _check_number(node, path)
        elif isinstance(node, yaml.MappingNode):
            keys: set[tuple[str, str]] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
                    if (key_node.tag, key_node.value) in keys:
                        raise YamlError(_duplicate_key(path, node, key_node))
                    keys.add((key_node.tag, key_node.value))
                stack += [key_node, value_node]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def _duplicate_key(path: Path, mapping: yaml.MappingNode, key_node: yaml.Node) -> Diagnostic:
    """Located at the second occurrence of a key, naming the line of the first."""
    first = next((k for k, _ in mapping.value if k is not key_node and isinstance(k, yaml.ScalarNode)
                  and k.value == getattr(key_node, "value", None)), None)
    name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
    where = f" (first on line {first.start_mark.line + 1})" if first is not None else ""
    line, column = _mark(key_node)
    return Diagnostic(path, line, column, f"the key '{name}' is given twice in the same place{where}; "
                      "only one value can be kept — delete one of them or merge the two")


#: A number written with more digits than this is refused (a spreadsheet keeps 15).
MAX_NUMBER_DIGITS = 20
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _check_number(node: yaml.ScalarNode, path: Path) -> None:
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_DIGITS:
        digits = sum(char.isdigit() for char in node.value)
        if digits > MAX_NUMBER_DIGITS:
            line, column = _mark(node)
            raise YamlError(Diagnostic(path, line, column,
                                       f"the number {node.value[:12]}… is too long ({digits:,} digits; a number "
                                       f"in the store has at most {MAX_NUMBER_DIGITS}); check it, or write it "
                                       "in quotes if it is meant as text"))


_UNUSUAL_BREAKS = re.compile("[\x85\u2028\u2029]")


#: Byte-order marks of the encodings Windows editors offer besides UTF-8 (longest first).
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32 LE"), (b"\x00\x00\xfe\xff", "UTF-32 BE"),
         (b"\xff\xfe", "UTF-16 LE"), (b"\xfe\xff", "UTF-16 BE"))


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    encoding = _other_encoding(raw)
    if encoding:
        raise YamlError(Diagnostic(path, 1, 1, f"the file is saved as {encoding}, not UTF-8; open it in your "
                                   "editor and save it again with the encoding UTF-8"))
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
    if _UNUSUAL_BREAKS.search(text):
        # YAML counts NEL and the Unicode line/paragraph separators as line breaks, editors do
        # not: read them as the spaces the markup makes of them anyway, so that every line
        # number in a message is the line the user sees.
        text = _UNUSUAL_BREAKS.sub(" ", text)
    return text


def _other_encoding(raw: bytes) -> str | None:
    """Name the UTF-16/UTF-32 encoding ``raw`` is in (by its byte-order mark, or without one by
    where the zero bytes of its ASCII characters fall), or ``None``."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"{name} (with a byte-order mark)"
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.05:
        return "UTF-16 LE (without a byte-order mark)"
    if even >= pairs * 0.3 and odd <= pairs * 0.05:
        return "UTF-16 BE (without a byte-order mark)"
    return None


def _reader_diagnostic(exc: yaml.reader.ReaderError, text: str, path: Path) -> Diagnostic:
    """Locate a character YAML refuses (a control character pasted from another program).

    The reader stops at the first such character; its ``position`` is a byte offset with
    the C loader and a character index with the pure-Python one, so find the character.
    """
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    index = text.find(char)
    if index < 0:
        index = min(max(int(exc.position or 0), 0), len(text))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Diagnostic(path, line, column, f"the file contains a control character (U+{ord(char):04X}) that "
                      "YAML does not allow; delete it (it often comes from copying text out of another program)")


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
    if "another document" in problem:
        return (" — a line '---' starts a second YAML document, and each file holds one record; "
                "delete the '---' line, or move what follows into a file of its own")
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
