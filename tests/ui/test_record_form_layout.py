"""Library forms: the label of a multi-line field sits level with the field's first line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QFormLayout

from briefing_builder.ui.form_fields import MultiLineField
from briefing_builder.ui.record_form import RecordForm

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


@pytest.mark.parametrize(("kind", "record_id"), [("area", "strong-borders"), ("consultation", None)])
@pytest.mark.parametrize("height_lines", [30, 60])
def test_multi_line_labels_are_level_with_their_fields(window: MainWindow, kind: str, record_id: str | None,
                                                       height_lines: int) -> None:
    catalog = window.editor.catalog
    records = catalog.areas if kind == "area" else catalog.consultations
    record = records[record_id] if record_id else next(iter(records.values()))
    form = RecordForm(kind, catalog, record)
    form.resize(form.fontMetrics().averageCharWidth() * 100, form.fontMetrics().height() * height_lines)
    form.show()
    QApplication.processEvents()
    layout = form.findChild(QFormLayout)
    checked = []
    for field in form.fields.values():
        if not isinstance(field, MultiLineField):
            continue
        label = layout.labelForField(field)
        label_top = label.mapTo(form, QPoint(0, 0)).y()
        field_top = field.editor.mapTo(form, QPoint(0, 0)).y()
        assert abs(label_top - field_top) <= label.fontMetrics().height() // 2, \
            f"{field.label!r}: label at y={label_top}, its field at y={field_top}"
        checked.append(field.name)
    form.close()
    assert checked  # main goals / sources / intro
