"""The record form's other languages: one tab per language, its texts beside the English.

A record's texts may be written in several languages (``store/localised.py``). The form's
first tab edits the English (the store's base text); each :class:`LanguageTab` edits one other
language's version of the record's translatable texts, with the English shown above each field
for reference and kept up to date as it is typed. French always has a tab (the Council's
second working language); any other language the record already uses gets one too.
Lists (sub-points, sources, cooperation areas) are translated item by item in a
:class:`ItemsField`: one row per English item, the English beside its translation; when the
English list is edited, each translation stays with its item (matched as the store matches
them, :func:`~briefing_builder.store.localised.paired_items`), so a sub-point inserted above
another never takes its French.
:func:`merged` folds the tabs' texts into the form's data: a field with a translation becomes
``{en: …, fr: …}``, a field whose translations were all cleared stays a plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from briefing_builder.store.localised import BASE_LANGUAGE, LANGUAGES, LocalText, paired_items
from briefing_builder.ui.form_fields import Field, LineField, TextField

#: The texts of each record kind that a language tab translates: (field, label, several lines).
TRANSLATED: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "area": (("title", "Title", False), ("slide_title", "Slide title", False),
             ("short_title", "Short title", False), ("main_goals", "Main goals", True)),
    "measure": (("text", "Text", True),),
    "country": (("name", "Name", False), ("region", "Region", False), ("relationship", "Relationship", False),
                ("notes", "Notes", True)),
    "milestone": (("title", "Title", False), ("body", "Body", False)),
    "consultation": (("title", "Title", False), ("intro", "Intro", True)),
    "theme": (("title", "Title", False), ("summary", "Summary", True)),
}
#: The lists a language tab translates item by item, per record kind: (field, label).
TRANSLATED_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "area": (("sources", "Sources"),),
    "measure": (("sub_points", "Sub-points"), ("sources", "Sources")),
    "country": (("cooperation_areas", "Cooperation areas"), ("sources", "Sources")),
    "consultation": (("sources", "Sources"),),
}
#: Always offered: the Council works in English and French.
DEFAULT_LANGUAGES = ("fr",)


def tab_languages(kind: str, record: BaseModel | None) -> list[str]:
    """The languages other than English the form of ``record`` gets a tab for."""
    used = {code for name, _, _ in TRANSLATED.get(kind, ()) for code in _translations(record, name)}
    used |= {code for name, _ in TRANSLATED_LISTS.get(kind, ())
             for _, text in _items(getattr(record, name, None) or []) if isinstance(text, LocalText)
             for code in text.translations}
    return sorted((used | set(DEFAULT_LANGUAGES)) - {BASE_LANGUAGE})


def _items(value: list[Any], depth: int = 0) -> Iterator[tuple[int, Any]]:
    """A list's texts depth first, with their depth: strings, or sub-points' ``text`` (as records or
    as the form's ``{text, sub_points}`` mappings), their own sub-points one level down."""
    for item in value:
        if isinstance(item, BaseModel) or (isinstance(item, dict) and "text" in item):  # a sub-point
            get = item.get if isinstance(item, dict) else lambda key, default=None, i=item: getattr(i, key, default)
            yield depth, get("text")
            yield from _items(get("sub_points") or [], depth + 1)
        else:
            yield depth, item


def _base_text(text: Any) -> str:
    """The English (base) text of a value as the form holds it: a string, or a mapping of languages."""
    if isinstance(text, dict):
        return str(text.get(BASE_LANGUAGE) or next(iter(text.values()), ""))
    return str.__str__(text) if isinstance(text, str) else ""


@dataclass(frozen=True)
class _Row:
    """An English item of an :class:`ItemsField`, matched to the list as edited by its ``text``."""

    text: str
    index: int


class ItemsField(Field):
    """A list's translations, one table row per English item (indented by depth), the English beside each."""

    editor: QTableWidget

    def __init__(self, name: str, label: str, tip: str, language: str) -> None:
        super().__init__(name, label, tip)
        self.language = language
        table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels(["English", LANGUAGES.get(language, language)])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)  # the English is read whole, wrapped
        table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as in the form's other fields
        table.itemChanged.connect(lambda item: self.changed.emit() if item.column() == 1 else None)
        self._english: list[tuple[int, str]] = []
        self._set_editor(table)

    def set_items(self, english: list[tuple[int, str]], translations: list[str | None] | None = None) -> None:
        """Show the English items (``(depth, text)``); their translations given, or carried from the rows
        shown so far — each with the item it belonged to, however the English list was edited."""
        if translations is None:
            old = self.value()
            pairs = paired_items([_Row(text, i) for i, (_, text) in enumerate(self._english)],
                                 [_Row(text, i) for i, (_, text) in enumerate(english)])
            translations = [old[pair.index] if isinstance(pair, _Row) else None for pair in pairs]
        table = self.editor
        table.blockSignals(True)
        table.setRowCount(len(english))
        for row, ((depth, text), translation) in enumerate(zip(english, translations)):
            reference = QTableWidgetItem("– " * depth + text)
            reference.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            reference.setForeground(Qt.GlobalColor.darkGray)
            table.setItem(row, 0, reference)
            table.setItem(row, 1, QTableWidgetItem(translation or ""))
        table.blockSignals(False)
        self._english = list(english)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped text at the columns' width; the table as tall as its first
        eight rows (it scrolls beyond)."""
        table = self.editor
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if table.rowCount() > 8
                                         else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 8)))
        frame = 2 * table.frameWidth() + 4  # and a little slack: no scroll bar for the last pixels
        table.setFixedHeight(table.horizontalHeader().height() + max(rows, table.fontMetrics().height() * 2) + frame)

    def value(self) -> list[str | None]:
        """The translation of each English item (``None``: none), in the English list's order."""
        out: list[str | None] = []
        for row in range(self.editor.rowCount()):
            item = self.editor.item(row, 1)
            text = item.text().strip() if item is not None else ""
            out.append(text or None)
        return out

    def set_value(self, value: Any) -> None:
        """Show the translations of the items shown (a list in their order)."""
        self.set_items(self._english, list(value or []))


