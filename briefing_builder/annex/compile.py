"""``annex compile``: all the returns of one meeting read at once, side by side.

Each returned workbook is read like ``annex import`` (proposals and conflicts are not
applied here), its delegation's feedback is kept in the store (:mod:`.feedback`), and one
**compilation** workbook is written:

* **Compilation** — one row per record of the annex, in annex order (ID, sheet, the
  record's text), then for each delegation that answered its *position* and *comments*
  side by side;
* **Positions** — per record, how many delegations gave each position;
* **Not answered** — the Member States whose return is missing;
* **Returns** — each file read: the delegation, its last-saved date, what it proposed,
  or why it could not be read (a damaged file never stops the others).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from briefing_builder.annex.changes import read_changes
from briefing_builder.annex.feedback import (
    MEMBER_STATES,
    Feedback,
    code_in_name,
    delegation_of,
    drop_down_position,
    from_changes,
    is_drop_down_position,
    returned_on,
    save,
)
from briefing_builder.annex.headers import position_label
from briefing_builder.annex.package import AnnexFileError, open_package
from briefing_builder.annex.plan import ANNEX_ID_HEADER, AnnexPlan, ColumnSpec
from briefing_builder.annex.rows import row_height_pt
from briefing_builder.annex.workbook import plain, planned
from briefing_builder.annex.xlsx_safety import clean_cell_text, formula_like
from briefing_builder.brand import brand_settings
from briefing_builder.compose import wording
from briefing_builder.render.output import OutputError, atomic_write
from briefing_builder.store.catalog import Catalog

OTHER_POSITION = "other"
"""The Positions sheet's column for a position typed in the delegation's own words."""

#: The column holding each sheet's record text, by table name.
TEXT_COLUMN = {"Measures": "measure", "CountryCards": "country", "Milestones": "milestone", "MSInput": "theme"}


@dataclass
class ReturnRead:
    """One file given to the compilation: its feedback, or why it could not be read."""

    path: Path
    feedback: Feedback | None = None
    proposals: int = 0
    conflicts: int = 0
    problem: str = ""
    kept_in: Path | None = None


@dataclass
class Compilation:
    """The returns of one pack, read."""

    plan: AnnexPlan
    returns: list[ReturnRead] = field(default_factory=list)
    expected: tuple[str, ...] = MEMBER_STATES

    @property
    def used(self) -> dict[str, ReturnRead]:
        """Per delegation, the return used: the most recently saved one (its ``modified`` date; on a tie
        or without dates, the one given last)."""
        out: dict[str, ReturnRead] = {}
        newest: dict[str, dt.date] = {}
        for read in self.returns:
            if read.feedback is None:
                continue
            delegation, saved = read.feedback.delegation, read.feedback.returned or dt.date.min
            if delegation not in out or saved >= newest[delegation]:
                out[delegation], newest[delegation] = read, saved
        return out

    @property
    def answered(self) -> list[Feedback]:
        """One feedback per delegation (the newest return, :attr:`used`), in delegation order."""
        used = self.used
        return [feedback for d in sorted(used) if (feedback := used[d].feedback) is not None]

    @property
    def unreadable(self) -> dict[str, str]:
        """Delegations (by the code in the file name) whose return could not be read → the file's name."""
        out: dict[str, str] = {}
        for read in self.returns:
            code = code_in_name(read.path) if read.feedback is None else None
            if code:
                out.setdefault(code, read.path.name)
        return out

    @property
    def not_answered(self) -> list[str]:
        """The expected delegations with no return at all (one that could not be read is not counted here)."""
        answered = {f.delegation for f in self.answered}
        return [d for d in self.expected if d not in answered and d not in self.unreadable]

    def lines(self) -> list[str]:
        """The summary printed by ``annex compile``."""
        out = []
        for read in self.returns:
            if read.feedback is None:
                out.append(f"  {read.path.name}: not read — {read.problem}")
            else:
                out.append(f"  {read.path.name}: {read.feedback.delegation}, {len(read.feedback.entries)} row(s) "
                           f"with comments or positions, {read.proposals} proposal(s), {read.conflicts} conflict(s)")
        duplicates = Counter(r.feedback.delegation for r in self.returns if r.feedback is not None)
        used = self.used
        for d, n in duplicates.items():
            if n > 1:
                ignored = [r.path.name for r in self.returns if r.feedback is not None
                           and r.feedback.delegation == d and r is not used[d]]
                when = kept.returned if (kept := used[d].feedback) is not None else None
                out.append(f"  note: {d} returned {n} files; used {used[d].path.name} (the newest"
                           + (f", saved {when.isoformat()}" if when else "") + f"), ignored {', '.join(ignored)}.")
        answered = {f.delegation for f in self.answered}
        unread = {d: name for d, name in self.unreadable.items() if d not in answered}
        if unread:
            out.append("Could not be read: " + ", ".join(f"{d} ({name})" for d, name in sorted(unread.items())))
        out.append(f"Answered: {len(self.answered)} delegation(s); not answered: "
                   + (", ".join(self.not_answered) or "none"))
        return out


def compile_returns(paths: list[Path], catalog: Catalog, plan: AnnexPlan, today: dt.date,
                    keep_feedback: bool = True) -> Compilation:
    """Read every return in ``paths`` against ``plan`` (see module doc); keep each feedback in the store."""
    compilation = Compilation(plan)
    for path in paths:
        read = ReturnRead(Path(path))
        compilation.returns.append(read)
        try:
            package = open_package(path)
            changes = read_changes(path, catalog, plan.pack_id, plan=plan, package=package)
        except AnnexFileError as exc:
            read.problem = str(exc)
            continue
        read.feedback = from_changes(changes, delegation_of(package, path), returned_on(package), today)
        read.proposals, read.conflicts = len(changes.proposals), len(changes.conflicts)
        if keep_feedback:
            try:
                read.kept_in = save(read.feedback, catalog.root)
            except OutputError as exc:
                read.problem = f"read, but its feedback could not be kept in the store: {exc}"
    return compilation


