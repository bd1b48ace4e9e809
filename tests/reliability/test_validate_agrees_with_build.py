"""What `validate` accepts must build, and what cannot build `validate` refuses — through the CLI.

Each case edits a copy of the bundled store (or makes a template) the way a person would,
runs ``briefing-builder validate`` and then ``briefing-builder build`` and reads the files
built: never a traceback, never "nan" on a slide, never a Python object in a message.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from briefing_builder.cli import main
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.reliability.helpers import assert_sound_deck, copy_store, deck_text
from tests.zip_parts import package, parts_of, rewrite_file

DEMO = "strategy-partners-briefing"
TUNISIA = "countries/tunisia.yaml"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text and "object at 0x" not in text
    return status, text


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_exact_milestone_date_builds_the_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/store-format.md shows `date: 2026-06-12`; a pack with a timeline must build with it."""
    root = copy_store(tmp_path / "store")
    with (root / "milestones.yaml").open("a", encoding="utf-8") as handle:
        handle.write('\n  - id: council-conclusions\n    title: "Council conclusions"\n    date: 2026-06-12\n'
                     '\n  - id: mid-term-review\n    title: "Mid-term review"\n    period: "2026-Q3"\n'
                     '    date: 2026-01-15\n')
    assert _cli(capsys, "validate", "--store", str(root))[0] == 0
    out = tmp_path / "out"
    status, text = _cli(capsys, "build", DEMO, "--store", str(root), "--out", str(out))
    assert status == 0, text
    with zipfile.ZipFile(out / f"{DEMO}.pptx") as deck:  # the timeline is drawn in group shapes
        slides = " ".join(deck.read(n).decode("utf-8") for n in deck.namelist() if n.startswith("ppt/slides/slide"))
    assert "Council conclusions" in slides and "2026-06-12" in slides
    catalog = load_store(root)
    labels = [e.label for s in build_pack(catalog.packs[DEMO], catalog, tmp_path / "o2").plan.slides
              if s.timeline is not None for e in s.timeline.entries]  # the timeline may continue on a next slide
    # A dated milestone sits in date order among the periods of its year.
    assert labels.index("Mid-term review") < labels.index("Council conclusions")


@pytest.mark.parametrize("old, new", [('{label: "2022", value: 60}', '{label: "2022", value: .nan}'),
                                      ('{label: "2022", value: 60}', '{label: "2022", value: .inf}'),
                                      ("    value: 20\n", "    value: .nan\n"),
                                      ("    value: 20\n", "    value: -.inf\n")])
def test_nan_or_infinity_is_refused_by_validate_and_never_reaches_the_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> None:
    root = copy_store(tmp_path / "store")
    _edit(root, TUNISIA, old, new)
    status, text = _cli(capsys, "validate", "--store", str(root))
    assert status == 1 and f"{TUNISIA}:" in text and "not a number a slide can show" in text
    out = tmp_path / "out"
    status, text = _cli(capsys, "build", DEMO, "--store", str(root), "--out", str(out))
    assert status == 0, text  # built with the good records, after saying what is wrong
    deck = deck_text((out / f"{DEMO}.pptx").read_bytes())
    assert not re.search(r"\b(nan|inf)\b", deck, re.IGNORECASE)
    book = openpyxl.load_workbook(out / f"{DEMO}-annex.xlsx")
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(re.fullmatch(r"-?(nan|inf)", c, re.IGNORECASE) for c in cells)


def test_the_bundled_store_validates_and_every_pack_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "validate", "--store", str(sample_store_dir()))[0] == 0
    for pack in load_store(sample_store_dir()).packs:
        out = tmp_path / pack
        status, text = _cli(capsys, "build", pack, "--out", str(out))
        assert status == 0, text
        assert_sound_deck((out / f"{pack}.pptx").read_bytes())
        assert openpyxl.load_workbook(out / f"{pack}-annex.xlsx").sheetnames


# ----------------------------------------------------------------------------- templates


