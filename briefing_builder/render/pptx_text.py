"""Write planned paragraphs into a PowerPoint text body as DrawingML XML.

Every paragraph gets explicit geometry (level, left margin, hanging indent, space before,
line spacing) and every run an explicit size, taken from :mod:`compose.textstyle` — the
same numbers the fitter measured with. Bold, italic and strikethrough become run
properties; links become ``hlinkClick``; cross-references become clickable jumps to the
target slide (``ppaction://hlinksldjump``).

Nothing that changes the reading direction or the flow is inherited from the template: every
text body is horizontal and in one column, every paragraph says its direction (left to right
unless its first strong character is of a right-to-left script).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from lxml import etree
from pptx.slide import Slide

from briefing_builder.compose import textstyle
from briefing_builder.compose.plan import Paragraph
from briefing_builder.compose.scripts import script_of
from briefing_builder.markup import Run, clean_text
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of

#: Returns the relationship id for a run's link or cross-reference (or None).
LinkResolver = Callable[[Run], tuple[str, str] | None]


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(key, value)
    return element


def reset_body(tx_body: etree._Element, autofit: bool = True) -> None:
    """Empty a text body, set standard insets, top anchoring and word wrap."""
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    body_pr = tx_body.find(qn("a:bodyPr"))
    if body_pr is None:
        body_pr = etree.Element(qn("a:bodyPr"))
        tx_body.insert(0, body_pr)
    for child in list(body_pr):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
            body_pr.remove(child)
    body_pr.set("wrap", "square")
    horizontal(body_pr)
    body_pr.set("lIns", str(textstyle.INSET_X))
    body_pr.set("rIns", str(textstyle.INSET_X))
    body_pr.set("tIns", str(textstyle.INSET_Y))
    body_pr.set("bIns", str(textstyle.INSET_Y))
    # Text is fitted by the planner; normAutofit only lets PowerPoint shrink it after a user edit.
    fit = etree.Element(qn("a:normAutofit" if autofit else "a:noAutofit"))
    warp = body_pr.find(qn("a:prstTxWarp"))
    body_pr.insert(0 if warp is None else list(body_pr).index(warp) + 1, fit)


def horizontal(body_pr: etree._Element) -> None:
    """Horizontal text in one column, whatever the template's text body says (vertical, columns)."""
    body_pr.set("vert", "horz")
    body_pr.set("numCol", "1")


def write_paragraphs(tx_body: etree._Element, paragraphs: tuple[Paragraph, ...], size: float,
                     links: LinkResolver, color: str | None = None, explicit_bullets: bool = False,
                     align: str | None = "l", level_directions: Sequence[frozenset[str]] = (),
                     link_color: str | None = None) -> None:
    """Append ``paragraphs`` at ``size`` points to a (reset) text body.

    Placeholders take their bullet glyphs from the template; a free text box has none, so
    ``explicit_bullets`` writes them. Every paragraph gets its alignment (left — right for
    right-to-left text — unless ``align`` says otherwise; None keeps the template's), so a
    master that centres or right-aligns its text does not move ours. ``level_directions`` (index: level) are the
    directions the template's styles set per level (:func:`text_styles.level_directions`). ``link_color``, when
    given, is written on hyperlink and cross-reference runs (see :func:`add_run`).
    """
    for index, paragraph in enumerate(paragraphs):
        p = _sub(tx_body, "a:p")
        rtl = direction("".join(run.text for run in paragraph.runs))
        ppr = _sub(p, "a:pPr", lvl=str(_written_level(paragraph, rtl, level_directions)),
                   marL=str(textstyle.margin(paragraph.level, paragraph.bullet)),
                   indent=str(textstyle.indent(paragraph.bullet)))
        if align is not None:  # left-aligned text starts at its reading side: the right for right-to-left text
            ppr.set("algn", "r" if align == "l" and rtl == "1" else align)
        ppr.set("rtl", rtl)
        set_spacing(ppr, 0.0 if index == 0 else textstyle.space_before(size, paragraph.level))
        if not paragraph.bullet:
            _sub(ppr, "a:buNone")
        elif explicit_bullets:
            _sub(ppr, "a:buChar", char=textstyle.bullet_char(paragraph.level))
        run_size = textstyle.level_size(size, paragraph.level)
        for run in paragraph.runs:
            add_run(p, run, run_size, links, color, link_color)
        _sub(p, "a:endParaRPr", lang="en-GB", sz=str(round(run_size * 100)), dirty="0")


def _written_level(paragraph: Paragraph, rtl: str, level_directions: Sequence[frozenset[str]]) -> int:
    """The ``lvl`` to write: the paragraph's level, or 0 for an unbulleted paragraph LibreOffice would turn.

    LibreOffice gives a paragraph of a deeper level that level's style and drops the paragraph's
    own direction when the style sets another; without a bullet the level only names that style
    (margin, indent, size and spacing are explicit), so level 0 keeps the direction in every viewer.
    """
    level = min(paragraph.level, 8)
    if level and not paragraph.bullet and level < len(level_directions) and level_directions[level] - {rtl}:
        return 0
    return level


#: The extension telling PowerPoint to draw a hyperlink in its run's own colour, not the theme's hyperlink colour.
HLINK_COLOR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
NS_HLINK_COLOR = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


