"""Write what was accepted from a deck: field edits, then new and removed records.

Field edits go through the annex's safe apply (:func:`annex.changes.apply_selected`:
schema-checked, atomic, content-hash checked). New measures and sections, and removed
measures (:mod:`.structure`) are then computed on each file's current text with the
round-trip record editor (comments, key order, line endings kept), the whole file checked
against the schema, and written atomically — a file someone changed since the import read it
is refused as a whole. A new measure joins the pack's explicit ``measures:`` list after the
measure it follows (so the next deck shows it); a removed measure leaves that list too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing_builder.annex.changes import ApplyReport, FieldChange, apply_selected
from briefing_builder.deckimport.changes import DeckChanges
from briefing_builder.deckimport.structure import Kind, StructureChange, as_sub_points
from briefing_builder.store.record_editor import (
    FileChange,
    append_record,
    apply_change,
    read_text,
    remove_record,
    replace_record,
)
from briefing_builder.store.schema import Area, AreaSection, Measure, Pack, TextSection
from briefing_builder.store.writer import StoreWriteError, file_hash, refuse_read_only


@dataclass
class DeckApplyReport:
    """What an apply wrote: the field edits' report, and the structural changes written or refused."""

    fields: ApplyReport
    added: list[StructureChange] = field(default_factory=list)
    refused: list[tuple[StructureChange, str]] = field(default_factory=list)

    structure_written: list[Path] = field(default_factory=list)
    structure_before: dict[Path, str] = field(default_factory=dict)

    @property
    def written(self) -> list[Path]:
        """Every file written, once."""
        return list(dict.fromkeys(self.fields.written + self.structure_written))

    @property
    def before(self) -> dict[Path, str]:
        """Each written file's text before the apply."""
        return {**self.structure_before, **self.fields.before}

    def lines(self) -> list[str]:
        """A readable account of the apply."""
        out = self.fields.lines() if self.fields.written or self.fields.refused else []
        out += [f"Added/removed: {c.ref} {c.kind.value} “{c.text}”" for c in self.added]
        out += [f"Not applied: {c.ref} {c.kind.value} “{c.text}”: {why}" for c, why in self.refused]
        if self.structure_written:
            out.append(f"Wrote {len(self.structure_written)} store file(s) for new and removed records: "
                       + ", ".join(str(p) for p in self.structure_written))
        return out


def apply_deck(changes: DeckChanges, fields: list[FieldChange], structure: list[StructureChange]) -> DeckApplyReport:
    """Write the accepted ``fields`` edits, then the accepted ``structure`` changes (see module doc);
    :class:`~briefing_builder.store.writer.StoreReadOnly`, before anything is written, for the bundled sample store."""
    if (fields or structure) and changes.store is not None:
        refuse_read_only(changes.store)
    report = DeckApplyReport(apply_selected(changes, fields))
    texts: dict[Path, str] = {}
    done: dict[Path, list[StructureChange]] = {}
    inserted: dict[object, int] = {}  # an anchor (section index, or area and measure) → records put after it
    for change in structure:
        if not change.applicable or change.path is None:
            report.refused.append((change, change.reason or "nothing to write it to"))
            continue
        try:
            edited = _edit(change, texts, inserted)
        except StoreWriteError as exc:
            report.refused.append((change, str(exc)))
            continue
        except ValueError as exc:  # the schema refuses the new record (too long, empty, …)
            report.refused.append((change, f"not a valid record: {str(exc).splitlines()[-1].strip()}"))
            continue
        texts.update(edited)
        for path in edited:
            done.setdefault(path, []).append(change)
        report.added.append(change)
    for path, text in texts.items():
        try:
            _write(path, text, changes.file_hashes.get(path), path in report.fields.written, report)
        except StoreWriteError as exc:
            for change in done.get(path, []):
                if change in report.added:
                    report.added.remove(change)
                    report.refused.append((change, str(exc)))
    return report


def _current(path: Path, texts: dict[Path, str]) -> str:
    if path in texts:
        return texts[path]
    text = read_text(path)
    if text is None:
        raise StoreWriteError(f"{path.name} is no longer there; run the import again.")
    return text


