"""The library panel: one search box over tabs of areas → measures, country cards, milestones, MS input.

Double-click, the "Add to pack" button (or Ctrl+Enter) and dragging into the outline all ask
for the selected records to be added: the panel only emits ``addRequested``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.pack.library_data import HEADERS, TABS, library_trees
from briefing_builder.store.catalog import Catalog
from briefing_builder.ui.models import IdRole, KindRole, LibraryFilter, LibraryModel

ALL_REGIONS = "All regions"
COLUMN_CHARS = {("countries", 1): 16, ("countries", 2): 30, ("milestones", 1): 11, ("milestones", 2): 14}


class LibraryPanel(QWidget):
    """Browse and search the store; emits the records to add to the pack."""

    addRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search titles and text…", clearButtonEnabled=True)
        self.search.setAccessibleName("Search the library")
        self.search.setToolTip("Filter every tab as you type; all words must match (Ctrl+F)")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Library sections")
        self.models: dict[str, LibraryModel] = {}
        self.filters: dict[str, LibraryFilter] = {}
        self.views: dict[str, QTreeView] = {}
        self.region = QComboBox()
        self.region.setAccessibleName("Region filter")
        self.region.setToolTip("Show only the country cards of one region")
        for key, title in TABS:
            self.tabs.addTab(self._make_tab(key, title), title)
        self.add_button = QPushButton("&Add to pack")
        self.add_button.setAccessibleName("Add the selected records to the pack")
        self.add_button.setToolTip("Add the selected records to the pack (Ctrl+Return, or double-click)")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Library counts")

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.add_button)
        top = QHBoxLayout()
        heading = QLabel("<b>Library</b>")
        heading.setAccessibleName("Library heading")
        top.addWidget(heading)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.search.textChanged.connect(self._on_search)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.region.currentTextChanged.connect(self._on_region)
        self.add_button.clicked.connect(self.add_selected)

    def _make_tab(self, key: str, title: str) -> QWidget:
        model = LibraryModel(HEADERS[key], parent=self)
        proxy = LibraryFilter(self)
        proxy.setSourceModel(model)
        view = QTreeView()
        view.setModel(proxy)
        view.setAccessibleName(f"{title} library")
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        em = view.fontMetrics().averageCharWidth()
        for column in range(1, len(HEADERS[key])):  # not ResizeToContents: it measures every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, em * (COLUMN_CHARS.get((key, column), 12)))
        view.doubleClicked.connect(self._on_double_click)
        if key in ("areas", "consultations"):  # rows the filter brings back open with their matches shown
            proxy.rowsInserted.connect(lambda parent, first, last, v=view, p=proxy: self._expand(v, p, parent, first,
                                                                                                  last))
        self.models[key], self.filters[key], self.views[key] = model, proxy, view
        if key != "countries":
            return view
        page = QWidget()
        row = QHBoxLayout()
        region_label = QLabel("&Region:")
        region_label.setBuddy(self.region)
        row.addWidget(region_label)
        row.addWidget(self.region, 1)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(view, 1)
        return page

    # ------------------------------------------------------------------ content

    def set_catalog(self, catalog: Catalog) -> None:
        """Show the records of ``catalog`` (keeps the search text and region when possible)."""
        for key, roots in library_trees(catalog).items():
            self.models[key].set_roots(roots)
        regions = sorted({card.region for card in catalog.countries.values()})
        current = self.region.currentText()
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItems([ALL_REGIONS, *regions])
        self.region.setCurrentText(current if current in regions else ALL_REGIONS)
        self.region.blockSignals(False)
        self._on_region(self.region.currentText())
        counts = catalog.counts()
        self.tabs.setTabText(0, f"Priority areas ({counts['areas']})")
        self.tabs.setTabText(1, f"Country cards ({counts['countries']})")
        self.tabs.setTabText(2, f"Milestones ({counts['milestones']})")
        self.tabs.setTabText(3, f"MS input ({counts['consultations']})")
        self.views["areas"].expandAll()
        self.views["consultations"].expandAll()
        self._update_counts()

    def _on_search(self, text: str) -> None:
        self._apply_search(TABS[self.tabs.currentIndex()][0])
        self._update_counts()

    def _tab_changed(self, index: int) -> None:
        self._apply_search(TABS[index][0])
        self._update_counts()

    def _apply_search(self, key: str) -> None:
        """Filter one tab (the visible one at once, the others when they are shown)."""
        self.filters[key].set_search(self.search.text())

    def _on_region(self, region: str) -> None:
        self.filters["countries"].set_region("" if region in ("", ALL_REGIONS) else region)
        self._update_counts()

    @staticmethod
    def _expand(view: QTreeView, proxy: LibraryFilter, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                view.expand(proxy.index(row, 0))

    def _update_counts(self) -> None:
        key = TABS[self.tabs.currentIndex()][0]
        proxy = self.filters[key]
        shown = proxy.rowCount()
        text = self.search.text().strip()
        self.count_label.setText(f"{shown} in this tab match “{text}”" if text else "Double-click or drag to add")

    # ------------------------------------------------------------------ adding

    def current_view(self) -> QTreeView:
        """The tree of the visible tab."""
        return self.views[TABS[self.tabs.currentIndex()][0]]

    def selected_records(self) -> list[tuple[str, str]]:
        """(kind, id) of the rows selected in the visible tab, in view order."""
        view = self.current_view()
        rows = sorted(view.selectionModel().selectedRows(0), key=lambda i: view.visualRect(i).top())
        records = [(i.data(KindRole), i.data(IdRole)) for i in rows]
        return list(dict.fromkeys(records))

    def select_record(self, kind: str, record_id: str) -> bool:
        """Show the tab of ``kind``'s records and select ``record_id`` there; False when it is not shown."""
        for number, (key, _title) in enumerate(TABS):
            view = self.views[key]
            model = view.model()
            found = [index for index in model.match(model.index(0, 0), IdRole, record_id, -1,
                                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
                     if index.data(KindRole) == kind]
            if found:
                self.tabs.setCurrentIndex(number)
                view.setCurrentIndex(found[0])
                view.scrollTo(found[0])
                return True
        return False

    def add_selected(self) -> None:
        """Ask for the selected records to be added (an empty list: nothing is selected, say so)."""
        self.addRequested.emit(self.selected_records())

    def _on_double_click(self, index: QModelIndex) -> None:
        self.addRequested.emit([(index.data(KindRole), index.data(IdRole))])
