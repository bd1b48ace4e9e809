"""Text in scripts the shipped fonts lack (CJK…) is measured conservatively, and the plan names the script."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.compose.measure import count_lines, text_width
from briefing_builder.markup import Run
from briefing_builder.paths import sample_store_dir
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store
from tests.deck_helpers import REFERENCE_PACK, bundled_template

CHINESE = "欧盟长期移民与庇护管理战略"


def test_cjk_characters_are_measured_a_full_em_each() -> None:
    assert text_width(CHINESE, "Calibri", 20) >= len(CHINESE) * 20
    assert text_width("Asylum " + CHINESE, "Calibri", 20) > text_width("Asylum ", "Calibri", 20) + len(CHINESE) * 19.9
    assert count_lines((Run(CHINESE * 3),), "Calibri", 20, 300) >= len(CHINESE) * 3 * 20 // 300  # broken anywhere


def test_a_pack_in_chinese_is_noted_with_its_script_and_the_font_that_stood_in(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    pack_file = store / "packs" / f"{REFERENCE_PACK}.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("Long-term European Asylum and Migration Management Strategy", CHINESE, 1),
                         encoding="utf-8")
    catalog = load_store(store)
    plan = plan_deck(catalog.packs[REFERENCE_PACK], catalog, open_template(bundled_template()).geometry)
    notes = [n.message for n in plan.warnings if "no glyphs" in n.message]
    assert len(notes) == 1 and "CJK" in notes[0] and "Carlito" in notes[0] and "full-width" in notes[0]
