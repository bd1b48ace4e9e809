"""The one line breaker: greedy breaks at spaces, hanging spaces, long words cut, styles kept."""

from __future__ import annotations

from briefing_builder.compose.linebreak import break_lines, line_text, line_width
from briefing_builder.compose.measure import count_lines, line_breaks, text_width
from briefing_builder.markup import Run


def _mono(run: Run, text: str) -> float:
    """Every character 1 pt wide, bold ones 2 pt: easy arithmetic."""
    return len(text) * (2.0 if run.bold else 1.0)


def test_breaks_greedily_at_spaces_and_lets_end_spaces_hang() -> None:
    lines = break_lines((Run("aaa bbb  ccc dddd"),), _mono, 8)
    assert [line_text(line) for line in lines] == ["aaa bbb", "ccc dddd"]
    assert [line_width(line) for line in lines] == [7.0, 8.0]


def test_a_line_is_one_piece_per_run_with_its_spaces() -> None:
    runs = (Run("see "), Run("slide 7", ref="x"), Run(", and more words here"))
    first = break_lines(runs, _mono, 16)[0]
    assert [(p.text, p.x) for p in first] == [("see ", 0.0), ("slide 7", 4.0), (", and", 11.0)]
    assert first[1].run.ref == "x"


def test_a_word_wider_than_the_line_starts_its_own_line_and_is_cut() -> None:
    lines = break_lines((Run("ab "), Run("cdefghij", bold=True)), _mono, 6)
    assert [line_text(line) for line in lines] == ["ab", "cde", "fgh", "ij"]
    assert all(line_width(line) <= 6 for line in lines)


def test_no_width_keeps_everything_on_one_line_and_counts_as_never_fitting() -> None:
    assert len(break_lines((Run("a b c"),), _mono, 0)) == 1
    assert count_lines((Run("a b c"),), "Calibri", 12, 0) == 10_000


def test_count_lines_counts_the_lines_the_preview_paints() -> None:
    runs = (Run("A "), Run("bold", bold=True), Run(" and "), Run("struck words", strike=True), Run(" end " * 30))
    lines = line_breaks(runs, "Calibri", 18, 200)
    assert len(lines) == count_lines(runs, "Calibri", 18, 200) > 3
    assert any(p.run.bold and p.text == "bold" for p in lines[0]) and any(p.run.strike for p in lines[0])
    assert all(line_width(line) <= 200 for line in lines)
    assert " ".join(line_text(line) for line in lines).split() == "".join(r.text for r in runs).split()
    assert abs(line_width(lines[0]) - text_width(line_text(lines[0]), "Calibri", 18)) < 2  # bold widens a little
