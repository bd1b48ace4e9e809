"""What each delegation said about a pack, kept in the store next to its records.

``annex import`` (and ``annex compile``) write one file per delegation and pack::

    <store>/feedback/<pack-id>/<delegation>.yaml

with who (the delegation), when (the workbook's last-saved date and the import date), the
annex file and, per record, the position, the comments and anything else the delegation
wrote on the row (their own columns, cell notes). Records are never touched; a later
import of the same delegation's return replaces its file. The delegation is taken from the
workbook's ``Delegation`` property, else from a Member State code in the file name
(``annex-NL.xlsx``, ``FR_returned.xlsx``), else the file name itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from briefing_builder.annex.headers import is_position_value, position_label, position_value
from briefing_builder.annex.package import Package
from briefing_builder.annex.plan import DELEGATION_COMMENTS_HEADER, DELEGATION_POSITION_HEADER
from briefing_builder.annex.workbook import custom_property
from briefing_builder.paths import is_sample_store
from briefing_builder.render.output import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.annex.changes import ChangeSet

FEEDBACK_FOLDER = "feedback"
#: The 27 Member States' delegation codes (EL for Greece, as the Council writes it).
MEMBER_STATES = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
                 "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")
_ALIASES = {"GR": "EL"}
_TOKEN = re.compile(r"[A-Za-z]+")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Entry:
    """What one delegation said on one record's row."""

    record: str
    where: str
    position: str = ""
    comments: str = ""
    other: dict[str, str] = field(default_factory=dict)


@dataclass
class Feedback:
    """One delegation's return for one pack."""

    delegation: str
    pack_id: str
    annex: str
    returned: dt.date | None
    imported: dt.date
    entries: list[Entry] = field(default_factory=list)


def delegation_of(package: Package, path: Path) -> str:
    """Who returned the workbook (see module doc)."""
    given = custom_property(package, "Delegation")
    if given:
        return given.strip()
    return code_in_name(path) or Path(path).stem


def drop_down_position(typed: str) -> str:
    """A typed position as the drop-down value it means, in whichever language it was chosen or typed
    (``soutien`` → ``support``; case, spacing and apostrophes aside); else the delegation's own words,
    kept as they are (:func:`is_drop_down_position` tells them apart)."""
    return position_value(typed)


def is_drop_down_position(position: str) -> bool:
    """True for one of the drop-down's positions (as :func:`drop_down_position` gives them)."""
    return is_position_value(position)


def code_in_name(path: Path) -> str | None:
    """The Member State code a file name carries (``annex-NL.xlsx`` → ``NL``), if any."""
    tokens: list[str] = _TOKEN.findall(Path(path).stem)
    for token in tokens:
        code = _ALIASES.get(token.upper(), token.upper())
        if len(token) == 2 and token.isupper() and code in MEMBER_STATES:
            return code
    return None


def returned_on(package: Package) -> dt.date | None:
    """The workbook's last-saved date (``docProps/core.xml``), if it has one."""
    if "docProps/core.xml" not in package.parts:
        return None
    for node in package.xml("docProps/core.xml"):
        if node.tag.endswith("}modified") and node.text:
            try:
                return dt.date.fromisoformat(node.text.strip()[:10])
            except ValueError:
                return None
    return None


def from_changes(changes: ChangeSet, delegation: str, returned: dt.date | None, today: dt.date) -> Feedback:
    """The feedback in a change set: every row where the delegation wrote something."""
    feedback = Feedback(delegation, changes.pack_id, changes.annex.name, returned, today)
    for item in changes.inputs:
        values = dict(item.values)
        entry = Entry(item.record_id, item.where, drop_down_position(values.pop(DELEGATION_POSITION_HEADER, "")),
                      values.pop(DELEGATION_COMMENTS_HEADER, ""), values)
        feedback.entries.append(entry)
    return feedback


def feedback_path(store_root: Path, pack_id: str, delegation: str) -> Path:
    """Where a delegation's feedback on a pack is kept."""
    return Path(store_root) / FEEDBACK_FOLDER / pack_id / f"{_SAFE.sub('_', delegation) or 'delegation'}.yaml"


def save(feedback: Feedback, store_root: Path) -> Path | None:
    """Write ``feedback`` to its file (atomically); ``None`` for the bundled sample store, which is
    never written to. Raises ``OutputError`` when the file cannot be written."""
    if is_sample_store(store_root):
        return None
    data = {
        "delegation": feedback.delegation,
        "pack": feedback.pack_id,
        "annex": feedback.annex,
        "returned": feedback.returned.isoformat() if feedback.returned else None,
        "imported": feedback.imported.isoformat(),
        "entries": [{"record": e.record, "where": e.where, "position": e.position, "comments": e.comments,
                     **({"other": e.other} if e.other else {})} for e in feedback.entries],
    }
    path = feedback_path(store_root, feedback.pack_id, feedback.delegation)
    header = (f"# What {feedback.delegation} said about the pack {feedback.pack_id}, read from {feedback.annex}.\n"
              "# Written by 'briefing-builder annex import'; records are not changed by it.\n")
    atomic_write(path, (header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
                 .encode("utf-8"))
    return path


def received(store_root: Path, pack_id: str, language: str = "en") -> dict[str, str]:
    """Record id → what the delegations said about it in their kept feedback ("NL: support — …"),
    one line per delegation in delegation order, positions in ``language``; empty when nothing is
    kept (or a file is unreadable)."""
    folder = Path(store_root) / FEEDBACK_FOLDER / pack_id
    lines: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            who = str(data.get("delegation") or path.stem)
            for entry in data.get("entries") or ():
                position = position_label(drop_down_position(str(entry.get("position") or "")), language)
                said = " — ".join(str(v) for v in (position, entry.get("comments")) if v)
                if said and entry.get("record"):
                    lines.setdefault(str(entry["record"]), []).append(f"{who}: {said}")
        except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError, TypeError):
            continue  # a damaged feedback file never stops an export
    return {record: "\n".join(said) for record, said in lines.items()}
