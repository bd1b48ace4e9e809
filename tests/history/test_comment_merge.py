"""Comment lines people write above fields of a store file, merged so a sync loses neither side's.

The versions are an area file of the bundled store, edited as two counsellors would: a comment
added above a measure on one side, above the same field on both sides, a value changed too.
"""

from __future__ import annotations

from briefing_builder.history.comment_merge import comment_blocks, merge_comments
from briefing_builder.paths import sample_store_dir

AREA = (sample_store_dir() / "areas" / "04-return-readmission.yaml").read_text(encoding="utf-8")
MEASURE = "  - id: readmission-by-third-countries\n"


def _above(text: str, line: str, *comments: str) -> str:
    assert line in text
    indent = line[:len(line) - len(line.lstrip())]
    return text.replace(line, "".join(f"{indent}# {c}\n" for c in comments) + line, 1)


def test_every_key_and_record_has_the_comment_lines_directly_above_it() -> None:
    text = _above(AREA, MEASURE, "Discussed at COREPER on 4 March", "NL asked for a footnote")
    blocks = comment_blocks(text)
    assert blocks is not None
    anchor = next(a for a in blocks if a[-1] == "#readmission-by-third-countries")
    assert blocks[anchor][1] == ["  # Discussed at COREPER on 4 March", "  # NL asked for a footnote"]
    assert comment_blocks("measures: [unclosed") is None


def test_a_comment_only_they_added_arrives() -> None:
    theirs = _above(AREA, MEASURE, "Check with the Legal Service")
    assert merge_comments(AREA, AREA, theirs) == theirs


def test_comments_both_wrote_above_one_field_are_both_kept_mine_first() -> None:
    mine = _above(AREA, MEASURE, "Mine: ask the Presidency")
    theirs = _above(AREA, MEASURE, "Theirs: Council Legal Service view")
    merged = merge_comments(AREA, mine, theirs)
    assert "  # Mine: ask the Presidency\n  # Theirs: Council Legal Service view\n" + MEASURE in merged
    assert merge_comments(AREA, mine, mine) == mine  # the same comment on both sides: once


def test_their_comment_comes_along_with_my_value_edit_and_mine_alone_stays() -> None:
    mine = AREA.replace('text: "**Improving readmission by third countries**"',
                        'text: "**Improving readmission** by partner countries"', 1)
    assert mine != AREA
    theirs = _above(AREA, MEASURE, "Figures to be checked")
    merged = merge_comments(AREA, mine, theirs)
    assert "by partner countries" in merged and "  # Figures to be checked\n" + MEASURE in merged
    mine_only = _above(AREA, MEASURE, "My own note")
    assert merge_comments(AREA, mine_only, AREA) == mine_only


def test_text_that_cannot_be_read_leaves_the_merged_text_as_it_is() -> None:
    assert merge_comments(AREA, AREA, "measures: [unclosed") == AREA
    assert merge_comments(None, AREA, _above(AREA, MEASURE, "New file on their side")).count("New file") == 1
