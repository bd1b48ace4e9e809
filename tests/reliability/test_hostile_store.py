"""Hostile store input: whatever is in the YAML files, loading never raises and every problem
is a located diagnostic; a pack that survives loading always builds (or fails with a message).

Random YAML documents and random mutations of the bundled store's files (keys deleted,
values of the wrong type, garbage bytes, truncation, duplicated ids and files, swapped
files) are loaded with :func:`load_store`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.paths import templates_dir
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import open_template
from briefing_builder.store import StoreNotFound, load_store
from briefing_builder.store.yaml_source import MAX_FILE_BYTES
from tests.reliability.helpers import assert_located, assert_sound_deck, bundled_files, copy_store, write_store

#: Deterministic in CI (same examples every run); RELIABILITY_EXAMPLES=5000 RELIABILITY_RANDOM=1 hunts wider.
EXAMPLES = int(os.environ.get("RELIABILITY_EXAMPLES", "150"))
RANDOM = bool(os.environ.get("RELIABILITY_RANDOM"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None if not RANDOM else
                    settings.default.database, suppress_health_check=[HealthCheck.too_slow])
YAML_FILES = sorted(name for name in bundled_files() if name.endswith(".yaml"))
RECORD_FILES = [name for name in YAML_FILES if "/" in name]

# ----------------------------------------------------------------------------- strategies

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["id", "measures", "type", "area", "-", "{n}", "**x**"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(
                                ["id", "number", "title", "measures", "text", "sections", "meeting", "type",
                                 "milestones", "name", "area", "sub_points", "key_figures"])), inner, max_size=6)),
    max_leaves=25,
)
#: Text built from YAML's structural characters: mostly syntax errors, sometimes odd valid YAML.
yamlish = st.text(alphabet=st.sampled_from(list("abc01: -[]{},&*!|>'\"#%@?\n\t  \\`~<=.\u00e9\u2028\x85\x00\x1b")),
                  max_size=200)
#: Values that have the wrong type almost everywhere in the schema.
WRONG_VALUES = ["[1, 2]", "{a: 1}", "123", "-7", "true", "null", "''", "2026-13-45", "2026-01-12", "1e400",
                ".nan", "!!binary aGVsbG8=", "!!python/object/apply:os.system ['true']", "!!set {a, b}",
                "&anchor x", "*undefined", "<<: {a: 1}", "'unterminated", "\"\\x\"", "|", "- a\n- b", "~",
                "x" * 600, "[" * 300, "\t1", "'=HYPERLINK(\"http://x\")'", "'[slide {n}](#nowhere)'"]


class Mutated:
    """A damaged store: its files, and a short log of the damage for failure reports."""

    def __init__(self, files: dict[str, bytes], log: list[str]) -> None:
        self.files, self.log = files, log

    def __repr__(self) -> str:
        return "Mutated(" + "; ".join(self.log) + ")"


@st.composite
def mutated_stores(draw: st.DrawFn) -> Mutated:
    """The bundled store with one to four random damages."""
    files = dict(bundled_files())
    log: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete_line", "wrong_type", "garbage", "truncate", "duplicate_file",
                                     "duplicate_entry", "delete_file", "swap", "replace_char", "document",
                                     "yamlish", "empty", "indent"]))
        names = sorted(n for n in files if n.endswith(".yaml"))
        name = draw(st.sampled_from(names))
        data = files[name]
        lines = data.split(b"\n")
        if kind == "delete_line":
            keyed = [i for i, line in enumerate(lines) if re.match(rb"^\s*-?\s*[a-z_]+:", line)]
            if keyed:
                del lines[draw(st.sampled_from(keyed))]
            files[name] = b"\n".join(lines)
        elif kind == "wrong_type":
            keyed = [i for i, line in enumerate(lines) if re.match(rb"^\s*-?\s*[a-z_]+:", line)]
            if keyed:
                i = draw(st.sampled_from(keyed))
                key = lines[i].split(b":", 1)[0]
                lines[i] = key + b": " + draw(st.sampled_from(WRONG_VALUES)).encode()
            files[name] = b"\n".join(lines)
        elif kind == "garbage":
            at = draw(st.integers(0, len(data)))
            files[name] = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif kind == "truncate":
            files[name] = data[: draw(st.integers(0, len(data)))]
        elif kind == "duplicate_file" and "/" in name:
            folder, base = name.split("/", 1)
            target = draw(st.sampled_from([folder, "areas", "countries", "packs", "consultations"]))
            files[f"{target}/zz-copy-{base}"] = data
        elif kind == "duplicate_entry":
            entries = [i for i, line in enumerate(lines) if re.match(rb"^\s*- id:", line)]
            if entries:
                i = draw(st.sampled_from(entries))
                end = next((j for j in range(i + 1, len(lines)) if re.match(rb"^\s*- ", lines[j])
                            and len(lines[j]) - len(lines[j].lstrip()) <= len(lines[i]) - len(lines[i].lstrip())),
                           len(lines))
                lines[end:end] = lines[i:end]
            files[name] = b"\n".join(lines)
        elif kind == "delete_file" and name != "store.yaml":
            del files[name]
        elif kind == "swap":
            other = draw(st.sampled_from(names))
            files[name], files[other] = files[other], files[name]
        elif kind == "replace_char" and data:
            at = draw(st.integers(0, len(data) - 1))
            char = draw(st.characters(codec="utf-8")).encode("utf-8", "surrogatepass")
            files[name] = data[:at] + char + data[at + 1:]
        elif kind == "document":
            files[name] = yaml.safe_dump(draw(documents), allow_unicode=draw(st.booleans())).encode()
        elif kind == "yamlish":
            files[name] = draw(yamlish).encode("utf-8")
        elif kind == "empty":
            files[name] = draw(st.sampled_from([b"", b"\n", b"---\n", b"# only a comment\n", b"~\n", b"[]\n",
                                                b"---\n---\n", b"\xef\xbb\xbf"]))
        elif kind == "indent":
            i = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i] = draw(st.sampled_from([b"\t", b" ", b"   ", b""])) + lines[i]
            files[name] = b"\n".join(lines)
        if files.get(name) != data or name not in files:
            log.append(f"{kind} {name}: {files.get(name, b'<deleted>')[:2000]!r}")
        else:
            log.append(f"{kind} {name} (no change)")
    return Mutated(files, log)


# ----------------------------------------------------------------------------- properties


def _loads_with_every_problem_located(files: dict[str, bytes]) -> None:
    """The store of ``files`` loads without raising, each of its problems located."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_store(Path(tmp) / "store", files)
        assert_located(load_store(root), root)


