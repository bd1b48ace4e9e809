"""The main window's status bar: which store is open, its record counts, and the store-problems button.

Store and counts elide when the window is narrow and make way for messages (undo, apply…);
the store-problems button stays and says how many problems the store has and how many of the
pack's records are missing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar, QToolButton

from briefing_builder.pack import document as pd
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.elided_label import ElidedLabel


class StoreStatus:
    """The store, counts and problems widgets on ``status``; :meth:`show` fills them."""

    def __init__(self, status: QStatusBar) -> None:
        self.store_label = ElidedLabel()
        self.store_label.setAccessibleName("Store")
        self.counts_label = ElidedLabel()
        self.counts_label.setAccessibleName("Record counts")
        self.problems_button = QToolButton()
        self.problems_button.setAutoRaise(True)
        self.problems_button.setAccessibleName("Store problems")
        status.addWidget(self.store_label, 3)
        status.addWidget(self.counts_label, 2)
        status.addPermanentWidget(self.problems_button)

    def show(self, catalog: Catalog, pack: Pack) -> None:
        """Describe ``catalog`` and the records of ``pack`` it lacks."""
        counts = catalog.counts()
        where = "bundled sample" if catalog.read_only else str(catalog.root)
        self.store_label.setText(f"Store: {catalog.meta.name} — {where}")
        self.store_label.set_detail(str(catalog.root))
        self.counts_label.setText(f"{counts['areas']} areas · {counts['measures']} measures · "
                                  f"{counts['countries']} countries · {counts['milestones']} milestones · "
                                  f"{counts['consultations']} consultations")
        problems = len(catalog.diagnostics)
        dangling = pd.dangling_count(pack, catalog)
        text = f"⚠ {problems} store problem(s)" if problems else "✓ Store valid"
        if dangling:
            text += f" · {dangling} missing record(s) in pack"
        self.problems_button.setText(text)
        self.problems_button.setToolTip("Show or hide the list of store problems (Ctrl+Shift+D)")
