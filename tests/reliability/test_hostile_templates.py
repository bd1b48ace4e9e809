"""Hostile templates: corrupt, truncated, macro-enabled, zip bombs, no layouts, hostile sidecars.

Each is refused by :func:`open_template` with a :class:`TemplateError` naming the file, by
:func:`build_pack` with a :class:`BuildError` carrying the same message (nothing written),
and by ``briefing-builder build --template X`` with exit status 1 and no traceback.
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.paths import templates_dir
from briefing_builder.pipeline import BuildError, build_pack
from briefing_builder.render.deck_writer import deck_bytes
from briefing_builder.render.template import TemplateError, open_template
from briefing_builder.store import Catalog, load_store
from tests.reliability.helpers import REFERENCE_PACK, assert_sound_deck, copy_store
from tests.zip_parts import package, parts_of, rewrite_package

BUNDLED = templates_dir() / "briefing-16x9.pptx"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("RELIABILITY_EXAMPLES", "60"))
RANDOM = bool(os.environ.get("RELIABILITY_RANDOM"))


# ----------------------------------------------------------------------------- makers


def truncated(folder: Path) -> Path:
    data = BUNDLED.read_bytes()
    path = folder / "truncated.pptx"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def corrupt_entry(folder: Path) -> Path:
    """Bytes flipped inside a compressed part: the zip index is fine, the CRC is not."""
    data = bytearray(BUNDLED.read_bytes())
    with zipfile.ZipFile(BUNDLED) as archive:
        info = archive.getinfo("ppt/slideMasters/slideMaster1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0xFF
    path = folder / "corrupt.pptx"
    path.write_bytes(bytes(data))
    return path


def macro_pptm(folder: Path) -> Path:
    path = folder / "macros.pptm"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def macro_potm(folder: Path) -> Path:
    path = folder / "macros.potm"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def macro_inside_pptx(folder: Path) -> Path:
    parts = parts_of(BUNDLED)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"presentationml.presentation.main+xml", b"ms-powerpoint.presentation.macroEnabled.main+xml")
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 60
    path = folder / "innocent.pptx"
    path.write_bytes(package(parts))
    return path


def zip_bomb_ratio(folder: Path) -> Path:
    parts = parts_of(BUNDLED)
    parts["ppt/media/zeros.bin"] = b"\0" * (64 * 2**20)  # 64 MB that compresses to ~64 KB
    path = folder / "bomb.pptx"
    path.write_bytes(package(parts))
    return path


def zip_bomb_declared(folder: Path) -> Path:
    """An entry whose headers declare 3 GB: refused from the index, before anything is inflated."""
    data = bytearray(package({**parts_of(BUNDLED), "ppt/media/huge.bin": b"\0" * 1024}))
    name = b"ppt/media/huge.bin"
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        (name_len,) = struct.unpack("<H", data[central + 28: central + 30])
        if data[central + 46: central + 46 + name_len] == name:
            data[central + 24: central + 28] = struct.pack("<I", 3 * 2**30)
        central = data.find(b"PK\x01\x02", central + 4)
    path = folder / "declared-bomb.pptx"
    path.write_bytes(bytes(data))
    return path


def zip_bomb_lying(folder: Path) -> Path:
    """An entry whose headers say 1 KB but which inflates to 50 MB (CRC and size checks fail)."""
    raw = b"\0" * (50 * 2**20)
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packed.compress(raw) + packed.flush()
    parts = parts_of(BUNDLED)
    parts["ppt/media/liar.bin"] = b"\0" * 1024
    data = bytearray(package(parts))
    # Replace the liar's compressed body with the 50 MB stream, keeping its declared sizes.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("ppt/media/liar.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    old = data[start: start + info.compress_size]
    data[start: start + info.compress_size] = body[: len(old)] + b"\0" * max(0, len(old) - len(body))
    path = folder / "lying-bomb.pptx"
    path.write_bytes(bytes(data))
    return path


def too_many_entries(folder: Path) -> Path:
    parts = parts_of(BUNDLED)
    for i in range(20_001):
        parts[f"ppt/media/x{i}.bin"] = b""
    path = folder / "many.pptx"
    path.write_bytes(package(parts))
    return path


def duplicate_entries(folder: Path) -> Path:
    """A second slide master under the same name: which one PowerPoint would read is unclear."""
    master = "ppt/slideMasters/slideMaster1.xml"
    data = rewrite_package(BUNDLED, {}, added=[(master, parts_of(BUNDLED)[master])])
    path = folder / "twice.pptx"
    path.write_bytes(data)
    return path


def no_layouts(folder: Path) -> Path:
    prs = Presentation(str(BUNDLED))
    for master in prs.slide_masters:
        for layout in list(master.slide_layouts):
            master.slide_layouts.remove(layout)
    path = folder / "no-layouts.pptx"
    prs.save(str(path))
    return path


def old_binary(folder: Path) -> Path:
    path = folder / "old.ppt"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    return path


def encrypted(folder: Path) -> Path:
    """Password-protected OOXML is an OLE container, whatever its extension."""
    path = folder / "protected.pptx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.pptx"
    path.write_bytes(b"")
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "folder.pptx"
    path.mkdir()
    return path


def not_powerpoint(folder: Path) -> Path:
    path = folder / "word.pptx"
    path.write_bytes(package({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/'
                                                   b'2006/content-types"/>', "word/document.xml": b"<w/>"}))
    return path


def bad_xml(folder: Path) -> Path:
    parts = parts_of(BUNDLED)
    parts["ppt/presentation.xml"] = parts["ppt/presentation.xml"][:300]
    path = folder / "bad-xml.pptx"
    path.write_bytes(package(parts))
    return path


def entity_bomb(folder: Path) -> Path:
    parts = parts_of(BUNDLED)
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b"]>")
    master = parts["ppt/slideMasters/slideMaster1.xml"]
    body = master.split(b"?>", 1)[1] if master.startswith(b"<?xml") else master
    parts["ppt/slideMasters/slideMaster1.xml"] = lol + body.replace(b"<p:cSld", b"<p:cSld name='&lol9;'", 1)
    path = folder / "entities.pptx"
    path.write_bytes(package(parts))
    return path


def sidecar_alias_bomb(folder: Path) -> Path:
    path = folder / "sidecar-bomb.pptx"
    path.write_bytes(BUNDLED.read_bytes())
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines += ["roles:", "  content: *a8"]
    path.with_suffix(".yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sidecar_wrong_shape(folder: Path) -> Path:
    path = folder / "sidecar-shape.pptx"
    path.write_bytes(BUNDLED.read_bytes())
    path.with_suffix(".yaml").write_text("roles: [content, title]\ntext: 12\n", encoding="utf-8")
    return path


def sidecar_binary(folder: Path) -> Path:
    path = folder / "sidecar-binary.pptx"
    path.write_bytes(BUNDLED.read_bytes())
    path.with_suffix(".yaml").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    return path


MAKERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated": (truncated, "damaged or incomplete"),
    "corrupt entry": (corrupt_entry, "damaged"),
    "pptm": (macro_pptm, "macro-enabled"),
    "potm": (macro_potm, "macro-enabled"),
    "macros inside .pptx": (macro_inside_pptx, "contains macros"),
    "zip bomb (ratio)": (zip_bomb_ratio, "zip bomb"),
    "zip bomb (declared size)": (zip_bomb_declared, "zip bomb"),
    "zip bomb (lying header)": (zip_bomb_lying, "damaged"),
    "too many entries": (too_many_entries, "a template may have at most"),
    "an entry given twice": (duplicate_entries, "has the zip entry ppt/slideMasters/slideMaster1.xml twice"),
    "no layouts": (no_layouts, "no slide layouts"),
    "old binary .ppt": (old_binary, "old binary PowerPoint format"),
    "password-protected": (encrypted, "encrypted"),
    "empty file": (empty, "not a PowerPoint file"),
    "a folder": (a_folder, "is a folder"),
    "zip, not PowerPoint": (not_powerpoint, "not a PowerPoint presentation"),
    "truncated XML": (bad_xml, "not well-formed XML"),
    "XML entity bomb": (entity_bomb, "has a DOCTYPE declaration"),
    "sidecar alias bomb": (sidecar_alias_bomb, "alias bomb"),
    "sidecar wrong shape": (sidecar_wrong_shape, "must be a mapping"),
    "sidecar binary": (sidecar_binary, "not UTF-8"),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_store(copy_store(tmp_path_factory.mktemp("store") / "store"))


@pytest.mark.parametrize("kind", list(MAKERS))
def test_open_template_refuses_with_a_message(kind: str, tmp_path: Path) -> None:
    maker, expected = MAKERS[kind]
    path = maker(tmp_path)
    with pytest.raises(TemplateError) as info:
        open_template(path)
    message = str(info.value)
    assert expected in message, message
    assert path.name in message or path.with_suffix(".yaml").name in message, message
    assert "Traceback" not in message and len(message) < 600


@pytest.mark.parametrize("kind", list(MAKERS))
def test_build_refuses_and_writes_nothing(kind: str, tmp_path: Path, catalog: Catalog,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    maker, expected = MAKERS[kind]
    path = maker(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=re.escape(expected)):
        build_pack(catalog.packs[REFERENCE_PACK], catalog, out, template=str(path))
    assert not out.exists() or list(out.iterdir()) == []
    assert main(["build", REFERENCE_PACK, "--store", str(catalog.root), "--out", str(out),
                 "--template", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing-builder: ") and expected in err and "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["truncated", "pptm", "zip bomb (ratio)", "no layouts", "sidecar alias bomb"])
def test_cli_process_exits_1_without_traceback(kind: str, tmp_path: Path) -> None:
    maker, expected = MAKERS[kind]
    path = maker(tmp_path)
    done = subprocess.run([sys.executable, "-m", "briefing_builder", "build", REFERENCE_PACK, "--out",
                           str(tmp_path / "out"), "--template", str(path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)})
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and expected in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "out").exists()


# ----------------------------------------------------------------------------- properties

#: Parts whose damage matters most: the presentation, a master, layouts, the theme, relationships.
XML_PARTS = ["ppt/presentation.xml", "ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml",
             "ppt/slideLayouts/slideLayout2.xml", "ppt/theme/theme1.xml", "[Content_Types].xml",
             "ppt/_rels/presentation.xml.rels", "ppt/slideMasters/_rels/slideMaster1.xml.rels",
             "ppt/slideLayouts/_rels/slideLayout2.xml.rels", "_rels/.rels"]
#: Replacement attribute values: wrong types, huge and negative numbers, empty.
VALUES = [b"", b"-1", b"0", b"99999999999999999999", b"abc", b"1.5", b"&amp;", b"\xc3\xa9", b"rId999", b"../../x.xml"]


@st.composite
def damaged_packages(draw: st.DrawFn) -> tuple[str, bytes]:
    parts = parts_of(BUNDLED)
    log = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(XML_PARTS))
        if name not in parts:
            continue
        data = parts[name]
        kind = draw(st.sampled_from(["attr", "cut", "drop_element", "garbage", "drop_part"]))
        if kind == "attr":
            attrs = list(re.finditer(rb'(\w+)="([^"]*)"', data))
            if attrs:
                match = draw(st.sampled_from(attrs))
                data = data[: match.start(2)] + draw(st.sampled_from(VALUES)) + data[match.end(2):]
        elif kind == "cut":
            at = draw(st.integers(0, len(data)))
            data = data[:at]
        elif kind == "drop_element":
            elements = list(re.finditer(rb"<(\w+:\w+)\b[^>]*/>", data))
            if elements:
                match = draw(st.sampled_from(elements))
                data = data[: match.start()] + data[match.end():]
        elif kind == "garbage":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif kind == "drop_part":
            parts.pop(name, None)
            log.append(f"drop {name}")
            continue
        parts[name] = data
        log.append(f"{kind} {name}")
    return "; ".join(log), package(parts)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM,
          database=None if not RANDOM else settings.default.database,
          suppress_health_check=[HealthCheck.too_slow])
@given(damaged=damaged_packages())
def test_damaged_template_is_refused_or_builds_a_sound_deck(damaged: tuple[str, bytes], catalog: Catalog) -> None:
    _, data = damaged
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "damaged.pptx"
        path.write_bytes(data)
        try:
            result = build_pack(catalog.packs[REFERENCE_PACK], catalog, Path(tmp) / "out", template=str(path),
                                annex=False)
        except BuildError as exc:
            refusal = str(exc)
        else:
            refusal = None
        if refusal is not None:
            assert "damaged.pptx" in refusal
            assert not (Path(tmp) / "out").exists() or list((Path(tmp) / "out").iterdir()) == []
            return
        deck = result.deck.read_bytes()
        assert_sound_deck(deck)  # damage is refused, never passed on to the deck
        Presentation(io.BytesIO(deck))


def test_sound_template_control() -> None:
    """The makers damage a template that is otherwise fine (so each refusal is about its damage)."""
    opened = open_template(BUNDLED)
    catalog = load_store(copy_store(Path(tempfile.mkdtemp()) / "store"))
    assert_sound_deck(deck_bytes(plan_deck(catalog.packs[REFERENCE_PACK], catalog, opened.geometry), opened))
