"""``--pdf=office``: the deck converted by LibreOffice where it is installed, a clear message where not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from briefing_builder import cli
from briefing_builder.render import pdf_office

PACK_ID = "jha-counsellors-2026-01-12"


@pytest.mark.skipif(not pdf_office.office_binary(), reason="LibreOffice is not installed")
def test_office_pdf_is_libreoffices_rendering_of_the_deck(qapp: QApplication, tmp_path: Path) -> None:
    assert cli.main(["build", PACK_ID, "--out", str(tmp_path), "--pdf=office", "--no-annex"]) == 0
    reader = PdfReader(tmp_path / f"{PACK_ID}.pdf")
    assert len(reader.pages) == 10
    assert "LibreOffice" in str(reader.metadata.get("/Producer", ""))


def test_without_libreoffice_office_pdf_says_what_to_do(
        qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert cli.main(["build", PACK_ID, "--out", str(tmp_path), "--pdf=office", "--no-annex"]) == 1
    err = capsys.readouterr().err
    assert "LibreOffice is not installed" in err and "--pdf" in err
    assert not (tmp_path / f"{PACK_ID}.pdf").exists()


def test_a_pack_without_slides_gets_a_message_not_a_pdf(
        qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "empty.yaml"
    pack.write_text("id: empty-pack\nmeeting:\n  title: Empty\n  body: JHA Counsellors\n  date: 2026-01-12\n"
                    "sections:\n  - type: area\n    area: not-in-the-store\n", encoding="utf-8")
    status = cli.main(["build", str(pack), "--out", str(tmp_path / "out"), "--pdf", "--handout", "--no-annex"])
    captured = capsys.readouterr()
    assert "(0 slides)" in captured.out  # the deck is built; its only section names a missing record
    assert status == 1 and "no slides, so no PDF was written" in captured.err
    assert not list((tmp_path / "out").glob("*.pdf"))
