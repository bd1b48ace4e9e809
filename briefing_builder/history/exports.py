"""Exports in the store's history: one commit and one annotated tag per export.

An export's tag is ``export/<pack-id>/<YYYYMMDD-HHMMSS>`` (UTC); it points at the commit
holding exactly the store the deck and annex were built from (plus the pack file's
``exports:`` entry naming the tag). The tag's message is readable and ends with trailers
the app reads back::

    Export jha-counsellors-2026-01-12 — deck and annex

    Pack: jha-counsellors-2026-01-12
    Meeting: 2026-01-12
    Generated-on: 2026-12-01

:func:`resolve` turns what a user types after ``--since`` / ``--as-of`` — an export's tag
(or its last part), a date (not after today), or any git ref or commit id, with git's
``~N`` (N-th first parent) and ``^N`` (N-th parent) steps after it (``HEAD~1``, ``main^2``)
— into a :class:`Point`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

from dulwich.file import FileLocked
from dulwich.objects import Commit, Tag

from briefing_builder.history.pack_record import record_export
from briefing_builder.history.repository import HistoryError, StoreHistory, identity, object_id, ref
from briefing_builder.store.schema import Pack

TAG_PREFIX = b"refs/tags/export/"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEX = re.compile(r"^[0-9a-f]{4,40}$")
_STEPS = re.compile(r"^(?P<base>.*?)(?P<steps>(?:[~^]\d*)+)$")
_STEP = re.compile(r"([~^])(\d*)")
#: What --since/--as-of accept, for the messages that refuse a value.
ACCEPTED = ("an export's tag (or its last part), a date (2026-01-12, not after today), or a commit id, branch or tag, "
            "optionally followed by ~N or ^N (HEAD~1: the commit before the last)")


@dataclass(frozen=True)
class Export:
    """One recorded export of a pack."""

    tag: str  # export/<pack-id>/<stamp>
    pack_id: str
    commit: str
    when: dt.datetime
    meeting: dt.date | None
    generated_on: dt.date | None
    message: str

    @property
    def summary(self) -> str:
        """The tag message's first line."""
        return self.message.splitlines()[0] if self.message else self.tag


@dataclass(frozen=True)
class Point:
    """A store state changes are counted from (or a deck is rebuilt from)."""

    commit: str
    label: str  # for people: "export … of 12 January 2026", "the store on 2026-01-12", a ref
    day: dt.date  # the date a title shows ("What has changed since <day>")
    export: Export | None = None


def export_message(pack: Pack, annex: bool) -> str:
    """The commit and tag message of an export of ``pack``."""
    what = "deck and annex" if annex else "deck"
    return f"Export {pack.id} — {what}"


def record(history: StoreHistory, pack: Pack, pack_file: Path | None, generated_on: dt.date,
           annex: bool = True, when: float | None = None) -> Export:
    """Record an export of ``pack``: its entry in the pack file, a commit of the store, a tag."""
    stamp = when if when is not None else time.time()
    tag = _free_tag(history, pack.id, stamp)
    if pack_file is not None and pack_file.resolve().is_relative_to(history.store.resolve()):
        record_export(pack_file, tag, generated_on)
    message = export_message(pack, annex)
    commit = history.save_point(message, when=stamp) or history.head()
    if commit is None:
        raise HistoryError("The store's history has no commit to tag.")
    body = (f"{message}\n\nPack: {pack.id}\nMeeting: {pack.meeting.date.isoformat()}\n"
            f"Generated-on: {generated_on.isoformat()}\n")
    tag_object = Tag()
    tag_object.tagger = identity(history.repo)
    tag_object.message = body.encode("utf-8")
    tag_object.name = tag.encode("utf-8")
    tag_object.object = (Commit, commit)
    tag_object.tag_time = int(stamp)
    tag_object.tag_timezone = 0
    try:
        history.repo.object_store.add_object(tag_object)
        history.repo.refs[ref(b"refs/tags/" + tag.encode("utf-8"))] = tag_object.id
    except (FileLocked, OSError) as exc:
        raise HistoryError(f"The export's tag {tag} could not be written ({exc}); the export's commit is "
                           f"{commit.decode()[:10]}.") from None
    return _export(history, tag.encode("utf-8"), tag_object)


def _free_tag(history: StoreHistory, pack_id: str, stamp: float) -> str:
    base = f"export/{pack_id}/{time.strftime('%Y%m%d-%H%M%S', time.gmtime(stamp))}"
    name, n = base, 1
    while ref(b"refs/tags/" + name.encode("utf-8")) in history.repo.refs:
        n += 1
        name = f"{base}-{n}"
    return name


def exports(history: StoreHistory, pack_id: str | None = None) -> list[Export]:
    """Every recorded export (of ``pack_id`` only, when given), oldest first."""
    prefix = TAG_PREFIX + (pack_id.encode("utf-8") + b"/" if pack_id else b"")
    found = []
    for name, sha in history.repo.refs.as_dict(ref(prefix)).items():
        tag = history.repo[sha]
        if isinstance(tag, Tag):
            found.append(_export(history, prefix[len(b"refs/tags/"):] + name, tag))
    return sorted(found, key=_order)


def _order(export: Export) -> tuple[dt.datetime, int, str]:
    """Exports in the order they were made (tags of one second end -2, -3, …)."""
    return (export.when, len(export.tag), export.tag)