def _word_document_named_pptx(folder: Path) -> Path:
    """A .docx renamed .pptx whose content types also name the PowerPoint type (as some tools write)."""
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
        'org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        f'"/word/document.xml" ContentType="{word}"/><Override PartName="/ppt/presentation.xml" '
        f'ContentType="{main}"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org'
        '/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>',
    }
    path = folder / "Briefing template.pptx"
    path.write_bytes(package(parts))
    return path


def _ten_thousand_layouts(folder: Path) -> Path:
    """The bundled template with 10,000 more layouts (each a part and its relationships)."""
    source = templates_dir() / "briefing-16x9.pptx"
    parts = parts_of(source)
    layout, rels = parts["ppt/slideLayouts/slideLayout1.xml"], parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"]
    added = [pair for n in range(100, 10_100) for pair in ((f"ppt/slideLayouts/slideLayout{n}.xml", layout),
                                                           (f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels", rels))]
    return rewrite_file(source, folder / "many-layouts.pptx", {}, added)


@pytest.mark.parametrize("make, expected", [
    (_word_document_named_pptx, ("Template 'Briefing template.pptx' is a Word document with a PowerPoint file name. "
                                 "Choose a .potx or .pptx file saved by PowerPoint.")),
    (_ten_thousand_layouts, "a template may have at most 10,000). Delete unused layouts and masters in PowerPoint"),
], ids=["docx renamed pptx", "10,000 layouts"])
def test_a_template_that_cannot_be_used_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     make: Callable[[Path], Path], expected: str) -> None:
    template = make(tmp_path)
    out = tmp_path / "out"
    status, text = _cli(capsys, "build", DEMO, "--out", str(out), "--template", str(template))
    assert status == 1
    assert expected in text, text
    assert "BytesIO" not in text and "zip bomb" not in text and "Error" not in text
    assert not out.exists() or list(out.iterdir()) == []


# ----------------------------------------------------------------------------- found by trying to break it


@pytest.mark.parametrize("written, expected", [
    ('template: "briefing-16x10"', "No template named 'briefing-16x10'"),
    ('template: "../elsewhere/brand.pptx"', "points outside the store folder"),
    ('template: "templates/brand.pptx"', "Template 'brand.pptx' is not a PowerPoint file"),
])
def test_validate_reports_a_template_that_build_would_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             written: str, expected: str) -> None:
    root = copy_store(tmp_path / "store")
    (root / "templates").mkdir()
    (root / "templates" / "brand.pptx").write_bytes(b"not a presentation")
    rel = f"packs/{DEMO}.yaml"
    _edit(root, rel, 'template: "briefing-16x9"', written)
    line = next(n for n, text in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1)
                if written in text)
    status, text = _cli(capsys, "validate", "--store", str(root))
    assert status == 1
    assert f"{rel}:{line}:13: error: " in text and expected in text, text
    status, built = _cli(capsys, "build", DEMO, "--store", str(root), "--out", str(tmp_path / "out"))
    assert status == 1 and expected in built


def test_a_default_template_build_would_refuse_is_located_in_store_yaml(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_store(tmp_path / "store")
    _edit(root, "store.yaml", 'default_template: "briefing-16x9"', 'default_template: "house-style"')
    status, text = _cli(capsys, "validate", "--store", str(root))
    assert status == 1 and "store.yaml:" in text and "No template named 'house-style'" in text, text


def test_sub_points_too_long_for_one_annex_cell_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The annex gives all sub-points of a measure one Excel cell (at most 32,767 characters):
    more would be cut off in the annex without a word."""
    root = copy_store(tmp_path / "store")
    long = "".join(f'      - "{"word " * 3900}"\n' for _ in range(2))
    _edit(root, "areas/04-return-readmission.yaml", "  - id: readmission-by-third-countries\n",
          f'  - id: long-measure\n    text: "Long"\n    sub_points:\n{long}  - id: readmission-by-third-countries\n')
    status, text = _cli(capsys, "validate", "--store", str(root))
    assert status == 1
    assert "sub_points: the sub-points of this measure hold 39,016 characters together" in text, text
