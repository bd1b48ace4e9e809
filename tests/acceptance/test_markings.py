"""Markings as the EU rules ask, on real files: every page, where the rule says, readable, labelled.

For LIMITE, RESTREINT UE/EU RESTRICTED and the two combined, on the bundled 16:9 and 4:3
templates and on user templates with a dark, a busy light and a picture master, the pack
is built the way the app builds it (``pipeline.build_pack``) and the files are read back:
shape positions on every slide (continuations included) and every notes page, slide
numbers, every annex sheet's header and footer, both files' properties — and the
contrast of each marking measured on LibreOffice's rendering of the deck.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from briefing_builder.compose.contrast import MIN_CONTRAST, contrast
from briefing_builder.pipeline import BuildError, BuildResult, build_pack
from briefing_builder.render.deck_provenance import KEY_PATTERN
from briefing_builder.render.package_check import check_package
from briefing_builder.store import Catalog
from briefing_builder.store.markings import MarkingSettings
from briefing_builder.store.schema import Pack
from tests.deck_helpers import REFERENCE_PACK, bundled_template, sample_catalog
from tests.fixtures import marking_templates as mt

TEMPLATES: dict[str, Callable[[Path], Path]] = {
    "briefing-16x9": lambda _folder: bundled_template("briefing-16x9"),
    "briefing-4x3": lambda _folder: bundled_template("briefing-4x3"),
    **mt.USER_TEMPLATES,
}
RESTREINT = "RESTREINT UE/EU RESTRICTED"
MARKINGS = {"limite": "LIMITE", "restreint": "restreint-ue", "combined": "RESTREINT UE + LIMITE"}
#: (edge, side) → text each marking kind is expected at.
EXPECTED = {"limite": {("top", "right"): "LIMITE"},
            "restreint": {("top", "centre"): RESTREINT, ("bottom", "centre"): RESTREINT},
            "combined": {("top", "centre"): RESTREINT, ("bottom", "centre"): RESTREINT, ("top", "right"): "LIMITE"}}
REFERENCE = "WK 1234/2026 INIT"
CASES = [(t, m) for t in TEMPLATES for m in MARKINGS]
LONG = [{"text": f"Point {n}: a sentence long enough to fill the slide and continue " * 2} for n in range(24)]


def _plain(name: str) -> str:
    """A shape's name without the provenance key the writer appends (`` #bb:3.4``)."""
    return KEY_PATTERN.sub("", name)


def make_pack(marking: str | None, language: str = "en", reference: str | None = REFERENCE) -> Pack:
    """The reference pack, shortened, with a section long enough to continue onto a second slide."""
    data = sample_catalog().packs[REFERENCE_PACK].model_dump(mode="json", exclude_none=True)
    data["meeting"].update(marking=marking, language=language, reference=reference)
    data["meeting"] = {k: v for k, v in data["meeting"].items() if v is not None}
    sections = data["sections"]
    data["sections"] = [*sections[:4], {"type": "text", "title": "Long points", "bullets": LONG}, sections[-1]]
    return Pack.model_validate(data)


def _position(shape, width: int, height: int) -> tuple[str, str]:  # noqa: ANN001
    centre = shape.left + shape.width / 2
    edge = "top" if shape.top + shape.height < height * 0.2 else ("bottom" if shape.top > height * 0.8 else "middle")
    side = "centre" if abs(centre - width / 2) < width * 0.1 else ("right" if centre > width * 0.6 else (
        "left" if centre < width * 0.4 else "off-centre"))
    return edge, side


def _box(shape) -> tuple[int, int, int, int]:  # noqa: ANN001
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _own_shapes(slide) -> list[tuple[str, tuple[int, int, int, int]]]:  # noqa: ANN001
    """The template's own text boxes and pictures on the slide's layout and master."""
    layout = slide.slide_layout
    found = []
    for shape in [*layout.shapes, *layout.slide_master.shapes]:
        if shape.is_placeholder:
            continue
        text = shape.has_text_frame and shape.text_frame.text.strip()
        small = shape.width < layout.part.package.presentation_part.presentation.slide_width * 0.4
        if text or (shape.shape_type == MSO_SHAPE_TYPE.PICTURE and small):
            found.append((shape.name, _box(shape)))
    return found


