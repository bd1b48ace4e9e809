"""Real font metrics: stand-ins for template fonts, widths that scale, a safe guess for unknown fonts."""

from __future__ import annotations

import pytest

from briefing_builder.compose.measure import (
    UNKNOWN_FONT_FACTOR,
    count_lines,
    coverage,
    font_face,
    line_breaks,
    stand_in,
    text_width,
)
from briefing_builder.markup import Run

TEXT = "Return and readmission"


def test_template_fonts_are_measured_with_their_metric_compatible_stand_ins() -> None:
    assert stand_in("Calibri").lower().startswith("carlito")
    assert stand_in("Arial").lower().startswith("liberationsans")
    assert font_face("Calibri").known and 1.0 < font_face("Calibri").line_height_em < 1.5
    assert ord("é") in coverage("Calibri") and ord("A") in coverage("Arial")


def test_widths_scale_with_size_and_grow_with_weight() -> None:
    width = text_width(TEXT, "Calibri", 10.0)
    assert width > 0
    assert text_width(TEXT, "Calibri", 20.0) == pytest.approx(2 * width)
    assert text_width(TEXT, "Calibri", 10.0, bold=True) > width
    assert text_width("", "Calibri", 10.0) == 0


def test_an_unknown_font_is_measured_wider_than_arial_and_said_to_be_unknown() -> None:
    face = font_face("No Such Font Family")
    assert not face.known and face.line_height_em >= 1.3
    assert text_width(TEXT, "No Such Font Family", 10.0) == pytest.approx(
        text_width(TEXT, "Arial", 10.0) * UNKNOWN_FONT_FACTOR)


def test_line_count_is_the_breakers_and_a_narrower_column_never_has_fewer_lines() -> None:
    runs = (Run("Operational cooperation with partner countries on return and readmission " * 4),)
    counts = [count_lines(runs, "Calibri", 14.0, width) for width in (600.0, 300.0, 150.0, 75.0)]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] > counts[0]
    assert counts[1] == len(line_breaks(runs, "Calibri", 14.0, 300.0))
    assert count_lines((Run(TEXT),), "Calibri", 14.0, 10_000.0) == 1


def test_a_common_font_without_a_stand_in_is_measured_with_its_own_line_height() -> None:
    """Verdana's lines are 1.215 em (its Windows metrics), not the 1.3 em assumed for fonts nothing is known
    about; its widths stay conservative and it is still said to be unknown."""
    verdana = font_face("verdana")
    assert not verdana.known and verdana.line_height_em == pytest.approx(1.215)
    assert text_width(TEXT, "Verdana", 10.0) == pytest.approx(text_width(TEXT, "Arial", 10.0) * UNKNOWN_FONT_FACTOR)


def test_lines_are_measured_at_least_as_tall_as_libreoffice_sets_them() -> None:
    """LibreOffice sets a single-spaced line of a .pptx 1.2 em tall whatever the font: 90 pt lines of 75 pt
    Liberation Sans, 24 pt lines of 20 pt Carlito, Caladea or DejaVu Sans. Arial was measured at its own
    1.15 em, and a poster's body filled to its 19th line ran its last line past the box."""
    assert font_face("Arial").line_height_em == pytest.approx(1.2)
    assert font_face("Times New Roman").line_height_em == pytest.approx(1.2)
    assert font_face("Calibri").line_height_em == pytest.approx(2500 / 2048)  # Carlito's own, taller
    assert font_face("Segoe UI").line_height_em == pytest.approx(1.33)
