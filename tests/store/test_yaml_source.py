"""Reading a store file: values with their positions, and located messages for what YAML cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.store.yaml_source import YamlError, parse_yaml, read_yaml, yaml_problem

PATH = Path("areas/01-example.yaml")
TEXT = """id: example
title: Example
measures:
  - id: first
    text: "First measure"
  - id: second
    urgent: NO
"""


def test_values_come_with_their_line_and_column() -> None:
    source = parse_yaml(TEXT.encode("utf-8"), PATH)
    assert source.data["measures"][1]["id"] == "second"
    assert source.locate(("title",)) == (2, 8)
    assert source.locate(("measures", 1, "id")) == (6, 9)
    assert source.locate(("measures", 1, "missing")) == (6, 5)  # the nearest located parent
    assert source.locate_key(("measures", 0, "text")) == (5, 5)
    assert source.plain_text(("measures", 1, "urgent")) == "NO"  # read as false, written as NO
    assert source.plain_text(("measures", 0, "text")) is None  # quoted


@pytest.mark.parametrize(("text", "where", "says"), [
    ("id: x\nid: y\n", (2, 1), "the key 'id' is given twice in the same place (first on line 1)"),
    ("id: [oops\n", (2, 1), "YAML syntax error"),
])
def test_what_yaml_cannot_read_is_a_located_error(text: str, where: tuple[int, int], says: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text.encode("utf-8"), PATH)
    diagnostic = caught.value.diagnostic
    assert (diagnostic.line, diagnostic.column) == where and diagnostic.path == PATH
    assert says in diagnostic.message
    assert yaml_problem(text, PATH) == str(diagnostic)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(8)]
    with pytest.raises(YamlError):
        parse_yaml("\n".join(lines).encode("utf-8"), PATH)


def test_an_empty_file_reads_as_nothing_and_a_missing_file_is_located(tmp_path: Path) -> None:
    assert parse_yaml(b"", PATH).data is None
    with pytest.raises(YamlError, match="cannot read the file"):
        read_yaml(tmp_path / "missing.yaml")
    assert yaml_problem("id: fine\n", PATH) is None
