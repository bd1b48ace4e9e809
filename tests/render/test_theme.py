"""A master's theme as read from real template files: scheme colours, heading and body fonts, defaults."""

from __future__ import annotations

import io
import re
import zipfile

from pptx import Presentation

from briefing_builder.paths import templates_dir
from briefing_builder.render.theme import DEFAULT_SCHEME, read_theme
from tests.zip_parts import TextEdit, rewrite_parts

TEMPLATE = templates_dir() / "briefing-16x9.pptx"
THEME = "ppt/theme/theme1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"


def _with_part(part: str, edit: TextEdit, data: bytes | None = None) -> bytes:
    """The bundled template (or ``data``) with one part's XML text edited, as a person editing the XML would."""
    return rewrite_parts(data if data is not None else TEMPLATE.read_bytes(), {part: edit})


def _theme_of(data: bytes) -> tuple[dict[str, str], str, str]:
    return read_theme(Presentation(io.BytesIO(data)).slide_master.part)


def _scheme_colour(name: str, xml: str) -> TextEdit:
    """Replace the colour element of scheme slot ``name`` by ``xml``."""
    return lambda text: re.sub(rf"<a:{name}>.*?</a:{name}>", f"<a:{name}>{xml}</a:{name}>", text, count=1)


def test_the_bundled_template_gives_its_own_scheme_and_fonts() -> None:
    with zipfile.ZipFile(TEMPLATE) as package:
        theme = package.read(THEME).decode("utf-8")
    colours, heading, body = read_theme(Presentation(str(TEMPLATE)).slide_master.part)
    assert set(colours) == set(DEFAULT_SCHEME)
    for name, value in colours.items():
        assert f'<a:{name}><a:srgbClr val="{value}"/>' in theme, name
    assert colours["accent2"] == "C9A227" != DEFAULT_SCHEME["accent2"]
    assert (heading, body) == ("Calibri", "Calibri")


def test_system_colours_use_their_last_colour_in_upper_case() -> None:
    data = _with_part(THEME, _scheme_colour("dk1", '<a:sysClr val="windowText" lastClr="1a1b1c"/>'))
    colours, _, _ = _theme_of(data)
    assert colours["dk1"] == "1A1B1C"


def test_lower_case_rgb_is_upper_cased_and_a_colour_without_value_keeps_the_default() -> None:
    edited = _with_part(THEME, _scheme_colour("accent3", '<a:srgbClr val="ab12cd"/>'))
    data = _with_part(THEME, _scheme_colour("accent4", '<a:sysClr val="windowText"/>'), edited)
    colours, _, _ = _theme_of(data)
    assert colours["accent3"] == "AB12CD"
    assert colours["accent4"] == DEFAULT_SCHEME["accent4"]


def test_a_missing_heading_font_falls_back_to_the_body_font() -> None:
    def fonts(text: str) -> str:
        text = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*', r"\1", text)
        return re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*', r"\1Georgia", text)

    _, heading, body = _theme_of(_with_part(THEME, fonts))
    assert (heading, body) == ("Georgia", "Georgia")


def test_no_fonts_at_all_are_calibri_and_a_heading_font_alone_leaves_the_body_calibri() -> None:
    def only_heading(text: str) -> str:
        text = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*', r"\1Cambria", text)
        return re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*', r"\1", text)

    def none(text: str) -> str:
        return re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*', r"\1", text)

    assert _theme_of(_with_part(THEME, only_heading))[1:] == ("Cambria", "Calibri")
    assert _theme_of(_with_part(THEME, none))[1:] == ("Calibri", "Calibri")


def test_a_master_without_a_theme_gets_office_defaults() -> None:
    def drop_theme(text: str) -> str:
        return re.sub(r'<Relationship [^>]*relationships/theme"[^>]*/>', "", text)

    colours, heading, body = _theme_of(_with_part(MASTER_RELS, drop_theme))
    assert colours == DEFAULT_SCHEME and colours is not DEFAULT_SCHEME
    assert (heading, body) == ("Calibri", "Calibri")
