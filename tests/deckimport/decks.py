"""Decks exported from a copy of the sample store, and edits made to them the way people make them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as Deck

from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.sample_store import sample_store_copy

PACK = "jha-counsellors-2026-01-12"
PARTNERS = "strategy-partners-briefing"
AREA5 = Path("areas") / "05-labour-mobility-legal-pathways.yaml"
TUNISIA = Path("countries") / "tunisia.yaml"


def store_and_deck(tmp_path: Path, pack: str = PACK) -> tuple[Path, Path]:
    """A copy of the sample store under ``tmp_path``, and the deck of ``pack`` exported from it."""
    store = sample_store_copy(tmp_path)
    catalog = load_store(store)
    return store, build_pack(catalog.packs[pack], catalog, tmp_path / "out", annex=False).deck


def content(slide: Any) -> Any:
    """The slide's body placeholder (the shape the app named "Content …")."""
    return next(s for s in slide.shapes if s.name.startswith("Content"))


def duplicate(prs: Deck, index: int, source: Any = None) -> Any:
    """Append a copy of slide ``index`` (or of slide ``source`` of another deck, pasted on that slide's
    layout) as PowerPoint's Duplicate Slide or Paste make it."""
    new = prs.slides.add_slide(prs.slides[index].slide_layout)
    source = source if source is not None else prs.slides[index]
    for shape in list(new.shapes):
        shape._element.getparent().remove(shape._element)
    for shape in source.shapes:
        new.shapes._spTree.insert_element_before(copy.deepcopy(shape._element), "p:extLst")
    return new


def reword_first_run(deck: Path, slide: int, paragraph: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the first run of paragraph ``paragraph`` of slide ``slide``'s body (0-based)."""
    prs = Presentation(str(deck))
    run = content(prs.slides[slide]).text_frame.paragraphs[paragraph].runs[0]
    run.text = run.text.replace(old, new)
    prs.save(str(deck))


def libreoffice_resave(deck: Path, work: Path) -> Path:
    """``deck`` opened and saved again by LibreOffice Impress (as a .pptx), as a colleague without
    PowerPoint sends it back."""
    import subprocess

    out = work / f"lo-{deck.stem}"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                    "--convert-to", "pptx", "--outdir", str(out), str(deck)],
                   check=True, capture_output=True, timeout=180)
    return out / deck.name


def copies_edited_differently(deck: Path, on_the_copy_only: bool = False) -> None:
    """Slide 8 duplicated (the copy is slide 11), its measure reworded one way on each copy ("most
    attractive spot" on 8, "destination" on 11); with ``on_the_copy_only``, another measure reworded on
    the copy alone."""
    prs = Presentation(str(deck))
    copy_ = duplicate(prs, 7)
    for slide, word in ((copy_, "destination"), (prs.slides[7], "spot")):
        run = content(slide).text_frame.paragraphs[1].runs[0]
        run.text = run.text.replace("place", word)
    if on_the_copy_only:
        run = content(copy_).text_frame.paragraphs[4].runs[-1]
        run.text = run.text.replace("enforcement", "stronger enforcement")
    prs.save(str(deck))
