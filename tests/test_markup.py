"""Inline markup → runs, and back."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_builder.markup import Run, clean_text, parse_markup, plain_text, references, to_markup
from briefing_builder.paths import sample_store_dir
from briefing_builder.store import load_store
from briefing_builder.store.references import _texts


def test_plain_text_is_one_plain_run() -> None:
    assert parse_markup("Hello world") == (Run("Hello world"),)


def test_empty_text_has_no_runs() -> None:
    assert parse_markup("") == ()


def test_bold_italic_strike_link_and_ref_runs() -> None:
    runs = parse_markup("**b** *i* ~~s~~ [l](https://example.org) [slide {n}](#return-readmission)")
    assert runs == (
        Run("b", bold=True),
        Run(" "),
        Run("i", italic=True),
        Run(" "),
        Run("s", strike=True),
        Run(" "),
        Run("l", link="https://example.org"),
        Run(" "),
        Run("slide {n}", ref="return-readmission"),
    )


def test_drafting_deletion() -> None:
    assert parse_markup("~~reduce~~ prevent irregular arrivals") == (
        Run("reduce", strike=True), Run(" prevent irregular arrivals"))


def test_combined_marks() -> None:
    assert parse_markup("**bold and ~~struck~~**") == (
        Run("bold and ", bold=True), Run("struck", bold=True, strike=True))
    assert parse_markup("***both***") == (Run("both", bold=True, italic=True),)
    assert parse_markup("__bold__ _it_") == (Run("bold", bold=True), Run(" "), Run("it", italic=True))


def test_bold_label_with_trailing_comma() -> None:
    assert parse_markup("**Cooperation with third countries,** Strong") == (
        Run("Cooperation with third countries,", bold=True), Run(" Strong"))


def test_empty_text_reference() -> None:
    assert parse_markup("labour mobility (see [](#labour-mobility-legal-pathways))") == (
        Run("labour mobility (see "), Run("", ref="labour-mobility-legal-pathways"), Run(")"))


def test_bold_reference_keeps_its_style() -> None:
    assert parse_markup("**[slide {n}](#x)**") == (Run("slide {n}", bold=True, ref="x"),)


def test_bare_hash_is_a_link_not_a_reference() -> None:
    assert parse_markup("[x](#)") == (Run("x", link="#"),)


def test_references_in_order_without_repeats() -> None:
    text = "[a](#one) [](#two) [b](#one) [c](https://example.org) [d](#three)"
    assert references(text) == ["one", "two", "three"]
    assert references("no references here") == []


def test_control_characters_are_removed_and_breaks_become_spaces() -> None:
    assert parse_markup("a\x00b\x07c\td\ne\r\nf") == (Run("abc d e f"),)
    assert clean_text("a\x00b\x1bc\x7fd\x9fe") == "abcde"
    assert clean_text("line\x85next\u2028third\u2029end") == "line next third end"
    assert clean_text("x\ufffey\uffffz") == "xyz"


def test_entities_cannot_bring_control_characters_back() -> None:
    assert plain_text(parse_markup("a&#10;b&Tab;c&NewLine;d")) == "a b c d"
    assert plain_text(parse_markup("&#1;")) == "\ufffd"  # CommonMark: invalid code point
    assert plain_text(parse_markup("&amp; &copy;")) == "& ©"


def test_escapes_give_literal_characters() -> None:
    assert parse_markup(r"\*not italic\* \~\~no\~\~ \[no link\] back\\slash") == (
        Run("*not italic* ~~no~~ [no link] back\\slash"),)


@pytest.mark.parametrize("text", [
    "1. x", "- y", "# z", "> quote", "* item", "+ item", "    indented code", "```fence```",
    "`code`", "<b>html</b>", "---", "Title\n===", "| a | b |", "https://example.org",
])
def test_markdown_block_and_other_syntax_stays_literal(text: str) -> None:
    assert plain_text(parse_markup(text)) == clean_text(text)
    assert all(not (r.bold or r.italic or r.strike or r.link or r.ref) for r in parse_markup(text))


def test_unsafe_link_is_not_a_link() -> None:
    assert parse_markup("[a](javascript:alert(1))") == (Run("[a](javascript:alert(1))"),)


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("**bold** then ~~struck~~ and *it*", "**bold** then ~~struck~~ and *it*"),
    ("**bold and ~~struck~~**", "**bold and ~~struck~~**"),
    ("*a **b** c*", "*a **b** c*"),
    ("__b__", "**b**"),
    ("see [slide {n}](#return-readmission) and [](#x)", "see [slide {n}](#return-readmission) and [](#x)"),
    ("[site](https://example.org/a_b)", "[site](https://example.org/a_b)"),
    (r"a \* b", r"a \* b"),
    ("snake_case", r"snake\_case"),
])
def test_to_markup(text: str, expected: str) -> None:
    runs = parse_markup(text)
    assert to_markup(runs) == expected
    assert parse_markup(expected) == runs


def test_to_markup_round_trips_every_text_of_the_bundled_store() -> None:
    catalog = load_store(sample_store_dir())
    records = [*catalog.areas.values(), *catalog.countries.values(), *catalog.consultations.values(),
               *catalog.packs.values()]
    texts = [text for record in records for _, text in _texts(record)]
    assert len(texts) > 100
    for text in texts:
        runs = parse_markup(text)
        assert parse_markup(to_markup(runs)) == runs, text


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in "\ufffe\uffff\u2028\u2029"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_parse_never_raises_and_leaves_no_control_characters(text: str) -> None:
    runs = parse_markup(text)
    plain = plain_text(runs)
    assert not any(_is_control(c) for c in plain)
    assert not any(_is_control(c) for c in to_markup(runs))


MARKUPISH = st.text(alphabet=st.sampled_from(list("ab *_~[]()#{}\\&;\n\t\x00\x85!:-1.")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(MARKUPISH)
def test_parse_never_raises_on_markup_soup(text: str) -> None:
    runs = parse_markup(text)
    assert all(isinstance(r, Run) for r in runs)
    assert not any(_is_control(c) for c in plain_text(runs))


WORD = st.text(alphabet=st.sampled_from(list("abcXYZ019é,.")), min_size=1, max_size=6).filter(
    lambda w: w[0].isalnum() and w[-1].isalnum())
STYLED = st.tuples(WORD, st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(STYLED, min_size=1, max_size=8))
def test_to_markup_round_trips_styled_words(words: list[tuple[str, bool, bool, bool]]) -> None:
    """Runs made of whole words (the shape store text has) survive to_markup → parse_markup."""
    runs: list[Run] = []
    for index, (word, bold, italic, strike) in enumerate(words):
        if index:
            runs.append(Run(" "))
        runs.append(Run(word, bold=bold, italic=italic, strike=strike))
    expected = parse_markup(to_markup(runs))
    assert plain_text(expected) == plain_text(runs)
    styled = [(r.bold, r.italic, r.strike) for r in expected for _ in r.text]
    wanted = [(r.bold, r.italic, r.strike) for r in runs for _ in r.text]
    # each character keeps its style (spaces between words may be merged into either side)
    assert [s for s, c in zip(styled, plain_text(runs)) if c != " "] == \
           [w for w, c in zip(wanted, plain_text(runs)) if c != " "]


@pytest.mark.parametrize("runs, expected", [
    ((Run("Struck ", strike=True), Run("kept")), "~~Struck~~ kept"),
    ((Run("a "), Run(" bold ", bold=True), Run("b")), "a  **bold** b"),
    ((Run("x"), Run(" it", italic=True)), "x *it*"),
    ((Run("bold ", bold=True), Run("both ", bold=True, strike=True), Run("end")), "**bold ~~both~~** end"),
])
def test_to_markup_keeps_spaces_outside_the_marks(runs: tuple[Run, ...], expected: str) -> None:
    assert to_markup(runs) == expected
    assert plain_text(parse_markup(expected)) == plain_text(runs)
    assert "*" not in plain_text(parse_markup(expected)) and "~" not in plain_text(parse_markup(expected))


_spaces = st.text(alphabet=" ", max_size=2)
_word = st.text(alphabet="abcxyzé", min_size=1, max_size=5)
_spaced_run = st.builds(lambda lead, words, trail, bold, italic, strike: Run(lead + " ".join(words) + trail,
                                                                              bold, italic, strike),
                        _spaces, st.lists(_word, min_size=1, max_size=3), _spaces,
                        st.booleans(), st.booleans(), st.booleans())


def _at_word_boundaries(runs: list[Run]) -> list[Run]:
    """``runs`` with a space wherever the style changes inside a word (CommonMark cannot
    express two marks opening inside a word: see docs/reliability.md)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].strike) != (run.bold, run.italic, run.strike) \
                and not out[-1].text.endswith(" ") and not run.text.startswith(" "):
            run = Run(" " + run.text, run.bold, run.italic, run.strike)
        out.append(run)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_spaced_run, min_size=1, max_size=6).map(_at_word_boundaries))
