"""A pack in French: the labels the app writes are French, and every run says it is French.

The store's own text stays as the store has it (English here); what is checked is that no
label the app adds — agenda, milestones, closing, "see slide", "(cont.)", main goals,
records, the annex's title and page footer — is left in English, and that runs carry
``fr-BE`` (``en-GB`` for an English pack).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing_builder.compose import wording
from briefing_builder.paths import labels_dir, sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import Catalog, load_store
from briefing_builder.store.schema import AgendaSection, ClosingSection, MilestonesSection

PACK_ID = "jha-counsellors-2026-01-12"
#: English labels as they show in a deck or annex (placeholders as patterns).
ENGLISH = [r"\bAgenda\b", r"\bMilestones\b", r"\bThank you\b", r"\bslide \d+", r"\(cont\.", r"Main goals:",
           r"\bRecords:", r"Source, as of", r"– Annex\b", r"Page &P of &N"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_store(sample_store_dir())


def _french(catalog, language: str = "fr"):  # noqa: ANN001, ANN202
    """The reference pack in ``language``, its agenda and closing with the default titles, plus milestones."""
    pack = catalog.packs[PACK_ID]
    sections = [AgendaSection(type="agenda") if s.type == "agenda" else
                ClosingSection(type="closing") if s.type == "closing" else s for s in pack.sections]
    sections.insert(-1, MilestonesSection(type="milestones"))
    return pack.model_copy(update={"sections": sections,
                                   "meeting": pack.meeting.model_copy(update={"language": language})})


def _deck_text(path: Path) -> str:
    deck = Presentation(path)
    parts = []
    for slide in deck.slides:
        parts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _run_languages(path: Path) -> set[str]:
    found: set[str] = set()
    for slide in Presentation(path).slides:
        elements = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
        for element in elements:
            for run in element.iter(qn("a:r")):
                props = run.find(qn("a:rPr"))
                found.add(props.get("lang") if props is not None else "")
    return found


@pytest.fixture(scope="module")
def french_build(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    return build_pack(_french(catalog), catalog, tmp_path_factory.mktemp("fr"))


def test_no_english_label_in_the_french_deck(french_build) -> None:  # noqa: ANN001
    text = _deck_text(french_build.deck)
    found = [pattern for pattern in ENGLISH if re.search(pattern, text)]
    assert found == []
    for french in ("Ordre du jour", "Étapes clés", "Merci", "diapositive 7", "Objectifs principaux :"):
        assert french in text, french


def test_the_french_annexs_title_cover_and_page_footer_are_french(french_build) -> None:  # noqa: ANN001
    with zipfile.ZipFile(french_build.annex) as archive:
        xml = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                        if name.endswith(".xml") and ("sheet" in name or "sharedStrings" in name or "core" in name))
    assert "Page &amp;P de &amp;N" in xml and "– Annexe" in xml
    assert "Page &amp;P of &amp;N" not in xml and "– Annex<" not in xml and "Main goals:" not in xml
    for french in ("Réunion", "Instance", "Établi le", "Contenu", "Veuillez remplir les colonnes"):
        assert f">{french}" in xml, french
    for english in ("Meeting", "Generated on", "Contents", "Content store", "Please fill in"):
        assert f">{english}" not in xml, english


#: Every sheet name, column header and drop-down value the annex writes, as it writes them in English.
ANNEX_ENGLISH = ["Cover", "Measures", "Country cards", "Milestones", "MS input", "Area", "Measure", "Sub-points",
                 "Status", "Lead", "Timeline", "Countries", "Country", "Region", "Relationship", "Key figures",
                 "Sources and as-of dates", "Last reviewed", "When", "Milestone", "Areas", "Theme", "Summary",
                 "MS count", "Delegation comments", "Delegation position", "Update note", "proposed", "planned",
                 "ongoing", "adopted", "implemented", "support", "scrutiny reservation", "oppose", "no position"]


def test_no_english_sheet_name_header_or_drop_down_value_in_the_french_annex(french_build) -> None:  # noqa: ANN001
    import openpyxl

    book = openpyxl.load_workbook(french_build.annex)
    shown = set(book.sheetnames) - {"Annex baseline"}  # the very hidden sheet the update reads back
    for ws in book.worksheets:
        if ws.title in shown:
            shown |= {str(c.value) for c in ws[1] if c.value is not None}
            shown |= {v.strip('"') for dv in ws.data_validations.dataValidation if dv.type == "list"
                      for v in (dv.formula1 or "").strip('"').split(",")}
    assert sorted(shown & set(ANNEX_ENGLISH)) == []
    assert {"Page de garde", "Mesures", "Statut", "Commentaires de la délégation", "en cours", "soutien"} <= shown


def test_the_bundled_french_pack_shows_the_areas_french_text_and_names_what_fell_back(
        catalog: Catalog, tmp_path: Path) -> None:
    result = build_pack(catalog.packs["jha-counsellors-2026-01-12-fr"], catalog, tmp_path)
    text = _deck_text(result.deck)
    for french in ("Diplomatie migratoire", "Retour et réadmission", "4. Retours et réadmission", "Merci",
                   "Objectifs principaux : réduire prévenir les arrivées irrégulières"):
        assert french in text, french
    fell_back = [str(n) for n in result.notes if n.kind == "language"]
    assert any(n.startswith("measure 'readmission-by-third-countries' (areas/04-return-readmission.yaml:")
               and "no French text (text, sub_points)" in n for n in fell_back), fell_back
    assert not any("priority area" in n for n in fell_back)  # the six areas' own texts are all in French


def test_every_run_of_a_french_deck_is_tagged_french(french_build) -> None:  # noqa: ANN001
    assert _run_languages(french_build.deck) == {"fr-BE"}


def test_every_run_of_an_english_deck_is_tagged_british_english(catalog: Catalog, tmp_path: Path) -> None:
    result = build_pack(catalog.packs[PACK_ID], catalog, tmp_path, annex=False)
    assert _run_languages(result.deck) == {"en-GB"}


def test_a_full_language_tag_is_kept(catalog: Catalog, tmp_path: Path) -> None:
    result = build_pack(_french(catalog, "fr-FR"), catalog, tmp_path, annex=False)
    assert _run_languages(result.deck) == {"fr-FR"}
    assert "Ordre du jour" in _deck_text(result.deck)


def test_the_french_catalogue_has_every_english_label() -> None:
    english = yaml.safe_load((labels_dir() / "en.yaml").read_text(encoding="utf-8"))
    french = yaml.safe_load((labels_dir() / "fr.yaml").read_text(encoding="utf-8"))
    assert set(english) == set(french)
    for key, value in english.items():
        assert re.findall(r"\{\w+\}|&[PN]", value) == re.findall(r"\{\w+\}|&[PN]", french[key]), key


def test_a_language_without_a_catalogue_falls_back_to_english() -> None:
    assert wording.label("agenda", "sv") == "Agenda"
    assert wording.label("agenda", "../en") == "Agenda"  # a language code is never a path
    assert wording.continued("fr", 3) == "(suite 3)"


def test_the_french_speaker_notes_name_their_records_in_french(catalog: Catalog, tmp_path: Path) -> None:
    result = build_pack(catalog.packs["jha-counsellors-2026-01-12-fr"], catalog, tmp_path, annex=False)
    notes = "\n".join(s.notes for s in result.plan.slides)
    assert "Fiches : domaine return-readmission ; mesures : common-european-return-system" in notes
    assert "Sources : Présentation aux conseillers JAI du 12 janvier 2026" in notes
    assert "; themes:" not in notes and "measures:" not in notes and "Records:" not in notes


def test_the_french_annexs_drop_down_messages_and_properties_are_french(french_build) -> None:  # noqa: ANN001
    with zipfile.ZipFile(french_build.annex) as archive:
        sheets = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                           if n.startswith("xl/worksheets/"))
        core = archive.read("docProps/core.xml").decode("utf-8")
    messages = set(re.findall(r'error="([^"]*)"', sheets))
    assert messages and all(m.startswith("Choisissez parmi : ") for m in messages), messages
    assert "Établi à partir de « EU long-term asylum" in core
    assert re.search(r", le \d{1,2} [a-zéû]+ 20\d\d pour le dossier jha-counsellors", core), core
    assert "annexe de briefing" in core
    for english in ("Choose one of", "Generated from", "briefing annex", " for pack "):
        assert english not in sheets + core, english


def test_what_screen_readers_say_of_a_french_deck_s_tables_charts_and_timelines_is_french(
        catalog: Catalog, tmp_path: Path) -> None:
    from briefing_builder.store.schema import CountrySection

    pack = catalog.packs["strategy-partners-briefing"]
    sections = [s.model_copy(update={"figures": True, "chart": True}) if isinstance(s, CountrySection) else s
                for s in pack.sections] + [MilestonesSection(type="milestones")]
    pack = pack.model_copy(update={"sections": sections,
                                   "meeting": pack.meeting.model_copy(update={"language": "fr"})})
    result = build_pack(pack, catalog, tmp_path, annex=False)
    with zipfile.ZipFile(result.deck) as archive:
        slides = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                           if n.startswith("ppt/slides/slide"))
    said = re.findall(r'descr="([^"]*)"', slides)
    assert any(d.startswith("Chiffres clés : ") for d in said), said
    assert any(d.startswith("Graphique linéaire « ") and "Chiffres illustratifs" in d for d in said), said
    assert any(d.startswith("Calendrier 20") for d in said), said
    for english in ("Key figures for", "Line chart of", "Illustrative figures", "Timeline 20"):
        assert not any(english in d for d in said), english


def test_what_screen_readers_say_of_a_french_deck_s_marking_is_french(catalog: Catalog, tmp_path: Path) -> None:
    pack = _french(catalog)
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"marking": "LIMITE",
                                                                             "reference": "WK 1234/2026 INIT"})})
    result = build_pack(pack, catalog, tmp_path, annex=False)
    with zipfile.ZipFile(result.deck) as archive:
        parts = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                          if n.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and n.endswith(".xml"))
    said = set(re.findall(r'descr="([^"]*)"', parts))
    assert "Marquage : LIMITE" in said, said
    assert not any(d.startswith(("Marking:", "Slide number", "Reference:")) for d in said), said
    assert _run_languages(result.deck) == {"fr-BE"}  # the marking's own text too


def test_a_country_card_s_review_date_in_french_speaker_notes_reads_as_a_french_date(catalog: Catalog,
                                                                                     tmp_path: Path) -> None:
    pack = catalog.packs["strategy-partners-briefing"]
    french = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"language": "fr"})})
    notes = "\n".join(s.notes for s in build_pack(french, catalog, tmp_path, annex=False).plan.slides)
    assert re.search(r"fiche pays nigeria \(NG\) ; dernière révision le \d{1,2} [a-zéû]+ 20\d\d", notes), notes
    assert not re.search(r"dernière révision le \d{4}-", notes)
