"""Every python-pptx private attribute the writers and readers touch, in one place.

python-pptx (1.0.x) exposes no public way to reach the lxml element behind its objects, yet
the deck writer needs it for what the library has no API for (slide furniture, markings,
alt text, provenance stamps, language tags, template hygiene and geometry). The writers
call the functions below instead of reaching into python-pptx themselves, so that an
upgrade that renames an attribute breaks here, in one tested module, and nowhere else.

The private attributes touched, and why:

``_element``
    On every python-pptx proxy (``Presentation``, ``Slide``, ``SlideLayout``, ``SlideMaster``,
    ``NotesSlide``, shapes, ``Part`` objects): the lxml element (for a part, its root) the
    proxy wraps. Needed to read and edit XML python-pptx does not model — see
    :func:`element_of`.
``_spTree``
    On a shape collection (``slide.shapes``, ``layout.shapes``, ``master.shapes``): the
    ``p:spTree`` element the shapes live in. Needed to append shapes built as XML (markings,
    footers) and to walk placeholders in document order — see :func:`shape_tree`.
``_sldIdLst``
    On ``Presentation.slides``: the ``p:sldIdLst`` element listing the slides. Needed to add
    slides in linear time and to drop a template's sample slides — see :func:`slide_id_list`.
``_txBody``
    On a ``TextFrame``: its ``p:txBody`` element. Needed to write paragraphs with the
    template's own list styles — see :func:`text_body`.
``_p``
    On a ``_Paragraph``: its ``a:p`` element. Needed to add runs with hyperlinks and
    language tags — see :func:`paragraph_element`.
``_blob``
    On a plain ``Part`` (a theme, a custom XML item, document properties python-pptx does
    not model): its bytes. Needed to remove outside links from a theme — see
    :func:`replace_blob`.
``_rels``
    On the ``OpcPackage``: the package's own relationships (``_rels/.rels``). Needed to drop
    a template's thumbnail and read its custom properties — see :func:`package_relationships`.
"""

from __future__ import annotations

from typing import Any

from lxml import etree


def element_of(proxy: Any) -> etree._Element:
    """The lxml element a python-pptx object wraps (a part's root element for a part)."""
    found: etree._Element = proxy._element
    return found


def shape_tree(owner: Any) -> etree._Element:
    """The ``p:spTree`` element of a slide, layout or master (``owner.shapes``)."""
    found: etree._Element = owner.shapes._spTree
    return found


def slide_id_list(presentation: Any) -> etree._Element:
    """The ``p:sldIdLst`` element of a presentation: one ``p:sldId`` per slide, in order."""
    found: etree._Element = presentation.slides._sldIdLst
    return found


def text_body(text_frame: Any) -> etree._Element:
    """The ``p:txBody`` element of a shape's text frame."""
    found: etree._Element = text_frame._txBody
    return found


def paragraph_element(paragraph: Any) -> etree._Element:
    """The ``a:p`` element of a python-pptx paragraph."""
    found: etree._Element = paragraph._p
    return found


def replace_blob(part: Any, data: bytes) -> None:
    """Give a part python-pptx keeps as bytes (a theme, a custom XML item) new content.

    ``_blob`` is where python-pptx's plain ``Part`` keeps its bytes; it has no setter.
    """
    part._blob = data


def package_relationships(package: Any) -> Any:
    """The relationships of the package itself (``_rels/.rels``): document properties, thumbnail.

    ``_rels`` on python-pptx's ``OpcPackage``; it offers ``drop_rel`` but no way to list them.
    """
    return package._rels