def _translations(record: BaseModel | None, name: str) -> dict[str, str]:
    value = getattr(record, name, None) if record is not None else None
    return value.translations if isinstance(value, LocalText) else {}


class LanguageTab(QWidget):
    """The record's translatable texts in one language, each under its English for reference."""

    changed = Signal()

    def __init__(self, kind: str, language: str, record: BaseModel | None) -> None:
        super().__init__()
        self.language = language
        self.fields: dict[str, Field] = {}
        self.references: dict[str, QLabel] = {}
        grid = QGridLayout(self)  # a grid, not a form: the record form's own QFormLayout stays the only one
        grid.setColumnStretch(1, 1)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        name_of_language = LANGUAGES.get(language, language)
        for name, label, multiline in TRANSLATED.get(kind, ()):
            reference = QLabel()
            reference.setObjectName(f"{name}@{language}-reference")
            reference.setWordWrap(True)
            reference.setStyleSheet("color: #555;")
            reference.setAccessibleName(f"{label} in English")
            tip = f"The {name_of_language} text; leave empty to show the English in {name_of_language} packs"
            field: Field = (TextField(f"{name}@{language}", f"{label} ({language})", tip, 3) if multiline
                            else LineField(f"{name}@{language}", f"{label} ({language})", tip))
            field.set_value(_translations(record, name).get(language))
            field.changed.connect(self.changed.emit)
            row = 2 * len(self.fields)
            grid.addWidget(QLabel(f"{label} (English)"), row, 0, top)
            grid.addWidget(reference, row, 1)
            caption = QLabel(f"{label} ({language})")
            caption.setBuddy(field.editor)
            grid.addWidget(caption, row + 1, 0, top)
            grid.addWidget(field, row + 1, 1)
            self.fields[name] = field
            self.references[name] = reference
        self.lists: dict[str, ItemsField] = {}
        for name, label in TRANSLATED_LISTS.get(kind, ()):
            items = ItemsField(f"{name}@{language}", f"{label} ({language})",
                               f"Each item's {name_of_language} text beside its English; leave a row empty to show "
                               f"that item in English in {name_of_language} packs", language)
            english = list(_items(getattr(record, name, None) or []))
            items.set_items([(depth, _base_text(text)) for depth, text in english],
                            [_translations_of(text).get(language) for _, text in english])
            items.changed.connect(self.changed.emit)
            caption = QLabel(f"{label} ({language})")
            caption.setBuddy(items.editor)
            grid.addWidget(caption, grid.rowCount(), 0, top)
            grid.addWidget(items, grid.rowCount() - 1, 1)
            self.lists[name] = items

    def show_english(self, name: str, text: Any) -> None:
        """Show the English text of ``name`` above its translation (a list: beside each item's)."""
        if name in self.references:
            self.references[name].setText("(no English text)" if text is None else str(text))
        elif name in self.lists:
            self.lists[name].set_items([(depth, _base_text(item)) for depth, item in _items(text or [])])

    def translated_names(self) -> list[str]:
        """The English form's fields this tab translates (texts and lists)."""
        return [*self.fields, *self.lists]

    def texts(self) -> dict[str, str]:
        """The non-empty translations, by field."""
        return {name: value for name, field in self.fields.items() if (value := field.value()) is not None}


