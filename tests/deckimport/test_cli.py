"""``briefing-builder deck import``: the report, --apply, and readable refusals."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.deckimport.decks import AREA5, PACK, PARTNERS, TUNISIA, content, reword_first_run, store_and_deck
from tests.zip_parts import rewrite_file


def test_a_retitled_slide_is_reported_then_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "5. Labour mobility and legal migration"
    prs.save(str(deck))
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "proposal: labour-mobility-legal-pathways · slide title" in out
    assert "[-pathways-] {+migration+}" in out and (store / AREA5).read_text(encoding="utf-8") == before
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    assert (store / AREA5).read_text(encoding="utf-8") == before.replace(  # the English changes, the French stays
        'slide_title:\n  en: "Labour mobility and legal pathways"',
        'slide_title:\n  en: "Labour mobility and legal migration"')


@pytest.mark.parametrize("content, words", [(b"not a zip at all", "not a PowerPoint deck"),
                                             (None, "was not made by Briefing Builder")])


def test_files_that_are_not_the_apps_decks_are_refused_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                content: bytes | None, words: str) -> None:
    path = tmp_path / "deck.pptx"
    if content is None:
        Presentation().save(str(path))
    else:
        path.write_bytes(content)
    assert main(["deck", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_the_bundled_sample_store_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.store.writer import file_hash
    from tests.realdisplay.scenarios import _counsellor_edit

    catalog = load_store(sample_store_dir())
    deck = build_pack(catalog.packs[PACK], catalog, tmp_path / "out", annex=False).deck
    edited = _counsellor_edit(deck, tmp_path / "edited.pptx")
    before = file_hash(sample_store_dir() / AREA5)
    assert main(["deck", "import", str(edited), "--apply", "--accept", "new:1",
                 "--accept", "global-race-for-talent:text"]) == 1
    err = capsys.readouterr().err
    assert "bundled sample store is part of the installation and read-only" in err and "--store" in err
    assert file_hash(sample_store_dir() / AREA5) == before


def test_a_deck_whose_part_would_unpack_huge_is_refused_unread(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:

    store, deck = store_and_deck(tmp_path)
    bomb = rewrite_file(deck, tmp_path / "bomb.pptx", {"ppt/slides/slide1.xml": lambda data: data.replace(
        b"</p:sld>", b"<!--" + b" " * (80 * 2**20) + b"--></p:sld>")})
    assert main(["deck", "import", str(bomb), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "refused as a possible zip bomb" in err and "Traceback" not in err  # the one zip reader's limits


def test_a_baseline_edited_inside_the_deck_is_not_trusted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import base64
    import zipfile
    import zlib

    from lxml import etree

    store, deck = store_and_deck(tmp_path)
    with zipfile.ZipFile(deck) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    props = [p for p in root if p.get("name", "").startswith("BriefingBuilderBaseline")]
    text = zlib.decompress(base64.b64decode("".join("".join(p.itertext()) for p in props))).decode()
    forged = text.replace("global-race-for-talent:text", "leverages-and-incentives:text")
    packed = base64.b64encode(zlib.compress(forged.encode())).decode()
    chunks = [packed[i:i + 255] for i in range(0, len(packed), 255)]
    for prop in props[len(chunks):]:
        root.remove(prop)
    for prop, chunk in zip(props, chunks):
        prop[0].text = chunk

    forged_deck = rewrite_file(deck, tmp_path / "forged.pptx", {"docProps/custom.xml": lambda _: etree.tostring(root)})
    assert main(["deck", "import", str(forged_deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "the baseline in the copy kept next to the pack" in out and "Edits: 0 " in out


def test_a_deck_damaged_inside_its_zip_is_refused_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    store, deck = store_and_deck(tmp_path)
    data = bytearray(deck.read_bytes())
    info = zipfile.ZipFile(deck).getinfo("ppt/slides/slide3.xml")
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start:start + 50] = bytes(b ^ 0x55 for b in data[start:start + 50])
    damaged = tmp_path / "damaged.pptx"
    damaged.write_bytes(bytes(data))
    assert main(["deck", "import", str(damaged), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "a part of the deck is damaged" in err and "Traceback" not in err


def test_a_retitled_slide_of_a_french_deck_changes_the_french_title(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, "jha-counsellors-2026-01-12-fr")
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    assert slide.shapes.title.text == "5. Mobilité de la main-d'œuvre et voies légales"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "5. Mobilité de la main-d'œuvre et migration légale"
    prs.save(str(deck))
    before = (store / AREA5).read_text(encoding="utf-8")
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "conflicts with the store: 0" in out and "Mobilité de la main-d'œuvre et [-voies légales-]" in out, out
    assert (store / AREA5).read_text(encoding="utf-8") == before.replace(  # the French changes, the English stays
        "  fr: \"Mobilité de la main-d'œuvre et voies légales\"",
        "  fr: \"Mobilité de la main-d'œuvre et migration légale\"")


AREA1 = Path("areas") / "01-migration-diplomacy.yaml"


def test_a_value_retyped_without_the_space_after_its_label_keeps_its_first_letter(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    prs = Presentation(str(deck))
    paragraph = content(prs.slides[5]).text_frame.paragraphs[0]
    assert [r.text for r in paragraph.runs] == ["Relationship:", " Strategic and comprehensive partnership"]
    paragraph.runs[-1].text = "Strategic, comprehensive and renewed partnership"  # the space typed over
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "tunisia:relationship"]) == 0
    assert 'relationship: "Strategic, comprehensive and renewed partnership"\n' in \
        (store / TUNISIA).read_text(encoding="utf-8")
    assert "tunisia · relationship (slide 6; tunisia.yaml:15)" in capsys.readouterr().out  # the field's line


@pytest.mark.parametrize("old, new, says, stored", [
    ("Return and readmission (see ", "Return and readmission procedures (see ", "sub-points 1 reworded (slide 4",
     ('"Return and readmission (see [slide {n}](#return-readmission))"',
      '"Return and readmission procedures (see [slide {n}](#return-readmission))"')),
    ("slide", "page", "changes or deletes the text of a cross-reference", None),
], ids=["reworded: the cross-reference and the blank line after the list kept", "cross-reference retyped: refused"])
def test_a_reworded_sub_point_keeps_its_cross_reference_and_one_that_retypes_it_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, says: str,
        stored: tuple[str, str] | None) -> None:
    store, deck = store_and_deck(tmp_path)
    before = (store / AREA1).read_text(encoding="utf-8")
    assert stored is None or stored[0] in before
    prs = Presentation(str(deck))
    paragraph = content(prs.slides[3]).text_frame.paragraphs[5]
    assert paragraph.runs[0].text.startswith("Return and readmission (see ")
    for run in paragraph.runs:
        run.text = run.text.replace(old, new)
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "main-areas-of-cooperation:sub_points"]) == 0
    out = capsys.readouterr().out
    assert says in out and "removes sub-points" not in out
    assert (store / AREA1).read_text(encoding="utf-8") == (before if stored is None else before.replace(*stored))


def test_a_store_file_with_a_yaml_syntax_error_is_named_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    reword_first_run(deck, 7, 1, "most attractive place", "best place")
    with (store / AREA5).open("a", encoding="utf-8") as broken:
        broken.write("measures: [\n  broken\n")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "no longer in the store" not in out
    assert "05-labour-mobility-legal-pathways.yaml:" in out and "YAML syntax error — fix it first" in out


def test_bullets_moved_a_level_with_tab_and_shift_tab_are_reported_not_applied(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    before = (store / AREA5).read_text(encoding="utf-8")
    prs = Presentation(str(deck))
    paragraphs = content(prs.slides[7]).text_frame.paragraphs
    for paragraph, level, margin in ((paragraphs[5], "1", "566928"), (paragraphs[3], "0", "256032")):
        properties = paragraph._p.get_or_add_pPr()  # as PowerPoint's Tab and Shift+Tab write them
        properties.set("lvl", level)
        properties.set("marL", margin)
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "Indent levels changed in the deck (not applied): 2" in out
    assert "(integration · text) moved 1 level(s) deeper (Tab)" in out
    assert "(global-race-for-talent · sub-points) moved 1 level(s) shallower (Shift+Tab)" in out
    assert (store / AREA5).read_text(encoding="utf-8") == before


def test_an_accepted_conflict_is_applied_and_an_apply_that_writes_nothing_says_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    reword_first_run(deck, 7, 1, "most attractive place", "best place")
    text = (store / AREA5).read_text(encoding="utf-8").replace("Ambition to become the most", "Ambition to be the most")
    (store / AREA5).write_text(text, encoding="utf-8")  # the store changed the same measure since the export
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "e.g. --accept global-race-for-talent:text;" in out
    assert "Nothing written: the conflicts above need a choice first." in out
    assert (store / AREA5).read_text(encoding="utf-8") == text
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "global-race-for-talent:text"]) == 0  # the counsellor chose the deck's text
    assert "Ambition to become the best place" in (store / AREA5).read_text(encoding="utf-8")


def test_a_deck_with_a_slide_part_missing_is_told_damaged_not_a_deleted_slide(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    store, deck = store_and_deck(tmp_path)
    broken = rewrite_file(deck, tmp_path / "broken.pptx", {"ppt/slides/slide4.xml": None})
    assert main(["deck", "import", str(broken), "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert "the deck is damaged: slide 4's part (ppt/slides/slide4.xml) is missing" in captured.err
    assert "is not in the deck" not in captured.out and "Traceback" not in captured.err


def test_an_edit_the_schema_refuses_is_not_counted_as_applicable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    prs = Presentation(str(deck))
    run = content(prs.slides[7]).text_frame.paragraphs[1].runs[0]
    run.text += " long" * 4000  # past the schema's 20,000 characters
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Edits: 1 (0 can be applied)" in out and "at most 20000 characters" in out


def test_a_measure_split_with_enter_keeps_its_id_on_the_first_half(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path)
    prs = Presentation(str(deck))
    frame = content(prs.slides[7]).text_frame
    paragraph = frame.paragraphs[1]
    second = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(second)
    first_run = paragraph.runs[0]
    cut = first_run.text.index("Labour mobility")
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    first_run.text = first_run.text[:cut].rstrip()
    frame.paragraphs[2].runs[0].text = frame.paragraphs[2].runs[0].text[cut:]
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "new measure (slide 8) “Labour mobility as part of" in out
    assert "new measure (slide 8) “Ambition" not in out


@pytest.mark.parametrize("newline", ["\n", "\r\n"])


def test_a_sub_point_added_keeps_the_blank_line_before_the_next_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str) -> None:
    store, deck = store_and_deck(tmp_path)
    path = store / AREA5
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", newline).encode("utf-8"))
    before = path.read_bytes().decode("utf-8")
    prs = Presentation(str(deck))
    last = content(prs.slides[7]).text_frame.paragraphs[3]  # global-race-for-talent's second (last) sub-point
    added = copy.deepcopy(last._p)
    last._p.addnext(added)
    content(prs.slides[7]).text_frame.paragraphs[4].runs[0].text = "A new sub-point."
    prs.save(str(deck))
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "global-race-for-talent:sub_points"]) == 0
    after = path.read_bytes().decode("utf-8")
    assert "A new sub-point." in after and after.count(newline + newline) == before.count(newline + newline)
    assert after.count("\r\n") == (after.count("\n") if newline == "\r\n" else 0)