def _edit(change: StructureChange, texts: dict[Path, str], inserted: dict[object, int]) -> dict[Path, str]:
    """The new text of each file ``change`` edits (from the texts edited so far)."""
    assert change.path is not None
    out: dict[Path, str] = {}
    if change.kind is Kind.NEW_SECTION:
        text = _current(change.path, texts)
        position = change.section + 1 + inserted.get(change.section, 0)
        new = TextSection(type="text", title=change.text, bullets=as_sub_points(change.points))
        out[change.path] = _checked(append_record(change.path, text, "sections", new, None, position), Pack)
        inserted[change.section] = inserted.get(change.section, 0) + 1
        return out
    if change.kind is Kind.PACK_TEXT:
        text = _current(change.path, texts)
        pack = Pack.model_validate(yaml.safe_load(text))
        sections = list(pack.sections)
        sections[change.section] = sections[change.section].model_copy(update={change.record_id: change.text})
        new_pack = pack.model_copy(update={"sections": sections})
        out[change.path] = _checked(replace_record(change.path, text, pack.id, new_pack), Pack)
        return out
    if change.kind is Kind.MEETING_TEXT:
        text = _current(change.path, texts)
        pack = Pack.model_validate(yaml.safe_load(text))
        meeting = pack.meeting.model_copy(update={change.record_id: change.meeting_value()})
        out[change.path] = _checked(replace_record(change.path, text, pack.id, pack.model_copy(update={
            "meeting": meeting})), Pack)
        return out
    text = _current(change.path, texts)
    area = Area.model_validate(_find(yaml.safe_load(text), change.area_id, change.path))
    ids = [m.id for m in area.measures]
    anchor = (change.area_id, change.after_id)
    if change.kind is Kind.NEW_MEASURE:  # after its anchor, and after the ones this apply put there before it
        measure = Measure(id=change.record_id, text=change.text, sub_points=as_sub_points(change.points))
        position = 0 if change.after_id is None else len(ids) if change.after_id == "" or change.after_id not in ids \
            else ids.index(change.after_id) + 1
        position += inserted.get(anchor, 0) if change.after_id != "" else 0
        edit = append_record(change.path, text, "measures", measure, change.area_id,
                             position if position < len(ids) else None)
    else:
        edit = remove_record(change.path, text, change.record_id)
    out[change.path] = _checked(edit, Area)
    pack_path = change.pack_path
    if pack_path is not None and change.section >= 0:
        pack_text = out.get(pack_path) or _current(pack_path, texts)
        pack = Pack.model_validate(yaml.safe_load(pack_text))
        sections = list(pack.sections)
        section = sections[change.section] if change.section < len(sections) else None
        if isinstance(section, AreaSection) and section.measures is not None:
            listed = [m for m in section.measures if m != change.record_id]
            if change.kind is Kind.NEW_MEASURE:
                spot = 0 if change.after_id is None else listed.index(change.after_id) + 1 \
                    if change.after_id in listed else len(listed)
                if change.before_id in listed:  # typed above a measure: right before it
                    spot = listed.index(change.before_id)
                elif change.after_id != "":
                    spot = min(spot + inserted.get(anchor, 0), len(listed))
                listed.insert(spot, change.record_id)
            sections[change.section] = section.model_copy(update={"measures": listed})
            new_pack = pack.model_copy(update={"sections": sections})
            out[pack_path] = _checked(replace_record(pack_path, pack_text, pack.id, new_pack), Pack)
    if change.kind is Kind.NEW_MEASURE:
        inserted[anchor] = inserted.get(anchor, 0) + 1
    return out


def _find(data: object, record_id: str, path: Path) -> object:
    """The record ``record_id`` in a file's plain data (the file itself for a one-record file)."""
    if isinstance(data, dict) and data.get("id") == record_id:
        return data
    raise StoreWriteError(f"{path.name}: no record with id '{record_id}' at its top any more; reload the store.")


def _checked(edit: FileChange, model: type[Area | Pack]) -> str:
    """The edited text, refused unless the whole record still passes the schema."""
    assert edit.after is not None
    try:
        data = yaml.safe_load(edit.after)
        model.model_validate(data)
    except (yaml.YAMLError, ValueError) as exc:
        raise StoreWriteError(f"{edit.path.name}: the edit would not be a valid {model.__name__.lower()} "
                              f"({str(exc).splitlines()[0]}); nothing was written.") from None
    return edit.after


def _write(path: Path, text: str, expected: str | None, edited_now: bool, report: DeckApplyReport) -> None:
    """Write ``text`` to ``path`` if nobody changed the file since the import read it."""
    if not edited_now and expected is not None and file_hash(path) != expected:
        raise StoreWriteError(f"{path.name} changed since the deck was read (someone saved it meanwhile); "
                              "run the import again.")
    before = read_text(path)
    if before is None:
        raise StoreWriteError(f"{path.name} is no longer there; run the import again.")
    apply_change(FileChange(path, before, text))
    report.structure_written.append(path)
    report.structure_before.setdefault(path, report.fields.before.get(path, before))
