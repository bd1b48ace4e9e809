"""Preview text placement: the breaker's lines, stacked from the box's top with the writer's geometry."""

from __future__ import annotations

from briefing_builder.compose import textstyle
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import count_lines
from briefing_builder.compose.plan import Paragraph
from briefing_builder.compose.preview_layout import block_height, lay_out_paragraphs, text_column
from briefing_builder.markup import Run

BOX = Box(914400, 914400, 4 * 914400, 3 * 914400)  # 4 × 3 inches, one inch in
LONG = "Operational cooperation with partner countries on return and readmission, " * 3


def test_lines_are_the_breakers_stacked_top_down_inside_the_box() -> None:
    paragraphs = (Paragraph((Run(LONG),)), Paragraph((Run("Second level point"),), level=1))
    lines = lay_out_paragraphs(paragraphs, BOX, "Calibri", 20.0)
    x0, width0 = text_column(BOX, 0, True)
    first = count_lines(paragraphs[0].runs, "Calibri", 20.0, width0)
    assert first > 1 and len(lines) == first + 1
    assert all(line.x == x0 for line in lines[:first])
    assert lines[first].x > x0  # the second level is indented
    assert lines[0].top == (BOX.top + textstyle.INSET_Y) / EMU_PER_POINT
    tops = [line.top for line in lines]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert lines[0].bullet == textstyle.bullet_char(0) and all(not line.bullet for line in lines[1:first])
    assert lines[first].bullet == textstyle.bullet_char(1)
    assert lines[first].size == textstyle.level_size(20.0, 1)
    for line in lines:
        assert all(piece.x + piece.width <= width0 + 0.01 for piece in line.pieces)
    assert " ".join("".join(p.text for p in line.pieces) for line in lines[:first]).split() == LONG.split()


def test_block_height_spans_first_top_to_last_bottom_and_no_bullets_when_asked() -> None:
    lines = lay_out_paragraphs((Paragraph((Run("One"),)), Paragraph((Run("Two"),))), BOX, "Calibri", 18.0,
                               bullets=False)
    assert not any(line.bullet for line in lines)
    assert block_height(lines) == lines[-1].top + lines[-1].height - lines[0].top > 2 * lines[0].height
    assert block_height([]) == 0.0
    tighter = lay_out_paragraphs((Paragraph((Run("One"),)), Paragraph((Run("Two"),))), BOX, "Calibri", 18.0,
                                 line_spacing=0.8)
    assert block_height(tighter) < block_height(lines)
