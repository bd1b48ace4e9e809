"""Connectors and animations keep naming the same shapes when a slide's shape ids are renumbered.

The slides are made the way the deck writer makes them (``slide_adder.add_slides`` from a
layout of the bundled template, then shapes copied onto them as XML), saved, and read back
with python-pptx; one test has LibreOffice open the deck and save it again.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Inches

from briefing_builder.ooxml.namespaces import NS, qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree
from briefing_builder.paths import templates_dir
from briefing_builder.render.package_check import check_package
from briefing_builder.render.part_names import install_allocator
from briefing_builder.render.pptx_shapes import remove_empty_placeholders, renumber_shape_ids
from briefing_builder.render.shape_references import P14, dangling, references
from briefing_builder.render.slide_adder import add_slides

TEMPLATE = templates_dir() / "briefing-16x9.pptx"

#: Click to fade in shape 3 (a p:par per step, as PowerPoint writes it), and its build entry.
TIMING = f"""<p:timing xmlns:p="{NS['p']}" xmlns:p14="{P14}"><p:tnLst><p:par>
<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
<p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>
<p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:par><p:cTn id="5" presetID="10" presetClass="entr" presetSubtype="0" fill="hold" grpId="0"
 nodeType="clickEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:set><p:cBhvr><p:cTn id="6" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>
<p:tgtEl><p:spTgt spid="3"/></p:tgtEl><p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst>
</p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set>
<p:animEffect transition="in" filter="fade"><p:cBhvr><p:cTn id="7" dur="500"/>
<p:tgtEl><p:spTgt spid="3"/></p:tgtEl></p:cBhvr></p:animEffect>
</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>
</p:childTnLst></p:cTn><p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
</p:prevCondLst><p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
</p:nextCondLst></p:seq></p:childTnLst></p:cTn></p:par></p:tnLst>
<p:bldLst><p:bldP spid="3" grpId="0" animBg="1"/></p:bldLst></p:timing>"""


def _slide(prs: PresentationType, layout_name: str) -> Slide:
    """A slide added as the deck writer adds them."""
    layout = next(layout for layout in prs.slide_layouts if layout.name == layout_name)
    return add_slides(prs, [layout], install_allocator(prs.part.package))[0]


def _source_slide(prs: PresentationType) -> Slide:
    """Two boxes, a connector glued from the first to the second, and a click that fades the second in."""
    slide = _slide(prs, "Title Only")
    remove_empty_placeholders(slide)
    origin = slide.shapes.add_textbox(Inches(1), Inches(2.5), Inches(3), Inches(1.5))
    origin.name, origin.text_frame.text = "Origin", "Country of origin"
    destination = slide.shapes.add_textbox(Inches(8), Inches(4.5), Inches(3), Inches(1.5))
    destination.name, destination.text_frame.text = "Destination", "Return decision"
    for box in (origin, destination):
        box.line.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    arrow = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, Inches(1), Inches(1))
    arrow.name = "Arrow"
    arrow.begin_connect(origin, 3)  # right side of the origin box
    arrow.end_connect(destination, 1)  # left side of the destination box
    arrow.line.width = Inches(0.04)
    element_of(slide).append(etree.fromstring(TIMING.replace('spid="3"', f'spid="{destination.shape_id}"')))
    return slide


def _copy_onto(source: Slide, target: Slide) -> None:
    """Copy the source slide's shapes and animations onto ``target`` as XML, ids as they were."""
    for shape in source.shapes:
        shape_tree(target).append(copy.deepcopy(element_of(shape)))
    element_of(target).append(copy.deepcopy(element_of(source).find(qn("p:timing"))))


def _copied_deck() -> tuple[PresentationType, Slide]:
    prs = Presentation(str(TEMPLATE))
    source = _source_slide(prs)
    target = _slide(prs, "Title and Content")  # its title and body take ids 2 and 3: the copies' ids too
    target.shapes.title.text_frame.text = "Returns: the route of a file"
    _copy_onto(source, target)
    ids = [el.get("id") for el in shape_tree(target).iter(qn("p:cNvPr"))]
    assert len(set(ids)) < len(ids), "the copies were meant to share ids with the placeholders"
    return prs, target


def _saved(prs: PresentationType) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _pointers(slide: Slide) -> dict[str, list[str]]:
    """What each connector end and animation target names, by the name of the shape it points at."""
    names = {str(shape.shape_id): shape.name for shape in slide.shapes}
    found: dict[str, list[str]] = {}
    for node, attribute in references(element_of(slide)):
        found.setdefault(etree.QName(node).localname, []).append(names.get(str(node.get(attribute)), "?"))
    return found