def add_run(p: etree._Element, run: Run, size: float | None, links: LinkResolver,
            color: str | None = None, link_color: str | None = None) -> None:
    """Append one styled run to paragraph ``p``; a linked run in ``link_color`` when given (the theme's hyperlink
    colour would not be readable where it goes), told to PowerPoint with the hyperlink-colour extension."""
    text = clean_text(run.text)
    if not text:
        return
    r = _sub(p, "a:r")
    rpr = _sub(r, "a:rPr", lang="en-GB", dirty="0")
    if size is not None:
        rpr.set("sz", str(round(size * 100)))
    if run.bold:
        rpr.set("b", "1")
    if run.italic:
        rpr.set("i", "1")
    if run.strike:
        rpr.set("strike", "sngStrike")
    target = links(run)
    ink = link_color if target is not None and link_color else color
    if ink:
        fill = _sub(rpr, "a:solidFill")
        _sub(fill, "a:srgbClr", val=ink)
    if target is not None:
        rel_id, action = target
        link = _sub(rpr, "a:hlinkClick")
        link.set(qn("r:id"), rel_id)
        if action:
            link.set("action", action)
        if link_color:
            ext = _sub(_sub(link, "a:extLst"), "a:ext", uri=HLINK_COLOR_EXT)
            etree.SubElement(ext, f"{{{NS_HLINK_COLOR}}}hlinkClr", nsmap={"ahyp": NS_HLINK_COLOR}, val="tx")
    _sub(r, "a:t").text = text


def write_lines(tx_body: etree._Element, lines: tuple[str, ...] | list[str], size: float | None,
                bold: bool = False, color: str | None = None, inset: tuple[int, int] = (0, 0),
                align: str | None = None) -> None:
    """Append plain lines (titles, labels), one paragraph each, with the geometry they were measured with.

    The margin and indent are written (``inset``: the template's own for a title, when the
    measurer kept them; else none) and no spacing is inherited from the template's list
    styles (they would change where the line breaks); the font stays the template's, and so does
    the alignment, unless ``align`` is "l" (see :func:`reading_side`): then a right-to-left line
    starts at the right.
    """
    margin, indent = inset
    for line in lines:
        p = _sub(tx_body, "a:p")
        ppr = _sub(p, "a:pPr", marL=str(margin), indent=str(indent))
        if align is not None:
            ppr.set("algn", "r" if align == "l" and right_to_left(line) else align)
        ppr.set("rtl", direction(line))
        set_spacing(ppr, 0.0)
        _sub(ppr, "a:buNone")
        add_run(p, Run(line, bold=bold), size, lambda _run: None, color)


def reading_side(template_align: str | None) -> str | None:
    """The ``align`` to write text with in a placeholder the template aligns ``template_align``.

    Where the template aligns left (or says nothing: left), "l": each paragraph then starts at its
    reading side, the right for right-to-left text (LibreOffice and PowerPoint both draw a paragraph
    with ``rtl="1"`` and an inherited left alignment at the left). Otherwise (centred, right, justified)
    None: the template's alignment is kept.
    """
    return "l" if template_align in (None, "l") else None


def right_to_left(text: str) -> bool:
    """True when the first character of ``text`` with a strong direction is of a right-to-left script."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def direction(text: str) -> str:
    """The ``rtl`` attribute for a paragraph of ``text`` (a master's right-to-left default is not inherited)."""
    return "1" if right_to_left(text) else "0"


def inherits_right_to_left(slide: Slide) -> bool:
    """Whether text the slide adds outside placeholders (table cells, text boxes) inherits right to left: the
    presentation's default text style or the master's other style sets ``rtl="1"`` (Arabic, Hebrew templates)."""
    master = slide.slide_layout.slide_master
    presentation = element_of(master.part.package.presentation_part.presentation)
    styles = [presentation.find(qn("p:defaultTextStyle")),
              element_of(master).find(f"{qn('p:txStyles')}/{qn('p:otherStyle')}")]
    return any(level.get("rtl") == "1" for style in styles if style is not None for level in style
               if isinstance(level.tag, str))


def set_direction(ppr: etree._Element, text: str, inherited_rtl: bool) -> None:
    """Write ``ppr``'s direction when the inherited one would be wrong for ``text`` (left alone otherwise)."""
    if inherited_rtl or right_to_left(text):
        ppr.set("rtl", direction(text))


def set_spacing(ppr: etree._Element, before_pt: float) -> None:
    """Single line spacing, ``before_pt`` before and nothing after (the template's spacing is not inherited)."""
    _sub(_sub(ppr, "a:lnSpc"), "a:spcPct", val=str(textstyle.LINE_SPACING_PCT * 1000))
    _sub(_sub(ppr, "a:spcBef"), "a:spcPts", val=str(round(before_pt * 100)))
    _sub(_sub(ppr, "a:spcAft"), "a:spcPts", val="0")


#: Scripts written for one language only in the app's setting: a run in them is tagged with it.
SCRIPT_LANGUAGES = {"Arabic": "ar", "Hebrew": "he", "Greek": "el"}


def script_language(text: str) -> str | None:
    """The language tag of the script of ``text``'s first letter, when that script names one (else None)."""
    letter = next((char for char in text if unicodedata.category(char).startswith("L")), None)
    return SCRIPT_LANGUAGES.get(script_of(letter)) if letter is not None else None


def set_language(element: etree._Element, tag: str) -> None:
    """Tag every run and paragraph end under ``element`` with the language ``tag`` (``fr-BE``…).

    Spell-checking and screen readers use it; a run without properties gets them. A run in a
    script of one language (Arabic, Hebrew, Greek) is tagged with that language instead, and a
    paragraph's end like the paragraph's text.
    """
    for run in element.iter(qn("a:r"), qn("a:fld")):
        if run.find(qn("a:rPr")) is None:
            run.insert(0, etree.Element(qn("a:rPr")))
    for props in element.iter(qn("a:rPr"), qn("a:endParaRPr")):
        owner = props.getparent()  # the run (a line break has no text), or the paragraph for its end
        props.set("lang", script_language("".join(owner.itertext()) if owner is not None else "") or tag)