def _export(history: StoreHistory, name: bytes, tag: Tag) -> Export:
    message = tag.message.decode("utf-8", "replace")
    trailers = dict(re.findall(r"^([A-Za-z-]+): (.+)$", message, re.MULTILINE))
    _, pack_id, _ = (name.decode("utf-8") + "//").split("/", 2)
    return Export(name.decode("utf-8"), trailers.get("Pack", pack_id), tag.object[1].decode(),
                  dt.datetime.fromtimestamp(tag.tag_time, dt.UTC), _day(trailers.get("Meeting")),
                  _day(trailers.get("Generated-on")), message.strip())


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def resolve(history: StoreHistory, pack_id: str, spec: str | None, before: Export | None = None) -> Point:
    """What ``spec`` names (see module doc); ``None`` means the pack's last export (before
    ``before`` when given). Raises :class:`HistoryError` saying what exists instead."""
    if spec is None:
        return last_export(history, pack_id, before)
    spec = spec.strip()
    if not spec:
        raise HistoryError("An empty value names no point of the store's history; give an export, a date "
                           "(2026-01-12) or a commit or branch ('briefing-builder history' lists them).")
    for export in reversed(exports(history)):
        if spec in (export.tag, f"refs/tags/{export.tag}") or (export.pack_id == pack_id
                                                                and export.tag.endswith("/" + spec)):
            return _export_point(export)
    if _DATE.match(spec):
        return _on_date(history, spec)
    commit = _ref(history, spec)
    if commit is None:
        raise HistoryError(f"'{spec}' names no point of the store's history for {pack_id}. Give {ACCEPTED}; "
                           "'briefing-builder history' lists the exports and commits.")
    info = history.commit(commit)
    return Point(commit.decode(), f"{spec} ({info.message.decode('utf-8', 'replace').splitlines()[0]})",
                 dt.datetime.fromtimestamp(info.commit_time).date())


def last_export(history: StoreHistory, pack_id: str, before: Export | None = None) -> Point:
    """The pack's most recent export (strictly before ``before``, when given); for a pack
    never exported (the next meeting's new pack), the store's most recent export of any pack."""
    for candidates in (exports(history, pack_id), exports(history)):
        found = [e for e in candidates if before is None or _order(e) < _order(before)]
        if found:
            return _export_point(found[-1])
    raise HistoryError(f"The store has no recorded export before this one of {pack_id}; export it first, or "
                       "say from when with --since EXPORT|DATE|REF.")


def _export_point(export: Export) -> Point:
    day = export.meeting or export.generated_on or export.when.date()
    return Point(export.commit, f"export {export.tag}", day, export)


def _on_date(history: StoreHistory, spec: str) -> Point:
    try:
        day = dt.date.fromisoformat(spec)
    except ValueError as exc:
        raise HistoryError(f"'{spec}' is not a date of the calendar ({exc}); write a real day as "
                           "YEAR-MONTH-DAY, e.g. 2026-01-12.") from None
    today = dt.date.today()
    if day > today:
        raise HistoryError(f"{spec} is in the future (today is {today.isoformat()}); the history holds no state of "
                           "that day. Give a past date, or leave the option out for the store as it is now.")
    for commit in history.walk():
        zone = dt.timezone(dt.timedelta(seconds=commit.commit_timezone))
        if dt.datetime.fromtimestamp(commit.commit_time, zone).date() <= day:
            return Point(commit.id.decode(), f"the store on {spec}", day)
    raise HistoryError(f"The store's history starts after {spec}; there is no state of that day.")


def _ref(history: StoreHistory, spec: str) -> bytes | None:
    """The commit ``spec`` names: a ref or commit id, then any ``~N``/``^N`` steps."""
    found = _named(history, spec)
    if found is not None or not (match := _STEPS.match(spec)) or not match["base"]:
        return found
    commit = _named(history, match["base"])
    for kind, digits in _STEP.findall(match["steps"]):
        if commit is None:
            return None
        count = int(digits) if digits else 1
        commit = _parent(history, commit, count) if kind == "~" else _nth_parent(history, commit, count)
    return commit


def _parent(history: StoreHistory, commit: bytes, generations: int) -> bytes | None:
    """The ``generations``-th first parent of ``commit`` (``None`` past the first commit)."""
    for _ in range(generations):
        parents = history.commit(commit).parents
        if not parents:
            return None
        commit = parents[0]
    return commit


def _nth_parent(history: StoreHistory, commit: bytes, number: int) -> bytes | None:
    """The ``number``-th parent of ``commit`` (``^0`` is the commit itself)."""
    if number == 0:
        return commit
    parents = history.commit(commit).parents
    return parents[number - 1] if len(parents) >= number else None


def _named(history: StoreHistory, spec: str) -> bytes | None:
    """The commit a ref name or (abbreviated) commit id points at."""
    refs = history.repo.refs
    raw = spec.encode("utf-8")
    for name in (raw, b"refs/heads/" + raw, b"refs/tags/" + raw, b"refs/remotes/" + raw):
        if ref(name) in refs:
            return history.commit(refs[ref(name)]).id
    if _HEX.match(spec):
        if len(spec) == 40 and object_id(raw) in history.repo.object_store:
            return history.commit(raw).id
        for commit in history.walk():
            if commit.id.startswith(raw):
                return commit.id
    return None
