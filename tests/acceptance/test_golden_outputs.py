"""The bundled packs come out byte-identical to the recorded outputs.

Restructuring the code must not change a single byte of a deck or an annex. The SHA-256 of
each output, built on a fixed date from a copy of the bundled store, is recorded in
``tests/fixtures/golden/output-hashes.json``. A change that is meant to alter the outputs
refreshes the record with ``python -m tests.acceptance.test_golden_outputs`` and says why in
its commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
from pathlib import Path

from briefing_builder.paths import sample_store_dir
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store

RECORD = Path(__file__).resolve().parents[1] / "fixtures" / "golden" / "output-hashes.json"
PACKS = ("jha-counsellors-2026-01-12", "strategy-partners-briefing", "jha-counsellors-2026-01-12-fr")
TEMPLATES = ("briefing-16x9", "briefing-4x3")
BUILT_ON = dt.date(2026, 1, 12)


def output_hashes(work: Path) -> dict[str, str]:
    """Build every bundled pack on every bundled template under ``work``; name → SHA-256."""
    store = work / "store"
    shutil.copytree(sample_store_dir(), store)
    hashes: dict[str, str] = {}
    for template in TEMPLATES:
        for pack_id in PACKS:
            catalog = load_store(store)
            out = work / template
            out.mkdir(exist_ok=True)
            result = build_pack(catalog.packs[pack_id], catalog, out, template, generated_on=BUILT_ON)
            for path in (result.deck, result.annex):
                assert path is not None
                hashes[f"{template}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def test_outputs_are_byte_identical_to_the_record(tmp_path: Path) -> None:
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    built = output_hashes(tmp_path)
    changed = sorted(name for name in recorded.keys() | built.keys() if recorded.get(name) != built.get(name))
    assert not changed, (f"outputs differ from {RECORD.name}: {changed}. If the change is meant, "
                         "refresh with `python -m tests.acceptance.test_golden_outputs`.")


if __name__ == "__main__":  # refresh the record
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        RECORD.write_text(json.dumps(output_hashes(Path(scratch)), indent=2, sort_keys=True) + "\n",
                          encoding="utf-8")
    print(f"recorded {RECORD}", file=sys.stderr)