def test_a_copied_slide_keeps_its_connector_glued_and_its_animation_on_the_same_shape() -> None:
    prs, slide = _copied_deck()
    renumber_shape_ids(slide)
    data = _saved(prs)
    assert check_package(data) == []
    reopened = Presentation(io.BytesIO(data)).slides[1]
    assert len({shape.shape_id for shape in reopened.shapes}) == len(reopened.shapes)
    assert _pointers(reopened) == {"stCxn": ["Origin"], "endCxn": ["Destination"],
                                   "spTgt": ["Destination", "Destination"], "bldP": ["Destination"]}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_copied_connector_and_animation_as_meant(tmp_path: Path) -> None:
    prs, slide = _copied_deck()
    renumber_shape_ids(slide)
    deck = tmp_path / "copied.pptx"
    deck.write_bytes(_saved(prs))
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    for kind in ("pptx", "pdf"):
        subprocess.run(["soffice", profile, "--headless", "--convert-to", kind, "--outdir", str(tmp_path / kind),
                        str(deck)], check=True, capture_output=True, timeout=240)
    resaved = Presentation(str(tmp_path / "pptx" / deck.name)).slides[1]
    # LibreOffice renumbers the shapes and writes the glue and the targets as it understood them.
    assert _pointers(resaved) == {"stCxn": ["Origin"], "endCxn": ["Destination"],
                                  "spTgt": ["Destination", "Destination"]}
    assert (tmp_path / "pdf" / "copied.pdf").stat().st_size > 0


def test_before_renumbering_a_copy_sharing_an_id_is_flagged_only_as_a_duplicate() -> None:
    prs, _ = _copied_deck()
    problems = check_package(_saved(prs))
    assert problems == ["ppt/slides/slide2.xml: duplicate shape ids 2, 3"]


def test_a_connector_inside_a_copied_group_stays_glued_to_the_group_copy() -> None:
    prs = Presentation(str(TEMPLATE))
    slide = _slide(prs, "Title Only")
    group = slide.shapes.add_group_shape()
    first = group.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(1))
    second = group.shapes.add_textbox(Inches(4), Inches(2), Inches(2), Inches(1))
    arrow = group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 1, 1)
    arrow.begin_connect(first, 3)
    arrow.end_connect(second, 1)
    twin = copy.deepcopy(element_of(group))
    shape_tree(slide).append(twin)
    renumber_shape_ids(slide)
    for group_element in (element_of(group), twin):
        boxes = [el.get("id") for el in group_element.iterfind(f"{qn('p:sp')}/{qn('p:nvSpPr')}/{qn('p:cNvPr')}")]
        ends = [group_element.find(f".//{qn(tag)}").get("id") for tag in ("a:stCxn", "a:endCxn")]
        assert ends == boxes  # each copy's connector joins its own two boxes
    assert check_package(_saved(prs)) == []


def test_a_connector_end_naming_no_shape_is_unglued_and_animations_naming_none_are_dropped() -> None:
    prs, slide = _copied_deck()
    tree = shape_tree(slide)
    tree.find(f".//{qn('a:stCxn')}").set("id", "41")
    element_of(slide).find(f".//{qn('p:bldP')}").set("spid", "42")
    assert dangling(element_of(slide)) == ["41", "42"]
    renumber_shape_ids(slide)
    assert tree.find(f".//{qn('a:stCxn')}") is None and tree.find(f".//{qn('a:endCxn')}") is not None
    assert element_of(slide).find(qn("p:timing")) is None
    assert dangling(element_of(slide)) == []
    assert check_package(_saved(prs)) == []


def test_the_package_check_names_pointers_at_missing_shapes() -> None:
    prs, slide = _copied_deck()
    renumber_shape_ids(slide)
    element_of(slide).find(f".//{qn('p:spTgt')}").set("spid", "99")
    assert check_package(_saved(prs)) == [
        "ppt/slides/slide2.xml: connectors or animations point at no shape (ids 99)"]


def test_legacy_and_sub_shape_ids_are_not_taken_for_shape_ids() -> None:
    _, slide = _copied_deck()
    target = element_of(slide).find(f".//{qn('p:spTgt')}")
    target.tag = qn("p:inkTgt")
    target.set("spid", "_x0000_s2057")
    renumber_shape_ids(slide)
    assert element_of(slide).find(f".//{qn('p:inkTgt')}").get("spid") == "_x0000_s2057"
    assert "_x0000_s2057" not in dangling(element_of(slide))


def test_a_shape_written_for_newer_and_older_readers_keeps_one_id_and_its_animation() -> None:
    """``mc:AlternateContent`` holds one shape twice (PowerPoint 2010 reads the Choice, older tools the
    Fallback); a copy of it onto a slide whose placeholders took its id still animates the one shape."""
    prs, slide = _copied_deck()
    destination = next(s for s in shape_tree(slide).iterchildren(qn("p:sp"))
                       if s.find(f".//{qn('p:cNvPr')}").get("name") == "Destination")
    shape_tree(slide).remove(destination)
    mc, p14 = "http://schemas.openxmlformats.org/markup-compatibility/2006", P14
    content = etree.SubElement(shape_tree(slide), f"{{{mc}}}AlternateContent", nsmap={"mc": mc, "p14": p14})
    etree.SubElement(content, f"{{{mc}}}Choice", Requires="p14").append(copy.deepcopy(destination))
    etree.SubElement(content, f"{{{mc}}}Fallback").append(destination)
    renumber_shape_ids(slide)
    twins = [c.get("id") for c in content.iter(qn("p:cNvPr"))]
    assert len(twins) == 2 and twins[0] == twins[1]
    targets = {t.get("spid") for t in element_of(slide).iter(qn("p:spTgt"))}
    assert targets == {twins[0]} and element_of(slide).find(f".//{qn('a:endCxn')}").get("id") == twins[0]
    data = _saved(prs)
    assert check_package(data) == []
    assert Presentation(io.BytesIO(data)).slides[1].shapes  # python-pptx opens it
