"""Tests for the template loader: role detection, fallbacks, sidecars, safety."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from briefing_builder.compose.geometry import SLIDE_ROLES
from briefing_builder.paths import templates_dir
from briefing_builder.render.template import OpenedTemplate, TemplateError, open_template
from tests.fixtures import make_templates as mk
from tests.zip_parts import rewrite_file

EXPECTED_DEFAULT = {"title": "Title Slide", "agenda": "Title and Content",
                    "section": "Section Header", "content": "Title and Content",
                    "two_content": "Two Content", "title_only": "Title Only",
                    "closing": "Title Slide"}


def _names(t: OpenedTemplate) -> dict[str, str]:
    return {role: t.geometry.role(role).layout_name for role in SLIDE_ROLES}


def _assert_sane(t: OpenedTemplate) -> None:
    """Every role present, boxes inside the slide, layouts match geometry names."""
    g = t.geometry
    assert set(g.roles) == set(SLIDE_ROLES) == set(t.layouts)
    for role in SLIDE_ROLES:
        rg = g.role(role)
        assert t.layouts[role].name == rg.layout_name
        for box in [rg.title, rg.subtitle, *rg.bodies]:
            if box is not None:
                assert 0 <= box.left < box.right <= g.slide_width
                assert 0 <= box.top < box.bottom <= g.slide_height
        assert len(t.placeholders[role].bodies) == len(rg.bodies)


# ------------------------------------------------------------------ detection
@pytest.mark.parametrize("maker, names", [
    (mk.make_french, {k: mk.FRENCH[v] for k, v in EXPECTED_DEFAULT.items()}),
    (mk.make_german, {k: mk.GERMAN[v] for k, v in EXPECTED_DEFAULT.items()}),
    (mk.make_arial, EXPECTED_DEFAULT),
    (mk.make_with_samples, EXPECTED_DEFAULT),
    (mk.make_two_masters, EXPECTED_DEFAULT),
])
def test_roles_detected_by_type_and_placeholders(tmp_path: Path, maker: Callable[[Path], Path],
                                                 names: dict[str, str]) -> None:
    t = open_template(maker(tmp_path))
    _assert_sane(t)
    assert _names(t) == names
    # python-pptx's default template, which these start from, carries its printer settings: that note only
    assert [w for w in t.geometry.warnings if "printer it was last printed on" not in w] == []
    assert not any(t.geometry.role(r).fallback for r in SLIDE_ROLES)
    assert len(t.geometry.role("two_content").bodies) == 2
    assert t.geometry.role("title").subtitle is not None


def test_inherited_positions_come_from_the_master(tmp_path: Path) -> None:
    # The default template's layouts have empty <p:spPr/>: boxes come from the master.
    t = open_template(mk.make_french(tmp_path))
    master = t.presentation.slide_masters[0]
    title_ph = next(s for s in master.placeholders if s.placeholder_format.idx == 0)
    content = t.geometry.role("content")
    assert (content.title.left, content.title.top) == (title_ph.left, title_ph.top)
    assert content.bodies[0].top > content.title.bottom - 1


def test_two_masters_uses_the_second_masters_layouts_and_theme(tmp_path: Path) -> None:
    t = open_template(mk.make_two_masters(tmp_path))
    assert t.layouts["content"].slide_master is t.presentation.slide_masters[1]
    assert (t.geometry.heading_font, t.geometry.body_font) == ("Georgia", "Georgia")


def test_theme_font_arial(tmp_path: Path) -> None:
    g = open_template(mk.make_arial(tmp_path)).geometry
    assert (g.heading_font, g.body_font) == ("Arial", "Arial")


@pytest.mark.parametrize("size, width", [("16x9", 12192000), ("4x3", 9144000)])
def test_slide_sizes_kept_and_brand_layouts_detected_without_sidecar(tmp_path: Path, size: str,
                                                                     width: int) -> None:
    wide, narrow = mk.make_sizes(tmp_path)
    t = open_template(wide if size == "16x9" else narrow)
    _assert_sane(t)
    g = t.geometry
    assert (g.slide_width, g.slide_height) == (width, 6858000)
    assert t.presentation.slide_width == width
    names = _names(t)
    assert names["title"] == "Title" and names["closing"] == "Closing"
    assert names["section"] == "Section" and names["two_content"] == "Two Content"
    assert names["title_only"] == "Title Only"
    assert not g.warnings


def test_no_body_layouts_fall_back_with_warnings(tmp_path: Path) -> None:
    t = open_template(mk.make_no_body(tmp_path))
    _assert_sane(t)
    g = t.geometry
    content = g.role("content")
    assert content.fallback and content.layout_name == "Title Only"
    assert content.bodies[0].top >= content.title.bottom
    assert t.placeholders["content"].bodies == (None,)
    two = g.role("two_content")
    assert two.fallback and len(two.bodies) == 2
    assert two.bodies[0].right <= two.bodies[1].left
    assert not g.role("title").fallback and not g.role("title_only").fallback
    assert any("no layout for two-column slides" in w and "'no-body.pptx'" in w
               for w in g.warnings)
    assert any("no layout for text slides" in w and "'Title Only'" in w for w in g.warnings)


def test_two_content_split_from_content_layout(tmp_path: Path) -> None:
    prs = Presentation(str(mk.DEFAULT))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Two Content", "Comparison"):
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout.name = mk.FRENCH.get(layout.name, layout.name)
    path = tmp_path / "sans-deux.pptx"
    prs.save(str(path))
    g = open_template(path).geometry
    two = g.role("two_content")
    assert two.fallback and two.layout_name == "Titre et contenu"
    content_body = g.role("content").bodies[0]
    assert two.bodies[0].left == content_body.left
    assert two.bodies[1].right <= content_body.right
    assert ("Template 'sans-deux.pptx' has no layout for two-column slides; using "
            "'Titre et contenu' with the body split in two.") in g.warnings


def test_layouts_without_placeholders_do_not_crash(tmp_path: Path) -> None:
    t = open_template(mk.make_no_placeholders(tmp_path))
    _assert_sane(t)
    assert t.geometry.role("content").fallback
    assert t.geometry.role("content").bodies
    assert t.geometry.warnings


# ------------------------------------------------------------------ sidecar
def test_sidecar_pins_roles_and_text_sizes(tmp_path: Path) -> None:
    path = mk.make_french(tmp_path)
    path.with_suffix(".yaml").write_text(
        "roles:\n  content: Deux contenus\n  closing: En-tête de section\n"
        "text: {body_max_pt: 18, body_min_pt: 11}\n", encoding="utf-8")
    t = open_template(path)
    g = t.geometry
    assert g.role("content").layout_name == "Deux contenus"
    assert g.role("closing").layout_name == "En-tête de section"
    assert (g.body_max_pt, g.body_min_pt) == (18.0, 11.0)
    assert g.role("title").layout_name == "Diapositive de titre"  # still detected


def test_sidecar_unknown_layout_warns_and_detects(tmp_path: Path) -> None:
    path = mk.make_german(tmp_path)
    path.with_suffix(".yaml").write_text("roles: {content: Nope}\n", encoding="utf-8")
    g = open_template(path).geometry
    assert g.role("content").layout_name == "Titel und Inhalt"
    assert any("'Nope'" in w and "vorlage-de.yaml" in w for w in g.warnings)


def test_sidecar_master_selects_master(tmp_path: Path) -> None:
    path = mk.make_two_masters(tmp_path)
    path.with_suffix(".yaml").write_text("master: 2\nroles: {title_only: Title Only}\n")
    t = open_template(path)
    assert t.layouts["title_only"].slide_master is t.presentation.slide_masters[1]


def test_broken_sidecar_is_a_template_error(tmp_path: Path) -> None:
    path = mk.make_german(tmp_path)
    path.with_suffix(".yaml").write_text("roles: [unclosed\n")
    with pytest.raises(TemplateError, match=r"vorlage-de\.yaml"):
        open_template(path)


# ------------------------------------------------------------------ sample slides
def _package_problems(data: bytes) -> list[str]:
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            problems.append(f"duplicate entries: {sorted(n for n in names if names.count(n) > 1)}")
        present = set(names)
        for name in names:
            if not name.endswith(".rels"):
                continue
            base = posixpath.dirname(posixpath.dirname(name))
            for rel in etree.fromstring(zf.read(name)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
                if target not in present:
                    problems.append(f"{name}: dangling {rel.get('Target')}")
    return problems


def test_sample_slides_removed_and_new_slides_save_cleanly(tmp_path: Path) -> None:
    t = open_template(mk.make_with_samples(tmp_path, count=3))
    prs = t.presentation
    assert len(prs.slides) == 0
    for n in range(5):
        slide = prs.slides.add_slide(t.layouts["content" if n % 2 else "title"])
        slide.shapes.title.text = f"New {n}"
        if n == 1:
            slide.notes_slide.notes_text_frame.text = "notes"
    out = io.BytesIO()
    prs.save(out)
    assert _package_problems(out.getvalue()) == []
    again = Presentation(io.BytesIO(out.getvalue()))
    assert [s.shapes.title.text for s in again.slides] == [f"New {n}" for n in range(5)]


# ------------------------------------------------------------------ file formats & damage
def test_potx_opens(tmp_path: Path) -> None:
    t = open_template(mk.make_potx(tmp_path))
    assert _names(t) == EXPECTED_DEFAULT
    brand = open_template(mk.make_potx(tmp_path, templates_dir() / "briefing-16x9.pptx"))
    assert brand.geometry.slide_width == 12192000


def test_pptm_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="macro"):
        open_template(mk.make_pptm(tmp_path))
    renamed = tmp_path / "sneaky.pptx"
    renamed.write_bytes(mk.make_pptm(tmp_path).read_bytes())
    with pytest.raises(TemplateError, match="macros"):
        open_template(renamed)


@pytest.mark.parametrize("damage", ["truncated", "not_zip", "empty", "ole", "bad_xml",
                                    "no_content_types", "missing_part", "bomb", "missing"])
def test_damaged_files_give_template_errors(tmp_path: Path, damage: str) -> None:
    src = mk.DEFAULT.read_bytes()
    path = tmp_path / "broken.pptx"
    if damage == "truncated":
        path.write_bytes(src[: len(src) // 2])
    elif damage == "not_zip":
        path.write_text("hello, I am a text file")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "ole":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    elif damage == "bad_xml":
        rewrite_file(mk.DEFAULT, path, {"ppt/presentation.xml": lambda b: b[:200]})
    elif damage == "no_content_types":
        rewrite_file(mk.DEFAULT, path, {"[Content_Types].xml": None})
    elif damage == "missing_part":
        rewrite_file(mk.DEFAULT, path, {"ppt/slideMasters/slideMaster1.xml": None})
    elif damage == "bomb":
        rewrite_file(mk.DEFAULT, path, {}, added=[("ppt/media/huge.bin", b"\0" * (20 * 2**20))])
    with pytest.raises(TemplateError) as info:
        open_template(path)
    message = str(info.value)
    assert "broken.pptx" in message and "Traceback" not in message
    if damage == "bomb":
        assert "zip bomb" in message


def test_wrong_extension_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(mk.DEFAULT.read_bytes())
    with pytest.raises(TemplateError, match="not a PowerPoint template"):
        open_template(path)


def test_no_layouts_is_an_error(tmp_path: Path) -> None:
    prs = Presentation(str(mk.DEFAULT))
    for layout in list(prs.slide_layouts):
        prs.slide_layouts.remove(layout)
    path = tmp_path / "empty-master.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateError, match="no slide layouts"):
        open_template(path)


# ------------------------------------------------------------------ bundled templates
@pytest.mark.parametrize("size", ["16x9", "4x3"])
def test_bundled_templates_map_every_role_without_fallback(size: str) -> None:
    t = open_template(templates_dir() / f"briefing-{size}.pptx")
    _assert_sane(t)
    g = t.geometry
    assert not g.warnings
    assert not any(g.role(r).fallback for r in SLIDE_ROLES)
    assert _names(t) == {"title": "Title", "agenda": "Agenda", "section": "Section",
                         "content": "Title and Content", "two_content": "Two Content",
                         "title_only": "Title Only", "closing": "Closing"}
    assert (g.body_max_pt, g.body_min_pt) == (20.0, 12.0)
    assert (g.heading_font, g.body_font) == ("Calibri", "Calibri")
    assert len(t.presentation.slide_layouts) == 7


def test_a_layout_that_lost_its_link_to_its_master_is_tied_to_it_with_a_note(tmp_path: Path) -> None:
    damaged = rewrite_file(mk.DEFAULT, tmp_path / "damaged.pptx",
                           {"ppt/slideLayouts/_rels/slideLayout2.xml.rels": None})
    notes = [w for w in open_template(damaged).geometry.warnings if "ppt/slideLayouts/slideLayout2.xml" in w]
    assert len(notes) == 1 and "gives no part as its slide master" in notes[0], notes


def test_a_strict_open_xml_template_is_refused_saying_how_to_save_it(tmp_path: Path) -> None:
    from tests.fixtures.templates import traits

    with pytest.raises(TemplateError) as caught:
        open_template(traits.make_strict_open_xml(tmp_path))

    message = str(caught.value)
    assert "'strict-open-xml.pptx'" in message and "Strict Open XML" in message, message
    assert "PowerPoint Presentation (.pptx)" in message and "relationship of type" not in message, message
