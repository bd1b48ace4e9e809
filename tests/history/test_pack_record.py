"""The pack file's own list of its exports, appended without touching what the person wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_builder.history.pack_record import record_export
from briefing_builder.store.loader import load_store
from briefing_builder.store.writer import StoreWriteError

PACK = "jha-counsellors-2026-01-12"


def test_exports_are_appended_newest_last_and_the_rest_of_the_file_kept(store: Path) -> None:
    pack = store / "packs" / f"{PACK}.yaml"
    before = pack.read_text(encoding="utf-8")
    record_export(pack, "export-2026-01-10", dt.date(2026, 1, 10))
    record_export(pack, "export-2026-03-01", dt.date(2026, 3, 1))
    after = pack.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments, order and quoting as the person wrote them
    assert after[len(before.rstrip("\n")):].lstrip("\n").startswith("exports:")
    assert after.index("export-2026-01-10") < after.index("export-2026-03-01")
    assert not load_store(store).errors


def test_a_crlf_pack_keeps_its_line_endings(store: Path) -> None:
    pack = store / "packs" / f"{PACK}.yaml"
    pack.write_bytes(pack.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    record_export(pack, "export-1", dt.date(2026, 1, 10))
    data = pack.read_bytes()
    assert b"export-1" in data and data.count(b"\n") == data.count(b"\r\n")


def test_a_pack_file_that_is_not_valid_yaml_or_not_a_pack_is_refused_untouched(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nsections: [unclosed\n", encoding="utf-8")
    with pytest.raises(StoreWriteError, match=r"broken\.yaml: not valid YAML .*; fix it first"):
        record_export(broken, "export-1", dt.date(2026, 1, 10))
    assert broken.read_text(encoding="utf-8") == "id: x\nsections: [unclosed\n"
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(StoreWriteError, match=r"list\.yaml: not a pack \(expected a mapping\)"):
        record_export(listed, "export-1", dt.date(2026, 1, 10))
