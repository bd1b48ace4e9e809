"""Oversized content builds a deck with continuation slides instead of failing or cutting text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from tests.reliability.helpers import REFERENCE_PACK, assert_sound_deck, copy_store, deck_text, deck_titles

WORDS = 1_500


def _long_text() -> str:
    """10,000 characters of distinct, numbered words (so a lost word is noticed)."""
    text = " ".join(f"w{i:04d}" for i in range(WORDS))
    text = (text + " " + "x" * 10_000)[:10_000]
    assert len(text) == 10_000
    return text


@pytest.fixture(scope="module")
def oversized(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, bytes]:
    root = copy_store(tmp_path_factory.mktemp("big") / "store")
    area = root / "areas" / "04-return-readmission.yaml"
    text = area.read_text(encoding="utf-8")
    old = 'text: "**Building a common European system for return**"'
    assert text.count(old) == 1
    area.write_text(text.replace(old, f'text: "{_long_text()}"'), encoding="utf-8")
    lines = ["id: five-hundred", "number: 7", 'title: "Five hundred measures"', "measures:"]
    lines += [f'  - id: m-{i:03d}\n    text: "Measure {i:03d}: **a** measure with *some* words to set."'
              for i in range(500)]
    (root / "areas" / "07-five-hundred.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pack = root / "packs" / f"{REFERENCE_PACK}.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("  - type: closing", "  - type: area\n    area: five-hundred\n  - type: closing"),
                    encoding="utf-8")
    catalog = load_store(root)
    assert catalog.diagnostics == []
    result = build_pack(catalog.packs[REFERENCE_PACK], catalog, root.parent / "out")
    return result, result.deck.read_bytes()


def test_deck_is_structurally_sound(oversized: tuple[object, bytes]) -> None:
    assert_sound_deck(oversized[1])


def test_long_measure_continues_and_keeps_every_word(oversized: tuple[object, bytes]) -> None:
    result, data = oversized
    titles = deck_titles(data)
    assert "4. Return and readmission (cont.)" in titles
    shown = deck_text(data)
    position = 0
    for i in range(WORDS):
        found = shown.find(f"w{i:04d}", position)
        assert found >= 0, f"word w{i:04d} missing or out of order"
        position = found
    assert any(note.kind == "continued" and "Return and readmission" in note.message
               for note in result.notes)


def test_five_hundred_measures_continue_and_keep_every_measure(oversized: tuple[object, bytes]) -> None:
    result, data = oversized
    titles = deck_titles(data)
    continued = [t for t in titles if t.startswith("7. Five hundred measures")]
    assert len(continued) > 5
    shown = deck_text(data)
    numbers = [int(n) for n in re.findall(r"Measure (\d{3}):", shown)]
    assert numbers == list(range(500)), "a measure is missing, repeated or out of order"
    assert result.annex is not None and result.annex.exists()


def test_every_slide_title_is_unique(oversized: tuple[object, bytes]) -> None:
    titles = deck_titles(oversized[1])
    assert all(titles)
    duplicates = sorted({t for t in titles if titles.count(t) > 1})
    assert duplicates == []


def test_plan_and_deck_agree(oversized: tuple[object, bytes]) -> None:
    result, data = oversized
    assert len(deck_titles(data)) == len(result.plan.slides)  # type: ignore[attr-defined]


def test_unbreakable_word_and_many_sub_points(tmp_path: Path) -> None:
    """One 10,000-character word (a pasted URL or hash) and 300 sub-points under one measure."""
    root = copy_store(tmp_path / "store")
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    subs = "\n".join(f'      - "sub point {i:03d} text"' for i in range(300))
    (root / "areas" / "07-long.yaml").write_text(
        f'id: long\nnumber: 7\ntitle: "Long"\nmeasures:\n  - id: one\n    text: "{word}"\n    sub_points:\n{subs}\n',
        encoding="utf-8")
    pack = root / "packs" / f"{REFERENCE_PACK}.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace(
        "  - type: closing", "  - type: area\n    area: long\n  - type: closing"), encoding="utf-8")
    catalog = load_store(root)
    assert catalog.diagnostics == []
    result = build_pack(catalog.packs[REFERENCE_PACK], catalog, tmp_path / "out", annex=False)
    data = result.deck.read_bytes()
    assert_sound_deck(data)
    titles = deck_titles(data)
    assert len(titles) == len(set(titles))
    assert sum(t.startswith("7. Long") for t in titles) > 2
    shown = deck_text(data).replace("\n", "").replace(" ", "")
    assert word in _body_text(data, "7. Long")  # cut between lines, maybe across slides, never lost
    assert [int(n) for n in re.findall(r"subpoint(\d{3})text", shown)] == list(range(300))


def _body_text(data: bytes, title: str) -> str:
    """The body text of the slides whose title starts with ``title``, in order, without spaces or breaks."""
    import io

    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    furniture = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
                 PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    texts = [shape.text_frame.text for slide in Presentation(io.BytesIO(data)).slides
             if slide.shapes.title is not None and slide.shapes.title.text_frame.text.startswith(title)
             for shape in slide.shapes if shape.has_text_frame
             and not (shape.is_placeholder and shape.placeholder_format.type in furniture)
             and not shape.name.startswith("Marking")]
    return "".join(texts).replace("\n", "").replace(" ", "")
