"""Tests of briefing_builder.history.record_merge: one file merged record by record."""

from __future__ import annotations

from briefing_builder.history.record_merge import WHOLE_FILE, WHOLE_RECORD, merge_file
from briefing_builder.paths import sample_store_dir

AREA = "areas/04-return-readmission.yaml"
BASE = (sample_store_dir() / AREA).read_text(encoding="utf-8")
MILESTONES = (sample_store_dir() / "milestones.yaml").read_text(encoding="utf-8")


def test_changes_to_different_fields_both_land_and_comments_stay() -> None:
    mine = BASE.replace("system for return**", "system for returns**")
    theirs = BASE.replace("short_title:\n  en: \"Return and readmission\"", "short_title:\n  en: \"Returns\"")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert "system for returns**" in merged.text and "short_title:\n  en: \"Returns\"" in merged.text
    assert merged.text.startswith("# Priority area 4")


def test_the_same_field_changed_twice_is_a_conflict_and_mine_stays() -> None:
    mine = BASE.replace("system for return**", "system for return: mine**")
    theirs = BASE.replace("system for return**", "system for return: theirs**")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.text == mine
    [conflict] = merged.conflicts
    assert (conflict.record, conflict.field) == ("common-european-return-system", "text")
    assert "mine" in conflict.mine and "theirs" in conflict.theirs


def test_a_record_removed_there_and_edited_here_is_a_conflict() -> None:
    start = MILESTONES.index("  - id: europol-regulation-revision-2026")
    end = MILESTONES.index("  - id: euaa-mandate-evaluation-2026")
    theirs = MILESTONES[:start] + MILESTONES[end:]
    mine = MILESTONES.replace("title: \"Revision of the Europol regulation\"", "title: \"Europol revision\"")
    merged = merge_file("milestones.yaml", MILESTONES, mine, theirs)
    assert [(c.record, c.field) for c in merged.conflicts] == [("europol-regulation-revision-2026", WHOLE_RECORD)]
    assert "Europol revision" in merged.text


def test_a_merge_that_would_not_validate_keeps_mine_whole() -> None:
    first = "    period: \"2026\"\n    areas: [strong-borders, return-readmission, financial-operational-support]"
    assert first in MILESTONES
    base = MILESTONES.replace(first, "    date: 2026-06-30\n" + first, 1)  # both a date and a period
    mine = base.replace("    date: 2026-06-30\n", "", 1)  # I drop the date: valid
    theirs = base.replace("    period: \"2026\"\n    areas: [strong", "    areas: [strong", 1)  # they drop the period
    merged = merge_file("milestones.yaml", base, mine, theirs)  # neither date nor period: invalid
    assert merged.text == mine and [c.field for c in merged.conflicts] == [WHOLE_FILE]


def test_a_merge_that_would_not_validate_says_where_and_why() -> None:
    first = "    period: \"2026\"\n    areas: [strong-borders, return-readmission, financial-operational-support]"
    base = MILESTONES.replace(first, "    date: 2026-06-30\n" + first, 1)
    mine = base.replace("    date: 2026-06-30\n", "", 1)
    theirs = base.replace("    period: \"2026\"\n    areas: [strong", "    areas: [strong", 1)
    [conflict] = merge_file("milestones.yaml", base, mine, theirs).conflicts
    line = theirs[:theirs.index("    areas: [strong")].rsplit("  - id:", 1)[0].count("\n") + 1
    assert f"milestones.yaml:{line}" in conflict.theirs, conflict.theirs
    assert "a milestone needs a 'date'" in conflict.theirs


def test_their_comments_come_with_the_lines_taken_from_them() -> None:
    mine = BASE.replace("system for return**", "system for returns**")
    theirs = BASE.replace("short_title:\n  en: \"Return and readmission\"\n",
                          "# shortened for the agenda, as agreed on 3 March\n"
                          "short_title:\n  en: \"Returns\"  # the deck's own wording\n")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert "system for returns**" in merged.text
    assert ("# shortened for the agenda, as agreed on 3 March\n"
            "short_title:\n  en: \"Returns\"  # the deck's own wording\n") in merged.text, merged.text[:900]


