"""Two people's edits of one list field, merged item by item in the YAML file they were made in.

The versions are a measure's sub-points and a country card's key figures as the store writes
them, read with ruamel (the store's round-trip reader), merged, and written back.
"""

from __future__ import annotations

from typing import Any

from briefing_builder.history.item_merge import Step, apply_steps, item_steps
from briefing_builder.store.writer import dump_yaml, round_trip_yaml

BASE = """\
sub_points:
  - text: "Return and readmission"
  - text: "Visas"   # kept short on purpose
key_figures:
  - label: "Asylum applications"
    value: 70
    period: "2025"
"""


def _load(text: str) -> Any:
    return round_trip_yaml(BASE).load(text)


def _dump(data: Any) -> str:
    return dump_yaml(round_trip_yaml(BASE), data)


def _edited(old: str, new: str, text: str = BASE) -> str:
    assert old in text
    return text.replace(old, new, 1)


def _merged(mine_text: str, theirs_text: str, field: str) -> str | None:
    base, mine, theirs = _load(BASE), _load(mine_text), _load(theirs_text)
    steps = item_steps(base[field], mine[field], theirs[field])
    if steps is None:
        return None
    apply_steps(mine[field], theirs[field], steps)
    return _dump(mine)


def test_edits_of_different_sub_points_are_both_kept_with_their_quotes_and_comments() -> None:
    mine = _edited('"Return and readmission"', '"Return, readmission and reintegration"')
    theirs = _edited('"Visas"', '"Visa facilitation"')
    merged = _merged(mine, theirs, "sub_points")
    assert merged is not None
    assert '- text: "Return, readmission and reintegration"' in merged
    assert '- text: "Visa facilitation"   # kept short on purpose' in merged


def test_edits_of_different_fields_of_one_key_figure_are_both_kept() -> None:
    mine = _edited("value: 70", "value: 72")
    theirs = _edited('period: "2025"', 'period: "2025 (provisional)"')
    steps = item_steps(_load(BASE)["key_figures"], _load(mine)["key_figures"], _load(theirs)["key_figures"])
    assert steps is not None and steps.steps == (Step((0, "period"), "set"),)
    merged = _merged(mine, theirs, "key_figures")
    assert merged is not None and "value: 72" in merged and 'period: "2025 (provisional)"' in merged


def test_both_editing_the_same_sub_point_is_a_conflict() -> None:
    mine = _edited('"Visas"', '"Visas for researchers"')
    theirs = _edited('"Visas"', '"Visas for students"')
    assert _merged(mine, theirs, "sub_points") is None


def test_items_both_appended_are_all_kept_mine_first_and_the_same_item_once() -> None:
    mine = _edited('  - text: "Visas"   # kept short on purpose\n',
                   '  - text: "Visas"   # kept short on purpose\n  - text: "Talent pool"\n')
    theirs = _edited('  - text: "Visas"   # kept short on purpose\n',
                     '  - text: "Visas"   # kept short on purpose\n  - text: "Talent pool"\n  - text: "Skills"\n')
    merged = _merged(mine, theirs, "sub_points")
    assert merged is not None
    texts = [item["text"] for item in _load(merged)["sub_points"]]
    assert texts == ["Return and readmission", "Visas", "Talent pool", "Skills"]


def test_an_item_removed_on_one_side_and_edited_on_the_other_cannot_be_paired() -> None:
    mine = _edited('  - text: "Visas"   # kept short on purpose\n', "")
    theirs = _edited('"Return and readmission"', '"Returns"')
    assert _merged(mine, theirs, "sub_points") is None


def test_a_key_they_removed_is_removed_and_one_they_added_is_added() -> None:
    mine = _edited("value: 70", "value: 72")
    theirs = _edited('    period: "2025"\n', '    source: "Eurostat"\n')
    merged = _merged(mine, theirs, "key_figures")
    assert merged is not None
    figure = _load(merged)["key_figures"][0]
    assert "period" not in figure and figure["source"] == "Eurostat" and figure["value"] == 72
    assert item_steps([1], [1], [1]) is not None and item_steps([1], [1], [1]).steps == ()  # type: ignore[union-attr]