def _is_numbered(slide) -> bool:  # noqa: ANN001
    holders = [s for s in slide.shapes
               if (s.is_placeholder and s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
               or _plain(s.name) == "Slide number"]
    return any('type="slidenum"' in s._element.xml for s in holders)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], BuildResult]:
    """Every (template, marking) case built once, as the app builds it."""
    folder = tmp_path_factory.mktemp("markings")
    results = {}
    for template, marking in CASES:
        out = folder / f"{template}-{marking}"
        path = TEMPLATES[template](folder)
        results[(template, marking)] = build_pack(make_pack(MARKINGS[marking]), sample_catalog(), out, str(path))
    return results


@pytest.mark.parametrize("template,marking", CASES)
def test_every_slide_and_notes_page_is_marked_where_the_rule_says(builds, template: str, marking: str) -> None:  # noqa: ANN001
    result = builds[(template, marking)]
    assert check_package(result.deck.read_bytes()) == []  # nothing PowerPoint would repair (ids, parts)
    prs = Presentation(str(result.deck))
    width, height = prs.slide_width, prs.slide_height
    assert any(s.continuation for s in result.plan.slides)  # continuations are checked too
    for number, slide in enumerate(prs.slides, start=1):
        marks = [s for s in slide.shapes if _plain(s.name) == "Marking"]
        found = {_position(s, width, height): s.text_frame.text for s in marks}
        assert found == EXPECTED[marking], f"slide {number}"
        title = slide.shapes.title
        footer = next((s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER), None)
        for mark in marks:
            run = mark.text_frame.paragraphs[0].runs[0]
            assert run.font.bold and run.font.size >= Emu(12 * 12700)
            for name, box in _own_shapes(slide):
                assert not _overlap(_box(mark), box), f"slide {number}: marking over the template's {name}"
            for other in (title, footer):
                if other is not None:
                    assert not _overlap(_box(mark), _box(other)), f"slide {number}: marking over {other.name}"
        assert _is_numbered(slide), f"slide {number} has no number"
    notes_width, notes_height = prs.notes_master.part.package.presentation_part.presentation._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}notesSz").values()
    for where, notes in [("notes master", prs.notes_master), *((f"notes page {i}", s.notes_slide)
                                                              for i, s in enumerate(prs.slides, start=1))]:
        marks = {_position(s, int(notes_width), int(notes_height)): s.text_frame.text
                 for s in notes.shapes if _plain(s.name) == "Marking"}
        assert marks == EXPECTED[marking], where