def test_comments_both_sides_wrote_above_the_same_field_are_both_kept() -> None:
    field = "    text: \"**Building a common European system for return**\"\n"
    mine = BASE.replace(field, "    # Anna: wording checked with the Commission\n" + field)
    theirs = BASE.replace(field, "    # Ben: keep in line with the Pact\n" + field).replace(
        "short_title:\n  en: \"Return and readmission\"", "short_title:\n  en: \"Returns\"")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert ("    # Anna: wording checked with the Commission\n    # Ben: keep in line with the Pact\n"
            + field) in merged.text
    assert "short_title:\n  en: \"Returns\"" in merged.text


def test_a_comment_they_added_alone_arrives_next_to_my_edit() -> None:
    mine = BASE.replace("system for return**", "system for returns**")
    theirs = BASE.replace("  - id: readmission-by-third-countries\n",
                          "  # Ben: the Council's text of 5 March\n  - id: readmission-by-third-countries\n")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert "system for returns**" in merged.text
    assert "  # Ben: the Council's text of 5 March\n  - id: readmission-by-third-countries\n" in merged.text


def test_a_hash_line_inside_a_block_scalar_is_not_taken_for_a_comment() -> None:
    base = "id: x\nname: X\nnotes: |\n  first\nregion: A\n"
    mine = base.replace("region: A", "region: B")
    theirs = base.replace("  first\n", "  first\n  # kept as text\n")
    merged = merge_file("unknown/x.yaml", base, mine, theirs)
    assert merged.text == "id: x\nname: X\nnotes: |\n  first\n  # kept as text\nregion: B\n"


def test_files_with_windows_line_breaks_merge_and_keep_them() -> None:
    base = BASE.replace("\n", "\r\n")
    field = "    text: \"**Building a common European system for return**\"\r\n"
    mine = base.replace(field, "    # Anna\r\n" + field)
    theirs = base.replace(field, "    # Ben\r\n" + field).replace("short_title:\r\n  en: \"Return and readmission\"",
                                                              "short_title:\r\n  en: \"Returns\"")
    merged = merge_file(AREA, base, mine, theirs)
    assert merged.conflicts == ()
    assert "    # Anna\r\n    # Ben\r\n" + field in merged.text
    assert "short_title:\r\n  en: \"Returns\"\r\n" in merged.text
    assert merged.text.count("\n") == merged.text.count("\r\n")


SUB_1 = ("      - \"Adoption and implementation of the **Return Regulation** and establishing a **common European "
         "system**.\"\n")
SUB_3 = "      - \"**Digitalisation of return procedures** – legislative proposal in 2026\"\n"
SUB_LAST = ("      - \"**Revision of the Frontex regulation in 2026** - strengthening the agency's operational role in "
            "return operations both within and outside the EU.\"\n")


def test_edits_of_different_sub_points_both_land() -> None:
    mine = BASE.replace(SUB_1, SUB_1.replace("Adoption and", "Swift adoption and"))
    theirs = BASE.replace(SUB_3, SUB_3.replace("in 2026", "in Q3 2026"))
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert "Swift adoption and" in merged.text and "legislative proposal in Q3 2026" in merged.text


def test_sub_points_both_sides_appended_are_all_kept() -> None:
    mine = BASE.replace(SUB_LAST, SUB_LAST + "      - \"Anna's new point\"\n")
    theirs = BASE.replace(SUB_LAST, SUB_LAST + "      - \"Ben's new point\"\n")
    merged = merge_file(AREA, BASE, mine, theirs)
    assert merged.conflicts == ()
    assert SUB_LAST + "      - \"Anna's new point\"\n      - \"Ben's new point\"\n" in merged.text


def test_the_same_sub_point_edited_twice_is_still_a_conflict() -> None:
    mine = BASE.replace(SUB_3, SUB_3.replace("in 2026", "in Q2 2026"))
    theirs = BASE.replace(SUB_3, SUB_3.replace("in 2026", "in Q3 2026"))
    [conflict] = merge_file(AREA, BASE, mine, theirs).conflicts
    assert conflict.field == "sub_points"


def test_different_fields_of_one_key_figure_both_land() -> None:
    card = (sample_store_dir() / "countries" / "egypt.yaml").read_text(encoding="utf-8")
    mine = card.replace("    value: 15\n", "    value: 16\n", 1)
    theirs = card.replace("    as_of: 2026-01-12\n", "    as_of: 2026-03-01\n", 1)
    merged = merge_file("countries/egypt.yaml", card, mine, theirs)
    assert merged.conflicts == ()
    assert "    value: 16\n" in merged.text and "    as_of: 2026-03-01\n" in merged.text
