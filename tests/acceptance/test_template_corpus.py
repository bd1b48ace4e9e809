"""Both bundled packs on every template of the corpus (real templates from other organisations and tools).

The corpus is fetched by ``python -m tests.fixtures.templates.corpus`` into a git-ignored
folder; these tests run on the templates present and skip when there are none. For every
template: the package is sound, every slide has its title in the title placeholder, the deck
is at most 1.6 times as long as on the bundled template, and — both packs rendered by one
LibreOffice run with the shrink-on-overflow autofit removed — no word lies outside its own box.
Files the corpus lists as to be refused are refused with a message naming the file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.render.package_check import check_package
from briefing_builder.render.template import TemplateError, open_template
from tests.acceptance.test_libreoffice_fit import _without_autofit, words_outside
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
from tests.fixtures.templates import corpus

ENTRIES = corpus.present()
pytestmark = pytest.mark.skipif(not ENTRIES, reason="no corpus templates: python -m tests.fixtures.templates.corpus")
MAX_LENGTH_RATIO = 1.6
USABLE = [e for e in ENTRIES if not e.refuse]
PACKS = (REFERENCE_PACK, DEMO_PACK)
#: Known shortfalls, each with its cause, by (check, template) or (check, template, pack); strict, so a fix
#: shows up as an unexpected pass.
KNOWN: dict[tuple[str, ...], str] = {
    ("fit", "Nature_Illustration", DEMO_PACK): "the demo's footer (98 characters) needs two lines at 7 pt in the "
                                               "layouts' 252×14 pt footer box",
    ("fit", "bug68703.pptx", DEMO_PACK): "a country card's table rows come out taller in LibreOffice than "
                                         "measured: the table runs past its frame",
    ("fit", "ececapstonespring2012.pptx", DEMO_PACK): "the timeline cards' owner line (EUAA, Europol, Frontex) "
                                                      "lies below its card in LibreOffice once each word is "
                                                      "checked against its own card",
    ("fit", "Vintage", DEMO_PACK): "the timeline cards' owner line (EUAA, Europol, Frontex) lies below its card "
                                   "in LibreOffice once each word is checked against its own card",
    ("fit", "cu-boulder-physics-poster.pptx", DEMO_PACK): "on the 3419×2564 pt poster, with text scaled to the "
                                                          "slide, the last line of two bodies (slides 6 and 8) and "
                                                          "a timeline owner run past their boxes",
    ("length", "docling-banner-468x216.pptx"): "a 468×216 pt banner: the text layout's body is 404×137 pt, 55% of "
                                               "the slide: 33 slides for 10 (3.3×), 35 for 11; the build warns",
}


def _known(check: str, entries: list[corpus.Entry], packs: tuple[str, ...] = PACKS) -> list:
    """(entry, pack) parameters, the known shortfalls marked as strict expected failures."""
    params = []
    for entry in entries:
        for pack in packs:
            reason = KNOWN.get((check, entry.name, pack)) or KNOWN.get((check, entry.name))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(entry, pack, marks=marks, id=f"{entry.name}-{pack}"))
    return params


@cache
def bundled_length(pack: str) -> int:
    """Slides of the pack on the bundled 16:9 template."""
    return len(build(pack, bundled_template())[0].slides)


@cache
def built(name: str, pack: str):  # noqa: ANN201
    """(plan, deck bytes) of ``pack`` on the corpus template ``name``."""
    entry = next(e for e in USABLE if e.name == name)
    return build(pack, entry.path)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.sha256], ids=lambda e: e.name)
def test_the_file_is_the_one_listed(entry: corpus.Entry) -> None:
    assert corpus.checksum_matches(entry, entry.path.read_bytes()), f"{entry.path} is not the file corpus.txt lists"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.refuse], ids=lambda e: e.name)
def test_refused_with_a_message(entry: corpus.Entry) -> None:
    with pytest.raises(TemplateError, match=entry.path.name):
        open_template(entry.path)


@pytest.mark.parametrize(("entry", "pack"), _known("length", USABLE))
def test_sound_titled_and_sensibly_long(entry: corpus.Entry, pack: str) -> None:
    plan, data = built(entry.name, pack)
    assert check_package(data) == []
    deck = Presentation(io.BytesIO(data))
    untitled = [spec.number for spec, slide in zip(plan.slides, deck.slides)
                if slide.shapes.title is None or slide.shapes.title.text_frame.text != spec.title]
    assert untitled == []
    assert len(plan.slides) <= MAX_LENGTH_RATIO * bundled_length(pack), [n.message for n in plan.warnings]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Both packs on every usable corpus template, rendered to PDF by one LibreOffice run."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")
    folder = tmp_path_factory.mktemp("corpus-decks")
    decks: dict[tuple[str, str], Path] = {}
    for pack in PACKS:
        for entry in USABLE:
            deck = folder / f"{entry.path.stem}-{pack}.pptx"
            deck.write_bytes(_without_autofit(built(entry.name, pack)[1]))
            decks[entry.name, pack] = deck
    profile = folder / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, decks.values())], capture_output=True, timeout=3600, check=True)
    return {key: deck.with_suffix(".pdf") for key, deck in decks.items()}


@pytest.mark.soffice
@pytest.mark.parametrize(("entry", "pack"), _known("fit", USABLE))
def test_no_word_outside_its_box_in_libreoffice(entry: corpus.Entry, pack: str,
                                                rendered: dict[tuple[str, str], Path]) -> None:
    assert words_outside(built(entry.name, pack)[1], rendered[entry.name, pack]) == []
