"""The invariant: for any store the loader accepts, every pack that validates builds its deck
and its annex without an exception.

Stores are drawn by :func:`tests.store.strategies.stores` (every record type, every optional
field, every date and period form, any Unicode, numbers at the schema's limits). Each is
written to disk, loaded as `validate` loads it — it must be valid, since everything drawn
is — and every pack is built with :func:`build_pack`, deck and annex, on the bundled
templates. Seeded and bounded (``VALID_STORE_EXAMPLES``, default 25) so `make test` stays
well under a minute; ``VALID_STORE_EXAMPLES=500 RELIABILITY_RANDOM=1`` hunts wider.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, Phase, given, settings

from briefing_builder.pipeline import build_pack, template_diagnostics
from briefing_builder.store import load_store
from tests.reliability.helpers import assert_sound_deck, write_store
from tests.store.strategies import stores

EXAMPLES = int(os.environ.get("VALID_STORE_EXAMPLES", "25"))
RANDOM = bool(os.environ.get("RELIABILITY_RANDOM"))
#: Shrinking a failure takes minutes (every step builds decks); VALID_STORE_SHRINK=0 reports it as drawn.
PHASES = [p for p in Phase if p is not Phase.shrink or os.environ.get("VALID_STORE_SHRINK", "1") != "0"]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(files=stores())
def test_every_pack_of_a_valid_store_builds_deck_and_annex(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_store(Path(tmp) / "store", files)
        catalog = load_store(root)
        problems = catalog.errors + template_diagnostics(catalog)
        assert [d.format(root) for d in problems] == []  # `validate` says valid
        assert len(catalog.packs) == sum(name.startswith("packs/") for name in files)
        for pack in catalog.packs.values():
            result = build_pack(pack, catalog, Path(tmp) / "out")
            assert_sound_deck(result.deck.read_bytes())
            assert result.annex is not None
            openpyxl.load_workbook(io.BytesIO(result.annex.read_bytes()))
