"""The form that adds or edits one library record, validated as the user types.

One :class:`RecordForm` per record kind — priority area, measure, country card, milestone,
consultation, MS input theme — built from field specs. An area's measures and a
consultation's themes are edited as records of their own; their forms carry them over
unchanged. Every edit re-validates the form with the store's own pydantic
model (the loader's schema), shows each message under its field and keeps OK disabled while
anything is invalid. The form only produces a validated record (:meth:`RecordForm.record`);
writing it is :mod:`library_edit`'s job.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.errors import error_message, field_message
from briefing_builder.store.localised import LANGUAGES, keep_translations
from briefing_builder.store.schema import Area, Consultation, CountryCard, Measure, Milestone, Status, Theme
from briefing_builder.ui.form_fields import (
    CheckField,
    ChecksField,
    ChoiceField,
    Field,
    LineField,
    ListField,
    PointsField,
    TableField,
    TextField,
)
from briefing_builder.ui.scrolled import scrolled
from briefing_builder.ui.translation_tabs import TRANSLATED, LanguageTab, merged, tab_languages, untranslatable

#: the records the library edits with a form
LibraryRecord = Area | Measure | CountryCard | Milestone | Consultation | Theme
MODELS: dict[str, type[LibraryRecord]] = {"area": Area, "measure": Measure, "country": CountryCard,
                                      "milestone": Milestone, "consultation": Consultation, "theme": Theme}
NOUNS = {"area": "priority area", "measure": "measure", "country": "country card", "milestone": "milestone",
         "consultation": "consultation", "theme": "MS input theme"}
#: lists of records edited with their own forms, carried over unchanged by their owner's form
CARRIED = {"area": "measures", "consultation": "themes"}
PARENT = "_parent"  # the extra field of a new measure (its area) or theme (its consultation)
SLUG_TIP = "An id: lower-case letters, digits and hyphens (return-readmission). Keep it stable."
MARKUP_TIP = "Markup: **bold**, *italic*, ~~struck~~, [links](https://…), [slide {n}](#record-id)"
def _status_choices() -> list[tuple[str, str]]:
    return [("", "(not set)"), *((s.value, s.value) for s in Status)]


def build_fields(kind: str, catalog: Catalog) -> list[Field]:
    """The fields of a ``kind`` form, in the schema's order."""
    slug = LineField("id", "&Id", SLUG_TIP)
    countries = [(cid, f"{card.name} ({cid})") for cid, card in sorted(catalog.countries.items(),
                                                                        key=lambda kv: kv[1].name)]
    areas = [(aid, f"{area.number}. {area.title}") for aid, area in catalog.areas.items()]
    if kind == "area":
        return [slug, LineField("number", "&Number", "The area's number in the strategy (1–99); the deck "
                                "numbers areas in pack order", placeholder="4"),
                LineField("title", "&Title", "As in the agenda and the library"),
                LineField("slide_title", "&Slide title", "The heading of the area's own slide, when it differs"),
                LineField("short_title", "S&hort title", "For tight places (the annex's sheet names)"),
                TextField("main_goals", "&Main goals", MARKUP_TIP, 4),
                ListField("sources", "Sou&rces", "One per line", 2)]
    if kind == "consultation":
        return [slug, LineField("title", "&Title", placeholder="Input received from MS"),
                LineField("ms_count", "&Member States", "How many Member States answered (0–27)", placeholder="9"),
                LineField("received_by", "&Received by", placeholder="2026-01-09"),
                TextField("intro", "&Intro", MARKUP_TIP, 2),
                ListField("sources", "Sou&rces", "One per line", 2)]
    if kind == "measure":
        return [slug, TextField("text", "&Text", MARKUP_TIP, 3),
                PointsField("sub_points", "S&ub-points", "One per line; start a line with “- ” to put it under the "
                            "one above (“- - ” two levels down). " + MARKUP_TIP, 6),
                CheckField("heading", "Headin&g", "Group heading: show the sub-points as bullets under it",
                           "The sub-points appear at the same level as this text, not indented"),
                ChoiceField("status", "&Status", _status_choices()),
                ListField("lead", "&Lead", "Who leads, one per line (COM, EEAS…)", 2),
                LineField("timeline", "Time&line", placeholder="2026, 2026-Q2, 2028–2034"),
                ChecksField("countries", "&Countries", countries, "Country cards this measure concerns"),
                ListField("tags", "Ta&gs", "Free keywords, one per line", 2),
                ListField("sources", "Sou&rces", "One per line", 2)]
    if kind == "country":
        return [slug, LineField("iso_code", "&ISO code", placeholder="NG"), LineField("name", "&Name"),
                LineField("region", "&Region"), LineField("relationship", "Re&lationship", "One line"),
                ListField("cooperation_areas", "&Cooperation areas", "One per line. " + MARKUP_TIP, 3),
                TableField("instruments", "In&struments", [("name", "Name", "text"), ("status", "Status", "text"),
                                                           ("note", "Note", "text")]),
                TableField("key_figures", "&Key figures", [
                    ("label", "Label", "text"), ("value", "Value", "number"), ("unit", "Unit", "text"),
                    ("period", "Period", "text"), ("source", "Source", "text"), ("as_of", "As of", "text"),
                    ("illustrative", "Illustrative", "bool"), ("series", "Series (2021=8; 2022=9)", "series")],
                    "Every figure needs a source and an as-of date (2026-01-12). Tick Illustrative for a placeholder."),
                TextField("notes", "N&otes", MARKUP_TIP, 2),
                LineField("last_reviewed", "Last re&viewed", placeholder="2026-01-12"),
                ListField("sources", "Sour&ces", "One per line", 2)]
    if kind == "milestone":
        return [slug, LineField("title", "&Title"), LineField("date", "&Date", placeholder="2026-06-12"),
                LineField("period", "&Period", placeholder="2026, 2026-Q2, 2026-H1, 2026-06, 2028–2034"),
                ChecksField("areas", "&Areas", areas), LineField("body", "&Body", placeholder="Frontex"),
                ChoiceField("status", "&Status", _status_choices())]
    if kind == "theme":
        return [slug, LineField("title", "&Title"), TextField("summary", "&Summary", MARKUP_TIP, 3),
                ChoiceField("area", "&Area", [("", "(none)"), *areas])]
    raise ValueError(f"no form for records of kind '{kind}'")


