"""A reworded paragraph's cross-references and links kept: the store's ``[slide {n}](#id)`` put back.

A deck shows a cross-reference as fixed text ("see slide 7") and a link as its words only. When a
paragraph holding one is reworded in the deck, the reword is applied around it: the text the link
showed is found in the exported paragraph (between the store text's own words), then once in the
reworded paragraph, where the store's link markup takes its place again. When the link's text was
changed or deleted (or shows more than once), the reword cannot be placed safely: :func:`relink`
returns None and the edit is refused with :data:`REFUSED`.
"""

from __future__ import annotations

import re

#: Markup of a link or cross-reference: ``[words](target)``.
LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")

REFUSED = ("the reword changes or deletes the text of a cross-reference or link ({}), which the deck shows as "
           "fixed text; keep that text as it was in the deck, or edit the paragraph in the library")


def has_links(stored: str) -> bool:
    """True when store markup ``stored`` holds a link or cross-reference."""
    return LINK.search(stored) is not None


def shown_links(stored: str, exported: str) -> list[str] | None:
    """The text each link of ``stored`` showed in the exported paragraph ``exported`` (None: the
    paragraph does not read as the store text with its links filled in)."""
    pieces = LINK.split(stored)  # literal, words, target, literal, words, target, …, literal
    literals = pieces[0::3]
    pattern = "(.+?)".join(re.escape(_spaces(piece)) for piece in literals)
    found = re.fullmatch(pattern, _spaces(exported).strip(), re.DOTALL)
    return list(found.groups()) if found else None


def relink(stored: str, exported: str, reworded: str) -> str | None:
    """``reworded`` (a deck paragraph's markup) with each link's shown text replaced by the link
    markup of ``stored`` (the store's text, exported as ``exported``); None when a link's text is not
    found exactly once, in order, in ``reworded``."""
    shown = shown_links(stored, exported)
    links = [m.group(0) for m in LINK.finditer(stored)]
    if shown is None:
        return None
    out, rest = [], _spaces(reworded).strip()
    for text, link in zip(shown, links):
        if not text.strip() or rest.count(text) != 1:
            return None
        head, rest = rest.split(text, 1)
        out += [head, link]
    return "".join(out) + rest


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)
