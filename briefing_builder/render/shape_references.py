"""A slide's pointers at its own shapes by id, kept true when the shapes are renumbered.

A shape's id is its ``cNvPr/@id``. Other elements of the same slide name a shape by that id
(ECMA-376 Part 1, PresentationML and DrawingML; [MS-PPTX] for PowerPoint 2010's extension):

- a connector glued to shapes: ``a:stCxn/@id`` and ``a:endCxn/@id``;
- the animations (``p:timing``): each effect's and trigger's target ``p:spTgt/@spid``
  (§19.5.72), the build list's ``p:bldP``, ``p:bldDgm``, ``p:bldOleChart`` and ``p:bldGraphic``
  ``@spid`` (§19.5.12-16), and a media-bookmark trigger ``p14:bmkTgt/@spid`` ([MS-PPTX] 2.3.7).

Left as they are because they name no ``cNvPr`` id: ``p:inkTgt/@spid`` and ``p:oleObj/@spid``
(legacy VML shapes, ``_x0000_s1025``) and ``p:subSp/@spid`` (a part inside one shape).

When a copied shape kept its original's id, a pointer at that id is read as meaning the copy
nearest to it: first the one in the innermost group the pointer shares with it, then the one
nearest in document order — so a connector copied with its shapes stays glued to those
copies, and animations (after the shape tree) follow the shapes added last. A shape written
twice in ``mc:AlternateContent`` (its ``mc:Choice`` for newer readers, its ``mc:Fallback`` for
older ones) is one shape: both copies keep one id, whichever a reader takes.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from briefing_builder.ooxml.namespaces import qn

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: (element, attribute) pairs whose value is the id of a shape on the same slide.
CONNECTION_ENDS = ((qn("a:stCxn"), "id"), (qn("a:endCxn"), "id"))
ANIMATION_TARGETS = ((qn("p:spTgt"), "spid"), (qn("p:bldP"), "spid"), (qn("p:bldDgm"), "spid"),
                     (qn("p:bldOleChart"), "spid"), (qn("p:bldGraphic"), "spid"), (f"{{{P14}}}bmkTgt", "spid"))
REFERENCES = dict(CONNECTION_ENDS + ANIMATION_TARGETS)


def references(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every element under ``root`` (a slide) that names a shape id, with the attribute holding it."""
    for node in root.iter(*REFERENCES):
        attribute = REFERENCES[str(node.tag)]
        if node.get(attribute) is not None:
            yield node, attribute


def shape_ids(root: etree._Element) -> list[str]:
    """The id of every shape under ``root``, each once (a shape's ``mc:Fallback`` copy is not another shape)."""
    twins = _has_fallbacks(root)
    return [str(c.get("id")) for c in root.iter(qn("p:cNvPr")) if not twins or _chosen_twin(c) is None]


def dangling(root: etree._Element) -> list[str]:
    """The shape ids that ``root``'s connectors and animations name but no shape on it has."""
    ids = {c_nv_pr.get("id") for c_nv_pr in root.iter(qn("p:cNvPr"))}
    return sorted({str(node.get(attribute)) for node, attribute in references(root)
                   if node.get(attribute) not in ids}, key=_number)


def renumber(root: etree._Element, tree: etree._Element, first: int = 2) -> None:
    """Number every shape in ``tree`` (``root``'s spTree) from ``first`` and repoint ``root``'s references.

    A connector end naming no shape is unglued (the connector stays where it is drawn); when an
    animation names no shape, the slide's animations are dropped, as PowerPoint's repair would.
    """
    shapes = list(tree.iter(qn("p:cNvPr")))
    by_id: dict[str, list[etree._Element]] = {}
    new_ids: dict[etree._Element, str] = {}
    next_id = first
    twins = _has_fallbacks(tree)
    for c_nv_pr in shapes:
        chosen = _chosen_twin(c_nv_pr) if twins else None
        if chosen is not None and chosen in new_ids:  # the Fallback copy of a shape: the Choice's id
            new_ids[c_nv_pr] = new_ids[chosen]
            continue
        by_id.setdefault(str(c_nv_pr.get("id")), []).append(c_nv_pr)
        new_ids[c_nv_pr] = str(next_id)
        next_id += 1
    order: dict[etree._Element, int] = {}  # document order, counted only when a copy shares an id
    if any(len(same) > 1 for same in by_id.values()):
        order = {node: index for index, node in enumerate(root.iter())}
    targets = [(node, attribute, _meant(node, by_id.get(str(node.get(attribute)), []), order))
               for node, attribute in references(root)]
    for c_nv_pr, new_id in new_ids.items():
        c_nv_pr.set("id", new_id)
    for node, attribute, shape in targets:
        if shape is not None:
            node.set(attribute, new_ids[shape])
        elif (str(node.tag), attribute) in CONNECTION_ENDS:
            _remove(node)
        else:
            _drop_animations(node)


def _has_fallbacks(tree: etree._Element) -> bool:
    return next(tree.iter(f"{{{MC}}}Fallback"), None) is not None


def _chosen_twin(c_nv_pr: etree._Element) -> etree._Element | None:
    """For a shape inside an ``mc:Fallback``, the same shape (same id) in its ``mc:Choice``."""
    fallback = next(c_nv_pr.iterancestors(f"{{{MC}}}Fallback"), None)
    content = fallback.getparent() if fallback is not None else None
    if content is None:
        return None
    return next((twin for choice in content.iterchildren(f"{{{MC}}}Choice") for twin in choice.iter(qn("p:cNvPr"))
                 if twin.get("id") == c_nv_pr.get("id")), None)


def _meant(reference: etree._Element, candidates: list[etree._Element],
           order: dict[etree._Element, int]) -> etree._Element | None:
    """The shape (its ``cNvPr``) among ``candidates`` that ``reference`` means: innermost, then nearest."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    ancestors = {node: depth for depth, node in enumerate(reversed(list(reference.iterancestors())))}

    def closeness(c_nv_pr: etree._Element) -> tuple[int, int]:
        shared = next((ancestors[node] for node in c_nv_pr.iterancestors() if node in ancestors), -1)
        return -shared, abs(order.get(c_nv_pr, 0) - order.get(reference, 0))

    return min(candidates, key=closeness)


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is not None:
        parent.remove(node)


def _drop_animations(node: etree._Element) -> None:
    timing = next(node.iterancestors(qn("p:timing")), None)
    if timing is not None:
        _remove(timing)


def _number(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (1 << 32, value)