def all_ids(catalog: Catalog) -> set[str]:
    """Every id in the store (a new record may take none of them)."""
    ids = catalog.record_ids() | set(catalog.measure_area())
    ids |= {theme.id for c in catalog.consultations.values() for theme in c.themes}
    return ids


class RecordForm(QDialog):
    """Add (``record`` is None) or edit one record of ``kind``; OK only while it validates."""

    def __init__(self, kind: str, catalog: Catalog, record: LibraryRecord | None = None,
                 parents: list[tuple[str, str]] | None = None, parent_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.model = MODELS[kind]
        self.editing = record
        self.taken = set() if record is not None else all_ids(catalog)
        noun = NOUNS[kind]
        self.setWindowTitle(f"Edit {noun} “{record.id}”" if record is not None else f"New {noun}")
        self.setAccessibleName(self.windowTitle())
        self.fields: dict[str, Field] = {}
        form = QFormLayout()
        if record is None and parents is not None:
            where = ChoiceField(PARENT, "&Area" if kind == "measure" else "&Consultation", parents)
            where.set_value(parent_id or (parents[0][0] if parents else ""))
            self._add(form, where)
        for field in build_fields(kind, catalog):
            self._add(form, field)
        if record is not None:
            for name, field in self.fields.items():
                if name != PARENT:
                    field.set_value(getattr(record, name))
            self.fields["id"].set_read_only(True)
            self.fields["id"].editor.setToolTip("Ids stay stable: packs and cross-references use them.")
        self.summary = QLabel()
        self.summary.setObjectName("form-summary")
        self.summary.setAccessibleName("Problems with this form")
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setWordWrap(True)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside a field's first line
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addStretch(1)  # spare height goes below the fields, not between a label and its field
        scroll = scrolled(body, frame=True)
        self.languages = [LanguageTab(kind, code, record) for code in tab_languages(kind, record)] \
            if kind in TRANSLATED else []
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "English")
        for tab in self.languages:
            self.tabs.addTab(scrolled(tab), LANGUAGES.get(tab.language, tab.language))
            for name in tab.translated_names():
                self.fields[name].changed.connect(lambda n=name, t=tab: t.show_english(n, self.fields[n].value()))
                tab.show_english(name, self.fields[name].value())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Save" if record is not None else "&Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs if self.languages else scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 100, self.fontMetrics().height() * 40)
        self._record: LibraryRecord | None = None
        for field in self.fields.values():  # connected once every widget exists
            field.changed.connect(self.validate)
        for tab in self.languages:
            tab.changed.connect(self.validate)
        self.validate()

    def _add(self, form: QFormLayout, field: Field) -> None:
        label = QLabel(field.label)
        label.setBuddy(field.editor)
        form.addRow(label, field)
        self.fields[field.name] = field

    def data(self) -> dict[str, Any]:
        """What the fields hold, as the schema's input (empty fields left out)."""
        data: dict[str, Any] = {}
        for name, field in self.fields.items():
            value = field.value()
            if name != PARENT and value is not None and value != []:
                data[name] = value
        if self.editing is not None:  # a text's other languages stay when its English is edited
            data = {name: keep_translations(getattr(self.editing, name, None), value) for name, value in data.items()}
        carried = CARRIED.get(self.kind)
        if carried and self.editing is not None:
            data[carried] = getattr(self.editing, carried)
        return merged(data, self.languages, self.kind)

    def validate(self) -> bool:
        """Check the form with the store's schema; show each problem by its field; enable OK."""
        errors: dict[str, list[str]] = {}
        general: list[str] = []
        self._record = None
        try:
            self._record = self.model.model_validate(self.data())
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                name = str(loc[0]) if loc else ""
                where = "".join(f"row {p + 1}, " if isinstance(p, int) else f"{p}: " for p in loc[1:])
                if name in self.fields:
                    errors.setdefault(name, []).append(where + field_message(error, self.model))
                else:
                    general.append(error_message(error, self.model))
        record_id = self.data().get("id")
        if self.editing is None and record_id in self.taken:
            errors.setdefault("id", []).append(f"'{record_id}' is already used in this store; ids must be unique")
            self._record = None
        if PARENT in self.fields and not self.fields[PARENT].value():
            errors.setdefault(PARENT, []).append("required")
            self._record = None
        orphans = untranslatable(self.data(), self.languages)
        for tab in self.languages:
            for name, field in tab.fields.items():
                problem = name in orphans.get(tab, [])
                field.set_error("the English text is empty: write it on the English tab first" if problem else "")
        if orphans:
            self._record = None
        for name, field in self.fields.items():
            field.set_error("; ".join(errors.get(name, [])))
        self.summary.setText("; ".join(general))
        self.summary.setVisible(bool(general))
        self.ok_button.setEnabled(self._record is not None)
        return self._record is not None

    def record(self) -> LibraryRecord | None:
        """The validated record, ``None`` while the form is invalid."""
        return self._record

    def parent_id(self) -> str | None:
        """The area or consultation chosen for a new measure or theme."""
        field = self.fields.get(PARENT)
        return field.value() if field is not None else None