@SETTINGS
@given(store=mutated_stores())
def test_mutated_store_never_raises_and_every_problem_is_located(store: Mutated) -> None:
    _loads_with_every_problem_located(store.files)


@SETTINGS
@given(name=st.sampled_from(YAML_FILES), document=documents)
def test_random_yaml_document_in_any_file(name: str, document: object) -> None:
    files = dict(bundled_files())
    files[name] = yaml.safe_dump(document, allow_unicode=True).encode("utf-8")
    _loads_with_every_problem_located(files)


@SETTINGS
@given(name=st.sampled_from(YAML_FILES), text=yamlish)
def test_random_yaml_text_in_any_file(name: str, text: str) -> None:
    files = dict(bundled_files())
    files[name] = text.encode("utf-8")
    _loads_with_every_problem_located(files)


@settings(SETTINGS, max_examples=max(EXAMPLES // 3, 20))
@given(store=mutated_stores())
def test_every_pack_that_loads_builds_a_sound_deck(store: Mutated) -> None:
    """The CLI builds with the good records even when the store has errors: that must work."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_store(Path(tmp) / "store", store.files)
        catalog = load_store(root)
        for pack in catalog.packs.values():
            opened = open_template(templates_dir() / "briefing-16x9.pptx")
            plan = plan_deck(pack, catalog, opened.geometry)
            assert plan.slides
            assert_sound_deck(deck_bytes(plan, opened))


# ----------------------------------------------------------------------------- named cases


@pytest.mark.parametrize("payload, where", [
    (b"id: x\n" + b"a: b\n" * 10 + b"\x00\x01 binary", 12),
    (b"\xff\xfeid: x\n", 1),
    (b"id: ok\nname: \xe9t\xe9\n", 2),
    (b"a:\n  b:\n    - [" * 1 + b"\n", 4),
    (b"key: &a [*a]\n", 1),
    (b"x: !!python/object/apply:os.system ['echo hacked']\n", 1),
])
def test_named_hostile_files(tmp_path: Path, payload: bytes, where: int) -> None:
    root = copy_store(tmp_path / "store")
    (root / "countries" / "hostile.yaml").write_bytes(payload)
    catalog = load_store(root)
    assert_located(catalog, root)
    (mine,) = [d for d in catalog.diagnostics if d.path.name == "hostile.yaml"]
    assert mine.line == where, mine.format(root)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "store")
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 10)]
    (root / "countries" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    catalog = load_store(root)
    (mine,) = [d for d in catalog.diagnostics if d.path.name == "bomb.yaml"]
    assert "alias bomb" in mine.message and mine.line == 1


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "store")
    big = root / "countries" / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk use
    catalog = load_store(root)
    (mine,) = [d for d in catalog.diagnostics if d.path.name == "huge.yaml"]
    assert "split it" in mine.message
    assert catalog.counts()["countries"] == 11


def test_deep_nesting_is_a_diagnostic(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "store")
    (root / "countries" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    catalog = load_store(root)
    assert_located(catalog, root)
    assert [d.path.name for d in catalog.diagnostics] == ["deep.yaml"]


def test_deleted_store_yaml_is_store_not_found(tmp_path: Path) -> None:
    root = copy_store(tmp_path / "store")
    (root / "store.yaml").unlink()
    with pytest.raises(StoreNotFound, match=r"no store\.yaml"):
        load_store(root)
