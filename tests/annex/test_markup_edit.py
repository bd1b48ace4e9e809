"""annex/markup_edit.py: a retyped cell keeps the store's inline formatting where words were kept."""

from __future__ import annotations

from briefing_builder.annex.markup_edit import edited_markup

PLAIN = (False, False, False, False)
BOLD = (True, False, False, False)
LABEL = "**Use of leverages and incentives:** Visa (Article 25a), trade (GSP, FTAs), funds."


def test_a_kept_bold_label_stays_bold_when_other_words_change() -> None:
    assert edited_markup(LABEL, ((PLAIN, "Use of leverages and incentives: visa, trade, funds."),)) \
        == "**Use of leverages and incentives:** visa, trade, funds."


def test_a_plain_value_keeps_the_store_styles_too() -> None:
    assert edited_markup("A *nice* day", "A nice sunny day") == "A *nice* sunny day"


def test_a_whole_cell_bold_from_the_cell_format_is_not_wrapped_around_a_new_text() -> None:
    stored = ("**Cooperation with third countries,** Strong **comprehensive** partnerships and the "
              "**whole-of-route approach** promoting (i) **EU interests and values**.")
    assert edited_markup(stored, ((BOLD, "Coopération avec les pays tiers : approche de la route"),)) \
        == "Coopération avec les pays tiers : approche de la route"


def test_a_heading_retyped_stays_a_heading() -> None:
    assert edited_markup("**Improving readmission by third countries**",
                         ((PLAIN, "Improving readmission by partner countries"),)) \
        == "**Improving readmission by partner countries**"


def test_the_delegations_own_formatting_is_taken_as_it_is() -> None:
    assert edited_markup(LABEL, ((PLAIN, "Leverages: "), (BOLD, "visa"), (PLAIN, " and trade."))) \
        == "Leverages: **visa** and trade."


def test_words_added_to_a_heading_are_part_of_the_heading() -> None:
    assert edited_markup("**New EIBM Strategy in 2028**", "New EIBM Strategy in 2028, with a review") \
        == "**New EIBM Strategy in 2028, with a review**"
