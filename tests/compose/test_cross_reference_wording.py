"""A cross-reference's words follow the deck's language, whatever language the store wrote them in.

The decision: "slide 7" names a slide of *this* deck, like its "(cont.)" and page numbers, so
the default wording ("[slide {n}](#id)", or any catalogue's own — "[diapositive {n}]",
"[Folie {n}]" — in any case) reads in the deck's language, also inside a text the deck shows
in English because it has no translation: a French deck reads "(see diapositive 7)". The
sentence around it is the store's text; a wording of one's own ("[the readmission slide](#id)")
is kept as written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_builder.compose.deck_planner import plan_deck
from briefing_builder.paths import sample_store_dir
from briefing_builder.render.template import open_template
from briefing_builder.store import load_store
from tests.deck_helpers import bundled_template

AREA = "areas/01-migration-diplomacy.yaml"
WRITTEN = "Return and readmission (see [slide {n}](#return-readmission))"


def _references(tmp_path: Path, written: str, language: str) -> list[str]:
    """The cross-references' words on the migration-diplomacy slide of the reference pack in ``language``."""
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    area = store / AREA
    area.write_text(area.read_text(encoding="utf-8").replace(WRITTEN, written), encoding="utf-8")
    catalog = load_store(store)
    assert not catalog.errors
    pack = catalog.packs["jha-counsellors-2026-01-12-fr" if language.startswith("fr") else "jha-counsellors-2026-01-12"]
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"language": language})})
    plan = plan_deck(pack, catalog, open_template(bundled_template()).geometry)
    slide = next(s for s in plan.slides if s.number == plan.slide_for("migration-diplomacy"))
    return [r.text for b in slide.bodies for p in b.paragraphs for r in p.runs if r.ref]


@pytest.mark.parametrize("written, language, shown", [
    (WRITTEN, "fr", "diapositive 7"),  # English text without a translation, in a French deck
    ("Return and readmission (see [Slide {n}](#return-readmission))", "fr", "Diapositive 7"),  # its capital kept
    ("Retour et réadmission (voir [diapositive {n}](#return-readmission))", "en", "slide 7"),
    ("Rückkehr (siehe [Folie {n}](#return-readmission))", "fr-FR", "diapositive 7"),
    ("Return and readmission (see [SLIDE {n}](#return-readmission))", "fr", "DIAPOSITIVE 7"),
    ("Return and readmission (see [the readmission slide](#return-readmission))", "fr", "the readmission slide"),
])
def test_the_default_wording_reads_in_the_deck_s_language(tmp_path: Path, written: str, language: str,
                                                          shown: str) -> None:
    assert _references(tmp_path, written, language)[0] == shown
