"""A finished deck's properties as Office and other tools read them, and the template's own label kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import openpyxl
from lxml import etree
from pptx import Presentation

from briefing_builder.compose.plan import DeckPlan
from briefing_builder.render.deck_package import custom_properties, finish_deck, template_label_properties
from briefing_builder.render.package_check import check_package
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.zip_parts import package

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
LABEL = "MSIP_Label_6f2a9c1e-0000-4000-8000-00000000abcd"


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def _names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def _custom(data: bytes) -> dict[str, str]:
    root = etree.fromstring(_part(data, "docProps/custom.xml"))
    return {prop.get("name"): prop[0].text or "" for prop in root}


def _with_properties(plan: DeckPlan, **changes: object) -> DeckPlan:
    return dataclasses.replace(plan, properties=dataclasses.replace(plan.properties, **changes))


def _package_with_custom(xml: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(package({"docProps/custom.xml": xml})))


def _label_xml(*properties: tuple[str, str]) -> str:
    body = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
                   f"<vt:lpwstr>{value}</vt:lpwstr></property>"
                   for pid, (name, value) in enumerate(properties, start=2))
    return ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="{VT[1:-1]}">{body}</Properties>')


def test_app_properties_count_the_slides_and_notes_the_package_holds() -> None:
    plan, data = build(REFERENCE_PACK)
    app = etree.fromstring(_part(data, "docProps/app.xml"))
    names = _names(data)
    slides = [n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    notes = [n for n in names if n.startswith("ppt/notesSlides/notesSlide") and n.endswith(".xml")]
    assert app.findtext(f"{EP}Slides") == str(len(slides)) == str(len(plan.slides))
    assert app.findtext(f"{EP}Notes") == str(len(notes))
    titles = [t.text for t in app.iter(f"{VT}lpstr")][1:]  # after the "Slide Titles" heading pair
    assert titles == [slide.title for slide in plan.slides]


def test_core_properties_come_from_the_plan_with_the_meeting_date() -> None:
    plan, data = build(DEMO_PACK)
    core = Presentation(io.BytesIO(data)).core_properties
    p = plan.properties
    assert (core.title, core.subject, core.author, core.language) == (p.title, p.subject, p.author, p.language)
    day = dt.datetime.fromisoformat(p.date_iso)
    assert core.created == core.modified == day
    assert core.keywords == p.marking == "LIMITE"


def test_chart_workbooks_carry_the_meeting_date_not_the_build_time() -> None:
    plan, data = build(DEMO_PACK)
    workbooks = [n for n in _names(data) if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    assert workbooks
    for name in workbooks:
        properties = openpyxl.load_workbook(io.BytesIO(_part(data, name))).properties
        assert properties.created == properties.modified == dt.datetime.fromisoformat(plan.properties.date_iso)


def test_finishing_again_changes_nothing_and_extra_properties_join_once() -> None:
    plan, data = build(DEMO_PACK)
    written = [(name, value) for name, value in _custom(data).items() if name != "Classification"]
    assert written  # the writer's own extra properties (the deck's fingerprint)
    assert finish_deck(data, plan, written) == data
    extra = finish_deck(data, plan, [*written, ("Reviewer", "Desk officer")])
    assert finish_deck(extra, plan, [*written, ("Reviewer", "Desk officer")]) == extra
    assert check_package(extra) == []
    assert _custom(extra)["Reviewer"] == "Desk officer" and _custom(extra)["Classification"] == "LIMITE"
    assert _part(extra, "[Content_Types].xml").count(b'PartName="/docProps/custom.xml"') == 1


def test_custom_properties_name_the_marking_the_reference_and_the_mapped_label() -> None:
    plan, _ = build(REFERENCE_PACK)
    labelled = _with_properties(plan, marking="RESTREINT UE", reference="ST 5123/26",
                                label_id="abcd", label=((f"{LABEL}_Enabled", "true"),))
    assert custom_properties(labelled, {}) == {"Classification": "RESTREINT UE", "DocumentReference": "ST 5123/26",
                                               f"{LABEL}_Enabled": "true"}
    # the template's own label properties (its SiteId, its method) win over the store's mapping
    template = {f"{LABEL}_Enabled": "true", f"{LABEL}_SiteId": "tenant"}
    assert custom_properties(labelled, template) == {"Classification": "RESTREINT UE",
                                                     "DocumentReference": "ST 5123/26", **template}
    assert custom_properties(_with_properties(plan, marking="", reference=""), {}) == {}


def test_the_template_label_is_read_whatever_the_case_of_its_id() -> None:
    label_id = LABEL.removeprefix("MSIP_Label_")
    upper = f"MSIP_Label_{label_id.upper()}"
    source = _package_with_custom(_label_xml((f"{upper}_Enabled", "true"), (f"{upper}_Method", "Privileged"),
                                             ("MSIP_Label_other_Enabled", "true"), ("Owner", "someone")))
    assert template_label_properties(source, label_id) == {f"{upper}_Enabled": "true",
                                                           f"{upper}_Method": "Privileged"}
    assert template_label_properties(source, "") == {}


def test_a_template_without_or_with_broken_custom_properties_has_no_label() -> None:
    assert template_label_properties(_package_with_custom("<Properties><broken"), "abcd") == {}
    without = zipfile.ZipFile(io.BytesIO(package({"docProps/core.xml": "<x/>"})))
    assert template_label_properties(without, "abcd") == {}
