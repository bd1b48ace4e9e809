"""The `type: changes` section: the change list on slides, titled and localised; rebuilt as it was."""

from __future__ import annotations

from pathlib import Path

from briefing_builder.cli import main
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.history.conftest import edit

PACK = "jha-counsellors-2026-01-12"


def _add_changes_section(store: Path, language: str = "en") -> None:
    pack = store / "packs" / f"{PACK}.yaml"
    edit(pack, "  - type: closing\n", "  - type: changes\n  - type: closing\n")
    if language != "en":
        edit(pack, "language: en", f"language: {language}")


def _slides(store: Path, out: Path) -> list[tuple[str, list[str]]]:
    catalog = load_store(store)
    result = build_pack(catalog.packs[PACK], catalog, out, annex=False)
    return [(s.title, [p.text for b in s.bodies for p in b.paragraphs]) for s in result.plan.slides]


def test_the_changes_slide_lists_the_changes_since_the_last_export(store: Path, tmp_path: Path) -> None:
    _add_changes_section(store)
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "first"), "--no-annex"]) == 0
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    slides = dict(_slides(store, tmp_path / "now"))
    body = slides["What has changed since 12 January 2026"]
    assert body[0] == "Changed: Building a common European system for returns (Return and readmission)"
    assert body[1] == "text: Building a common European system for return returns"  # struck "return", then "returns"


def test_the_title_is_localised(store: Path, tmp_path: Path) -> None:
    _add_changes_section(store, "fr")
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "first"), "--no-annex"]) == 0
    titles = [title for title, _ in _slides(store, tmp_path / "now")]
    assert "Ce qui a changé depuis le 12 janvier 2026" in titles


def test_without_history_the_slide_says_so(store: Path, tmp_path: Path) -> None:
    _add_changes_section(store)
    slides = dict(_slides(store, tmp_path / "now"))
    assert slides["What has changed"] == [
        "The store's history has no earlier export to compare with, so the changes cannot be listed yet."]


def test_the_preview_without_a_list_says_it_comes_at_export(store: Path) -> None:
    from briefing_builder.compose.deck_planner import plan_deck
    from briefing_builder.pipeline import resolve_template
    from briefing_builder.render.template import open_template

    _add_changes_section(store)
    catalog = load_store(store)
    plan = plan_deck(catalog.packs[PACK], catalog, open_template(resolve_template("briefing-16x9")).geometry)
    slide = next(s for s in plan.slides if s.title == "What has changed")
    assert [p.text for b in slide.bodies for p in b.paragraphs] == [
        "The changes are listed from the store's history when the deck is exported."]


def test_a_deck_with_a_changes_slide_is_rebuilt_byte_identical(store: Path, tmp_path: Path) -> None:
    from briefing_builder.history.exports import exports
    from briefing_builder.history.service import history_for

    _add_changes_section(store)
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "first")]) == 0
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "second")]) == 0
    edit(store / "areas" / "04-return-readmission.yaml", "system for returns**", "return system**")
    history = history_for(store)
    assert history is not None
    second = exports(history, PACK)[-1]
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "again"), "--as-of", second.tag]) == 0
    for name in (f"{PACK}.pptx", f"{PACK}-annex.xlsx"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_a_new_pack_for_the_next_meeting_counts_from_the_stores_last_export(store: Path, tmp_path: Path) -> None:
    assert main(["build", PACK, "--store", str(store), "--out", str(tmp_path / "first"), "--no-annex"]) == 0
    pack = store / "packs" / f"{PACK}.yaml"
    text = pack.read_text(encoding="utf-8").split("exports:")[0]
    text = text.replace(f"id: {PACK}", "id: jha-counsellors-2026-03-10").replace("date: 2026-01-12", "date: 2026-03-10")
    (store / "packs" / "jha-counsellors-2026-03-10.yaml").write_text(
        text.replace("  - type: closing\n", "  - type: changes\n  - type: closing\n"), encoding="utf-8")
    edit(store / "areas" / "04-return-readmission.yaml", "system for return**", "system for returns**")
    catalog = load_store(store)
    result = build_pack(catalog.packs["jha-counsellors-2026-03-10"], catalog, tmp_path / "next", annex=False)
    titles = [s.title for s in result.plan.slides]
    assert "What has changed since 12 January 2026" in titles
