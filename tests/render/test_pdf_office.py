"""LibreOffice's PDF of a deck: it replaces the old PDF whole, and a deck it cannot read leaves that PDF alone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefing_builder.render import pdf_office
from briefing_builder.render.pdf_office import OfficePdfError, office_pdf
from tests.deck_helpers import REFERENCE_PACK, build

needs_office = pytest.mark.skipif(not pdf_office.office_binary(), reason="LibreOffice is not installed")
OLD_PDF = b"%PDF-1.4 the PDF of an earlier export\n"


@needs_office
def test_the_pdf_replaces_the_old_one_with_a_page_per_slide(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK)
    deck = tmp_path / "briefing.pptx"
    deck.write_bytes(data)
    (tmp_path / "briefing.pdf").write_bytes(OLD_PDF)
    assert office_pdf(deck) == tmp_path / "briefing.pdf"
    info = subprocess.run(["pdfinfo", str(tmp_path / "briefing.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert f"Pages:           {len(plan.slides)}" in info
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.pdf", "briefing.pptx"]


@needs_office
def test_a_half_saved_deck_is_refused_and_the_old_pdf_kept(tmp_path: Path) -> None:
    _, data = build(REFERENCE_PACK)
    deck = tmp_path / "briefing.pptx"
    deck.write_bytes(data[: len(data) // 3])  # cut off as a copy interrupted half-way leaves it
    (tmp_path / "briefing.pdf").write_bytes(OLD_PDF)
    with pytest.raises(OfficePdfError) as refused:
        office_pdf(deck)
    message = refused.value.message
    assert message.startswith("LibreOffice could not convert briefing.pptx (") and "nothing was written" in message
    assert "Use --pdf" in message
    assert (tmp_path / "briefing.pdf").read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.pdf", "briefing.pptx"]


def test_without_libreoffice_on_the_path_the_message_names_the_other_way(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf_office.office_binary() is None
    with pytest.raises(OfficePdfError, match=r"LibreOffice is not installed here.*Use --pdf"):
        office_pdf(tmp_path / "briefing.pptx")
    assert list(tmp_path.iterdir()) == []
