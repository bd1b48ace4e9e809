"""Inline text markup → styled runs.

Store text uses a small, Markdown-compatible inline syntax, parsed by markdown-it-py (the
CommonMark reference port, with its strikethrough rule) rather than hand-made regexes:

``**bold**``, ``*italic*``, ``~~struck~~`` (a drafting deletion), ``[text](https://…)``
(a hyperlink) and ``[slide {n}](#record-id)`` — a cross-reference to the slide that shows
``record-id`` in the pack. ``{n}`` becomes that slide's number when the plan is made; an
empty link text ``[](#record-id)`` means the default wording (``slide {n}`` in English).
Control characters are removed; line breaks become spaces.

CommonMark reads ``**重要：**これは`` as literal asterisks: a closing ``**`` after punctuation
must be followed by a space or punctuation, and CJK text has no spaces. As in the
"CJK-friendly" amendment to CommonMark, an East Asian wide or full-width character next to a
delimiter run counts like a space or punctuation there, so emphasis works next to ``：``,
``「」``, ``。`` and between ideographs (:class:`_CjkStateInline`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

# C0 and C1 control characters and non-characters; NEL and the Unicode line/paragraph
# separators are line breaks and become spaces like tabs and newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_WHITESPACE_CONTROL = re.compile(r"[\t\r\n\x85\u2028\u2029]+")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style. ``ref`` is a cross-reference target id."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    link: str | None = None
    ref: str | None = None


def _wide(char: str) -> bool:
    """An East Asian wide or full-width character: ideographs, kana, Hangul, CJK punctuation."""
    return unicodedata.east_asian_width(char) in ("W", "F")


class _CjkStateInline(StateInline):
    """Inline state whose delimiter runs treat a CJK neighbour like a space or punctuation."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802, N803 - markdown-it's names
        """CommonMark's flanking rules, with wide characters allowed where spaces or punctuation are."""
        pos, marker = start, self.src[start]
        last = self.src[start - 1] if start > 0 else " "
        while pos < self.posMax and self.src[pos] == marker:
            pos += 1
        following = self.src[pos] if pos < self.posMax else " "
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
        left = not (next_space or (next_punct and not (last_space or last_punct or _wide(last))))
        right = not (last_space or (last_punct and not (next_space or next_punct or _wide(following))))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, pos - start)


class _CjkParserInline(ParserInline):
    """markdown-it's inline parser on :class:`_CjkStateInline`."""

    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        """Tokenize ``src`` as :meth:`ParserInline.parse` does, with CJK-friendly delimiter runs."""
        state = _CjkStateInline(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero")
    parser.inline = _CjkParserInline()
    return parser.configure("zero").enable(["emphasis", "strikethrough", "link", "escape", "entity"])


def clean_text(text: str) -> str:
    """Remove control characters (tabs and line breaks become single spaces)."""
    return _CONTROL.sub("", _WHITESPACE_CONTROL.sub(" ", text))


#: Characters that can start markup (emphasis, strike, links, escapes, entities, code, autolinks).
_MARKUP_CHARS = re.compile(r"[*_~\[\]\\&`<]")


@lru_cache(maxsize=65536)
def parse_markup(text: str) -> tuple[Run, ...]:
    """Parse inline markup into runs; adjacent runs of the same style are merged."""
    cleaned = clean_text(text)
    if not _MARKUP_CHARS.search(cleaned):  # plain text (most sub-points, titles): no parser needed
        return (Run(cleaned),) if cleaned else ()
    tokens = _parser().parseInline(cleaned)
    runs: list[Run] = []
    bold = italic = strike = 0
    link: str | None = None
    ref: str | None = None
    ref_has_text = False
    for inline in tokens:
        for tok in inline.children or ():
            kind = tok.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold = max(0, bold - 1)
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic = max(0, italic - 1)
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike = max(0, strike - 1)
            elif kind == "link_open":
                href = str(tok.attrGet("href") or "")
                if href.startswith("#") and len(href) > 1:
                    ref, link, ref_has_text = href[1:], None, False
                else:
                    link, ref = href or None, None
            elif kind == "link_close":
                if ref is not None and not ref_has_text:
                    runs.append(Run("", bool(bold), bool(italic), bool(strike), None, ref))
                link = ref = None
            elif kind in ("text", "code_inline", "html_inline"):
                # entities (&#10;, &Tab;) can bring control characters back: clean again
                content = clean_text(tok.content)
                if content:
                    if ref is not None:
                        ref_has_text = True
                    runs.append(Run(content, bool(bold), bool(italic), bool(strike), link, ref))
            elif kind in ("softbreak", "hardbreak"):
                runs.append(Run(" ", bool(bold), bool(italic), bool(strike), link, ref))
    return tuple(_merge(runs))


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and run.text and merged[-1].text and _same_style(merged[-1], run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.strike, a.link, a.ref) == (b.bold, b.italic, b.strike, b.link, b.ref)


def plain_text(runs: tuple[Run, ...] | list[Run]) -> str:
    """The text of ``runs`` without styling."""
    return "".join(run.text for run in runs)


def references(text: str) -> list[str]:
    """The cross-reference target ids named in ``text``, in order."""
    seen: list[str] = []
    for run in parse_markup(text):
        if run.ref is not None and run.ref not in seen:
            seen.append(run.ref)
    return seen


def to_markup(runs: tuple[Run, ...] | list[Run]) -> str:
    """Write runs back as markup (used by the annex import to compare edited text).

    Marks are opened and closed where the style changes (not around every run), so
    adjacent runs sharing a mark stay inside one pair: ``**bold and ~~struck~~**``. Spaces
    at the edge of a styled run go *outside* the marks that open or close there (CommonMark
    does not read ``**bold **`` as bold): ``Run("bold ", bold=True)`` → ``**bold** ``.
    """
    out: list[str] = []
    open_marks: list[str] = []
    pending = ""  # the previous run's trailing spaces, written once the marks have changed
    for run in runs:
        linked = run.ref is not None or bool(run.link)
        core = run.text if linked else run.text.strip(" ")
        if not core and not linked:  # only spaces: they keep whatever is open
            pending += run.text
            continue
        lead = "" if linked else run.text[: len(run.text) - len(run.text.lstrip(" "))]
        trail = "" if linked else run.text[len(run.text.rstrip(" ")):]
        wanted = [mark for mark, on in (("**", run.bold), ("*", run.italic), ("~~", run.strike)) if on]
        keep = 0  # the open marks still wanted, from the outermost in, stay open
        while keep < len(open_marks) and open_marks[keep] in wanted:
            keep += 1
        out.extend(reversed(open_marks[keep:]))
        out.append(pending + lead)
        opened = [mark for mark in wanted if mark not in open_marks[:keep]]
        out.extend(opened)
        open_marks = open_marks[:keep] + opened
        text = _escape(core)
        if run.ref is not None:
            text = f"[{text}](#{run.ref})"
        elif run.link:
            text = f"[{text}]({run.link})"
        out.append(text)
        pending = trail
    out.extend(reversed(open_marks))
    out.append(pending)
    return "".join(out)


def _escape(text: str) -> str:
    return re.sub(r"([\\*_~\[\]])", r"\\\1", text)
