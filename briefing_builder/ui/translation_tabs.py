"""The record form's other languages: one tab per language, its texts beside the English.

A record's texts may be written in several languages (``store/localised.py``). The form's
first tab edits the English (the store's base text); each :class:`LanguageTab` edits one other
language's version of the record's translatable texts, with the English shown above each field
for reference and kept up to date as it is typed. French always has a tab (the Council's
second working language); any other language the record already uses gets one too.
:func:`merged` folds the tabs' texts into the form's data: a field with a translation becomes
``{en: …, fr: …}``, a field whose translations were all cleared stays a plain text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from briefing_builder.store.localised import BASE_LANGUAGE, LANGUAGES, LocalText
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
#: Always offered: the Council works in English and French.
DEFAULT_LANGUAGES = ("fr",)


def tab_languages(kind: str, record: BaseModel | None) -> list[str]:
    """The languages other than English the form of ``record`` gets a tab for."""
    used = {code for name, _, _ in TRANSLATED.get(kind, ()) for code in _translations(record, name)}
    return sorted((used | set(DEFAULT_LANGUAGES)) - {BASE_LANGUAGE})


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

    def show_english(self, name: str, text: Any) -> None:
        """Show the English text of ``name`` above its translation."""
        if name in self.references:
            self.references[name].setText("(no English text)" if text is None else str(text))

    def texts(self) -> dict[str, str]:
        """The non-empty translations, by field."""
        return {name: value for name, field in self.fields.items() if (value := field.value()) is not None}


def merged(data: dict[str, Any], tabs: Iterable[LanguageTab], kind: str) -> dict[str, Any]:
    """``data`` (the English form's values) with every tab's translations folded in."""
    out = dict(data)
    tabs = list(tabs)
    for name, _, _ in TRANSLATED.get(kind, ()):
        english = out.get(name)
        if isinstance(english, dict):  # already a mapping (kept translations): start from it
            texts = {k: v for k, v in english.items() if k == BASE_LANGUAGE or k not in {t.language for t in tabs}}
        elif english is None:
            texts = {}
        else:
            texts = {BASE_LANGUAGE: english}
        for tab in tabs:
            translation = tab.texts().get(name)
            if translation is not None:
                texts[tab.language] = translation
        if BASE_LANGUAGE not in texts:
            continue  # a translation of a text with no English: see untranslatable()
        out[name] = texts if len(texts) > 1 else texts[BASE_LANGUAGE]
    return out


def untranslatable(data: dict[str, Any], tabs: Iterable[LanguageTab]) -> dict[LanguageTab, list[str]]:
    """The tabs' fields that hold a translation of a text the English tab leaves empty."""
    found: dict[LanguageTab, list[str]] = {}
    for tab in tabs:
        for name in tab.texts():
            if data.get(name) is None:
                found.setdefault(tab, []).append(name)
    return found