@pytest.mark.parametrize("template,marking", CASES)
def test_annex_sheets_and_properties_of_both_files_carry_the_marking(builds, template: str, marking: str) -> None:  # noqa: ANN001
    result = builds[(template, marking)]
    texts = set(EXPECTED[marking].values())
    book = openpyxl.load_workbook(result.annex)
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        header = " ".join(p.text or "" for p in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right))
        footer = " ".join(p.text or "" for p in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right))
        for text in texts:
            assert text in header and text in footer, ws.title
        assert REFERENCE in footer, ws.title
        if ws.title != "Cover":
            first = ws["A1"].value
            assert (first == RESTREINT) == (marking != "limite"), ws.title  # classified: the level in the first row
    for text in texts:
        assert text in book.properties.category and text in book.custom_doc_props["Classification"].value
    assert book.custom_doc_props["DocumentReference"].value == REFERENCE
    prs = Presentation(str(result.deck))
    core = prs.core_properties
    for text in texts:
        assert text in core.category and text in core.content_status and text in core.keywords
    assert core.identifier == REFERENCE
    custom = zipfile.ZipFile(result.deck).read("docProps/custom.xml").decode("utf-8")
    assert all(text in custom for text in texts) and REFERENCE in custom
    footers = [s.text_frame.text for slide in prs.slides for s in slide.placeholders
               if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    assert footers and all(f.startswith(REFERENCE) for f in footers)


# ----------------------------------------------------------------------------- LibreOffice rendering


def _hex(pixel: tuple[int, int, int]) -> str:
    return "".join(f"{c:02X}" for c in pixel[:3])


def measured_contrast(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Contrast between the ink and the background of ``box`` (pixels) in a rendered page.

    The background is the commonest colour along the box's edge; the ink is the pixel at the
    99th percentile of contrast against it (the core of the strokes, not their soft edges).
    """
    left, top, right, bottom = (round(v) for v in box)
    crop = image.crop((left + 1, top + 1, right - 1, bottom - 1)).convert("RGB")
    w, h = crop.size
    edge = [crop.getpixel((x, y)) for x in range(w) for y in (0, h - 1)] + \
           [crop.getpixel((x, y)) for y in range(h) for x in (0, w - 1)]
    background = _hex(Counter(edge).most_common(1)[0][0])
    pixels = crop.load()
    ratios = sorted(contrast(_hex(pixels[x, y]), background) for x in range(w) for y in range(h))
    return ratios[int(len(ratios) * 0.99)]


@pytest.fixture(scope="module")
def renders(builds, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[Path]]:  # noqa: ANN001
    """Every built deck rendered by LibreOffice (one conversion for all) to 100 dpi pages."""
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice (soffice) and pdftoppm are needed")
    folder = tmp_path_factory.mktemp("rendered")
    decks = []
    for (template, marking), result in builds.items():
        deck = folder / f"{template}-{marking}.pptx"
        shutil.copyfile(result.deck, deck)
        decks.append(deck)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, decks)], capture_output=True, timeout=600, check=True)
    pages = {}
    for (template, marking) in builds:
        stem = folder / f"{template}-{marking}"
        subprocess.run(["pdftoppm", "-png", "-r", "100", f"{stem}.pdf", str(stem)], check=True, timeout=120)
        pages[(template, marking)] = sorted(folder.glob(f"{template}-{marking}-*.png"))
    return pages


@pytest.mark.soffice
@pytest.mark.parametrize("template,marking", CASES)
def test_markings_are_readable_on_the_rendered_slides(builds, renders, template: str, marking: str) -> None:  # noqa: ANN001
    prs = Presentation(str(builds[(template, marking)].deck))
    pages = renders[(template, marking)]
    assert len(pages) == len(prs.slides)
    for number, (slide, page) in enumerate(zip(prs.slides, pages), start=1):
        image = Image.open(page)
        scale = image.width / prs.slide_width
        for mark in (s for s in slide.shapes if _plain(s.name) == "Marking"):
            box = tuple(v * scale for v in _box(mark))
            ratio = measured_contrast(image, box)  # type: ignore[arg-type]
            assert ratio >= MIN_CONTRAST, f"slide {number}: “{mark.text_frame.text}” at {ratio:.2f}:1"


# ----------------------------------------------------------------------------- language, labels, refusals


def _catalog(markings: MarkingSettings) -> Catalog:
    catalog = sample_catalog()
    return dataclasses.replace(catalog, meta=catalog.meta.model_copy(update={"markings": markings}))


def test_french_packs_use_the_french_wording(tmp_path: Path) -> None:
    settings = MarkingSettings.model_validate({"catalogue": [
        {"id": "internal", "kind": "handling", "text": {"en": "INTERNAL", "fr": "USAGE INTERNE"}}]})
    result = build_pack(make_pack("sensitive + internal", language="fr"), _catalog(settings), tmp_path,
                        str(bundled_template()))
    prs = Presentation(str(result.deck))
    texts = {s.text_frame.text for slide in prs.slides for s in slide.shapes if _plain(s.name) == "Marking"}
    assert texts == {"SENSIBLE · USAGE INTERNE"}
    assert "SENSIBLE" in prs.core_properties.category and "SENSITIVE" not in prs.core_properties.category
    book = openpyxl.load_workbook(result.annex)
    assert "SENSIBLE · USAGE INTERNE" in book["Mesures"].oddHeader.right.text


def _custom_properties(path: Path) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(path).read("docProps/custom.xml"))
    return {p.get("name"): p[0].text for p in root}


def _labelled_store(site: bool = True) -> Catalog:
    label = {"id": mt.LABEL_ID, "name": "EU RESTRICTED", **({"site_id": mt.SITE_ID} if site else {})}
    return _catalog(MarkingSettings.model_validate({"catalogue": [{"id": "restreint-ue", "label": label}]}))


def test_a_labelled_templates_sensitivity_label_arrives_in_the_deck(tmp_path: Path) -> None:
    template = mt.make_labelled(tmp_path)
    result = build_pack(make_pack("restreint-ue"), _labelled_store(), tmp_path / "out", str(template))
    props = _custom_properties(result.deck)
    assert {k: v for k, v in props.items() if k.startswith("MSIP_")} == mt.TEMPLATE_LABEL  # copied, action id too
    annex = openpyxl.load_workbook(result.annex).custom_doc_props
    assert annex[f"MSIP_Label_{mt.LABEL_ID}_Name"].value == "EU RESTRICTED"
    assert annex[f"MSIP_Label_{mt.LABEL_ID}_SiteId"].value == mt.SITE_ID


def test_a_mapped_label_without_a_labelled_template_is_written_from_the_store_only(tmp_path: Path) -> None:
    result = build_pack(make_pack("restreint-ue"), _labelled_store(site=False), tmp_path, str(bundled_template()))
    props = {k: v for k, v in _custom_properties(result.deck).items() if k.startswith("MSIP_")}
    prefix = f"MSIP_Label_{mt.LABEL_ID}_"
    assert props == {prefix + "Enabled": "true", prefix + "SetDate": "2026-01-12T00:00:00Z",
                     prefix + "Method": "Standard", prefix + "Name": "EU RESTRICTED", prefix + "ContentBits": "0"}


def test_no_label_is_invented_without_a_mapping(tmp_path: Path) -> None:
    template = mt.make_labelled(tmp_path)
    result = build_pack(make_pack("restreint-ue"), sample_catalog(), tmp_path / "out", str(template))
    assert not any(k.startswith("MSIP_") for k in _custom_properties(result.deck))


def test_a_misspelt_marking_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as error:
        build_pack(make_pack("RESTRAINT UE"), sample_catalog(), tmp_path, str(bundled_template()))
    assert "'RESTRAINT UE'" in str(error.value) and RESTREINT in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_custom_markings_are_printed_with_a_warning_when_the_store_allows_them(tmp_path: Path) -> None:
    result = build_pack(make_pack("WORKING PARTY ONLY"), _catalog(MarkingSettings(allow_custom=True)), tmp_path,
                        str(bundled_template()))
    assert any(n.kind == "unknown-marking" and "WORKING PARTY ONLY" in n.message for n in result.notes)
    prs = Presentation(str(result.deck))
    assert {s.text_frame.text for s in prs.slides[0].shapes if _plain(s.name) == "Marking"} == {"WORKING PARTY ONLY"}


def test_classified_without_reference_and_confidentiel_warn_saying_where_the_files_are(tmp_path: Path) -> None:
    result = build_pack(make_pack("CONFIDENTIEL UE", reference=None), sample_catalog(), tmp_path,
                        str(bundled_template()))
    kinds = {n.kind: n.message for n in result.notes}
    assert "registration number" in kinds["no-reference"]
    assert "accredited" in kinds["accredited"] and str(result.deck) in kinds["accredited"]
    assert str(result.annex) in kinds["accredited"]
    limite = build_pack(make_pack("LIMITE", reference=None), sample_catalog(), tmp_path / "l", str(bundled_template()))
    assert not {"no-reference", "accredited"} & {n.kind for n in limite.notes}


def test_the_navy_title_slide_marking_is_not_the_old_red(builds) -> None:  # noqa: ANN001
    prs = Presentation(str(builds[("briefing-16x9", "restreint")].deck))
    colours = {str(s.text_frame.paragraphs[0].runs[0].font.color.rgb) for s in prs.slides[0].shapes
               if _plain(s.name) == "Marking"}
    assert colours and "B00020" not in colours and all(contrast(c, "1B2A4A") >= MIN_CONTRAST for c in colours)



def test_a_template_without_footer_or_number_places_them_itself(tmp_path: Path) -> None:
    from tests.fixtures.make_templates import make_no_placeholders

    result = build_pack(make_pack("restreint-ue"), sample_catalog(), tmp_path / "out",
                        str(make_no_placeholders(tmp_path)))
    prs = Presentation(str(result.deck))
    for number, slide in enumerate(prs.slides, start=1):
        assert _is_numbered(slide), f"slide {number} has no number"
        [reference] = [s for s in slide.shapes if _plain(s.name) == "Reference"]
        assert reference.text_frame.text == REFERENCE and reference.top > prs.slide_height * 0.8
        marks = [s for s in slide.shapes if _plain(s.name) in ("Marking", "Reference", "Slide number")]
        assert not any(_overlap(_box(a), _box(b)) for a in marks for b in marks if a is not b)
