"""templates/brand.yaml holds what a designer may change: editing a copy changes the deck and the annex."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest

from briefing_builder import brand
from briefing_builder.brand import BrandError, read_settings
from briefing_builder.paths import sample_store_dir, templates_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store

PACK = "strategy-partners-briefing"  # marked LIMITE


class Built(NamedTuple):
    """What a build of ``PACK`` shows of the brand settings."""

    slides: str  # every slide's XML
    book: openpyxl.Workbook  # the annex
    title_size: float | None  # the title slide's title
    footer_size: float  # the largest footer


def _build(tmp_path: Path, name: str) -> Built:
    """``PACK`` built now with the brand settings in force."""
    store = tmp_path / f"store-{name}"
    shutil.copytree(sample_store_dir(), store)
    catalog = load_store(store)
    result = build_pack(catalog.packs[PACK], catalog, tmp_path / name, generated_on=dt.date(2026, 1, 12))
    with zipfile.ZipFile(result.deck) as deck:
        slides = "".join(deck.read(n).decode() for n in deck.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n))
    assert result.annex is not None
    title = next(s for s in result.plan.slides if s.role == "title")
    return Built(slides, openpyxl.load_workbook(result.annex), title.title_font_size,
                 max(s.footer_font_size or 0 for s in result.plan.slides))


def _edited_copy(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = (templates_dir() / "brand.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    copy = tmp_path / "brand.yaml"
    copy.write_text(text, encoding="utf-8")
    return copy


def _header_fill(book: openpyxl.Workbook) -> str:
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible" and ws.tables)
    top = min(cell.row for row in sheet.iter_rows() for cell in row if cell.fill.fgColor.rgb not in (None, "00000000"))
    return str(sheet.cell(top, 1).fill.fgColor.rgb)[-6:]


def test_changing_a_copy_of_brand_yaml_changes_the_deck_and_the_annex(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    slides, book, title_size, footer_size = _build(tmp_path, "bundled")
    assert 'val="B00020"' in slides and title_size == 40.0 and _header_fill(book) == "1F3864"
    assert footer_size == 10.0
    copy = _edited_copy(tmp_path, ('colour: "B00020"', 'colour: "0050A0"'),
                        ("cover_title_pt: 40", "cover_title_pt: 30"), ('heading: "1F3864"', 'heading: "225522"'),
                        ("footer_pt: 10 ", "footer_pt: 8 "))
    monkeypatch.setattr(brand, "brand_file", lambda: copy)
    slides, book, title_size, footer_size = _build(tmp_path, "edited")
    assert 'val="0050A0"' in slides and 'val="B00020"' not in slides  # the marking on every slide
    assert title_size == 30.0 and 'sz="3000"' in slides
    assert _header_fill(book) == "225522"
    assert footer_size == 8.0
    cover = book.worksheets[0]
    assert any(str(c.font.color.rgb).endswith("0050A0") for row in cover.iter_rows() for c in row
               if c.value == "LIMITE" and c.font.color is not None)


@pytest.mark.parametrize(("change", "says"), [
    (("title_pt: 28 ", "title_pt: big "), "text: title_pt must be a size in points"),
    (("subtitle_min_pt: 12", "subtitle_min_pt: 24"), "subtitle_min_pt (24) is larger than subtitle_pt (20)"),
    (('colour: "B00020"', "colour: red"), "marking: colour must be a colour as 6 hex digits"),
    (("annex:\n", "annexes:\n"), "needs a 'annex:' section"),
])
def test_a_bad_value_is_named_with_the_file_and_the_key(tmp_path: Path, change: tuple[str, str], says: str) -> None:
    copy = _edited_copy(tmp_path, change)
    with pytest.raises(BrandError, match=re.escape(says)) as caught:
        read_settings(copy)
    assert str(copy) in str(caught.value)


def test_a_brand_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "brand.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(BrandError, match="must be a YAML mapping"):
        read_settings(bad)


def test_a_broken_brand_file_stops_a_build_and_a_check_with_its_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.cli import main

    copy = _edited_copy(tmp_path, ("title_pt: 28 ", "title_pt: big "))
    monkeypatch.setattr(brand, "brand_file", lambda: copy)
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "out"), "--no-history"]) == 1
    assert main(["check", PACK, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.count(f"{copy}: text: title_pt must be a size in points") == 2
    assert "Traceback" not in err and not (tmp_path / "out").exists()