def _records(plan: AnnexPlan) -> list[tuple[str, str, str]]:
    """``(record id, sheet name, record text)`` of every row of the annex, in order."""
    out = []
    for sheet in plan.sheets:
        key = TEXT_COLUMN.get(sheet.table_name)
        index = sheet.column_index(key) if key else 1
        out += [(str(row[0]), sheet.name, plain(planned(row[index]))) for row in sheet.rows]
    return out


def compilation_bytes(compilation: Compilation) -> bytes:
    """The compilation workbook (see module doc), its fixed words in the pack's language."""
    language = compilation.plan.properties.language

    def say(key: str, **fields: str) -> str:
        return wording.label(f"compile_{key}", language).format(**fields)

    def shown(position: str) -> str:
        return say("other_position") if position == OTHER_POSITION else position_label(position, language)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                        "strings_to_urls": False})
    colours = brand_settings().annex
    header = book.add_format({"bold": True, "font_color": "white", "bg_color": f"#{colours.heading}", "text_wrap": True,
                              "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    grey = book.add_format({"font_color": f"#{colours.label}", "text_wrap": True, "valign": "top"})

    def text(ws: Worksheet, r: int, c: int, value: str, fmt: Format = wrap) -> None:
        value = clean_cell_text(value)
        if value:
            ws.write_string(r, c, value, quoted if formula_like(value) else fmt)

    answered = compilation.answered
    records = _records(compilation.plan)
    said = [{e.record: e for e in f.entries} for f in answered]
    ws = book.add_worksheet(say("sheet_compilation"))
    columns = (ColumnSpec("id", ANNEX_ID_HEADER, 14, kind="id"), ColumnSpec("sheet", say("col_sheet"), 10),
               ColumnSpec("record", say("col_record"), 40)) + \
        tuple(ColumnSpec(f"{f.delegation}-{what}", say(f"col_{what}", delegation=f.delegation), width)
              for f in answered for what, width in (("position", 12), ("comments", 26)))
    for c, column in enumerate(columns):
        ws.write_string(0, c, column.header, header)
        ws.set_column(c, c, column.width)
    for r, (rid, sheet, record) in enumerate(records, start=1):
        values: list[str] = [rid, sheet, record]
        for entries in said:
            entry = entries.get(rid)
            extra = "; ".join(f"{key}: {value}" for key, value in entry.other.items()) if entry else ""
            values += [position_label(entry.position, language), "\n".join(v for v in (entry.comments, extra) if v)] \
                if entry else ["", ""]
        ws.set_row(r, row_height_pt(tuple(values), columns))  # LibreOffice does not grow wrapped rows itself
        ws.write_string(r, 0, rid, grey)
        for c, value in enumerate(values[1:], start=1):
            text(ws, r, c, value)
    ws.freeze_panes(1, 3)
    ws.autofilter(0, 0, max(len(records), 1), len(columns) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.4, right=0.4)
    ws.repeat_rows(0)
    ws.repeat_columns(0, 2)  # each printed page: the records, then the next delegations
    ws.set_footer("&C" + say("footer"))

    def bucket(position: str) -> str:  # the delegation's own words are counted apart
        position = drop_down_position(position)  # also a kept file's value written in another language
        return position if is_drop_down_position(position) else OTHER_POSITION
    positions = sorted({bucket(e.position) for f in answered for e in f.entries if e.position},
                       key=lambda p: (p == OTHER_POSITION, p))
    ws = book.add_worksheet(say("sheet_positions"))
    for c, head in enumerate([ANNEX_ID_HEADER, say("col_record")] + [shown(p) for p in positions]):
        ws.write_string(0, c, head, header)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 50)
    for r, (rid, _, record) in enumerate(records, start=1):
        ws.write_string(r, 0, rid, grey)
        text(ws, r, 1, record)
        counts = Counter(bucket(entries[rid].position) for entries in said
                         if rid in entries and entries[rid].position)
        for c, position in enumerate(positions, start=2):
            if counts[position]:
                ws.write_number(r, c, counts[position])

    ws = book.add_worksheet(say("sheet_not_answered"))
    ws.write_string(0, 0, say("col_delegation"), header)
    for r, delegation in enumerate(compilation.not_answered, start=1):
        ws.write_string(r, 0, delegation)

    ws = book.add_worksheet(say("sheet_returns"))
    for c, (head, width) in enumerate(zip(("file", "delegation", "last_saved", "proposals", "conflicts", "problem"),
                                          (30, 12, 16, 10, 10, 60))):
        ws.write_string(0, c, say(f"col_{head}"), header)
        ws.set_column(c, c, width)
    for r, read in enumerate(compilation.returns, start=1):
        text(ws, r, 0, read.path.name)
        if read.feedback is not None:
            text(ws, r, 1, read.feedback.delegation)
            if read.feedback.returned:
                text(ws, r, 2, wording.long_date(read.feedback.returned, language))
            ws.write_number(r, 3, read.proposals)
            ws.write_number(r, 4, read.conflicts)
        text(ws, r, 5, read.problem)
    book.set_properties({"title": say("title", title=compilation.plan.cover.title),
                         "created": dt.datetime(2000, 1, 1)})
    book.close()
    return buffer.getvalue()


def write_compilation(compilation: Compilation, path: Path) -> None:
    """Write the compilation workbook to ``path`` atomically (``OutputError`` when it cannot be)."""
    atomic_write(Path(path), compilation_bytes(compilation))
