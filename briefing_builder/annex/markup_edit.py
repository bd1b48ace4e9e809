"""A delegation's retyped cell as store markup, keeping the store's inline formatting.

A cell typed over in Excel, LibreOffice or openpyxl holds one plain text in the cell's own
format: the bold of a label (``**Use of leverages and incentives:** …``) is gone, and a cell
format that came from another row (rows sorted, copied) can make the whole text bold. So when
the returned cell has one format throughout, that format is not taken as the delegation's:
:func:`edited_markup` maps the new text onto the store text's runs, word by word — words the
delegation kept keep their style, words that replace a stretch of one style take that style,
words added inside a run or at its start or end take the run's, other new words are plain. A
cell with several formats is the delegation's own formatting and is taken as it is.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from briefing_builder.markup import Run, parse_markup, to_markup

#: bold, italic, strike.
Style = tuple[bool, bool, bool]
_PLAIN: Style = (False, False, False)
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def edited_markup(stored: str, returned: Any) -> str:
    """The store markup for ``returned`` (a cell's value: rich-text fragments ``((b, i, s, u), text)``
    or a plain value) typed over a cell that showed the store markup ``stored``."""
    fragments = returned if isinstance(returned, tuple) else ((( False, False, False, False), str(returned or "")),)
    if len({tuple(style[:3]) for style, _ in fragments}) > 1:
        return to_markup(tuple(Run(text, bold=b, italic=i, strike=s) for (b, i, s, *_), text in fragments))
    new = "".join(text for _, text in fragments)
    old_runs = parse_markup(stored)
    styles: list[Style] = [(run.bold, run.italic, run.strike) for run in old_runs for _ in run.text]
    old_tokens = _TOKEN.findall("".join(run.text for run in old_runs))
    new_tokens = _TOKEN.findall(new)
    old_at = _offsets(old_tokens)
    new_at = _offsets(new_tokens)
    out: list[Style] = []
    for tag, i1, i2, j1, j2 in _word_opcodes(old_tokens, new_tokens):
        if tag == "equal":
            out.extend(styles[old_at[i1]:old_at[i2]])
            continue
        replaced = set(styles[old_at[i1]:old_at[i2]])
        style = replaced.pop() if len(replaced) == 1 else _PLAIN if replaced else _inserted(styles, old_at[i1])
        out.extend([style] * (new_at[j2] - new_at[j1]))
    return to_markup(_runs(new, out))


def _inserted(styles: list[Style], at: int) -> Style:
    """The style of words inserted at ``at`` in the store text: that of the run they are in or at the end
    of, plain between two runs of different styles."""
    before = styles[at - 1] if at > 0 else None
    after = styles[at] if at < len(styles) else None
    if before is None or after is None or before == after:
        return before or after or _PLAIN
    return _PLAIN


def _offsets(tokens: list[str]) -> list[int]:
    """Where each token starts in the joined text, and the text's length last."""
    at = [0]
    for token in tokens:
        at.append(at[-1] + len(token))
    return at


def _word_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The token diff of ``old`` and ``new``, where a kept stretch counts as kept only when it has two
    words or more, or starts or ends both texts: one common word or a space says nothing about which
    words were kept."""
    merged: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        words = sum(1 for token in old[i1:i2] if re.match(r"\w", token))
        anchored = (i1 == j1 == 0) or (i2 == len(old) and j2 == len(new))
        if tag == "equal" and not (words >= 2 or (words and anchored)):
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            _, a1, _, b1, _ = merged.pop()
            merged.append(("replace", a1, i2, b1, j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _runs(text: str, styles: list[Style]) -> list[Run]:
    """``text`` cut into runs of one style each."""
    runs: list[Run] = []
    for char, (bold, italic, strike) in zip(text, styles, strict=True):
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].strike) == (bold, italic, strike):
            runs[-1] = Run(runs[-1].text + char, bold=bold, italic=italic, strike=strike)
        else:
            runs.append(Run(char, bold=bold, italic=italic, strike=strike))
    return runs