def test_runs_to_markup_to_runs_is_the_identity(runs: list[Run]) -> None:
    """Any runs — with spaces at their edges, nested styles, neighbours of one style — come
    back with the same text and every non-space character in its style (a space's own
    styling is not expressible in markup next to a mark; it is never shown as a mark)."""
    again = parse_markup(to_markup(runs))
    assert plain_text(again) == plain_text(runs)

    def styles(rs: list[Run] | tuple[Run, ...]) -> list[tuple[str, bool, bool, bool]]:
        return [(c, r.bold, r.italic, r.strike) for r in rs for c in r.text if c != " "]
    assert styles(again) == styles(runs)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="*_~[]\\&`<"), max_size=60))
def test_plain_text_takes_the_fast_path_with_the_parser_s_result(text: str) -> None:
    """Text without a markup character is returned as it is, exactly as the parser would."""
    from briefing_builder.markup import _merge, _parser

    cleaned = clean_text(text)
    tokens = _parser().parseInline(cleaned)
    expected = tuple(_merge([Run(clean_text(t.content)) for tok in tokens for t in tok.children or ()
                             if t.type == "text" and clean_text(t.content)]))
    assert parse_markup(text) == expected


@pytest.mark.parametrize(("text", "bold", "plain"), [
    ("**重要：**これは会議の資料です", "重要：", "これは会議の資料です"),
    ("注意：**重要**。", "重要", "注意：。"),
    ("**「重要」**です", "「重要」", "です"),
    ("中文**“引号”**中文", "“引号”", "中文中文"),
    ("요점：**중요**입니다", "중요", "요점：입니다"),
])
def test_bold_next_to_cjk_punctuation(text: str, bold: str, plain: str) -> None:
    runs = parse_markup(text)
    assert "".join(r.text for r in runs if r.bold) == bold
    assert "".join(r.text for r in runs if not r.bold) == plain
    assert parse_markup(to_markup(runs)) == runs


def test_latin_emphasis_keeps_commonmark_rules_next_to_punctuation() -> None:
    assert parse_markup("**a.**b") == (Run("**a.**b"),)
    assert parse_markup("x ** y ** z") == (Run("x ** y ** z"),)
