"""`changes`: export → edits of every kind → exactly those edits, for the records the pack shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.history.changes import ChangeReport
from briefing_builder.history.service import HistoryError, changes_since, history_for
from briefing_builder.store import load_store
from tests.history.conftest import edit

PACK = "strategy-partners-briefing"


def _export(store: Path, out: Path) -> None:
    assert main(["build", PACK, "--store", str(store), "--out", str(out), "--no-annex"]) == 0


def _report(store: Path, since: str | None = None) -> ChangeReport:
    catalog = load_store(store)
    return changes_since(catalog, catalog.packs[PACK], since)[0]


def _edit_every_kind(store: Path) -> None:
    area = store / "areas" / "01-migration-diplomacy.yaml"
    edit(area, "Strong **comprehensive** partnerships", "Strong **comprehensive and balanced** partnerships")
    edit(area, "  - id: leverages-and-incentives\n", "  - id: leverages-and-incentives\n    status: ongoing\n"
         "    lead: [COM, EEAS]\n    timeline: \"2026-Q3\"\n")
    edit(area, "  en: \"~~reduce~~ prevent", "  en: \"~~reduce~~ stop")  # main goals: not a listed field
    returns = store / "areas" / "04-return-readmission.yaml"
    edit(returns, "finalisation of negotiations with Nigeria and Kazakhstan", "negotiations with Nigeria concluded")
    edit(returns, "      - \"Possibility of establishing '**return hubs**' outside the Union.\"\n", "")
    edit(returns, "      - \"**Syria and Afghanistan**", "      - \"**Return sponsorship** between Member States.\"\n"
         "      - \"**Syria and Afghanistan**")
    edit(store / "countries" / "tunisia.yaml", "    value: 20\n    unit: \"thousand people\"\n    period: \"2025\"\n"
         "    source: \"Illustrative placeholder – replace with a sourced figure\"\n    as_of: 2026-01-12",
         "    value: 23\n    unit: \"thousand people\"\n    period: \"2025\"\n"
         "    source: \"Illustrative placeholder – replace with a sourced figure\"\n    as_of: 2026-03-01")
    edit(store / "countries" / "egypt.yaml", "value: 15", "value: 16")  # a card the pack does not show
    milestones = store / "milestones.yaml"
    edit(milestones, "title: \"Revision of the Frontex regulation\"",
         "title: \"Revision of the Frontex Regulation adopted\"")
    edit(milestones, "milestones:\n", "milestones:\n  - id: new-pact-review-2027\n    title: \"Review of the Pact\"\n"
         "    period: \"2027-Q2\"\n    areas: [asylum-migration-system]\n\n")
    pack = store / "packs" / f"{PACK}.yaml"
    edit(pack, "measures: [cooperation-with-third-countries, partnerships-with-third-countries, "
               "leverages-and-incentives]",
         "measures: [cooperation-with-third-countries, leverages-and-incentives, "
         "international-partners-global-governance]")


def test_changes_lists_exactly_the_edits_of_every_kind(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    _edit_every_kind(store)
    report = _report(store)
    got = {(r.kind, r.record, r.id): [(f.field, f.label, f.old is None, f.new is None) for f in r.fields]
           for r in report.records}
    assert got == {
        ("changed", "measure", "cooperation-with-third-countries"): [("text", "", False, False)],
        ("changed", "measure", "leverages-and-incentives"): [("status", "", True, False), ("lead", "", True, False),
                                                             ("timeline", "", True, False)],
        ("added", "measure", "international-partners-global-governance"): [],
        ("removed", "measure", "partnerships-with-third-countries"): [],
        ("changed", "measure", "readmission-by-third-countries"): [
            ("sub-point", "", False, False), ("sub-point", "", False, True), ("sub-point", "", True, False)],
        ("changed", "country", "tunisia"): [("figure", "Illustrative: irregular arrivals to the EU (thousands)",
                                             False, False)],
        ("changed", "milestone", "frontex-regulation-revision-2026"): [("title", "", False, False)],
        ("added", "milestone", "new-pact-review-2027"): [],
    }
    figure = next(r for r in report.records if r.id == "tunisia").fields[0]
    assert (figure.old, figure.new) == ("20 thousand people (2025), as of 2026-01-12",
                                        "23 thousand people (2025), as of 2026-03-01")
    status = next(r for r in report.records if r.id == "leverages-and-incentives").fields[0]
    assert (status.old, status.new) == (None, "ongoing")


def test_the_cli_shows_a_word_diff_and_old_to_new(store: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "out")
    _edit_every_kind(store)
    capsys.readouterr()
    assert main(["changes", PACK, "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "text: **Cooperation with third countries,** Strong **comprehensive** {+**and balanced**+}" in out
    assert ("figure 'Illustrative: irregular arrivals to the EU (thousands)': 20 thousand people (2025), as of "
            "2026-01-12 -> 23 thousand people (2025), as of 2026-03-01") in out
    assert "egypt" not in out and "main_goals" not in out and "stop" not in out
    assert "5 changed, 2 added, 1 removed." in out


def test_no_changes_after_an_export(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    assert _report(store).records == ()


def test_since_a_date_a_ref_and_an_earlier_export(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "one")
    edit(store / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex revision\"")
    _export(store, tmp_path / "two")
    history = history_for(store)
    assert history is not None
    first_tag = sorted(history.repo.refs.as_dict(b"refs/tags/export/" + PACK.encode() + b"/"))[0].decode()
    assert _report(store).records == ()  # since the last export
    assert [r.id for r in _report(store, first_tag).records] == ["frontex-regulation-revision-2026"]
    assert [r.id for r in _report(store, f"export/{PACK}/{first_tag}").records] == ["frontex-regulation-revision-2026"]
    assert _report(store, dt.date.today().isoformat()).records == ()
    start = list(history.walk())[-1].id.decode()
    assert [r.id for r in _report(store, start[:10]).records] == ["frontex-regulation-revision-2026"]


def test_a_store_without_history_says_how_to_start_one(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(HistoryError, match="first export"):
        _report(store)
    assert main(["changes", PACK, "--store", str(store)]) == 1
    assert "keeps no history" in capsys.readouterr().err


def test_an_unknown_since_is_told_plainly(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "out")
    assert main(["changes", PACK, "--store", str(store), "--since", "last-tuesday"]) == 1
    err = capsys.readouterr().err
    assert "'last-tuesday' names no point" in err and "HEAD~1" in err and "not after today" in err


def test_head_tilde_and_caret_steps_are_accepted(store: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "one")
    edit(store / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex revision\"")
    _export(store, tmp_path / "two")
    assert _report(store, "HEAD").records == ()
    for spec in ("HEAD~1", "HEAD^", "HEAD^1", "HEAD~1^0"):
        assert [r.id for r in _report(store, spec).records] == ["frontex-regulation-revision-2026"], spec
    assert main(["changes", PACK, "--store", str(store), "--since", "HEAD~500"]) == 1
    assert "'HEAD~500' names no point" in capsys.readouterr().err


def test_a_date_in_the_future_is_refused_saying_so(store: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _export(store, tmp_path / "out")
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert main(["changes", PACK, "--store", str(store), "--since", tomorrow]) == 1
    assert f"{tomorrow} is in the future" in capsys.readouterr().err
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "later"), "--as-of", tomorrow]) == 1
    assert f"{tomorrow} is in the future" in capsys.readouterr().err
    assert not (tmp_path / "later").exists()


def test_reading_only_the_changed_files_gives_the_same_report_as_the_whole_store(store: Path, tmp_path: Path) -> None:
    from briefing_builder.history.changes import pack_changes
    from briefing_builder.history.exports import last_export
    from briefing_builder.history.snapshot import catalog_at, catalog_then

    _export(store, tmp_path / "out")
    _edit_every_kind(store)
    history = history_for(store)
    assert history is not None
    now = load_store(store)
    point = last_export(history, PACK)
    quick = catalog_then(history, point.commit, now)
    with catalog_at(history, point.commit) as whole:
        assert quick.areas == whole.areas and quick.countries == whole.countries
        assert quick.milestones == whole.milestones and quick.packs == whole.packs
        full = pack_changes(whole.packs[PACK], whole, now.packs[PACK], now, "a", "b")
    assert pack_changes(quick.packs[PACK], quick, now.packs[PACK], now, "a", "b") == full


def test_a_sub_point_edit_next_to_a_removal_and_an_addition_is_kept(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    returns = store / "areas" / "04-return-readmission.yaml"
    edit(returns, "      - \"**Better information exchange** between Member States Ensure Member States\"\n", "")
    edit(returns, "'**return hubs**' outside the Union.\"\n", "'**return hubs**' outside the Union, rejected.\"\n"
         "      - \"**Return sponsorship** between Member States.\"\n")
    [record] = [r for r in _report(store).records if r.id == "readmission-by-third-countries"]
    got = [(f.old, f.new) for f in record.fields]
    assert got == [
        ("Possibility of establishing '**return hubs**' outside the Union.",
         "Possibility of establishing '**return hubs**' outside the Union, rejected."),
        ("**Better information exchange** between Member States Ensure Member States", None),
        (None, "**Return sponsorship** between Member States."),
    ], got


def test_a_new_pack_counts_from_the_stores_last_export(store: Path, tmp_path: Path) -> None:
    _export(store, tmp_path / "out")
    text = (store / "packs" / f"{PACK}.yaml").read_text(encoding="utf-8")
    (store / "packs" / "next-meeting.yaml").write_text(text.replace(f"id: {PACK}", "id: next-meeting"),
                                                       encoding="utf-8")
    edit(store / "milestones.yaml", "title: \"Revision of the Frontex regulation\"", "title: \"Frontex revision\"")
    catalog = load_store(store)
    report = changes_since(catalog, catalog.packs["next-meeting"])[0]
    assert [(r.kind, r.id) for r in report.records] == [("changed", "frontex-regulation-revision-2026")]
