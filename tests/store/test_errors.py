"""Schema errors as the located sentences ``validate`` prints, for mistakes people make typing YAML.

Each mistake is typed into a copy of the bundled store's reference pack; the loader's
diagnostics are read as ``path:line:column: message``. Other wordings (unknown fields,
ids, ISO codes, yes/no answers) are checked in ``test_loader.py`` and ``test_store_rules.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from briefing_builder.paths import sample_store_dir
from briefing_builder.store.errors import error_message, field_message
from briefing_builder.store.loader import load_store
from briefing_builder.store.schema import Measure
from tests.sample_store import sample_store_copy

PACK = "packs/jha-counsellors-2026-01-12.yaml"


def _problems(tmp_path: Path, old: str, new: str) -> list[str]:
    root = sample_store_copy(tmp_path)
    pack = root / PACK
    text = pack.read_text(encoding="utf-8")
    assert old in text
    pack.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [d.format(root) for d in load_store(root).errors if d.path.name == pack.name]


def _line(old: str) -> int:
    text = (sample_store_dir() / PACK).read_text(encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  date: 2026-01-12\n", "  date: 2026-01-12 09:30\n",
     "meeting.date: '2026-01-12 09:30' has a time of day; write only the date, as YYYY-MM-DD (e.g. 2026-01-12)"),
    ("  date: 2026-01-12\n", "  date: 12/01/2026\n",
     "meeting.date: '12/01/2026' is not a date; write it as YYYY-MM-DD (e.g. 2026-01-12)"),
    ('  body: "JHA Counsellors"\n', '  body: ""\n', "meeting.body: must not be empty"),
    ('  body: "JHA Counsellors"\n', "  body: 2026\n", ("meeting.body: 2026 was read as the number 2026 — YAML "
                                                   'reads unquoted digits as a number; write it in quotes: "2026"')),
])
def test_a_typing_mistake_is_told_at_its_line_with_what_to_write(tmp_path: Path, old: str, new: str,
                                                                   message: str) -> None:
    problems = _problems(tmp_path, old, new)
    assert len(problems) == 1, problems
    where, severity, said = problems[0].split(": ", 2)
    assert where.startswith(f"{PACK}:{_line(old)}:") and severity == "error"
    assert said == message


def _error(**fields: object) -> dict[str, object]:
    try:
        Measure.model_validate(fields)
    except ValidationError as exc:
        return dict(exc.errors(include_url=False)[0])
    raise AssertionError("the record was valid")


def test_a_form_shows_the_message_without_the_field_name_it_sits_beside() -> None:
    error = _error(id="return-hubs", text="Return hubs", status="maybe")
    sentence = error_message(error, Measure)
    assert sentence.startswith("status: 'maybe' is not allowed; use ")
    assert field_message(error, Measure) == sentence.removeprefix("status: ")
    unknown = _error(id="return-hubs", text="Return hubs", stauts="planned")
    assert error_message(unknown, Measure).startswith("unknown field 'stauts' — check its spelling or remove it")
