"""Who returned a workbook, when, and what each delegation said, kept as YAML in the store.

Workbooks are written by XlsxWriter with the properties Excel keeps (Delegation, last saved);
the feedback files are written into a copy of the bundled store and read back as the next
export reads them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
import yaml

from briefing_builder.annex.feedback import (
    Entry,
    Feedback,
    code_in_name,
    delegation_of,
    feedback_path,
    received,
    returned_on,
    save,
)
from briefing_builder.annex.headers import position_label
from briefing_builder.annex.package import open_package
from briefing_builder.paths import sample_store_dir
from tests.zip_parts import rewrite_package

PACK = "jha-counsellors-2026-01-12"


def _workbook(path: Path, delegation: str | None = None, saved: dt.datetime | None = None) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Measures").write("A1", "ID")
    if delegation:
        workbook.set_custom_property("Delegation", delegation)
    if saved:
        workbook.set_properties({"created": saved})
    workbook.close()
    return path


@pytest.mark.parametrize(("name", "code"), [("annex-NL.xlsx", "NL"), ("FR_returned.xlsx", "FR"),
                                            ("jha 2026 GR comments.xlsx", "EL"), ("DE-AT joint.xlsx", "DE"),
                                            ("ANNEX.xlsx", None), ("annex-nl.xlsx", None), ("IT.xlsx", "IT"),
                                            ("annex-UK.xlsx", None), ("returned.xlsx", None)])
def test_a_member_states_code_is_read_from_the_file_name(name: str, code: str | None) -> None:
    assert code_in_name(Path(name)) == code


def test_the_workbooks_own_delegation_property_wins_over_the_file_name(tmp_path: Path) -> None:
    named = _workbook(tmp_path / "annex-NL.xlsx", delegation=" Permanent Representation of Belgium ")
    assert delegation_of(open_package(named), named) == "Permanent Representation of Belgium"
    plain = _workbook(tmp_path / "annex-NL.xlsx")
    assert delegation_of(open_package(plain), plain) == "NL"
    anonymous = _workbook(tmp_path / "our comments.xlsx")
    assert delegation_of(open_package(anonymous), anonymous) == "our comments"


def test_the_returned_date_is_the_workbooks_last_saved_date(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "annex-NL.xlsx", saved=dt.datetime(2026, 1, 20, 17, 5))
    assert returned_on(open_package(path)) == dt.date(2026, 1, 20)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(rewrite_package(path, {"docProps/core.xml": lambda xml: xml.replace(
        b"2026-01-20T17:05:00Z", b"last Tuesday")}))
    assert returned_on(open_package(damaged)) is None
    (tmp_path / "bare.xlsx").write_bytes(rewrite_package(path, {"docProps/core.xml": None}))
    assert returned_on(open_package(tmp_path / "bare.xlsx")) is None


def _feedback(delegation: str, *entries: Entry) -> Feedback:
    return Feedback(delegation, PACK, f"annex-{delegation}.xlsx", dt.date(2026, 1, 20), dt.date(2026, 1, 21),
                    list(entries))


def test_feedback_is_kept_as_readable_yaml_in_the_delegations_own_file(store: Path) -> None:
    feedback = _feedback("NL", Entry("eu-talent-pool", "Measures!5", "support", "Wij steunen dit — “volledig”.",
                                     {"NL remarks": "zie nota", "note on C5": "check with BZ"}),
                         Entry("return-hubs", "Measures!9", "", "Reserve"))
    path = save(feedback, store)
    assert path == feedback_path(store, PACK, "NL") == store / "feedback" / PACK / "NL.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# What NL said about the pack jha-counsellors-2026-01-12, read from annex-NL.xlsx.")
    assert "Wij steunen dit — “volledig”." in text  # written as typed, not escaped
    data = yaml.safe_load(text)
    assert (data["returned"], data["imported"]) == ("2026-01-20", "2026-01-21")
    assert data["entries"][0]["other"] == {"NL remarks": "zie nota", "note on C5": "check with BZ"}
    assert "other" not in data["entries"][1]
    again = save(_feedback("NL", Entry("return-hubs", "Measures!9", "oppose", "")), store)
    assert again == path and len(yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]) == 1  # replaced


def test_a_delegation_name_that_is_no_file_name_gets_a_safe_one(store: Path) -> None:
    assert feedback_path(store, PACK, "CZ / Czech Presidency").name == "CZ_Czech_Presidency.yaml"
    assert feedback_path(store, PACK, "../../etc").parent == store / "feedback" / PACK
    assert feedback_path(store, PACK, "///").name == "_.yaml"
    assert feedback_path(store, PACK, "").name == "delegation.yaml"


def test_the_bundled_store_is_never_written() -> None:
    assert save(_feedback("NL"), sample_store_dir()) is None
    assert not (sample_store_dir() / "feedback").exists()


def test_what_was_received_is_one_line_per_delegation_with_positions_in_the_packs_language(store: Path) -> None:
    save(_feedback("NL", Entry("eu-talent-pool", "Measures!5", "support", "Agreed.")), store)
    save(_feedback("FR", Entry("eu-talent-pool", "Measures!5", "soutien", ""),
                   Entry("return-hubs", "Measures!9", "", "")), store)  # said nothing on return-hubs
    (store / "feedback" / PACK / "XX.yaml").write_text("entries: [unclosed", encoding="utf-8")  # damaged: skipped
    said = received(store, PACK)
    support = position_label("support", "en")
    assert said == {"eu-talent-pool": f"FR: {support}\nNL: {support} — Agreed."}
    assert received(store, PACK, "fr")["eu-talent-pool"].startswith(f"FR: {position_label('support', 'fr')}")
    assert received(store, "no-such-pack") == {}
