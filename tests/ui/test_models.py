"""Item models: qtmodeltester, search and region filtering, drag and drop data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt

from briefing_builder.pack import document as pd
from briefing_builder.pack.library_data import HEADERS, library_trees
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Catalog, load_store
from briefing_builder.ui.models import (
    KindRole,
    LibraryFilter,
    LibraryModel,
    OutlineModel,
    ProblemRole,
    mime_records,
    records_mime,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


@pytest.mark.parametrize("tab", list(HEADERS))
def test_library_models_pass_the_model_tester(qtmodeltester, catalog: Catalog, tab: str) -> None:  # noqa: ANN001
    model = LibraryModel(HEADERS[tab], library_trees(catalog)[tab])
    qtmodeltester.check(model, force_py=True)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_search("return")
    qtmodeltester.check(proxy, force_py=True)


def _visible(proxy: LibraryFilter, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        out.append(index.data())
        out.extend("  " + text for text in _visible(proxy, index))
    return out


def test_search_matches_text_and_keeps_parents(catalog: Catalog) -> None:
    model = LibraryModel(HEADERS["areas"], library_trees(catalog)["areas"])
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_search("RETURN hubs")  # a sub-point of a measure of area 4, any case, every word
    shown = _visible(proxy)
    assert shown[0] == "4. Returns and readmission"
    assert len(shown) == 2 and "readmission" in shown[1].lower()
    proxy.set_search("Migration Diplomacy")  # a matching area keeps all its measures
    first = proxy.index(0, 0)
    assert first.data() == "1. Migration Diplomacy"
    assert proxy.rowCount(first) == len(catalog.areas["migration-diplomacy"].measures)
    proxy.set_search("")
    assert proxy.rowCount() == len(catalog.areas)


def test_region_filter(catalog: Catalog) -> None:
    model = LibraryModel(HEADERS["countries"], library_trees(catalog)["countries"])
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    region = catalog.countries["tunisia"].region
    proxy.set_region(region)
    expected = {c.name for c in catalog.countries.values() if c.region == region}
    assert set(_visible(proxy)) == expected


def test_outline_model_passes_the_model_tester_and_flags_dangling(qtmodeltester, catalog: Catalog) -> None:  # noqa: ANN001
    pack = catalog.packs["jha-counsellors-2026-01-12"]
    ghost = pd.update_section(pack, 4, area="gone")
    model = OutlineModel(lambda records, row: None, lambda a, b: None)
    model.set_rows([pd.describe_section(s, catalog, ghost) for s in ghost.sections])
    qtmodeltester.check(model, force_py=True)
    index = model.index(4)
    assert index.data(ProblemRole) and "gone" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(3).data(Qt.ItemDataRole.ForegroundRole) is None


def test_drag_data_round_trip_and_outline_drops(catalog: Catalog) -> None:
    library = LibraryModel(HEADERS["countries"], library_trees(catalog)["countries"])
    data = library.mimeData([library.index(0, 0), library.index(0, 1)])
    records = mime_records(data)
    assert records == [("country", library.index(0, 0).data(Qt.ItemDataRole.UserRole + 2))]
    assert library.index(0, 0).data(KindRole) == "country"
    calls: list[tuple] = []
    outline = OutlineModel(lambda recs, row: calls.append(("add", recs, row)),
                           lambda a, b: calls.append(("move", a, b)))
    outline.set_rows([pd.SectionInfo(f"s{i}") for i in range(5)])
    assert outline.dropMimeData(records_mime(records), Qt.DropAction.CopyAction, 2, 0, QModelIndex())
    own = outline.mimeData([outline.index(4)])
    outline.dropMimeData(own, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # drop 5th into the gap before 2nd
    outline.dropMimeData(outline.mimeData([outline.index(0)]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert calls == [("add", records, 2), ("move", 4, 1), ("move", 0, 4)]


def test_a_library_model_without_an_index_gives_its_owner(qapp) -> None:  # noqa: ANN001
    """``model.parent()`` is QObject's parent (the panel that owns the model), as in Qt."""
    owner = QObject()
    model = LibraryModel(HEADERS["areas"], [], parent=owner)
    assert model.parent() is owner
    assert not model.parent(QModelIndex()).isValid()