def _translations_of(text: Any) -> dict[str, str]:
    return text.translations if isinstance(text, LocalText) else {}


def _with_translations(english: Any, translations: dict[str, str | None]) -> Any:
    """``english`` (a plain text or a mapping of languages) with ``translations`` set (``None``: removed)."""
    if isinstance(english, dict):  # already a mapping (kept translations): start from it
        texts = {k: v for k, v in english.items() if k == BASE_LANGUAGE or k not in translations}
    elif english is None:
        texts = {}
    else:
        texts = {BASE_LANGUAGE: english}
    texts.update({code: text for code, text in translations.items() if text is not None})
    if BASE_LANGUAGE not in texts:
        return english  # a translation of a text with no English: see untranslatable()
    return texts if len(texts) > 1 else texts[BASE_LANGUAGE]


def _with_item_translations(items: list[Any], tabs: list[LanguageTab], name: str) -> list[Any]:
    """The list ``items`` (as the form holds it) with each tab's per-item translations, depth first."""
    given = {tab.language: iter(tab.lists[name].value()) for tab in tabs if name in tab.lists}

    def walk(values: list[Any]) -> list[Any]:
        out = []
        for item in values:
            if isinstance(item, dict) and "text" in item:  # a sub-point: its text, then its own sub-points
                text = _with_translations(item.get("text"), {code: next(it, None) for code, it in given.items()})
                out.append({**item, "text": text, "sub_points": walk(item.get("sub_points") or [])})
            else:
                out.append(_with_translations(item, {code: next(it, None) for code, it in given.items()}))
        return out
    return walk(items)


def merged(data: dict[str, Any], tabs: Iterable[LanguageTab], kind: str) -> dict[str, Any]:
    """``data`` (the English form's values) with every tab's translations folded in."""
    out = dict(data)
    tabs = list(tabs)
    for name, _, _ in TRANSLATED.get(kind, ()):
        out[name] = _with_translations(out.get(name), {tab.language: tab.texts().get(name) for tab in tabs})
        if out[name] is None:
            del out[name]
    for name, _ in TRANSLATED_LISTS.get(kind, ()):
        if isinstance(out.get(name), list):
            out[name] = _with_item_translations(out[name], tabs, name)
    return out


def untranslatable(data: dict[str, Any], tabs: Iterable[LanguageTab]) -> dict[LanguageTab, list[str]]:
    """The tabs' fields that hold a translation of a text the English tab leaves empty."""
    found: dict[LanguageTab, list[str]] = {}
    for tab in tabs:
        for name in tab.texts():
            if data.get(name) is None:
                found.setdefault(tab, []).append(name)
    return found
