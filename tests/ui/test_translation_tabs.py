"""The French tab's lists: sub-points, sources and cooperation areas translated item by item.

Each row is one English item beside its French; an English list edited on the English tab
keeps each French with its own item; a cleared French cell takes the item's French away;
the other languages and the English stay as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_builder.store import load_store
from briefing_builder.ui.record_form import RecordForm
from briefing_builder.ui.translation_tabs import ItemsField

from .test_library_edit import AREA, MEASURE, with_form

SECOND = ("**Reinforcing the use of incentives and leverages** - Art. 25a of the Visa Code, trade policies, "
          "and incentives.")
FRENCH = "**Renforcer le recours aux incitations et aux leviers** – art. 25 bis du code des visas."


@pytest.fixture
def bilingual(store_copy: Path) -> Path:
    """The store copy with the measure's second sub-point in English and French."""
    area = store_copy / AREA
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace(f'      - "{SECOND}"', f'      - en: "{SECOND}"\n        fr: "{FRENCH}"'),
                    encoding="utf-8")
    return store_copy


def _sub_points(form: RecordForm) -> ItemsField:
    (french,) = form.languages
    return french.lists["sub_points"]


def _saved(store: Path) -> list[object]:
    return next(m for m in load_store(store).areas["return-readmission"].measures if m.id == MEASURE).sub_points


def test_each_english_sub_point_has_its_row_and_its_french(qtbot, bilingual: Path) -> None:  # noqa: ANN001
    catalog = load_store(bilingual)
    measure = next(m for m in catalog.areas["return-readmission"].measures if m.id == MEASURE)
    form = RecordForm("measure", catalog, measure)
    qtbot.addWidget(form)
    items = _sub_points(form)
    assert items.editor.rowCount() == len(measure.sub_points)
    assert items.editor.item(1, 0).text() == SECOND and items.value()[1] == FRENCH
    assert items.value()[0] is None
    assert form.languages[0].lists["sources"].editor.rowCount() == len(measure.sources)


def test_a_sub_point_inserted_above_on_the_english_tab_leaves_the_french_on_its_item(
        open_window, bilingual: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    window = open_window(bilingual)

    def fill(form: RecordForm) -> None:
        editor = form.fields["sub_points"].editor
        editor.setPlainText("A new first point\n" + editor.toPlainText())
        items = _sub_points(form)
        assert items.editor.item(0, 0).text() == "A new first point" and items.value()[0] is None
        assert items.value()[2] == FRENCH  # moved down with its item
        items.editor.item(0, 1).setText("Un nouveau premier point")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("measure", MEASURE)
    points = _saved(bilingual)
    assert points[0].text.translations == {"en": "A new first point", "fr": "Un nouveau premier point"}
    assert points[2].text.translations == {"en": SECOND, "fr": FRENCH}
    assert [getattr(p.text, "translations", None) for p in points[3:]] == [None] * (len(points) - 3)


def test_a_cleared_french_cell_leaves_the_item_in_english_only(open_window, bilingual: Path,  # noqa: ANN001
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(bilingual)
    with_form(monkeypatch, lambda form: _sub_points(form).editor.item(1, 1).setText("  "))
    assert window.library_actions.editor.edit("measure", MEASURE)
    points = _saved(bilingual)
    assert type(points[1].text) is str and points[1].text == SECOND
    assert f'      - "{SECOND}"' in (bilingual / AREA).read_text(encoding="utf-8")


def test_a_source_is_translated_in_its_row(open_window, store_copy: Path,  # noqa: ANN001
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)

    def fill(form: RecordForm) -> None:
        (french,) = form.languages
        sources = french.lists["sources"]
        assert sources.value()[0].startswith("Présentation")  # the area's source already has its French
        sources.editor.item(0, 1).setText("Présentation aux conseillers JAI, 12 janvier 2026")
    with_form(monkeypatch, fill)
    assert window.library_actions.editor.edit("area", "return-readmission")
    source = load_store(store_copy).areas["return-readmission"].sources[0]
    assert source.translations == {"en": "Presentation to JHA Counsellors, 12 January 2026",
                                   "fr": "Présentation aux conseillers JAI, 12 janvier 2026"}
